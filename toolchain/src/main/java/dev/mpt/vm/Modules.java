package dev.mpt.vm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The core's built-in modules (sys, micropython, gc, array) and the library ones not yet in extmod. */
final class Modules {
    private Modules() {}

    /** platform: what the unix port answers, for this VM. */
    static PyModule platform() {
        PyModule m = new PyModule("platform");
        fn(m, "platform", (a, kw) -> "MicroPython-1.28.0-jvm-mpt");
        fn(m, "python_compiler", (a, kw) -> "Java " + System.getProperty("java.specification.version", ""));
        fn(m, "libc_ver", (a, kw) -> PyTuple.of("", ""));
        return m;
    }

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
        fn(m, "exit", (a, kw) -> {
            throw new PyError(new PyException(Types.SYSTEM_EXIT, a.length > 0 ? PyTuple.of(a[0]) : PyTuple.EMPTY));
        });
        fn(m, "print_exception", (a, kw) -> {
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
        fn(m, "exc_info", (a, kw) -> {
            PyException e = vm.currentException();
            return e == null ? PyTuple.of(PyNone.NONE, PyNone.NONE, PyNone.NONE) : PyTuple.of(e.type(), e, PyNone.NONE);
        });
        fn(m, "atexit", (a, kw) -> {
            Object previous = vm.atexit;
            vm.atexit = a[0];
            return previous;
        });
        return m;
    }

    static PyModule micropython(VM vm) {
        PyModule m = new PyModule("micropython");
        fn(m, "const", (a, kw) -> a[0]);
        fn(m, "opt_level", (a, kw) -> {
            if (a.length == 0) {
                return (long) vm.optLevel;
            }
            vm.optLevel = (int) Ops.toLong(a[0]);
            return PyNone.NONE;
        });
        fn(m, "mem_info", (a, kw) -> {
            memInfo(vm, a.length > 0);
            return PyNone.NONE;
        });
        fn(m, "qstr_info", (a, kw) -> {
            qstrInfo(vm, a.length > 0);
            return PyNone.NONE;
        });
        fn(m, "stack_use", (a, kw) -> stackUse(vm));
        fn(m, "heap_lock", (a, kw) -> {
            vm.heap.lock();
            return PyNone.NONE;
        });
        fn(m, "heap_unlock", (a, kw) -> (long) vm.heap.unlock());
        fn(m, "heap_locked", (a, kw) -> (long) vm.heap.lockDepth());
        fn(m, "kbd_intr", (a, kw) -> {
            vm.interruptChar = (int) Ops.toLong(a[0]);
            return PyNone.NONE;
        });
        fn(m, "schedule", (a, kw) -> {
            vm.schedule(a[0], a[1]);
            return PyNone.NONE;
        });
        fn(m, "mem_total", (a, kw) -> vm.heap.total());
        fn(m, "mem_current", (a, kw) -> vm.heap.current());
        fn(m, "mem_peak", (a, kw) -> vm.heap.peak());
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
        fn(m, "collect", (a, kw) -> {
            vm.heap.collect();
            return 0L;
        });
        boolean[] enabled = {true};
        fn(m, "enable", (a, kw) -> {
            enabled[0] = true;
            return PyNone.NONE;
        });
        fn(m, "disable", (a, kw) -> {
            enabled[0] = false;
            return PyNone.NONE;
        });
        fn(m, "isenabled", (a, kw) -> enabled[0]);
        fn(m, "mem_free", (a, kw) -> vm.heap.free());
        fn(m, "mem_alloc", (a, kw) -> vm.heap.current());
        // Bytes allocated between collections, kept in 16-byte blocks as MicroPython does; -1: none.
        long[] threshold = {-1};
        fn(m, "threshold", (a, kw) -> {
            if (a.length == 0) {
                return threshold[0];
            }
            long n = Ops.toLong(a[0]);
            threshold[0] = n < 0 ? -1 : n / 16 * 16;
            return PyNone.NONE;
        });
        return m;
    }

    static PyModule time(VM vm) {
        PyModule m = new PyModule("time");
        long mask = (1L << 30) - 1;
        fn(m, "time", (a, kw) -> System.currentTimeMillis() / 1000);
        fn(m, "time_ns", (a, kw) -> System.currentTimeMillis() * 1_000_000L);
        fn(m, "ticks_ms", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000_000L) & mask);
        fn(m, "ticks_us", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000L) & mask);
        fn(m, "ticks_cpu", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000L) & mask);
        fn(m, "ticks_add", (a, kw) -> {
            long delta = Ops.toLong(a[1]);
            if (delta <= -(1L << 29) || delta >= (1L << 29)) {
                throw Ops.error(Types.OVERFLOW_ERROR, "ticks interval overflow");
            }
            return (Ops.toLong(a[0]) + delta) & mask;
        });
        fn(m, "ticks_diff", (a, kw) -> {
            long d = (Ops.toLong(a[0]) - Ops.toLong(a[1])) & mask;
            return d >= (1L << 29) ? d - (1L << 30) : d;
        });
        fn(m, "sleep", (a, kw) -> sleep(vm, (long) (Ops.toDouble(a[0]) * 1_000_000)));
        fn(m, "sleep_ms", (a, kw) -> sleep(vm, Ops.toLong(a[0]) * 1000));
        fn(m, "sleep_us", (a, kw) -> sleep(vm, Ops.toLong(a[0])));
        fn(m, "localtime", (a, kw) -> gmtime(a.length > 0 && a[0] != PyNone.NONE ? Ops.toLong(a[0])
                : System.currentTimeMillis() / 1000));
        fn(m, "gmtime", (a, kw) -> gmtime(a.length > 0 && a[0] != PyNone.NONE ? Ops.toLong(a[0])
                : System.currentTimeMillis() / 1000));
        fn(m, "mktime", (a, kw) -> {
            List<Object> t = Ops.toList(a[0]);
            java.time.LocalDateTime dt = java.time.LocalDateTime.of((int) Ops.toLong(t.get(0)), 1, 1, 0, 0)
                    .plusMonths(Ops.toLong(t.get(1)) - 1).plusDays(Ops.toLong(t.get(2)) - 1)
                    .plusHours(Ops.toLong(t.get(3))).plusMinutes(Ops.toLong(t.get(4))).plusSeconds(Ops.toLong(t.get(5)));
            return dt.toEpochSecond(java.time.ZoneOffset.UTC);
        });
        return m;
    }

    private static Object gmtime(long secs) {
        java.time.LocalDateTime dt = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        return PyTuple.of((long) dt.getYear(), (long) dt.getMonthValue(), (long) dt.getDayOfMonth(),
                (long) dt.getHour(), (long) dt.getMinute(), (long) dt.getSecond(),
                (long) (dt.getDayOfWeek().getValue() - 1), (long) dt.getDayOfYear());
    }

    static Object sleep(VM vm, long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (true) {
            vm.checkInterrupt();
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, 20));
            } catch (InterruptedException e) {
                vm.interrupt();
            }
        }
        return PyNone.NONE;
    }

    static PyModule array() {
        PyModule m = new PyModule("array");
        m.globals.put("array", ArrayType.ARRAY);
        return m;
    }

    static PyModule heapq() {
        PyModule m = new PyModule("heapq");
        fn(m, "heappush", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            h.add(a[1]);
            siftDown(h, 0, h.size() - 1);
            return PyNone.NONE;
        });
        fn(m, "heappop", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            if (h.isEmpty()) {
                throw Ops.indexError("empty heap");
            }
            Object last = h.remove(h.size() - 1);
            if (h.isEmpty()) {
                return last;
            }
            Object r = h.get(0);
            h.set(0, last);
            siftUp(h, 0);
            return r;
        });
        fn(m, "heapify", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            for (int i = h.size() / 2 - 1; i >= 0; i--) {
                siftUp(h, i);
            }
            return PyNone.NONE;
        });
        return m;
    }

    private static void siftDown(List<Object> h, int start, int pos) {
        Object item = h.get(pos);
        while (pos > start) {
            int parent = (pos - 1) >> 1;
            Object p = h.get(parent);
            if (Numeric.less(item, p)) {
                h.set(pos, p);
                pos = parent;
                continue;
            }
            break;
        }
        h.set(pos, item);
    }

    private static void siftUp(List<Object> h, int pos) {
        int end = h.size();
        int start = pos;
        Object item = h.get(pos);
        int child = 2 * pos + 1;
        while (child < end) {
            int right = child + 1;
            if (right < end && !Numeric.less(h.get(child), h.get(right))) {
                child = right;
            }
            h.set(pos, h.get(child));
            pos = child;
            child = 2 * pos + 1;
        }
        h.set(pos, item);
        siftDown(h, start, pos);
    }

    /** A small xorshift generator, as MicroPython's random module uses. */
    /**
     * MicroPython's random generator (Yasmarang, Ilya Levin's public-domain generator, as
     * MicroPython's random module runs it), so a seeded program gets the numbers a board
     * gives: 32-bit state words, an 8-bit one, all arithmetic modulo 2^32.
     */
    static final class Random {
        private int pad;
        private int n;
        private int d;
        private int dat;

        Random(long seed) {
            seed(seed);
        }

        /** random.seed(s): the low 32 bits of s. */
        void seed(long s) {
            pad = (int) s;
            n = 69;
            d = 233;
            dat = 0;
        }

        /** The next 32-bit word (as an unsigned value). */
        long next32() {
            pad += dat + d * n;
            pad = (pad << 3) + (pad >>> 29);
            n = pad | 2;
            d ^= (pad << 31) + (pad >>> 1);
            dat = (dat ^ pad ^ (d >>> 8) ^ 1) & 0xFF;
            return (pad ^ (d << 5) ^ (pad >>> 18) ^ (dat << 1)) & 0xFFFF_FFFFL;
        }

        /** getrandbits(bits), 1 to 32: the low bits of one word. */
        long bits(int bits) {
            return next32() & (0xFFFF_FFFFL >>> (32 - bits));
        }

        /** A float in [0, 1): two words fill the 52 fraction bits of a double in [1, 2), less 1. */
        double random() {
            long frac = ((next32() << 32) | next32()) & ((1L << 52) - 1);
            return Double.longBitsToDouble(0x3FF0_0000_0000_0000L | frac) - 1;
        }

        /** Below bound (1 to 2^32 - 1): masked words, drawn again until one fits. */
        long below(long bound) {
            long mask = 1;
            while ((bound & mask) < bound) {
                mask = (mask << 1) | 1;
            }
            long r;
            do {
                r = next32() & mask;
            } while (r >= bound);
            return r;
        }
    }

    static PyModule random(VM vm) {
        PyModule m = new PyModule("random");
        Random random = vm.moduleState(Random.class, v -> new Random(System.nanoTime()));
        fn(m, "seed", (a, kw) -> {
            random.seed(a.length > 0 && a[0] != PyNone.NONE ? truncated(a[0]) : System.nanoTime() ^ System.identityHashCode(vm));
            return PyNone.NONE;
        });
        fn(m, "getrandbits", (a, kw) -> {
            long n = Ops.toLong(a[0]);
            if (n < 0 || n > 32) {
                throw Ops.valueError("bits must be 32 or less");
            }
            return n == 0 ? 0L : random.bits((int) n);
        });
        fn(m, "random", (a, kw) -> random.random());
        fn(m, "uniform", (a, kw) -> {
            double lo = Ops.toDouble(a[0]);
            double hi = Ops.toDouble(a[1]);
            return lo + (hi - lo) * random.random();
        });
        // the range functions draw below a 32-bit bound and say nothing more than ValueError
        // for an empty range, as MicroPython's do
        fn(m, "randint", (a, kw) -> {
            long lo = Ops.toLong(a[0]);
            long hi = Ops.toLong(a[1]);
            if (hi < lo) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            return lo + random.below((hi - lo + 1) & 0xFFFF_FFFFL);
        });
        fn(m, "randrange", (a, kw) -> {
            long start = Ops.toLong(a[0]);
            long count;
            long step = 1;
            if (a.length == 1) {
                count = start;
                start = 0;
            } else {
                long stop = Ops.toLong(a[1]);
                if (a.length > 2) {
                    step = Ops.toLong(a[2]);
                }
                count = step > 0 ? (stop - start + step - 1) / step : step < 0 ? (stop - start + step + 1) / step : 0;
            }
            if (count <= 0) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            return start + step * random.below(count & 0xFFFF_FFFFL);
        });
        fn(m, "choice", (a, kw) -> {
            long n = Ops.len(a[0]);
            if (n == 0) {
                throw new PyError(new PyException(Types.INDEX_ERROR, PyTuple.EMPTY));
            }
            return Ops.getitem(a[0], random.below(n & 0xFFFF_FFFFL));
        });
        return m;
    }

    /** An int's low 64 bits, as MicroPython takes a seed (then its low 32). */
    private static long truncated(Object v) {
        return v instanceof BigInteger b ? b.longValue() : Ops.toLong(v);
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
