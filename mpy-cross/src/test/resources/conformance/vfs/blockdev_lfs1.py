# MicroPython differs: CPython has no vfs module; VfsLfs1 (littlefs v1) on a RAM block device:
# the image's CRC after each step (the firmware's bytes), free blocks, moves, removals, a
# directory spilling into a second block pair, a full device, mount's autodetection.
import vfs, binascii
from _ramdev import RAMDevice


def step(name):
    print(name, hex(binascii.crc32(dev.data)), fs.statvfs("/")[3])


dev = RAMDevice(30, 1024)
try:
    vfs.VfsLfs1(dev)
except OSError as e:
    print("unformatted", e.errno)
vfs.VfsLfs1.mkfs(dev)
fs = vfs.VfsLfs1(dev)
step("mkfs")
with fs.open("test", "w") as f:
    f.write("littlefs")
step("file")
fs.mkdir("testdir")
fs.mkdir("testdir/sub")
with fs.open("testdir/big", "wb") as f:
    for i in range(50):
        f.write(bytes(range(i, i + 100)))
        if i == 20:
            print("tell", f.tell())
step("big")
print(list(fs.ilistdir()), list(fs.ilistdir(b"testdir")))
with fs.open("test", "a") as f:
    f.write("!!more")
fs.rename("test", "testdir/moved")
fs.remove("testdir/sub")
step("moved")
with fs.open("testdir/big", "r+b") as f:
    f.seek(1000)
    f.write(b"X" * 3000)
    f.seek(200)
    print(f.read(10))
step("rewrite")
for i in range(40):
    fs.open("f%d" % i, "w").close()
step("many")
for i in range(0, 40, 3):
    fs.remove("f%d" % i)
step("fewer")
print(len(list(fs.ilistdir())), fs.stat("testdir/big"), fs.stat("/"))
fs.chdir("testdir")
print(fs.getcwd(), list(fs.ilistdir()))
for op in (lambda: fs.mkdir("moved"), lambda: fs.rmdir("/testdir"), lambda: fs.open("big/x", "w"),
           lambda: fs.open("/testdir", "r"), lambda: fs.open("moved", "x"), lambda: fs.chdir("nowhere")):
    try:
        op()
    except OSError as e:
        print("error", e.errno)
try:
    with fs.open("huge", "wb") as f:
        for i in range(40):
            f.write(bytes(1000))
except OSError as e:
    print("full", e.errno)
step("full")

# the image mounted again: by vfs.mount's autodetection, then read back
vfs.mount(RAMDevice(0, 1024, data=dev.data), "/lfs1")
import os

print(sorted(os.listdir("/lfs1")), sorted(os.listdir("/lfs1/testdir")))
with open("/lfs1/testdir/moved") as f:
    print(f.read())
with open("/lfs1/testdir/big", "rb") as f:
    data = f.read()
    print(len(data), binascii.crc32(data))
vfs.umount("/lfs1")
