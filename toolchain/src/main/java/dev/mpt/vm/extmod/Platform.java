package dev.mpt.vm.extmod;

import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyTuple;

/** platform: what the unix port answers, for this VM. */
final class Platform {
    private Platform() {}

    /** platform: what the unix port answers, for this VM. */
    static PyModule platform() {
        PyModule m = new PyModule("platform");
        m.fn("platform", (a, kw) -> "MicroPython-1.28.0-jvm-mpt");
        m.fn("python_compiler", (a, kw) -> "Java " + System.getProperty("java.specification.version", ""));
        m.fn("libc_ver", (a, kw) -> PyTuple.of("", ""));
        return m;
    }
}
