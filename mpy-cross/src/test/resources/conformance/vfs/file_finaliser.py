# MicroPython differs: CPython has no vfs or micropython; a file on a block device that the
# program drops without closing is closed (its data written out) by gc.collect(), as
# MicroPython's finaliser does, and open() raises MemoryError while the heap is locked.
import gc, micropython, vfs
from _ramdev import NoAllocRAMDevice


def dropped(fs, names):
    for n in names:
        f = fs.open(n, "w")
        f.write("data of " + n)
        f = None


for cls, blocks in ((vfs.VfsFat, 64), (vfs.VfsLfs1, 32), (vfs.VfsLfs2, 32)):
    dev = NoAllocRAMDevice(blocks)
    cls.mkfs(dev)
    fs = cls(dev)
    micropython.heap_lock()
    try:
        fs.open("x", "w")
    except MemoryError:
        print(cls.__name__, "MemoryError")
    micropython.heap_unlock()
    names = ["f%d" % i for i in range(6)]
    for i in range(1000):
        []
    dropped(fs, names)
    gc.collect()
    # (the last few may still be referenced from the C stack on the firmware)
    for n in names[:3]:
        with fs.open(n, "r") as f:
            print(n, f.read())
    # a file closed by the program is not closed again
    f = fs.open("kept", "w")
    f.write("once")
    f.close()
    f = None
    gc.collect()
    print(fs.open("kept", "r").read(), fs.statvfs("/")[3] > 0)
