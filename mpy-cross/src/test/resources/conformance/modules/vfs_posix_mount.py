# MicroPython differs: CPython has no vfs module; VfsPosix mounts a directory of the host (here
# one made by the program) elsewhere in the tree, also read-only.
import os
import vfs

os.mkdir("vp_dir")
with open("vp_dir/a.txt", "w") as f:
    f.write("alpha")
print(type(vfs.mount()[-1][0]).__name__, vfs.mount()[-1][1])

vfs.mount(vfs.VfsPosix("vp_dir"), "/vp")
print(sorted(os.listdir("/vp")))
print(open("/vp/a.txt").read())
os.mkdir("/vp/sub")
with open("/vp/sub/b.txt", "w") as f:
    f.write("beta")
print(sorted(os.listdir("/vp")), os.listdir("/vp/sub"))
print(os.stat("/vp/sub")[0] & 0x4000 != 0, os.stat("/vp/sub/b.txt")[6])
here = os.getcwd()
os.chdir("/vp/sub")
print(os.getcwd(), open("b.txt").read())
os.chdir(here)
# (renaming through a VfsPosix made with a root fails on the unix port v1.28: both paths
# share one buffer there, so rename it through the filesystem at /)
os.rename("vp_dir/sub/b.txt", "vp_dir/c.txt")
print(sorted(os.listdir("/vp")))
try:
    os.rename("/vp/c.txt", here + "/c.txt")
except OSError as e:
    print("across filesystems:", e.errno)
vfs.umount("/vp")

vfs.mount(vfs.VfsPosix("vp_dir"), "/ro", readonly=True)
print(open("/ro/c.txt").read())
for op in (lambda: open("/ro/new.txt", "w"), lambda: os.mkdir("/ro/d"), lambda: os.remove("/ro/c.txt")):
    try:
        op()
    except OSError as e:
        print("read-only:", e.errno)
vfs.umount("/ro")

for name in ("vp_dir/c.txt", "vp_dir/a.txt"):
    os.remove(name)
os.rmdir("vp_dir/sub")
os.rmdir("vp_dir")
print("vp_dir" in os.listdir())
