import errno
print(errno.ENOENT, errno.EIO, errno.EBADF, errno.EAGAIN, errno.ENOMEM, errno.EACCES)
print(errno.EEXIST, errno.ENODEV, errno.EISDIR, errno.EINVAL)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EINVAL])
codes = [errno.ENOENT, errno.EIO, errno.EBADF, errno.EAGAIN, errno.ENOMEM, errno.EACCES,
         errno.EEXIST, errno.ENODEV, errno.EISDIR, errno.EINVAL]
print(len(set(codes)) == len(codes), all(c > 0 for c in codes))
for c in sorted(codes):
    print(c, errno.errorcode[c])
import os
try:
    os.rmdir("no_such_dir")
except OSError as e:
    print(e.args[0] == errno.ENOENT, errno.errorcode[e.args[0]])
os.mkdir("here")
try:
    os.mkdir("here")
except OSError as e:
    print(e.args[0] == errno.EEXIST)
os.rmdir("here")
