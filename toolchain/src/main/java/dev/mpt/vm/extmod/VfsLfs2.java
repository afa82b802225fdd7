package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Heap;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyStaticMethod;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * vfs.VfsLfs2: littlefs v2 ({@link Lfs2}) on a block device with the extended interface, with
 * the methods, arguments and errors of MicroPython's extmod/vfs_lfsx.c: {@code VfsLfs2(bdev, *,
 * readsize=32, progsize=32, lookahead=32, mtime=True)}, the file modification time kept as
 * user attribute 1 (nanoseconds since 1970, 8 bytes little-endian), the current directory as
 * a path string.
 */
final class VfsLfs2 implements PyObject {
    static final PyType TYPE = new PyType("VfsLfs2", new PyType[] {Types.OBJECT}, true);
    static final int ATTR_MTIME = 1;

    final BlockDev dev;
    final Lfs2 fs;
    final boolean mtime;
    /** The current directory, ending with '/'. */
    private String cwd = "/";

    VfsLfs2(Object bdev, int readSize, int progSize, boolean mtime) {
        this.dev = new BlockDev(bdev);
        this.fs = Lfs2.mount(dev, readSize, progSize);
        this.mtime = mtime;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    String makePath(Object p) {
        String path = Vfs.pathText(p);
        return path.startsWith("/") ? path : cwd + path;
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
            throw Errno.oserror(Lfs2.ENOENT);
        }
        return p.m().ents.get(p.id());
    }

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

    FileAccess.Kind importStat(String path) {
        fs.load();
        try {
            Lfs2.Entry e = entry(parts(path));
            return e == null || e.type == Lfs2.T_DIR ? FileAccess.Kind.DIR : FileAccess.Kind.FILE;
        } catch (PyError x) {
            return FileAccess.Kind.NONE;
        }
    }

    Object ilistdir(Object path, boolean bytes) {
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
            throw Errno.oserror(Lfs2.EISDIR);
        }
        Lfs2.Place p = fs.lookup(parts);
        Lfs2.Entry e;
        boolean created = false;
        if (p.found()) {
            e = p.m().ents.get(p.id());
            if (excl && create) {
                throw Errno.oserror(Lfs2.EEXIST);
            }
            if (e.type == Lfs2.T_DIR) {
                throw Errno.oserror(Lfs2.EISDIR);
            }
        } else {
            if (!create) {
                throw Errno.oserror(Lfs2.ENOENT);
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

    Object mkdir(Object path) {
        fs.load();
        fs.create(parts(path), Lfs2.T_DIR);
        return PyNone.NONE;
    }

    Object remove(Object path) {
        fs.load();
        fs.remove(parts(path));
        return PyNone.NONE;
    }

    Object rename(Object from, Object to) {
        fs.load();
        fs.rename(parts(from), parts(to));
        return PyNone.NONE;
    }

    Object chdir(Object path) {
        String p = makePath(path);
        List<String> parts = Lfs2.split(p);
        if (!p.equals("/") && !parts.isEmpty()) {
            Lfs2.Entry e;
            try {
                e = entry(parts);
            } catch (PyError x) {
                throw Errno.oserror(Lfs2.ENOENT);
            }
            if (e.type != Lfs2.T_DIR) {
                throw Errno.oserror(Lfs2.ENOENT);
            }
        }
        cwd = parts.isEmpty() ? "/" : "/" + String.join("/", parts) + "/";
        return PyNone.NONE;
    }

    Object getcwd() {
        return cwd.length() == 1 ? "/" : cwd.substring(0, cwd.length() - 1);
    }

    Object statvfs() {
        fs.load();
        long used = fs.usedCount();
        return PyTuple.of((long) fs.bs, (long) fs.bs, fs.bc, fs.bc - used, fs.bc - used, 0L, 0L, 0L, 0L,
                (long) Lfs2.NAME_MAX);
    }

    static VfsLfs2 self(Object o) {
        return self(o, VfsLfs2.class, "VfsLfs2");
    }

    /** The filesystem object behind self (a subclass instance's base too), or TypeError. */
    static <T> T self(Object o, Class<T> kind, String name) {
        if (o instanceof dev.mpt.vm.PyInstance pi && kind.isInstance(pi.base)) {
            return kind.cast(pi.base);
        }
        if (kind.isInstance(o)) {
            return kind.cast(o);
        }
        throw Ops.typeError(name + " expected");
    }

    /** A keyword argument of the littlefs constructors (VfsLfs1 too), or dflt. */
    static int intArg(Map<String, Object> kw, String name, int dflt) {
        Object v = kw == null ? null : kw.get(name);
        return v == null ? dflt : (int) Ops.toLong(v);
    }

    /** The littlefs constructors' arguments: the block device, then readsize/progsize/lookahead/mtime. */
    static void checkArgs(Object[] a, Map<String, Object> kw) {
        if (a.length != 1) {
            throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
        }
        if (kw != null) {
            for (String k : kw.keySet()) {
                if (!k.equals("readsize") && !k.equals("progsize") && !k.equals("lookahead") && !k.equals("mtime")) {
                    throw Ops.typeError("unexpected keyword argument '" + k + "'");
                }
            }
        }
    }

    static {
        TYPE.maker = (cls, a, kw) -> {
            checkArgs(a, kw);
            Object mt = kw == null ? null : kw.get("mtime");
            return new VfsLfs2(a[0], intArg(kw, "readsize", 32), intArg(kw, "progsize", 32),
                    mt == null || Ops.truthy(mt));
        };
        TYPE.dict.put("mkfs", new PyStaticMethod(new PyBuiltin("mkfs", (a, kw) -> {
            checkArgs(a, kw);
            Lfs2.format(new BlockDev(a[0]), intArg(kw, "readsize", 32), intArg(kw, "progsize", 32));
            return PyNone.NONE;
        })));
        BuiltinTypes.method(TYPE, "mount", (a, kw) -> {
            if (a.length > 1 && Ops.truthy(a[1])) {
                self(a[0]).dev.readonly = true;
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(TYPE, "umount", (a, kw) -> PyNone.NONE);
        BuiltinTypes.method(TYPE, "open", (a, kw) -> {
            if (a.length != 3) {
                throw Ops.typeError("function takes 3 positional arguments but " + a.length + " were given");
            }
            return self(a[0]).open(a[1], Ops.str(a[2]));
        });
        BuiltinTypes.method(TYPE, "ilistdir", (a, kw) -> self(a[0]).ilistdir(a.length > 1 ? a[1] : self(a[0]).cwd,
                a.length > 1 && a[1] instanceof PyBytes));
        BuiltinTypes.method(TYPE, "mkdir", (a, kw) -> self(a[0]).mkdir(a[1]));
        BuiltinTypes.method(TYPE, "rmdir", (a, kw) -> self(a[0]).remove(a[1]));
        BuiltinTypes.method(TYPE, "remove", (a, kw) -> self(a[0]).remove(a[1]));
        BuiltinTypes.method(TYPE, "rename", (a, kw) -> self(a[0]).rename(a[1], a[2]));
        BuiltinTypes.method(TYPE, "chdir", (a, kw) -> self(a[0]).chdir(a[1]));
        BuiltinTypes.method(TYPE, "getcwd", (a, kw) -> self(a[0]).getcwd());
        BuiltinTypes.method(TYPE, "stat", (a, kw) -> self(a[0]).stat(a[1]));
        BuiltinTypes.method(TYPE, "statvfs", (a, kw) -> self(a[0]).statvfs());
    }
}
