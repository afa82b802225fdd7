package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyStaticMethod;
import dev.mpt.vm.PyType;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What VfsLfs1 and VfsLfs2 share, as MicroPython builds both from one extmod/vfs_lfsx.c: the
 * current directory kept as a path string, relative paths joined to it as text, and the
 * arguments of the constructor and of mkfs.
 */
abstract class VfsLfs extends BlockVfs {
    /** The current directory: "/" or a path ending with '/'. */
    String cwd = "/";

    VfsLfs(Object bdev) {
        super(bdev);
    }

    /** The path littlefs is given: a relative one after the current directory, as text. */
    String makePath(Object p) {
        String path = Vfs.pathText(p);
        return path.startsWith("/") ? path : cwd + path;
    }

    /** littlefs removes a file and an empty directory alike. */
    @Override
    Object rmdir(Object path) {
        return remove(path);
    }

    @Override
    Object getcwd() {
        return cwd.length() == 1 ? "/" : cwd.substring(0, cwd.length() - 1);
    }

    /** The constructor's and mkfs's arguments: {@code (bdev, *, readsize=32, progsize=32, lookahead=32, mtime=True)}. */
    record Options(Object bdev, int readSize, int progSize, int lookahead, boolean mtime) {
        static Options of(Object[] a, Map<String, Object> kw) {
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
            Object mt = kw == null ? null : kw.get("mtime");
            return new Options(a[0], intArg(kw, "readsize", 32), intArg(kw, "progsize", 32),
                    intArg(kw, "lookahead", 32), mt == null || Ops.truthy(mt));
        }

        private static int intArg(Map<String, Object> kw, String name, int dflt) {
            Object v = kw == null ? null : kw.get(name);
            return v == null ? dflt : (int) Ops.toLong(v);
        }
    }

    /** Makes type's constructor and its static mkfs from make and format, then its methods. */
    static <T extends VfsLfs> void define(PyType type, Class<T> kind, Function<Options, T> make,
            BiConsumer<BlockDev, Options> format) {
        type.maker = (cls, a, kw) -> make.apply(Options.of(a, kw));
        type.dict.put("mkfs", new PyStaticMethod(new PyBuiltin("mkfs", (a, kw) -> {
            Options o = Options.of(a, kw);
            format.accept(new BlockDev(o.bdev()), o);
            return PyNone.NONE;
        })));
        methods(type, kind);
    }
}
