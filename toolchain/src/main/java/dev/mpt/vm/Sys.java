package dev.mpt.vm;

/** sys: argv, path, modules, the standard streams, exit and print_exception (MicroPython's modsys). */
final class Sys {
    private Sys() {}

    /**
     * sys.implementation._mpy: the .mpy version 6.3 this VM loads, with no native architecture
     * (bits 10 and up are 0). The unix port says x64 there (0xb06) because it runs x64 machine
     * code; this VM runs none (its viper code is its own and never in a file), and tools such
     * as mip and the tests of native .mpy files choose by this value. (An embedder may make
     * it name a CPU, as `mpt board serve --arch` does; the VM still runs bytecode only.)
     */
    static final long MPY_VERSION = 6 | (3 << 8);

    static PyModule module(VM vm) {
        PyModule m = new PyModule("sys");
        vm.sysGlobals = m.globals;
        m.globals.put("argv", vm.argv);
        m.globals.put("path", vm.sysPath);
        m.globals.put("modules", vm.sysModules);
        m.globals.put("version", "3.4.0; MicroPython v1.28.0 (mpt VM)");
        m.globals.put("version_info", PyTuple.of(3L, 4L, 0L));
        m.globals.put("implementation", PyTuple.attr(new String[] {"name", "version", "_machine", "_mpy", "_thread"},
                "micropython", PyTuple.of(1L, 28L, 0L, ""), "linux [mpt VM] version", MPY_VERSION, "GIL"));
        m.globals.put("platform", "linux");
        m.globals.put("byteorder", "little");
        m.globals.put("maxsize", Long.MAX_VALUE);
        m.globals.put("executable", "");
        m.globals.put("ps1", ">>> ");
        m.globals.put("ps2", "... ");
        m.globals.put("stdout", Io.stdStream(vm, 1));
        m.globals.put("stderr", Io.stdStream(vm, 2));
        m.globals.put("stdin", Io.stdStream(vm, 0));
        m.fn("exit", (a, kw) -> {
            throw new PyError(new PyException(Types.SYSTEM_EXIT, a.length > 0 ? PyTuple.of(a[0]) : PyTuple.EMPTY));
        });
        m.fn("print_exception", (a, kw) -> {
            Object file = a.length > 1 ? a[1] : null;
            Object w = file == null || file == PyNone.NONE ? null : Ops.getattrOrNull(file, "write");
            if (file != null && file != PyNone.NONE && w == null) {
                throw new PyError(new PyException(Types.OS_ERROR, PyTuple.EMPTY));
            }
            if (!(a[0] instanceof PyException e)) {
                throw Ops.typeError("argument has wrong type");
            }
            String text = VM.formatException(e);
            if (w == null) {
                vm.write(text);
            } else {
                Ops.call(w, text);
            }
            return PyNone.NONE;
        });
        m.fn("exc_info", (a, kw) -> {
            PyException e = vm.currentException();
            return e == null ? PyTuple.of(PyNone.NONE, PyNone.NONE, PyNone.NONE) : PyTuple.of(e.type(), e, PyNone.NONE);
        });
        m.fn("atexit", (a, kw) -> {
            Object previous = vm.atexit;
            vm.atexit = a[0];
            return previous;
        });
        return m;
    }
}
