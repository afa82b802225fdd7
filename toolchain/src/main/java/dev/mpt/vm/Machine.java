package dev.mpt.vm;

/**
 * machine, as far as a board without hardware has it: PinBase (the base class for pins written
 * in Python, which define value()) and Signal (a pin, optionally inverted, with value/on/off
 * and calling as value).
 */
final class Machine {
    private Machine() {}

    static final PyType PIN_BASE = new PyType("PinBase", new PyType[] {Types.OBJECT}, false);
    static final PyType SIGNAL = new PyType("Signal", new PyType[] {Types.OBJECT}, true);

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

    static PyModule module() {
        PyModule m = new PyModule("machine");
        m.globals.put("PinBase", PIN_BASE);
        m.globals.put("Signal", SIGNAL);
        return m;
    }

    static {
        SIGNAL.maker = (cls, a, kw) -> {
            if (a.length < 1) {
                throw Ops.typeError("function missing 1 required positional arguments");
            }
            boolean invert = kw != null && Ops.truthy(kw.getOrDefault("invert", false));
            return new Signal(a[0], invert);
        };
        Builtins.method(SIGNAL, "value", (a, kw) -> signal(a[0]).value(a));
        Builtins.method(SIGNAL, "__call__", (a, kw) -> signal(a[0]).value(a));
        Builtins.method(SIGNAL, "on", (a, kw) -> signal(a[0]).value(new Object[] {a[0], 1L}));
        Builtins.method(SIGNAL, "off", (a, kw) -> signal(a[0]).value(new Object[] {a[0], 0L}));
    }
}
