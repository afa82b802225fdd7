package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;

/**
 * A filesystem on a block device (VfsFat, VfsLfs1, VfsLfs2): the device, and the methods of
 * extmod's filesystem protocol that their Python classes share, defined once by
 * {@link #methods} over the operations each filesystem implements. {@link Vfs} asks import's
 * questions through {@link #importStat}.
 */
abstract class BlockVfs implements PyObject {
    final BlockDev dev;

    BlockVfs(Object bdev) {
        this.dev = new BlockDev(bdev);
    }

    /** mount(readonly, mkfs), called by vfs.mount: a read-only mount refuses writes to the device. */
    Object mount(Object readonly, Object mkfs) {
        if (Ops.truthy(readonly)) {
            dev.readonly = true;
        }
        return PyNone.NONE;
    }

    abstract Object open(Object path, String mode);

    /** The entries of a directory ("" is the current one): names as bytes when path is bytes. */
    abstract Object ilistdir(Object path);

    abstract Object mkdir(Object path);

    abstract Object rmdir(Object path);

    abstract Object remove(Object path);

    abstract Object rename(Object from, Object to);

    abstract Object chdir(Object path);

    abstract Object getcwd();

    abstract Object stat(Object path);

    abstract Object statvfs();

    /** What import sees at path (relative to this filesystem's root): a file, a directory or nothing. */
    abstract FileAccess.Kind importStat(String path);

    /** The filesystem object behind self (a subclass instance's base too), or TypeError. */
    static <T extends BlockVfs> T self(Object o, Class<T> kind, PyType type) {
        if (o instanceof PyInstance pi && kind.isInstance(pi.base)) {
            return kind.cast(pi.base);
        }
        if (kind.isInstance(o)) {
            return kind.cast(o);
        }
        throw Ops.typeError(type.name + " expected");
    }

    /** Puts the protocol's methods in type, for instances of kind. */
    static <T extends BlockVfs> void methods(PyType type, Class<T> kind) {
        BuiltinTypes.method(type, "mount", (a, kw) -> self(a[0], kind, type).mount(a.length > 1 ? a[1] : false,
                a.length > 2 ? a[2] : false));
        BuiltinTypes.method(type, "umount", (a, kw) -> PyNone.NONE);
        BuiltinTypes.method(type, "open", (a, kw) -> {
            if (a.length != 3) {
                throw Ops.typeError("function takes 3 positional arguments but " + a.length + " were given");
            }
            return self(a[0], kind, type).open(a[1], Ops.str(a[2]));
        });
        BuiltinTypes.method(type, "ilistdir", (a, kw) -> self(a[0], kind, type).ilistdir(a.length > 1 ? a[1] : ""));
        BuiltinTypes.method(type, "mkdir", (a, kw) -> self(a[0], kind, type).mkdir(a[1]));
        BuiltinTypes.method(type, "rmdir", (a, kw) -> self(a[0], kind, type).rmdir(a[1]));
        BuiltinTypes.method(type, "remove", (a, kw) -> self(a[0], kind, type).remove(a[1]));
        BuiltinTypes.method(type, "rename", (a, kw) -> self(a[0], kind, type).rename(a[1], a[2]));
        BuiltinTypes.method(type, "chdir", (a, kw) -> self(a[0], kind, type).chdir(a[1]));
        BuiltinTypes.method(type, "getcwd", (a, kw) -> self(a[0], kind, type).getcwd());
        BuiltinTypes.method(type, "stat", (a, kw) -> self(a[0], kind, type).stat(a[1]));
        BuiltinTypes.method(type, "statvfs", (a, kw) -> self(a[0], kind, type).statvfs());
    }
}
