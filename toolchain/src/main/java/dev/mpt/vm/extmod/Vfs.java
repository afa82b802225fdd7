package dev.mpt.vm.extmod;

import dev.mpt.vm.ArgCheck;
import dev.mpt.vm.Errno;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mount table of one VM and the calls that go through it, as MicroPython's extmod/vfs.c
 * has them: a list of (mount point, filesystem object) with anything mounted at {@code /}
 * kept last, the current mount (or the virtual root above all mounts), and the path-taking
 * calls of {@code os} and {@code open()} and import, each handed to the filesystem object the
 * path falls in with the rest of the path. A filesystem object is anything with the VFS
 * methods ({@code mount}, {@code umount}, {@code open}, {@code ilistdir}, {@code stat}, …):
 * {@link VfsPosix}, {@link VfsRom}, or a class written in Python (what {@code mpremote mount}
 * mounts at {@code /remote}).
 *
 * <p>A VM starts as the unix port does: a {@code VfsPosix} over the VM's root directory
 * mounted at {@code /} and current. The table lives until the next soft reset.
 */
final class Vfs implements FileAccess {
    /** One mount: the mount point as given (its length 1 when it is "/") and the filesystem object. */
    record Mount(String point, Object fs) {
        boolean atRoot() {
            return point.length() == 1;
        }
    }

    /** Where a path falls: the virtual root, no mount, or a mount with the path inside it. */
    private record Lookup(Mount mount, boolean root, Object pathOut) {}

    private static final Lookup NONE = new Lookup(null, false, null);
    private static final Lookup ROOT = new Lookup(null, true, null);

    static final int S_IFDIR = 0x4000;

    /** A path argument of the filesystems as text: a str, or bytes decoded as UTF-8. */
    static String pathText(Object p) {
        return p instanceof PyBytes b ? new String(b.data, StandardCharsets.UTF_8) : Ops.str(p);
    }
    static final int S_IFREG = 0x8000;
    /** The longest path the unix port takes (its f_namemax with nothing mounted at /). */
    private static final long PATH_MAX = 4096;

    final VM vm;
    /** This VM's VfsPosix type. */
    final dev.mpt.vm.PyType posixType;
    private final List<Mount> table = new ArrayList<>();
    /** The current mount; null for the virtual root. */
    private Mount cur;

    private Vfs(VM vm) {
        this.vm = vm;
        posixType = VfsPosix.newType(vm);
        Mount root = new Mount("/", new VfsPosix(posixType, vm, ""));
        table.add(root);
        cur = root;
        vm.setFileAccess(this);
    }

    /** This VM's mount table, made (with VfsPosix at /) and installed on first use. */
    static Vfs of(VM vm) {
        return vm.moduleState(Vfs.class, Vfs::new);
    }

    // ---- looking up ---------------------------------------------------------------------------

    private Lookup lookup(Object pathIn) {
        boolean bytes = pathIn instanceof PyBytes;
        String path = pathText(pathIn);
        if (path.startsWith("/") || cur == null) {
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.isEmpty()) {
                return ROOT;
            }
            for (Mount m : table) {
                if (m.atRoot()) {
                    return new Lookup(m, false, same(pathIn, path));
                }
                String name = m.point.substring(1);
                if (p.startsWith(name)) {
                    if (p.length() == name.length()) {
                        return new Lookup(m, false, same(pathIn, "/"));
                    }
                    if (p.charAt(name.length()) == '/') {
                        return new Lookup(m, false, same(pathIn, p.substring(name.length())));
                    }
                }
            }
            return NONE;
        }
        return new Lookup(cur, false, pathIn);
    }

    /** A path of the same type (str or bytes) as the one given. */
    private static Object same(Object like, String path) {
        return like instanceof PyBytes ? new PyBytes(path.getBytes(StandardCharsets.UTF_8)) : path;
    }

    private static Object proxy(Lookup l, String method, Object... args) {
        if (l.root) {
            throw Errno.oserror(1); // EPERM: no operation on the virtual root
        }
        if (l.mount == null) {
            throw Errno.oserror(19); // ENODEV: no such mount
        }
        return call(l.mount.fs, method, args);
    }

    private static Object call(Object fs, String method, Object... args) {
        return Ops.call(Ops.getattr(fs, method), args);
    }

    // ---- the calls ----------------------------------------------------------------------------

    /** vfs.mount(): the table as (fs, point) tuples; vfs.mount(fs, point, *, readonly=False, mkfs=False). */
    Object mount(Object[] a, Map<String, Object> kw) {
        if (a.length == 0) {
            PyList out = new PyList();
            for (Mount m : table) {
                out.items.add(PyTuple.of(m.fs, m.point));
            }
            return out;
        }
        if (a.length != 2) {
            throw Ops.typeError("function takes 2 positional arguments but " + a.length + " were given");
        }
        Object readonly = kw != null ? kw.getOrDefault("readonly", false) : false;
        Object mkfs = kw != null ? kw.getOrDefault("mkfs", false) : false;
        String point = Ops.str(a[1]);
        Object fs = a[0];
        if (Ops.getattrOrNull(fs, "mount") == null) {
            fs = autodetect(fs);
        }
        Mount mount = new Mount(point, fs);
        call(fs, "mount", readonly, mkfs);
        Lookup existing = lookup(point);
        if (existing.mount != null && !(point.length() != 1 && existing.mount.atRoot())) {
            throw Errno.oserror(1); // EPERM: the mount point is in use
        }
        int at = table.size();
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).atRoot()) {
                at = i;
                break;
            }
        }
        table.add(at, mount);
        return PyNone.NONE;
    }

    /**
     * A block device given to mount(), as extmod/vfs.c's autodetect: littlefs v1 or v2 when block 0
     * or 1 has its magic at offset 40 or 8 (read through the extended interface; a device without it
     * is not littlefs), else FAT.
     */
    private Object autodetect(Object bdev) {
        try {
            BlockDev dev = new BlockDev(bdev);
            byte[] buf = new byte[44];
            for (int block = 0; block <= 1; block++) {
                dev.readExt(block, 8, buf, 0, buf.length);
                if (new String(buf, 32, 8, StandardCharsets.ISO_8859_1).equals("littlefs")) {
                    return VfsLfs1.TYPE.maker.make(VfsLfs1.TYPE, new Object[] {bdev}, null);
                }
                if (new String(buf, 0, 8, StandardCharsets.ISO_8859_1).equals("littlefs")) {
                    return VfsLfs2.TYPE.maker.make(VfsLfs2.TYPE, new Object[] {bdev}, null);
                }
            }
        } catch (PyError e) {
            // not littlefs (e.g. no extended readblocks)
        }
        return new VfsFat(bdev);
    }

    Object umount(Object mnt) {
        Mount found = null;
        for (Mount m : table) {
            if ((mnt instanceof String s && s.equals(m.point)) || m.fs == mnt) {
                found = m;
                break;
            }
        }
        if (found == null) {
            throw Errno.oserror(22);
        }
        table.remove(found);
        if (cur == found) {
            cur = null;
        }
        call(found.fs, "umount");
        return PyNone.NONE;
    }

    @Override
    public Object open(Object[] a, Map<String, Object> kw) {
        Object file = ArgCheck.arg(a, 0, kw, "file", null);
        if (file == null) {
            throw Ops.typeError("'file' argument required");
        }
        Object mode = ArgCheck.arg(a, 1, kw, "mode", "r");
        if (file instanceof Long fd) {
            return Io.openFd(vm, fd, Ops.str(mode));
        }
        Lookup l = lookup(file);
        return proxy(l, "open", l.pathOut, mode);
    }

    Object chdir(Object path) {
        Lookup l = lookup(path);
        if (l.root) {
            // a filesystem mounted at / starts its relative paths from its root again
            for (Mount m : table) {
                if (m.atRoot()) {
                    call(m.fs, "chdir", "/");
                    break;
                }
            }
            cur = null;
        } else {
            proxy(l, "chdir", l.pathOut);
            cur = l.mount;
        }
        return PyNone.NONE;
    }

    Object getcwd() {
        if (cur == null) {
            return "/";
        }
        Object cwd = call(cur.fs, "getcwd");
        if (cur.atRoot()) {
            return cwd;
        }
        String c = Ops.str(cwd);
        return c.equals("/") ? cur.point : cur.point + c;
    }

    Object ilistdir(Object[] a) {
        Object path = a.length > 0 ? a[0] : "";
        Lookup l = lookup(path);
        if (l.root) {
            return rootListing(path instanceof PyBytes);
        }
        return proxy(l, "ilistdir", l.pathOut);
    }

    /** The virtual root: one directory entry per mount, then what a filesystem mounted at / holds. */
    private PyIter rootListing(boolean bytes) {
        List<Mount> mounts = new ArrayList<>(table);
        return new PyIter() {
            int next;
            Object delegate;

            @Override
            public Object next() {
                if (delegate != null) {
                    return Ops.next(delegate);
                }
                if (next >= mounts.size()) {
                    return null;
                }
                Mount m = mounts.get(next++);
                if (m.atRoot()) {
                    delegate = Ops.iter(call(m.fs, "ilistdir", "/"));
                    return Ops.next(delegate);
                }
                return PyTuple.of(same(bytes ? new PyBytes(new byte[0]) : "", m.point.substring(1)), (long) S_IFDIR, 0L);
            }
        };
    }

    Object listdir(Object[] a) {
        Object it = Ops.iter(ilistdir(a));
        PyList out = new PyList();
        for (Object e = Ops.next(it); e != null; e = Ops.next(it)) {
            out.items.add(Ops.getitem(e, 0L));
        }
        return out;
    }

    Object mkdir(Object path) {
        Lookup l = lookup(path);
        if (l.root || (l.mount != null && "/".equals(pathText(l.pathOut)))) {
            throw Errno.oserror(17);
        }
        return proxy(l, "mkdir", l.pathOut);
    }

    Object remove(Object path) {
        Lookup l = lookup(path);
        return proxy(l, "remove", l.pathOut);
    }

    Object rmdir(Object path) {
        Lookup l = lookup(path);
        return proxy(l, "rmdir", l.pathOut);
    }

    Object rename(Object from, Object to) {
        Lookup a = lookup(from);
        Lookup b = lookup(to);
        if (a.mount != b.mount || a.root != b.root) {
            throw Errno.oserror(1); // no renaming across filesystems
        }
        return proxy(a, "rename", a.pathOut, b.pathOut);
    }

    Object stat(Object path) {
        Lookup l = lookup(path);
        if (l.root) {
            return PyTuple.of((long) S_IFDIR, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        }
        return proxy(l, "stat", l.pathOut);
    }

    Object statvfs(Object path) {
        Lookup l = lookup(path);
        if (l.root) {
            for (Mount m : table) {
                if (m.atRoot()) {
                    return call(m.fs, "statvfs", "/");
                }
            }
            return PyTuple.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, PATH_MAX);
        }
        return proxy(l, "statvfs", l.pathOut);
    }

    // ---- import's view ------------------------------------------------------------------------

    @Override
    public Kind importStat(String path) {
        Lookup l = lookup(path);
        if (l.root || l.mount == null) {
            return Kind.NONE;
        }
        Object fs = l.mount.fs;
        if (fs instanceof VfsPosix p) {
            return p.importStat(Ops.str(l.pathOut));
        }
        if (fs instanceof VfsRom r) {
            return r.importStat(Ops.str(l.pathOut));
        }
        if (fs instanceof BlockVfs v) {
            return v.importStat(Ops.str(l.pathOut));
        }
        Object st;
        try {
            st = call(fs, "stat", l.pathOut);
        } catch (PyError e) {
            return Kind.NONE; // any error means the path is not there
        }
        List<Object> items = Ops.toList(st);
        if (items.size() != 10) {
            throw Ops.valueError("requested length 10 but object has length " + items.size());
        }
        return (Ops.toLong(items.get(0)) & S_IFDIR) != 0 ? Kind.DIR : Kind.FILE;
    }

    /**
     * Reads a file for import as MicroPython's VFS reader does: open it "rb"; a stream written
     * in Python (an io.IOBase with readinto) is asked its buffer size (ioctl 11) and read
     * through readinto in buffers of that size until one comes back short, then closed with
     * ioctl 4. The sizes are the unix port's (64-bit): 21 to 255 bytes, 53 when the stream
     * names none.
     */
    @Override
    public Object[] mapping(String path) {
        Lookup l = lookup(path);
        if (l.mount != null) {
            Object fs = l.mount.fs();
            if (fs instanceof dev.mpt.vm.PyInstance pi && pi.base != null) {
                fs = pi.base;
            }
            if (fs instanceof VfsRom r) {
                return r.mapping(Ops.str(l.pathOut));
            }
        }
        return null;
    }

    @Override
    public byte[] read(String path) {
        Lookup l = lookup(path);
        Object f = proxy(l, "open", l.pathOut, "rb");
        if (f instanceof Io.Stream s) {
            try {
                return Ops.bytesOf(call(s, "read"));
            } finally {
                call(s, "close");
            }
        }
        if (f instanceof BlockFile bf) {
            try {
                return bf.readBytes(-1);
            } finally {
                bf.close();
            }
        }
        Object readinto = Ops.getattrOrNull(f, "readinto");
        if (readinto == null) {
            try {
                return Ops.bytesOf(call(f, "read"));
            } finally {
                call(f, "close");
            }
        }
        int size;
        Object r = call(f, "ioctl", 11L, 0L);
        long want = Ops.isInt(r) ? Ops.toLong(r) : -1;
        size = want <= 0 ? 53 : (int) Math.min(255, Math.max(21, want));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                PyByteArray buf = new PyByteArray(new byte[size]);
                Object n = Ops.call(readinto, buf);
                int got = n == PyNone.NONE ? 0 : (int) Math.max(0, Math.min(size, Ops.toLong(n)));
                out.write(buf.data, 0, got);
                if (got < size) {
                    break;
                }
            }
        } finally {
            call(f, "ioctl", 4L, 0L);
        }
        return out.toByteArray();
    }

    // ---- the module ---------------------------------------------------------------------------

    static PyModule module(VM vm) {
        Vfs v = of(vm);
        PyModule m = new PyModule("vfs");
        m.fn("mount", v::mount);
        m.fn("umount", (a, kw) -> v.umount(a[0]));
        m.globals.put("VfsPosix", v.posixType);
        m.globals.put("VfsRom", VfsRom.TYPE);
        m.globals.put("VfsFat", VfsFat.TYPE);
        m.globals.put("VfsLfs1", VfsLfs1.TYPE);
        m.globals.put("VfsLfs2", VfsLfs2.TYPE);
        if (RomPartition.of(vm) != null) {
            // only a board with a ROM partition has it (mpremote asks hasattr(vfs, 'rom_ioctl'))
            m.fn("rom_ioctl", (a, kw) -> VfsRom.romIoctl(vm, a));
        }
        return m;
    }

    /** The path calls of os, through the mount table. */
    static void addTo(PyModule os, VM vm) {
        Vfs v = of(vm);
        os.fn("mount", v::mount);
        os.fn("umount", (a, kw) -> v.umount(a[0]));
        os.fn("chdir", (a, kw) -> v.chdir(a[0]));
        os.fn("getcwd", (a, kw) -> v.getcwd());
        os.fn("ilistdir", (a, kw) -> v.ilistdir(a));
        os.fn("listdir", (a, kw) -> v.listdir(a));
        os.fn("mkdir", (a, kw) -> v.mkdir(a[0]));
        os.fn("remove", (a, kw) -> v.remove(a[0]));
        os.fn("unlink", (a, kw) -> v.remove(a[0]));
        os.fn("rmdir", (a, kw) -> v.rmdir(a[0]));
        os.fn("rename", (a, kw) -> v.rename(a[0], a[1]));
        os.fn("stat", (a, kw) -> v.stat(a[0]));
        os.fn("statvfs", (a, kw) -> v.statvfs(a[0]));
        os.globals.put("VfsPosix", v.posixType);
        os.globals.put("VfsFat", VfsFat.TYPE);
        os.globals.put("VfsLfs1", VfsLfs1.TYPE);
        os.globals.put("VfsLfs2", VfsLfs2.TYPE);
    }
}
