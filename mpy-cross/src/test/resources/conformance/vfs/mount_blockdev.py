# MicroPython differs: CPython has no vfs module; a block device given to vfs.mount is
# recognised (littlefs by its superblock, else FAT), then used through open(), os and import.
import vfs, os
from _ramdev import RAMDevice


for cls, point in ((vfs.VfsFat, "/fat"), (vfs.VfsLfs2, "/lfs")):
    dev = RAMDevice(64)
    cls.mkfs(dev)
    vfs.mount(dev, point)
    print([type(fs).__name__ for fs, p in vfs.mount() if p == point])
    os.mkdir(point + "/pkg")
    with open(point + "/pkg/mod_" + point[1:] + ".py", "w") as f:
        f.write("X = %r\n" % point)
    with open(point + "/notes.txt", "w") as f:
        print("line one", file=f)
        f.write("line two\n")
    with open(point + "/notes.txt") as f:
        print(f.readlines())
    with open(point + "/notes.txt", "a") as f:
        f.write("three")
    print(os.stat(point + "/notes.txt")[6], sorted(os.listdir(point)))
    os.rename(point + "/notes.txt", point + "/pkg/renamed.txt")
    print(sorted(os.listdir(point + "/pkg")))
    os.chdir(point + "/pkg")
    print(os.getcwd(), open("renamed.txt").read())
    os.chdir("/")

import sys

sys.path.insert(0, "/fat/pkg")
sys.path.insert(0, "/lfs/pkg")
import mod_fat, mod_lfs

print(mod_fat.X, mod_lfs.X)
vfs.umount("/fat")
vfs.umount("/lfs")
print([p for fs, p in vfs.mount()])
