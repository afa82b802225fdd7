package dev.mpt.vm;

import java.util.List;

/** micropython: const, opt_level, heap and stack information, schedule, RingIO (MicroPython's modmicropython). */
final class MicroPythonModule {
    private MicroPythonModule() {}

    static PyModule module(VM vm) {
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
        return m;
    }

    /** Bytes of (Java) stack a MicroPython frame is taken to use, for stack_use() and mem_info(). */
    private static final long FRAME_STACK_BYTES = 64;

    private static long stackUse(VM vm) {
        return FRAME_STACK_BYTES * Math.max(1, vm.ts.depth);
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
        for (PyModule pm : vm.importer.builtinModules()) {
            builtinNames.addAll(pm.globals.keySet());
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
}
