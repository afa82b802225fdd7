# MicroPython differs: CPython has no vfs module; a ROMFS image made here byte by byte, read
# through vfs.VfsRom standalone and mounted (listing, stat, files, import).
import os
import sys
import vfs


def uint(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, 0x80 | (n & 0x7F))
        n >>= 7
    return bytes(out)


def record(kind, payload):
    return uint(kind) + uint(len(payload)) + payload


def named(kind, name, inner):
    return record(kind, uint(len(name)) + name + inner)


image = record(
    0x14A6B1,
    named(5, b"readme.txt", record(2, b"rom text\n"))
    + named(4, b"lib", named(5, b"rommod.py", record(2, b"NAME = 'from rom'\n")))
    + record(1, b"padding is skipped")
    + named(5, b"empty", b""),
)
print(image[:3], len(image))

fs = vfs.VfsRom(image)
print(sorted(fs.ilistdir("/")))
print(list(fs.ilistdir("/lib")))
print(fs.stat("/readme.txt")[0] == 0x8000, fs.stat("/lib")[0] == 0x4000, fs.stat("/readme.txt")[6])
print(fs.statvfs("/")[2] == len(image) - 4)
with fs.open("/readme.txt", "rb") as f:
    print(f.read())
for bad in (lambda: fs.open("/readme.txt", "w"), lambda: fs.open("/lib", "r"), lambda: fs.stat("/none")):
    try:
        bad()
    except OSError as e:
        print("OSError", e.errno)
try:
    vfs.VfsRom(b"not a romfs")
except OSError as e:
    print("not ROMFS:", e.errno)

vfs.mount(fs, "/rom")
print(os.listdir("/rom"), open("/rom/readme.txt").read().strip())
sys.path.append("/rom/lib")
import rommod

print(rommod.NAME)
sys.path.pop()
vfs.umount("/rom")
