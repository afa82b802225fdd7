# MicroPython differs: no FileNotFoundError subclass: open raises OSError
import errno
try:
    open("/definitely/not/here.txt")
except OSError as e:
    print(type(e).__name__, e.args[0] == errno.ENOENT, e.errno == errno.ENOENT)
e = OSError(errno.EEXIST, "exists")
print(e.errno == errno.EEXIST, e.args[1])
print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EACCES)
