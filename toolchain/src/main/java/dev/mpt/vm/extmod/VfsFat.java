package dev.mpt.vm.extmod;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Heap;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyStaticMethod;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * vfs.VfsFat: a FAT filesystem ({@link Fat}) on a block device, with the methods and errors of
 * MicroPython's extmod/vfs_fat.c. The volume is looked for on first use, as FatFs mounts
 * lazily: a VfsFat made on a blank device works once mkfs has run.
 */
final class VfsFat extends BlockVfs {
    static final PyType TYPE = new PyType("VfsFat", new PyType[] {Types.OBJECT}, true);

    private Fat fat;
    /** The current directory's names from the root. */
    private List<String> cwd = new ArrayList<>();

    VfsFat(Object bdev) {
        super(bdev);
        try {
            fat = Fat.mount(dev);
        } catch (PyError e) {
            if (!Errno.is(e, Errno.ENODEV)) {
                throw e;
            }
        }
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    Fat fat() {
        if (fat == null) {
            fat = Fat.mount(dev);
        } else {
            fat.invalidate();
        }
        return fat;
    }

    private void needWrite() {
        fat();
        if (!dev.writable()) {
            throw Errno.oserror(Errno.EROFS);
        }
    }

    private List<String> parts(Object path) {
        return Fat.split("/" + String.join("/", cwd), Vfs.pathText(path));
    }

    static long seconds(int date, int time) {
        LocalDate d = LocalDate.of(1980 + ((date >> 9) & 0x7f), 1, 1).plusMonths(((date >> 5) & 0x0f) - 1)
                .plusDays((date & 0x1f) - 1);
        return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + ((time >> 11) & 0x1f) * 3600L
                + ((time >> 5) & 0x3f) * 60L + 2L * (time & 0x1f);
    }

    @Override
    Object stat(Object path) {
        String p = Vfs.pathText(path);
        int date;
        int time;
        long size;
        boolean dir;
        if (p.isEmpty() || p.equals("/")) {
            date = 0x2821;
            time = 0;
            size = 0;
            dir = true;
        } else {
            Fat f = fat();
            List<String> parts = parts(path);
            Fat.Ent e = parts.isEmpty() ? null : f.lookup(parts);
            if (e == null) {
                if (parts.isEmpty()) {
                    throw Errno.oserror(Errno.EINVAL);
                }
                throw Errno.oserror(Errno.ENOENT);
            }
            date = e.date;
            time = e.time;
            size = e.size;
            dir = e.isDir();
        }
        fat();
        long s = seconds(date, time);
        return PyTuple.of((long) (dir ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, 0L, 0L, 0L, 0L, size, s, s, s);
    }

    @Override
    FileAccess.Kind importStat(String path) {
        try {
            List<String> parts = parts(path);
            if (parts.isEmpty()) {
                return FileAccess.Kind.DIR;
            }
            Fat.Ent e = fat().lookup(parts);
            return e == null ? FileAccess.Kind.NONE : e.isDir() ? FileAccess.Kind.DIR : FileAccess.Kind.FILE;
        } catch (PyError e) {
            return FileAccess.Kind.NONE;
        }
    }

    /** The directory a path names: its handle for {@link Fat#list}. */
    private long dirHandle(List<String> parts) {
        if (parts.isEmpty()) {
            return 0;
        }
        Fat.Ent e = fat().lookup(parts);
        if (e == null || !e.isDir()) {
            throw Errno.oserror(Errno.ENOENT);
        }
        return e.clst;
    }

    @Override
    Object ilistdir(Object path) {
        boolean bytes = path instanceof PyBytes;
        Fat f = fat();
        List<Fat.Ent> ents = f.list(dirHandle(parts(path)));
        Iterator<Fat.Ent> it = ents.iterator();
        return new PyIter() {
            @Override
            public Object next() {
                if (!it.hasNext()) {
                    return null;
                }
                Fat.Ent e = it.next();
                Object name = bytes ? new PyBytes(e.name.getBytes(StandardCharsets.UTF_8)) : e.name;
                return PyTuple.of(name, (long) (e.isDir() ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, e.size);
            }
        };
    }

    /** Roughly what the firmware's file object takes on a 64-bit port. */
    static final int FILE_OBJECT_BYTES = 608;

    @Override
    Object open(Object path, String modeStr) {
        BlockFile.Mode m = BlockFile.Mode.parse(modeStr);
        // the file object (FatFs's FIL with its sector buffer) comes first, with a finaliser
        Heap.allocBlock(FILE_OBJECT_BYTES);
        Fat f = fat();
        if (m.write() && !dev.writable()) {
            throw Errno.oserror(Errno.EROFS);
        }
        List<String> parts = parts(path);
        if (parts.isEmpty()) {
            throw Errno.oserror(Errno.EINVAL);
        }
        long dir = f.parentDir(parts);
        String name = parts.get(parts.size() - 1);
        Fat.Ent e = f.find(dir, name);
        boolean truncate = m.truncate();
        if (e == null) {
            if (!m.create()) {
                throw Errno.oserror(Errno.ENOENT);
            }
            e = f.register(dir, Fat.cleanName(name), Fat.newEntry(Fat.AM_ARC, 0, 0));
            f.sync();
            truncate = false;
        } else {
            if (m.exclusive()) {
                throw Errno.oserror(Errno.EEXIST);
            }
            if (e.isDir()) {
                throw Errno.oserror(m.write() ? Errno.EACCES : Errno.ENOENT);
            }
            if (m.write() && (e.attr & Fat.AM_RDO) != 0) {
                throw Errno.oserror(Errno.EACCES);
            }
        }
        Fat.File h = f.new File(e);
        if (truncate) {
            h.truncate();
        }
        return new BlockFile(h, m.text(), m.read(), m.write(), m.append());
    }

    @Override
    Object mkdir(Object path) {
        needWrite();
        fat.mkdir(parts(path));
        return PyNone.NONE;
    }

    private long cwdCluster() {
        try {
            return cwd.isEmpty() ? 0 : dirHandle(cwd);
        } catch (PyError e) {
            return -1;
        }
    }

    @Override
    Object rmdir(Object path) {
        return remove(path, true);
    }

    @Override
    Object remove(Object path) {
        return remove(path, false);
    }

    private Object remove(Object path, boolean wantDir) {
        Fat f = fat();
        List<String> parts = parts(path);
        Fat.Ent e = parts.isEmpty() ? null : f.lookup(parts);
        if (e == null) {
            throw Errno.oserror(parts.isEmpty() ? Errno.EINVAL : Errno.ENOENT);
        }
        if (e.isDir() != wantDir) {
            throw Errno.oserror(wantDir ? 20 : 21);
        }
        needWrite();
        f.unlink(e, cwdCluster());
        return PyNone.NONE;
    }

    @Override
    Object rename(Object from, Object to) {
        Fat f = fat();
        List<String> a = parts(from);
        List<String> b = parts(to);
        try {
            needWrite();
            f.rename(a, b);
        } catch (PyError e) {
            if (!Errno.is(e, Errno.EEXIST) || b.isEmpty()) {
                throw e;
            }
            remove(to, false);
            f.rename(a, b);
        }
        return PyNone.NONE;
    }

    @Override
    Object chdir(Object path) {
        List<String> parts = parts(path);
        List<String> names = new ArrayList<>();
        Fat f = fat();
        long dir = 0;
        for (String p : parts) {
            Fat.Ent e = f.find(dir, p);
            if (e == null || !e.isDir()) {
                throw Errno.oserror(Errno.ENOENT);
            }
            names.add(e.name);
            dir = e.clst;
        }
        cwd = names;
        return PyNone.NONE;
    }

    @Override
    Object getcwd() {
        fat();
        return "/" + String.join("/", cwd);
    }

    @Override
    Object statvfs() {
        Fat f = fat();
        long bsize = (long) f.csize * f.ss;
        long free = f.freeCount();
        return PyTuple.of(bsize, bsize, f.nFatent - 2, free, free, 0L, 0L, 0L, 0L, 255L);
    }

    @Override
    Object mount(Object readonly, Object mkfs) {
        if (Ops.truthy(readonly)) {
            dev.readonly = true;
        }
        if (fat == null) {
            try {
                fat = Fat.mount(dev);
            } catch (PyError e) {
                if (!Errno.is(e, Errno.ENODEV) || !Ops.truthy(mkfs)) {
                    throw e;
                }
                Fat.mkfs(dev);
                fat = Fat.mount(dev);
            }
        }
        return PyNone.NONE;
    }

    static {
        TYPE.maker = (cls, a, kw) -> {
            if (a.length != 1 || (kw != null && !kw.isEmpty())) {
                throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            return new VfsFat(a[0]);
        };
        TYPE.dict.put("mkfs", new PyStaticMethod(new PyBuiltin("mkfs", (a, kw) -> {
            BlockDev dev = new BlockDev(a[0]);
            Fat.mkfs(dev);
            return PyNone.NONE;
        })));
        methods(TYPE, VfsFat.class);
    }
}
