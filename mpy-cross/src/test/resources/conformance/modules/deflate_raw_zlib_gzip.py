# MicroPython differs: deflate is MicroPython's module (CPython has zlib instead)
import deflate, io

# zlib.compress(b"hello hello hello hello", wbits=...) for raw, zlib and gzip streams
raw = b"\xcbH\xcd\xc9\xc9W\xc8@'\x01"
zl = b"x\x9c\xcbH\xcd\xc9\xc9W\xc8@'\x01h\x03\x08\xb1"
gz = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcbH\xcd\xc9\xc9W\xc8@'\x01\xe3Q=\x8d\x17\x00\x00\x00"

for data, fmt in ((raw, deflate.RAW), (zl, deflate.ZLIB), (gz, deflate.GZIP), (zl, deflate.AUTO), (gz, deflate.AUTO)):
    with deflate.DeflateIO(io.BytesIO(data), fmt) as d:
        print(d.read())

src = io.BytesIO(zl)
d = deflate.DeflateIO(src)
print(src.tell(), d.read(3), src.tell(), d.read(), src.tell())

for data, fmt in ((raw, deflate.AUTO), (zl, deflate.GZIP), (zl[:-4] + b"\x00\x00\x00\x00", deflate.ZLIB)):
    try:
        deflate.DeflateIO(io.BytesIO(data), fmt).read()
    except OSError:
        print("OSError")
try:
    deflate.DeflateIO(io.BytesIO(raw[:4]), deflate.RAW).read()
except EOFError:
    print("EOFError")
for bad in ((deflate.RAW, 4), (5, 0)):
    try:
        deflate.DeflateIO(io.BytesIO(raw), *bad)
    except ValueError:
        print("ValueError")
