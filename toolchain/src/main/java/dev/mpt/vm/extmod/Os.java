package dev.mpt.vm.extmod;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.VM;
import java.io.IOException;
import java.nio.file.Path;

/** os: files and directories under the VM's root (MicroPython's VFS calls, as the unix port answers them). */
final class Os {
    private Os() {}

    static PyModule os(VM vm) {
        PyModule m = new PyModule("os");
        m.globals.put("sep", "/");
        m.fn("getcwd", (a, kw) -> {
            Path rel = vm.root().relativize(vm.cwd);
            return "/" + rel.toString().replace('\\', '/');
        });
        m.fn("chdir", (a, kw) -> {
            Path p = vm.resolve(Ops.str(a[0]));
            if (p == null || !java.nio.file.Files.isDirectory(p)) {
                throw Errno.oserror(2);
            }
            vm.cwd = p;
            return PyNone.NONE;
        });
        m.fn("listdir", (a, kw) -> {
            Path p = vm.resolve(a.length > 0 ? Ops.str(a[0]) : ".");
            PyList out = new PyList();
            if (p == null || !java.nio.file.Files.isDirectory(p)) {
                throw Errno.oserror(2);
            }
            try (var st = java.nio.file.Files.list(p)) {
                st.map(x -> x.getFileName().toString()).sorted().forEach(out.items::add);
            } catch (IOException e) {
                throw Errno.oserror(5);
            }
            return out;
        });
        m.fn("ilistdir", (a, kw) -> {
            Path p = vm.resolve(a.length > 0 ? Ops.str(a[0]) : ".");
            if (p == null || !java.nio.file.Files.isDirectory(p)) {
                throw Errno.oserror(2);
            }
            PyList out = new PyList();
            try (var st = java.nio.file.Files.list(p)) {
                st.sorted().forEach(x -> out.items.add(PyTuple.of(x.getFileName().toString(),
                        java.nio.file.Files.isDirectory(x) ? 0x4000L : 0x8000L, 0L, size(x))));
            } catch (IOException e) {
                throw Errno.oserror(5);
            }
            return Ops.iter(out);
        });
        m.fn("stat", (a, kw) -> {
            Path p = vm.resolve(Ops.str(a[0]));
            if (p == null || !java.nio.file.Files.exists(p)) {
                throw Errno.oserror(2);
            }
            long mode = java.nio.file.Files.isDirectory(p) ? 0x4000L : 0x8000L;
            long t = 0;
            try {
                t = java.nio.file.Files.getLastModifiedTime(p).toMillis() / 1000;
            } catch (IOException e) {
                t = 0;
            }
            return PyTuple.of(mode, 0L, 0L, 0L, 0L, 0L, size(p), t, t, t);
        });
        m.fn("statvfs", (a, kw) -> {
            if (vm.diskLimit < 0) {
                // no limit: the host filesystem the root lives on
                try {
                    java.nio.file.FileStore store = java.nio.file.Files.getFileStore(vm.root());
                    long block = Math.max(1, store.getBlockSize());
                    return PyTuple.of(block, block, store.getTotalSpace() / block, store.getUnallocatedSpace() / block,
                            store.getUsableSpace() / block, 0L, 0L, 0L, 0L, 255L);
                } catch (IOException | UnsupportedOperationException e) {
                    throw Errno.oserror(5);
                }
            }
            long total = vm.diskLimit / VM.DISK_BLOCK;
            long free = Math.max(0, total - vm.diskUsed() / VM.DISK_BLOCK);
            return PyTuple.of((long) VM.DISK_BLOCK, (long) VM.DISK_BLOCK, total, free, free, 0L, 0L, 0L, 0L, 255L);
        });
        m.fn("mkdir", (a, kw) -> {
            Path p = vm.resolve(Ops.str(a[0]));
            if (p == null) {
                throw Errno.oserror(2);
            }
            if (java.nio.file.Files.exists(p)) {
                throw Errno.oserror(17);
            }
            try {
                java.nio.file.Files.createDirectory(p);
            } catch (IOException e) {
                throw Errno.oserror(2);
            }
            return PyNone.NONE;
        });
        m.fn("remove", (a, kw) -> delete(vm, a[0], false));
        m.fn("unlink", (a, kw) -> delete(vm, a[0], false));
        m.fn("rmdir", (a, kw) -> delete(vm, a[0], true));
        m.fn("rename", (a, kw) -> {
            Path from = vm.resolve(Ops.str(a[0]));
            Path to = vm.resolve(Ops.str(a[1]));
            if (from == null || to == null || !java.nio.file.Files.exists(from)) {
                throw Errno.oserror(2);
            }
            try {
                java.nio.file.Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw Errno.oserror(5);
            }
            return PyNone.NONE;
        });
        m.fn("urandom", (a, kw) -> {
            long n = Ops.toLong(a[0]);
            if (n < 0) {
                throw Ops.valueError("negative count");
            }
            byte[] b = new byte[(int) n];
            new java.security.SecureRandom().nextBytes(b);
            return new PyBytes(b);
        });
        m.fn("uname", (a, kw) -> PyTuple.attr(new String[] {"sysname", "nodename", "release", "version", "machine"},
                "linux", "mpt", "1.28.0", "MicroPython v1.28.0", "jvm"));
        // the VM's environment (VM.setEnvironment): putenv/unsetenv change it, so getenv
        // answers the current value as on the unix port
        java.util.Map<String, String> env = vm.environment();
        m.fn("getenv", (a, kw) -> {
            String v = env.get(Ops.str(a[0]));
            return v != null ? v : a.length > 1 ? a[1] : PyNone.NONE;
        });
        m.fn("putenv", (a, kw) -> {
            env.put(Ops.str(a[0]), Ops.str(a[1]));
            return PyNone.NONE;
        });
        m.fn("unsetenv", (a, kw) -> {
            env.remove(Ops.str(a[0]));
            return PyNone.NONE;
        });
        return m;
    }

    private static long size(Path p) {
        try {
            return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    private static Object delete(VM vm, Object name, boolean dir) {
        Path p = vm.resolve(Ops.str(name));
        if (p == null || !java.nio.file.Files.exists(p)) {
            throw Errno.oserror(2);
        }
        if (dir != java.nio.file.Files.isDirectory(p)) {
            throw Errno.oserror(dir ? 20 : 21);
        }
        try {
            java.nio.file.Files.delete(p);
        } catch (IOException e) {
            throw Errno.oserror(39);
        }
        return PyNone.NONE;
    }
}
