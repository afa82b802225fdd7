# MicroPython differs: CPython has no vfs module; this is MicroPython's VFS with a filesystem
# written in Python (what mpremote mount puts at /remote): the calls it receives, and how
# os, open() and import reach it.
import io
import os
import sys
import vfs

calls = []


class MemFile(io.IOBase):
    def __init__(self, data, text):
        self.data = data
        self.pos = 0
        self.text = text

    def read(self, n=-1):
        end = len(self.data) if n < 0 else self.pos + n
        d = self.data[self.pos : end]
        self.pos += len(d)
        return str(d, "utf8") if self.text else d

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        calls.append(("readinto", len(buf), n))
        return n

    def ioctl(self, req, arg):
        calls.append(("ioctl", req, arg))
        if req == 11:
            return 7
        return 0


class MemFS:
    def __init__(self, files):
        self.files = files
        self.cwd = "/"

    def _abs(self, path):
        return path if path.startswith("/") else self.cwd + path

    def mount(self, readonly, mkfs):
        calls.append(("mount", readonly, mkfs))

    def umount(self):
        calls.append(("umount",))

    def ilistdir(self, path):
        calls.append(("ilistdir", path))
        for name in sorted(self.files):
            yield (name[1:], 0x8000, 0)

    def stat(self, path):
        calls.append(("stat", path))
        p = self._abs(path)
        if p in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[p]), 0, 0, 0)
        raise OSError(2)

    def statvfs(self, path):
        return (512, 512, 100, 50, 50, 0, 0, 0, 0, 255)

    def open(self, path, mode):
        calls.append(("open", path, mode))
        p = self._abs(path)
        if "w" in mode:
            self.files[p] = b""
            return MemFile(b"", "b" not in mode)
        if p not in self.files:
            raise OSError(2)
        return MemFile(self.files[p], "b" not in mode)

    def chdir(self, path):
        calls.append(("chdir", path))
        self.cwd = path if path.endswith("/") else path + "/"

    def getcwd(self):
        return self.cwd

    def mkdir(self, path):
        calls.append(("mkdir", path))

    def remove(self, path):
        calls.append(("remove", path))
        del self.files[self._abs(path)]

    def rename(self, a, b):
        calls.append(("rename", a, b))
        self.files[self._abs(b)] = self.files.pop(self._abs(a))

    def rmdir(self, path):
        calls.append(("rmdir", path))


def show():
    for c in calls:
        print(" ", c)
    calls.clear()


fs = MemFS({"/notes.txt": b"line one\nline two\n", "/memmod.py": b"print('memmod runs')\nVALUE = 6 * 7\n"})
vfs.mount(fs, "/mem", readonly=True)
show()
print([p for fs_, p in vfs.mount()])
print("mem" in os.listdir("/"))
print(os.listdir("/mem"))
show()
print(os.stat("/mem/notes.txt")[6])
print(os.statvfs("/mem")[0])
print(open("/mem/notes.txt").read().split())
show()

# import goes through stat, then open/readinto/ioctl
sys.path.insert(0, "/mem")
import memmod

print(memmod.VALUE, memmod.__file__)
show()
sys.path.pop(0)

# chdir into the mount: relative paths and getcwd go to it
os.chdir("/mem")
print(os.getcwd())
os.rename("notes.txt", "n2.txt")
print(os.listdir())
os.remove("n2.txt")
os.mkdir("sub")
os.rmdir("sub")
show()
os.chdir("/")
print(os.getcwd())

# errors the mount table gives itself
for bad in (lambda: vfs.mount(fs, "/mem"), lambda: os.mkdir("/mem"), lambda: os.rename("/mem/a", "/b"),
            lambda: vfs.umount("/nowhere"), lambda: os.stat("/mem/missing")):
    try:
        bad()
    except OSError as e:
        print("OSError", e.errno)
calls.clear()
vfs.umount(fs)
show()
print([p for fs_, p in vfs.mount()])
