package dev.mpt.vm.extmod;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Heap;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.nio.charset.StandardCharsets;

/**
 * vfs.VfsLfs1: littlefs v1 ({@link Lfs1}) on a block device with the extended interface, with
 * the methods, arguments and errors of MicroPython's extmod/vfs_lfsx.c built for version 1:
 * {@code VfsLfs1(bdev, *, readsize=32, progsize=32, lookahead=32)} (no modification times:
 * stat gives 0), paths joined to the current directory as text and resolved by littlefs.
 */
final class VfsLfs1 extends VfsLfs {
    static final PyType TYPE = new PyType("VfsLfs1", new PyType[] {Types.OBJECT}, true);

    final Lfs1 fs;

    VfsLfs1(Options o) {
        super(o.bdev());
        this.fs = Lfs1.mount(dev, o.readSize(), o.progSize(), o.lookahead());
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    private static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    Object stat(Object path) {
        Lfs1.Info info = fs.stat(bytes(makePath(path)));
        long mode = info.type() == Lfs1.TYPE_REG ? Vfs.S_IFREG : Vfs.S_IFDIR;
        return PyTuple.of(mode, 0L, 0L, 0L, 0L, 0L, info.size(), 0L, 0L, 0L);
    }

    @Override
    FileAccess.Kind importStat(String path) {
        try {
            Lfs1.Info info = fs.stat(bytes(makePath(path)));
            return info.type() == Lfs1.TYPE_REG ? FileAccess.Kind.FILE : FileAccess.Kind.DIR;
        } catch (PyError x) {
            return FileAccess.Kind.NONE;
        }
    }

    @Override
    Object ilistdir(Object path) {
        boolean asBytes = path instanceof PyBytes;
        Lfs1.Dir dir = fs.dirOpen(bytes(makePath(path)));
        return new PyIter() {
            boolean done;

            @Override
            public Object next() {
                if (done) {
                    return null;
                }
                Lfs1.Info info;
                do {
                    info = fs.dirRead(dir);
                    if (info == null) {
                        fs.dirClose(dir);
                        done = true;
                        return null;
                    }
                } while (isDot(info.name()));
                Object name = asBytes ? new PyBytes(info.name()) : new String(info.name(), StandardCharsets.UTF_8);
                long mode = info.type() == Lfs1.TYPE_REG ? Vfs.S_IFREG : Vfs.S_IFDIR;
                return PyTuple.of(name, mode, 0L, info.size());
            }
        };
    }

    private static boolean isDot(byte[] n) {
        return (n.length == 1 && n[0] == '.') || (n.length == 2 && n[0] == '.' && n[1] == '.');
    }

    @Override
    Object open(Object path, String mode) {
        int flags = 0;
        boolean text = true;
        for (char c : mode.toCharArray()) {
            int newFlags = switch (c) {
                case 'r' -> Lfs1.O_RDONLY;
                case 'w' -> Lfs1.O_WRONLY | Lfs1.O_CREAT | Lfs1.O_TRUNC;
                case 'x' -> Lfs1.O_WRONLY | Lfs1.O_CREAT | Lfs1.O_EXCL;
                case 'a' -> Lfs1.O_WRONLY | Lfs1.O_CREAT | Lfs1.O_APPEND;
                default -> 0;
            };
            if (c == '+') {
                flags |= Lfs1.O_RDWR;
            } else if (c == 'b') {
                text = false;
            } else if (c == 't') {
                text = true;
            }
            if (newFlags != 0) {
                if (flags != 0) {
                    throw Ops.valueError(null);
                }
                flags = newFlags;
            }
        }
        if (flags == 0) {
            flags = Lfs1.O_RDONLY;
        }
        // the file object with its prog-sized buffer comes first, with a finaliser
        Heap.allocBlock(128 + fs.progSize);
        Lfs1.File f = fs.open(bytes(makePath(path)), flags);
        int acc = flags & 3;
        return new BlockFile(new Handle(f), text, acc != Lfs1.O_WRONLY, acc != Lfs1.O_RDONLY,
                (flags & Lfs1.O_APPEND) != 0);
    }

    /** An open littlefs v1 file as a {@link BlockFile} uses it: reads and writes at its position, seeks through littlefs. */
    private final class Handle implements BlockFile.Handle {
        final Lfs1.File f;

        Handle(Lfs1.File f) {
            this.f = f;
        }

        private void at(long pos) {
            if (pos != f.pos) {
                fs.seek(f, pos, Lfs1.SEEK_SET);
            }
        }

        @Override
        public int read(long pos, byte[] b, int off, int len) {
            at(pos);
            return fs.read(f, b, off, len);
        }

        @Override
        public int write(long pos, byte[] b, int off, int len) {
            // in append mode littlefs moves to the end itself
            if ((f.flags & Lfs1.O_APPEND) == 0) {
                at(pos);
            }
            return fs.write(f, b, off, len);
        }

        @Override
        public long size() {
            return fs.size(f);
        }

        @Override
        public long seek(long npos, boolean writable) {
            return fs.seek(f, npos, Lfs1.SEEK_SET);
        }

        @Override
        public long tell(long pos) {
            return fs.seek(f, 0, Lfs1.SEEK_CUR);
        }

        @Override
        public void sync() {
            fs.sync(f);
        }

        @Override
        public void close() {
            fs.close(f);
        }

        @Override
        public boolean printsAddress() {
            return false;
        }
    }

    @Override
    Object mkdir(Object path) {
        fs.mkdir(bytes(makePath(path)));
        return PyNone.NONE;
    }

    @Override
    Object remove(Object path) {
        fs.remove(bytes(makePath(path)));
        return PyNone.NONE;
    }

    @Override
    Object rename(Object from, Object to) {
        String t = Ops.str(to);
        fs.rename(bytes(makePath(from)), bytes(t.startsWith("/") ? t : cwd + t));
        return PyNone.NONE;
    }

    @Override
    Object chdir(Object pathIn) {
        String path = makePath(pathIn);
        if (path.length() > 1) {
            Lfs1.Info info;
            try {
                info = fs.stat(bytes(path));
            } catch (PyError e) {
                throw Errno.oserror(Errno.ENOENT);
            }
            if (info.type() != Lfs1.TYPE_DIR) {
                throw Errno.oserror(Errno.ENOENT);
            }
        }
        cwd = normalise(path);
        return PyNone.NONE;
    }

    /** The current directory after chdir(path): "/" or "/a/b/", repeated slashes, "." and ".." taken out. */
    static String normalise(String path) {
        if (path.length() == 1) {
            return path;
        }
        StringBuilder out = new StringBuilder("/");
        for (String part : (path + "/").substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                int cut = out.lastIndexOf("/", out.length() - 2);
                if (out.length() > 1) {
                    out.setLength(cut + 1);
                }
                continue;
            }
            out.append(part).append('/');
        }
        return out.toString();
    }

    @Override
    Object statvfs() {
        long[] used = {0};
        fs.traverse(b -> used[0]++);
        long free = fs.blockCount - used[0];
        return PyTuple.of((long) fs.blockSize, (long) fs.blockSize, fs.blockCount, free, free, 0L, 0L, 0L, 0L,
                (long) Lfs1.NAME_MAX);
    }

    static {
        define(TYPE, VfsLfs1.class, VfsLfs1::new,
                (dev, o) -> Lfs1.format(dev, o.readSize(), o.progSize(), o.lookahead()));
    }
}
