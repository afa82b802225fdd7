package dev.mpt.vm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The core's built-in modules (sys, micropython, gc, array) and the library ones not yet in extmod. */
final class Modules {
    private Modules() {}

    static void fn(PyModule m, String name, PyBuiltin.Native impl) {
        m.globals.put(name, new PyBuiltin(name, impl));
    }

    static Object open(VM vm, Object[] a, Map<String, Object> kw) {
        return Files.open(vm, a, kw);
    }

    static PyModule sys(VM vm) {
        PyModule m = new PyModule("sys");
        vm.sysGlobals = m.globals;
        m.globals.put("argv", vm.argv);
        m.globals.put("path", vm.sysPath);
        m.globals.put("modules", vm.sysModules);
        m.globals.put("version", "3.4.0; MicroPython v1.28.0 (mpt VM)");
        m.globals.put("version_info", PyTuple.of(3L, 4L, 0L));
        m.globals.put("implementation", PyTuple.attr(new String[] {"name", "version", "_machine", "_mpy"},
                "micropython", PyTuple.of(1L, 28L, 0L, ""), "linux [mpt VM] version", 2822L));
        m.globals.put("platform", "linux");
        m.globals.put("byteorder", "little");
        m.globals.put("maxsize", Long.MAX_VALUE);
        m.globals.put("executable", "");
        m.globals.put("ps1", ">>> ");
        m.globals.put("ps2", "... ");
        m.globals.put("stdout", Files.stdStream(vm, 1));
        m.globals.put("stderr", Files.stdStream(vm, 2));
        m.globals.put("stdin", Files.stdStream(vm, 0));
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

    static PyModule micropython(VM vm) {
        PyModule m = new PyModule("micropython");
        m.fn("const", (a, kw) -> a[0]);
        m.fn("opt_level", (a, kw) -> {
            if (a.length == 0) {
                return (long) vm.optLevel;
            }
            vm.optLevel = (int) Ops.toLong(a[0]);
            return PyNone.NONE;
        });
        m.fn("mem_info", (a, kw) -> {
            memInfo(vm, a.length > 0);
            return PyNone.NONE;
        });
        m.fn("qstr_info", (a, kw) -> {
            qstrInfo(vm, a.length > 0);
            return PyNone.NONE;
        });
        m.fn("stack_use", (a, kw) -> stackUse(vm));
        m.fn("heap_lock", (a, kw) -> {
            vm.heap.lock();
            return PyNone.NONE;
        });
        m.fn("heap_unlock", (a, kw) -> (long) vm.heap.unlock());
        m.fn("heap_locked", (a, kw) -> (long) vm.heap.lockDepth());
        m.fn("kbd_intr", (a, kw) -> {
            vm.interruptChar = (int) Ops.toLong(a[0]);
            return PyNone.NONE;
        });
        m.fn("schedule", (a, kw) -> {
            vm.schedule(a[0], a[1]);
            return PyNone.NONE;
        });
        m.fn("mem_total", (a, kw) -> vm.heap.total());
        m.fn("mem_current", (a, kw) -> vm.heap.current());
        m.fn("mem_peak", (a, kw) -> vm.heap.peak());
        m.globals.put("RingIO", RingIO.TYPE);
        PyBuiltin ident = new PyBuiltin("native", (a, kw) -> a[0]);
        m.globals.put("native", ident);
        m.globals.put("viper", ident);
        m.globals.put("bytecode", ident);
        return m;
    }

    /** Bytes of (Java) stack a MicroPython frame is taken to use, for stack_use() and mem_info(). */
    private static final long FRAME_STACK_BYTES = 64;

    private static long stackUse(VM vm) {
        return FRAME_STACK_BYTES * Math.max(1, vm.depth);
    }

    /** micropython.mem_info(): the unix port's lines, with this VM's numbers. */
    private static void memInfo(VM vm, boolean verbose) {
        Heap h = vm.heap;
        long total = h.limit() >= 0 ? h.limit() : Runtime.getRuntime().maxMemory();
        long used = Math.min(total, h.current());
        StringBuilder sb = new StringBuilder();
        sb.append("mem: total=").append(h.total()).append(", current=").append(h.current())
                .append(", peak=").append(h.peak()).append('\n');
        sb.append("stack: ").append(stackUse(vm)).append(" out of ").append(FRAME_STACK_BYTES * vm.maxDepth)
                .append('\n');
        sb.append("GC: total: ").append(total).append(", used: ").append(used).append(", free: ")
                .append(total - used).append('\n');
        long blocks = (used + 15) / 16;
        sb.append(" No. of 1-blocks: ").append(blocks).append(", 2-blocks: 0, max blk sz: ")
                .append(Math.max(1, blocks)).append(", max free sz: ").append((total - used) / 16).append('\n');
        if (verbose) {
            // There is no block map to draw: one line per 64 blocks of 16 bytes, all shown free.
            sb.append("GC memory layout; from ").append(Long.toHexString(System.identityHashCode(h)))
                    .append(":\n");
            long lines = (total / 16 + 63) / 64;
            sb.append("00000000: ").append(".".repeat(64)).append('\n');
            if (lines > 1) {
                sb.append("       (").append(lines - 1).append(" lines all free)\n");
            }
        }
        vm.write(sb.toString());
    }

    /** micropython.qstr_info(): the strings interned at run time (the .mpy qstrs that are not static). */
    private static void qstrInfo(VM vm, boolean verbose) {
        java.util.List<String> q = vm.dynamicQstrs();
        // Names of builtins and of built-in modules' members are static qstrs on a board.
        java.util.Set<String> builtinNames = new java.util.HashSet<>(vm.builtins.keySet());
        for (Object mod : vm.sysModules.values()) {
            if (mod instanceof PyModule pm && !pm.globals.containsKey("__file__")) {
                builtinNames.addAll(pm.globals.keySet());
            }
        }
        q.removeIf(builtinNames::contains);
        long data = 0;
        for (String s : q) {
            data += dev.mpt.bytecode.Utf8.encode(s).length + 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("qstr pool: n_pool=").append(q.isEmpty() ? 0 : 1).append(", n_qstr=").append(q.size())
                .append(", n_str_data_bytes=").append(data).append(", n_total_bytes=")
                .append(data + 8L * q.size() + 48).append('\n');
        if (verbose) {
            for (String s : q) {
                sb.append("Q(").append(s).append(")\n");
            }
        }
        vm.write(sb.toString());
    }

    static PyModule gc(VM vm) {
        PyModule m = new PyModule("gc");
        m.fn("collect", (a, kw) -> {
            vm.heap.collect();
            return 0L;
        });
        boolean[] enabled = {true};
        m.fn("enable", (a, kw) -> {
            enabled[0] = true;
            return PyNone.NONE;
        });
        m.fn("disable", (a, kw) -> {
            enabled[0] = false;
            return PyNone.NONE;
        });
        m.fn("isenabled", (a, kw) -> enabled[0]);
        m.fn("mem_free", (a, kw) -> vm.heap.free());
        m.fn("mem_alloc", (a, kw) -> vm.heap.current());
        // Bytes allocated between collections, kept in 16-byte blocks as MicroPython does; -1: none.
        long[] threshold = {-1};
        m.fn("threshold", (a, kw) -> {
            if (a.length == 0) {
                return threshold[0];
            }
            long n = Ops.toLong(a[0]);
            threshold[0] = n < 0 ? -1 : n / 16 * 16;
            return PyNone.NONE;
        });
        return m;
    }

    static PyModule array() {
        PyModule m = new PyModule("array");
        m.globals.put("array", ArrayType.ARRAY);
        return m;
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    static List<Object> list(Object... items) {
        List<Object> l = new ArrayList<>();
        java.util.Collections.addAll(l, items);
        return l;
    }
}
