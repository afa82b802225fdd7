# MicroPython differs: CPython has no vfs or uctypes; a ROM filesystem's files are mapped in
# place: memoryview and uctypes.addressof of a file, a VfsRom over a file of another, and the
# str and bytes constants of an .mpy imported from it all lie within the image's buffer.
import sys, uctypes, vfs


def uint(v):
    out = [v & 0x7F]
    v >>= 7
    while v:
        out.insert(0, 0x80 | (v & 0x7F))
        v >>= 7
    return bytes(out)


def record(kind, payload):
    return uint(kind) + uint(len(payload)) + payload


def romfs(files):
    body = b""
    for name, data in files:
        body += record(5, uint(len(name)) + name + record(2, data))
    image = b"\xd2\xcd\x31" + uint(len(body)) + body
    if len(image) % 2:
        image = b"\xd2\xcd\x31\x80" + uint(len(body)) + body
    return image


# a module whose constants are the str "in rom" and the bytes b"raw bytes"
mpy = (
    b"M\x06\x00\x1f\x04\x02"
    b"\x08m.py\x00\x0f\x02s\x00\x02b\x00"
    b"\x05\x06in rom\x00\x06\x09raw bytes\x00"
    b"\x68\x00\x02\x01\x23\x00\x16\x02\x23\x01\x16\x03\x51\x63"
)
inner = romfs(((b"leaf.txt", b"inner file"),))
image = romfs(((b"hello.txt", b"hello, rom"), (b"inner.romfs", inner), (b"m.mpy", mpy)))
base = uctypes.addressof(image)
inside = lambda a: base <= a < base + len(image)

fs = vfs.VfsRom(image)
print(sorted(fs.ilistdir("/")))
with fs.open("hello.txt", "rb") as f:
    mv = memoryview(f)
    print(bytes(mv), len(mv), inside(uctypes.addressof(f)), uctypes.addressof(f) - base)
    print(bytes(mv[7:]), uctypes.addressof(mv[7:]) - uctypes.addressof(f))
with fs.open("inner.romfs", "rb") as f:
    nested = vfs.VfsRom(memoryview(f))
with nested.open("leaf.txt", "rb") as g:
    print(bytes(memoryview(g)), inside(uctypes.addressof(g)))

vfs.mount(fs, "/rom")
sys.path.insert(0, "/rom")
import m

print(m.s, m.b, inside(uctypes.addressof(m.s)), inside(uctypes.addressof(m.b)))
print(image[uctypes.addressof(m.s) - base :][:6], image[uctypes.addressof(m.b) - base :][:9])
with open("/rom/hello.txt") as f:
    print(f.read())
try:
    memoryview(open("/rom/hello.txt", "rb").read(1))
    print("bytes ok")
except TypeError:
    print("TypeError")
vfs.umount("/rom")
