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
}
