package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.VM;

/** os: files and directories through the VM's mount table ({@link Vfs}), the environment, urandom, uname. */
final class Os {
    private Os() {}

    static PyModule os(VM vm) {
        PyModule m = new PyModule("os");
        m.globals.put("sep", "/");
        // the path calls go through the mount table (vfs), as on the unix port and boards
        Vfs.addTo(m, vm);
        m.fn("urandom", (a, kw) -> {
            long n = Ops.toLong(a[0]);
            if (n < 0) {
                throw Ops.valueError("negative count");
            }
            byte[] b = new byte[(int) n];
            new java.security.SecureRandom().nextBytes(b);
            return new PyBytes(b);
        });
        if (vm.board) {
            // firmware has uname(); the unix port has system() instead
            m.fn("uname", (a, kw) -> PyTuple.attr(new String[] {"sysname", "nodename", "release", "version", "machine"},
                    "linux", "mpt", "1.28.0", "MicroPython v1.28.0", "jvm"));
        } else {
            m.fn("system", (a, kw) -> system(vm, Ops.str(a[0])));
            // the unix port's errno(): the C library's errno; here the errno of the VM's last
            // OSError (or what errno(n) set), 0 before any
            m.fn("errno", (a, kw) -> {
                if (a.length > 0) {
                    vm.errno = (int) Ops.toLong(a[0]);
                    return PyNone.NONE;
                }
                return (long) vm.errno;
            });
        }
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

    /**
     * system(command) as the unix port's: /bin/sh runs it in the current directory, its output
     * goes where the program's does, and the answer is system(3)'s wait status (exit code << 8).
     */
    private static Object system(VM vm, String command) {
        vm.flush();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        if (java.nio.file.Files.isDirectory(vm.cwd)) {
            pb.directory(vm.cwd.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(vm.environment());
        Object gil = vm.blockingStart(); // other threads run while the command does
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Thread err = new Thread(() -> copy(p.getErrorStream(), vm.stderrStream()), "mpt-os-system");
            err.start();
            copy(p.getInputStream(), vm.stdoutStream());
            int code = p.waitFor();
            err.join();
            return (long) (code > 128 && code < 160 ? code - 128 : code << 8);
        } catch (java.io.IOException e) {
            return 127L << 8;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Ops.error(dev.mpt.vm.Types.KEYBOARD_INTERRUPT, null);
        } finally {
            vm.blockingEnd(gil);
        }
    }

    private static void copy(java.io.InputStream in, java.io.OutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0;) {
                synchronized (out) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (java.io.IOException e) {
            // the command's output ended
        }
    }
}
