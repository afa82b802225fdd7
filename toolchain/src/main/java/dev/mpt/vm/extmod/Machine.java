package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.MachineReset;
import dev.mpt.vm.Memory;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code machine} module. Without a board (the unix-port launcher) it has what the unix
 * port's has that makes sense on a host: {@code idle}, {@code soft_reset},
 * {@code time_pulse_us}, {@code PinBase} (the base class for pins written in Python, which
 * define value()) and {@code Signal} (a pin, optionally inverted). On the virtual board ({@link VM#setBoard(boolean)}) it also has the
 * calls every port shares: {@code reset} and {@code bootloader} (which end the running code
 * with {@link MachineReset} for the board to act on), {@code freq}, {@code unique_id},
 * {@code reset_cause}, sleeps, IRQ masking, and {@code Pin} — pins that keep the level code
 * gives them, and read their pull as input.
 */
final class Machine {
    private Machine() {}

    static final PyType PIN = new PyType("Pin", new PyType[] {Types.OBJECT}, true);
    static final PyType SIGNAL = new PyType("Signal", new PyType[] {Types.OBJECT}, true);

    static final PyType MEM = new PyType("mem", new PyType[] {Types.OBJECT}, false);

    /**
     * machine.mem8, mem16 and mem32: the VM's address space (where uctypes.addressof and
     * bytearray_at place buffers; elsewhere memory reads 0 and ignores writes) by bytes,
     * half-words and words, little-endian, at addresses aligned to their size.
     */
    static final class Mem implements PyObject, Slots.Print, Slots.Subscript {
        final int size;

        Mem(int size) {
            this.size = size;
        }

        public PyType type() {
            return MEM;
        }

        public void print(StringBuilder sb) {
            sb.append('<').append(8 * size).append("-bit memory>");
        }

        private long address(Object index) {
            long addr = Ops.truncated(index);
            if ((addr & (size - 1)) != 0) {
                // MicroPython prints the address as a 32-bit int
                throw Ops.valueError(String.format("address %08x is not aligned to %d bytes", addr & 0xffffffffL, size));
            }
            return addr;
        }

        public Object getItem(Object key) {
            long addr = address(key);
            Memory m = Memory.current();
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | m.peek(addr + i);
            }
            return v;
        }

        public void setItem(Object key, Object value) {
            long addr = address(key);
            Memory.current().write(addr, size, Ops.truncated(value));
        }
    }

    static final long IN = 0;
    static final long OUT = 1;
    static final long OPEN_DRAIN = 2;
    static final long PULL_NONE = 0;
    static final long PULL_UP = 1;
    static final long PULL_DOWN = 2;
    static final long IRQ_RISING = 1;
    static final long IRQ_FALLING = 2;

    static final long PWRON_RESET = 1;
    static final long HARD_RESET = 2;
    static final long WDT_RESET = 3;
    static final long DEEPSLEEP_RESET = 4;
    static final long SOFT_RESET = 5;

    /** A virtual GPIO: its name, mode, pull and the level last driven or read. */
    static final class Pin implements PyObject, Slots.Print {
        final Object id;
        long mode = IN;
        long pull = PULL_NONE;
        boolean driven;
        int level;

        Pin(Object id) {
            this.id = id;
        }

        public PyType type() {
            return PIN;
        }

        int value() {
            if (mode == IN && !driven) {
                return pull == PULL_UP ? 1 : 0;
            }
            if (mode == OPEN_DRAIN && level == 1) {
                return pull == PULL_DOWN ? 0 : 1;
            }
            return level;
        }

        void drive(Object v) {
            level = Ops.truthy(v) ? 1 : 0;
            driven = true;
        }

        public void print(StringBuilder sb) {
            sb.append(repr());
        }

        String repr() {
            String m = mode == OUT ? "OUT" : mode == OPEN_DRAIN ? "OPEN_DRAIN" : "IN";
            String p = pull == PULL_UP ? ", pull=PULL_UP" : pull == PULL_DOWN ? ", pull=PULL_DOWN" : "";
            return "Pin(" + Ops.repr(id) + ", mode=" + m + p + ")";
        }
    }

    /** A pin (any object with value()), optionally inverted: value/on/off, and calling as value. */
    static final class Signal implements PyObject {
        final Object pin;
        final boolean invert;

        Signal(Object pin, boolean invert) {
            this.pin = pin;
            this.invert = invert;
        }

        public PyType type() {
            return SIGNAL;
        }

        Object value(Object[] a) {
            Object value = Ops.getattr(pin, "value");
            if (a.length > 1) {
                boolean on = Ops.truthy(a[1]);
                Ops.call(value, (long) (on != invert ? 1 : 0));
                return PyNone.NONE;
            }
            // the pin's value as an int, with the lowest bit flipped when inverted
            return Ops.toLong(Ops.call(value)) ^ (invert ? 1 : 0);
        }
    }

    private static Signal signal(Object o) {
        if (o instanceof PyInstance pi && pi.base instanceof Signal s) {
            return s;
        }
        return (Signal) o;
    }

    static {
        SIGNAL.maker = (cls, a, kw) -> {
            if (a.length < 1) {
                throw Ops.typeError("function missing 1 required positional arguments");
            }
            boolean invert = kw != null && Ops.truthy(kw.getOrDefault("invert", false));
            return new Signal(a[0], invert);
        };
        BuiltinTypes.method(SIGNAL, "value", (a, kw) -> signal(a[0]).value(a));
        BuiltinTypes.method(SIGNAL, "__call__", (a, kw) -> signal(a[0]).value(a));
        BuiltinTypes.method(SIGNAL, "on", (a, kw) -> signal(a[0]).value(new Object[] {a[0], 1L}));
        BuiltinTypes.method(SIGNAL, "off", (a, kw) -> signal(a[0]).value(new Object[] {a[0], 0L}));
    }

    static {
        PIN.maker = (cls, a, kw) -> {
            if (a.length < 1) {
                throw Ops.typeError("function missing 1 required positional argument");
            }
            Pin p = new Pin(a[0]);
            init(p, a, 1, kw);
            return p;
        };
        BuiltinTypes.method(PIN, "init", (a, kw) -> init((Pin) a[0], a, 1, kw));
        BuiltinTypes.method(PIN, "value", (a, kw) -> call((Pin) a[0], a));
        BuiltinTypes.method(PIN, "__call__", (a, kw) -> call((Pin) a[0], a));
        BuiltinTypes.method(PIN, "on", (a, kw) -> set((Pin) a[0], true));
        BuiltinTypes.method(PIN, "high", (a, kw) -> set((Pin) a[0], true));
        BuiltinTypes.method(PIN, "off", (a, kw) -> set((Pin) a[0], false));
        BuiltinTypes.method(PIN, "low", (a, kw) -> set((Pin) a[0], false));
        BuiltinTypes.method(PIN, "toggle", (a, kw) -> set((Pin) a[0], ((Pin) a[0]).level == 0));
        // pin.mode() / pin.pull() read; pin.mode(x) / pin.pull(x) set
        BuiltinTypes.method(PIN, "mode", (a, kw) -> a.length > 1 ? init((Pin) a[0], a, 1, Map.of())
                : (Object) ((Pin) a[0]).mode);
        BuiltinTypes.method(PIN, "pull", (a, kw) -> a.length > 1 ? init((Pin) a[0], new Object[] {a[0], -1L, a[1]}, 1, Map.of())
                : (Object) ((Pin) a[0]).pull);
        BuiltinTypes.method(PIN, "name", (a, kw) -> Ops.str(((Pin) a[0]).id));
        // a virtual pin never changes by itself, so an interrupt handler is accepted and never runs
        BuiltinTypes.method(PIN, "irq", (a, kw) -> PyNone.NONE);
        PIN.dict.put("IN", IN);
        PIN.dict.put("OUT", OUT);
        PIN.dict.put("OPEN_DRAIN", OPEN_DRAIN);
        PIN.dict.put("PULL_UP", PULL_UP);
        PIN.dict.put("PULL_DOWN", PULL_DOWN);
        PIN.dict.put("IRQ_RISING", IRQ_RISING);
        PIN.dict.put("IRQ_FALLING", IRQ_FALLING);
    }

    /** pin() reads the level, pin(x) drives it; so does pin.value(). a[0] is the pin itself. */
    private static Object call(Pin p, Object[] a) {
        if (a.length > 2) {
            throw Ops.typeError("function takes at most 1 argument");
        }
        if (a.length == 2) {
            p.drive(a[1]);
            return PyNone.NONE;
        }
        return (long) p.value();
    }

    private static Object set(Pin p, boolean high) {
        p.drive(high);
        return PyNone.NONE;
    }

    /** Pin(id, mode=-1, pull=-1, *, value=None) and Pin.init(mode=-1, pull=-1, *, value=None). */
    private static Object init(Pin p, Object[] a, int first, Map<String, Object> kw) {
        Object mode = arg(a, first, kw, "mode");
        Object pull = arg(a, first + 1, kw, "pull");
        Object value = arg(a, first + 2, kw, "value");
        if (mode != null && !(mode instanceof Long l && l == -1)) {
            p.mode = mode(mode);
        }
        if (pull != null && !(pull instanceof Long l && l == -1)) {
            p.pull = pull == PyNone.NONE ? PULL_NONE : pull(pull);
        }
        if (value != null && value != PyNone.NONE) {
            p.drive(value);
        }
        return PyNone.NONE;
    }

    private static Object arg(Object[] a, int i, Map<String, Object> kw, String name) {
        if (i < a.length) {
            return a[i];
        }
        return kw == null ? null : kw.get(name);
    }

    private static long mode(Object v) {
        long m = Ops.toLong(v);
        if (m != IN && m != OUT && m != OPEN_DRAIN) {
            throw Ops.valueError("invalid pin mode: " + m);
        }
        return m;
    }

    private static long pull(Object v) {
        long p = Ops.toLong(v);
        if (p != PULL_NONE && p != PULL_UP && p != PULL_DOWN) {
            throw Ops.valueError("invalid pin pull: " + p);
        }
        return p;
    }

    static PyModule module(VM vm) {
        PyModule m = new PyModule("machine");
        m.fn("idle", (a, kw) -> {
            vm.checkInterrupt();
            vm.yieldToThreads();
            Thread.yield();
            return PyNone.NONE;
        });
        m.fn("soft_reset", (a, kw) -> {
            throw new PyError(new PyException(Types.SYSTEM_EXIT, PyTuple.EMPTY));
        });
        m.fn("time_pulse_us", (a, kw) -> timePulse(vm, a));
        m.globals.put("mem8", new Mem(1));
        m.globals.put("mem16", new Mem(2));
        m.globals.put("mem32", new Mem(4));
        // a class Python code may change: each VM's machine module has its own
        m.globals.put("PinBase", new PyType("PinBase", new PyType[] {Types.OBJECT}, false));
        m.globals.put("Signal", SIGNAL);
        m.globals.put("Timer", SoftTimer.type(vm));
        if (!vm.board) {
            return m;
        }
        m.fn("reset", (a, kw) -> {
            throw new MachineReset(MachineReset.Kind.HARD_RESET);
        });
        m.fn("bootloader", (a, kw) -> {
            throw new MachineReset(MachineReset.Kind.BOOTLOADER);
        });
        m.fn("reset_cause", (a, kw) -> vm.resetCause);
        long[] freq = {168_000_000L};
        m.fn("freq", (a, kw) -> {
            if (a.length == 0) {
                return freq[0];
            }
            long hz = Ops.toLong(a[0]);
            if (hz < 1_000_000L || hz > 1_000_000_000L) {
                throw Ops.valueError("frequency out of range");
            }
            freq[0] = hz;
            return PyNone.NONE;
        });
        m.fn("unique_id", (a, kw) -> new PyBytes("mpt-virtual0".getBytes(StandardCharsets.US_ASCII)));
        m.fn("disable_irq", (a, kw) -> 0L);
        m.fn("enable_irq", (a, kw) -> PyNone.NONE);
        m.fn("lightsleep", (a, kw) -> {
            sleepMs(vm, a);
            return PyNone.NONE;
        });
        m.fn("deepsleep", (a, kw) -> {
            sleepMs(vm, a);
            throw new MachineReset(MachineReset.Kind.DEEPSLEEP);
        });
        m.globals.put("Pin", PIN);
        m.globals.put("RTC", rtcType(vm));
        m.globals.put("PWRON_RESET", PWRON_RESET);
        m.globals.put("HARD_RESET", HARD_RESET);
        m.globals.put("WDT_RESET", WDT_RESET);
        m.globals.put("DEEPSLEEP_RESET", DEEPSLEEP_RESET);
        m.globals.put("SOFT_RESET", SOFT_RESET);
        return m;
    }

    private static void sleepMs(VM vm, Object[] a) {
        if (a.length > 0 && a[0] != PyNone.NONE) {
            Time.sleep(vm, Ops.toLong(a[0]) * 1000);
        }
    }

    /**
     * time_pulse_us(pin, level, timeout_us=1000000): waits for the pin (machine.Pin, or any
     * object with value(), such as a PinBase subclass) to reach level, then times how long it
     * stays there: the pulse in microseconds, -2 when it never reached the level, -1 when it
     * never left it, within the timeout each.
     */
    private static Object timePulse(VM vm, Object[] a) {
        if (a.length < 2) {
            throw Ops.typeError("function takes at least 2 positional arguments");
        }
        long timeoutNanos = (a.length > 2 ? Ops.toLong(a[2]) : 1_000_000L) * 1000;
        boolean level = Ops.truthy(a[1]);
        Object value = a[0] instanceof Pin ? null : Ops.getattr(a[0], "value");
        long start = System.nanoTime();
        while (read(a[0], value) != level) {
            vm.checkInterrupt();
            if (System.nanoTime() - start >= timeoutNanos) {
                return -2L;
            }
        }
        start = System.nanoTime();
        while (read(a[0], value) == level) {
            vm.checkInterrupt();
            if (System.nanoTime() - start >= timeoutNanos) {
                return -1L;
            }
        }
        return (System.nanoTime() - start) / 1000;
    }

    private static boolean read(Object pin, Object value) {
        return pin instanceof Pin p ? p.value() != 0 : Ops.truthy(Ops.call(value));
    }

    /**
     * The board's real-time clock: the host's clock (UTC) plus an offset that setting the
     * date moves. It is hardware, so the offset outlives soft resets; time.time() and
     * localtime() on the board read it too, as on firmware.
     */
    static final class Rtc {
        volatile long offsetMillis;

        /** Milliseconds since 1970 on the board's clock. */
        long millis() {
            return System.currentTimeMillis() + offsetMillis;
        }
    }

    /** The board clock's milliseconds since 1970 (the host's clock without a board). */
    static long clockMillis(VM vm) {
        return vm.board ? vm.hardware(Rtc.class, v -> new Rtc()).millis() : System.currentTimeMillis();
    }

    /**
     * machine.RTC: one clock per board (RTC() gives the same object each time);
     * datetime() answers (year, month, day, weekday, hours, minutes, seconds, subseconds)
     * with Monday as weekday 0 and microseconds as subseconds, as the esp32 port;
     * datetime(tuple) sets it (the weekday given is ignored); init(tuple) is the same.
     */
    private static PyType rtcType(VM vm) {
        PyType type = new PyType("RTC", new PyType[] {Types.OBJECT}, true);
        Rtc clock = vm.hardware(Rtc.class, v -> new Rtc());
        PyObject rtc = () -> type;
        type.maker = (cls, a, kw) -> {
            if (a.length > 1) {
                throw Ops.typeError("function expected at most 1 arguments, got " + a.length);
            }
            return rtc;
        };
        PyBuiltin.Native datetime = (a, kw) -> {
            if (a.length < 2) {
                java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(
                        java.time.Instant.ofEpochMilli(clock.millis()), java.time.ZoneOffset.UTC);
                return PyTuple.of((long) t.getYear(), (long) t.getMonthValue(), (long) t.getDayOfMonth(),
                        (long) (t.getDayOfWeek().getValue() - 1), (long) t.getHour(), (long) t.getMinute(),
                        (long) t.getSecond(), (long) (t.getNano() / 1000));
            }
            java.util.List<Object> f = Ops.toList(a[1]);
            if (f.size() < 7 || f.size() > 8) {
                throw Ops.valueError("requested length 8 but object has length " + f.size());
            }
            long micros = f.size() > 7 ? Ops.toLong(f.get(7)) : 0;
            java.time.LocalDateTime t;
            try {
                t = java.time.LocalDateTime.of((int) Ops.toLong(f.get(0)), (int) Ops.toLong(f.get(1)),
                        (int) Ops.toLong(f.get(2)), (int) Ops.toLong(f.get(4)), (int) Ops.toLong(f.get(5)),
                        (int) Ops.toLong(f.get(6)));
            } catch (java.time.DateTimeException e) {
                throw Ops.valueError(null);
            }
            long target = t.toEpochSecond(java.time.ZoneOffset.UTC) * 1000 + Math.floorDiv(micros, 1000);
            clock.offsetMillis = target - System.currentTimeMillis();
            return PyNone.NONE;
        };
        BuiltinTypes.method(type, "datetime", datetime);
        BuiltinTypes.method(type, "init", (a, kw) -> {
            if (a.length < 2) {
                throw Ops.typeError("function takes 2 positional arguments but 1 were given");
            }
            return datetime.call(a, kw);
        });
        return type;
    }
}
