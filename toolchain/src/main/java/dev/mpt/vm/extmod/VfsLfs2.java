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
import java.util.ArrayList;
import java.util.List;

/**
 * vfs.VfsLfs2: littlefs v2 ({@link Lfs2}) on a block device with the extended interface, with
 * the methods, arguments and errors of MicroPython's extmod/vfs_lfsx.c: {@code VfsLfs2(bdev, *,
 * readsize=32, progsize=32, lookahead=32, mtime=True)}, the file modification time kept as
 * user attribute 1 (nanoseconds since 1970, 8 bytes little-endian), the current directory as
 * a path string.
 */
final class VfsLfs2 extends VfsLfs {
    static final PyType TYPE = new PyType("VfsLfs2", new PyType[] {Types.OBJECT}, true);
    static final int ATTR_MTIME = 1;

    final Lfs2 fs;
    final boolean mtime;

    VfsLfs2(Options o) {
        super(o.bdev());
        this.fs = Lfs2.mount(dev, o.readSize(), o.progSize());
        this.mtime = o.mtime();
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    private List<String> parts(Object p) {
        return Lfs2.split(makePath(p));
    }

    private Lfs2.Entry entry(List<String> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        Lfs2.Place p = fs.lookup(parts);
        if (!p.found()) {
            throw Errno.oserror(Errno.ENOENT);
        }
        return p.m().ents.get(p.id());
    }

    @Override
    Object stat(Object path) {
        fs.load();
        Lfs2.Entry e = entry(parts(path));
        long secs = 0;
        boolean dir = e == null || e.type == Lfs2.T_DIR;
        long size = e == null || dir ? 0 : fs.fileSize(e);
        if (e != null) {
            byte[] t = e.attrs.get(ATTR_MTIME);
            if (t != null && t.length == 8) {
                long ns = 0;
                for (int i = 7; i >= 0; i--) {
                    ns = ns << 8 | (t[i] & 0xff);
                }
                secs = Long.divideUnsigned(ns, 1_000_000_000L);
            }
        }
        return PyTuple.of((long) (dir ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, 0L, 0L, 0L, 0L, size, secs, secs, secs);
    }

    @Override
    FileAccess.Kind importStat(String path) {
        fs.load();
        try {
            Lfs2.Entry e = entry(parts(path));
            return e == null || e.type == Lfs2.T_DIR ? FileAccess.Kind.DIR : FileAccess.Kind.FILE;
        } catch (PyError x) {
            return FileAccess.Kind.NONE;
        }
    }

    @Override
    Object ilistdir(Object path) {
        boolean bytes = path instanceof PyBytes;
        fs.load();
        Lfs2.Entry e = entry(parts(path));
        Lfs2.MDir first = e == null ? fs.root : fs.dirOf(e);
        List<Lfs2.Entry> ents = new ArrayList<>();
        for (Lfs2.MDir m : fs.dirPairs(first)) {
            for (Lfs2.Entry x : m.ents) {
                if (Lfs2.named(x)) {
                    ents.add(x);
                }
            }
        }
        java.util.Iterator<Lfs2.Entry> it = ents.iterator();
        return new PyIter() {
            @Override
            public Object next() {
                if (!it.hasNext()) {
                    return null;
                }
                Lfs2.Entry x = it.next();
                Object name = bytes ? new PyBytes(x.name) : x.nameStr();
                boolean d = x.type == Lfs2.T_DIR;
                return PyTuple.of(name, (long) (d ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, d ? 0L : fs.fileSize(x));
            }
        };
    }

    static byte[] nowNs() {
        long ns = System.currentTimeMillis() * 1_000_000L;
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ns >>> (8 * i));
        }
        return b;
    }

    @Override
    Object open(Object path, String modeStr) {
        fs.load();
        boolean read = false;
        boolean write = false;
        boolean create = false;
        boolean trunc = false;
        boolean excl = false;
        boolean append = false;
        boolean text = true;
        boolean set = false;
        for (char c : modeStr.toCharArray()) {
            switch (c) {
                case 'r', 'w', 'x', 'a' -> {
                    if (set) {
                        throw Ops.valueError(null);
                    }
                    set = true;
                    read = c == 'r';
                    write = c != 'r';
                    create = c != 'r';
                    trunc = c == 'w';
                    excl = c == 'x';
                    append = c == 'a';
                }
                case '+' -> {
                    read = true;
                    write = true;
                }
                case 'b' -> text = false;
                case 't' -> text = true;
                default -> {
                }
            }
        }
        if (!set && !write) {
            read = true;
        }
        // the file object with its cache comes first, with a finaliser
        Heap.allocBlock(160 + Math.min(fs.bs, 4 * Math.max(fs.readSize, fs.progSize)));
        byte[] stamp = mtime ? nowNs() : null;
        List<String> parts = parts(path);
        if (parts.isEmpty()) {
            throw Errno.oserror(Errno.EISDIR);
        }
        Lfs2.Place p = fs.lookup(parts);
        Lfs2.Entry e;
        boolean created = false;
        if (p.found()) {
            e = p.m().ents.get(p.id());
            if (excl && create) {
                throw Errno.oserror(Errno.EEXIST);
            }
            if (e.type == Lfs2.T_DIR) {
                throw Errno.oserror(Errno.EISDIR);
            }
        } else {
            if (!create) {
                throw Errno.oserror(Errno.ENOENT);
            }
            e = fs.create(parts, Lfs2.T_REG);
            created = true;
        }
        Lfs2.File h = fs.new File(e, parts.size() == 1 ? fs.root : fs.parent(parts));
        if (stamp != null) {
            byte[] stored = e.attrs.get(ATTR_MTIME);
            if (read && stored != null && !created) {
                stamp = stored;
            }
            if (write) {
                h.attrs.put(ATTR_MTIME, stamp);
            }
        }
        if (write) {
            h.dirty = true;
        }
        if (trunc) {
            h.truncate();
        }
        return new BlockFile(h, text, read, write, append);
    }

    @Override
    Object mkdir(Object path) {
        fs.load();
        fs.create(parts(path), Lfs2.T_DIR);
        return PyNone.NONE;
    }

    @Override
    Object remove(Object path) {
        fs.load();
        fs.remove(parts(path));
        return PyNone.NONE;
    }

    @Override
    Object rename(Object from, Object to) {
        fs.load();
        fs.rename(parts(from), parts(to));
        return PyNone.NONE;
    }

    @Override
    Object chdir(Object path) {
        String p = makePath(path);
        List<String> parts = Lfs2.split(p);
        if (!p.equals("/") && !parts.isEmpty()) {
            Lfs2.Entry e;
            try {
                e = entry(parts);
            } catch (PyError x) {
                throw Errno.oserror(Errno.ENOENT);
            }
            if (e.type != Lfs2.T_DIR) {
                throw Errno.oserror(Errno.ENOENT);
            }
        }
        cwd = parts.isEmpty() ? "/" : "/" + String.join("/", parts) + "/";
        return PyNone.NONE;
    }

    @Override
    Object statvfs() {
        fs.load();
        long used = fs.usedCount();
        return PyTuple.of((long) fs.bs, (long) fs.bs, fs.bc, fs.bc - used, fs.bc - used, 0L, 0L, 0L, 0L,
                (long) Lfs2.NAME_MAX);
    }

    static {
        define(TYPE, VfsLfs2.class, VfsLfs2::new, (dev, o) -> Lfs2.format(dev, o.readSize(), o.progSize()));
    }
}
