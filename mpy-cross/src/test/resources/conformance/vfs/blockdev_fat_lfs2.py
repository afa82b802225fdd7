# MicroPython differs: CPython has no vfs module; VfsFat and VfsLfs2 on a RAM block device,
# reopened from a copy of its bytes (as an image saved to a file and mounted again).
import vfs, binascii
from _ramdev import RAMDevice


for cls, blocks in ((vfs.VfsFat, 64), (vfs.VfsLfs2, 32)):
    dev = RAMDevice(blocks)
    cls.mkfs(dev)
    fs = cls(dev)
    fs.mkdir("lib")
    with fs.open("lib/A Long File Name.py", "w") as f:
        f.write("print(42)\n")
    with fs.open("data.bin", "wb") as f:
        f.write(bytes(i % 251 for i in range(5000)))
    with fs.open("small.txt", "w") as f:
        f.write("hi")
    again = cls(RAMDevice(0, data=dev.data))
    print(sorted(again.ilistdir("/")), sorted(again.ilistdir("lib")), again.statvfs("/"))
    with again.open("data.bin", "rb") as f:
        print(binascii.crc32(f.read()))
    with again.open("lib/A Long File Name.py", "r") as f:
        print(repr(f.read()))
    try:
        again.open("missing", "r")
    except OSError as e:
        print(e.errno)
    try:
        again.rmdir("lib")
    except OSError as e:
        print(e.errno)

for cls in (vfs.VfsFat, vfs.VfsLfs2):
    try:
        cls(RAMDevice(16)).statvfs("/")
    except OSError as e:
        print(cls.__name__, e.errno)
