# MicroPython differs: CPython has no vfs module; VfsFat and VfsLfs2 on a RAM block device,
# reopened from a copy of its bytes (as an image saved to a file and mounted again).
import vfs, binascii


class RAMDevice:
    def __init__(self, blocks, size=512, data=None):
        self.size = size
        self.data = bytearray(data) if data is not None else bytearray(blocks * size)

    def readblocks(self, block, buf, off=0):
        at = block * self.size + off
        buf[:] = self.data[at : at + len(buf)]

    def writeblocks(self, block, buf, off=None):
        at = block * self.size + (off or 0)
        self.data[at : at + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.size
        if op == 5:
            return self.size
        if op == 6:
            return 0


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
