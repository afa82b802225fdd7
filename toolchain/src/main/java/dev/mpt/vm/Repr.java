package dev.mpt.vm;

import dev.mpt.text.PyQuote;
import java.util.IdentityHashMap;
import java.util.Map;

/** repr() and str() of every kind of value, printed the way MicroPython prints them. */
public final class Repr {
    private Repr() {}

    private static final ThreadLocal<IdentityHashMap<Object, Boolean>> ACTIVE =
            ThreadLocal.withInitial(IdentityHashMap::new);

    /** Forgets this thread's repr state (a carrier thread between two VMs' code). */
    static void forgetThread() {
        ACTIVE.remove();
    }

    static void str(StringBuilder sb, Object o) {
        if (o instanceof String s) {
            sb.append(s);
        } else if (o instanceof PyException e) {
            sb.append(checkStr(Ops.callMethod(e.type().lookupNotObject("__str__"), e), "__str__"));
        } else if (o instanceof PyInstance pi && !(o instanceof PyException)) {
            Object m = pi.type().lookupNotObject("__str__");
            if (m != null) {
                sb.append(checkStr(Ops.callMethod(m, pi), "__str__"));
            } else if (pi.base != null && pi.type().lookupNotObject("__repr__") == null && nativePrint(pi.base)) {
                str(sb, pi.base);
            } else {
                repr(sb, o);
            }
        } else if (o instanceof PyException pe) {
            sb.append(checkStr(Ops.callMethod(pe.type().lookupNotObject("__str__"), pe), "__str__"));
        } else {
            repr(sb, o);
        }
    }

    /**
     * Whether a native object prints itself (its type has a print slot) rather than as the
     * bare {@code <Name>} of a type without one (FrameBuffer, deque): an instance of a class
     * derived from the latter prints as {@code <Cls object at ...>}, as MicroPython's
     * instance_print finds no print slot to hand the native part to.
     */
    private static boolean nativePrint(Object base) {
        if (!(base instanceof PyObject p) || base instanceof PyInstance) {
            return true;
        }
        StringBuilder t = new StringBuilder();
        repr(t, base);
        return !(t.length() == p.type().name.length() + 2 && t.charAt(0) == '<'
                && t.indexOf(p.type().name) == 1);
    }

    private static boolean hasUserMethod(PyInstance pi, String name) {
        Object m = pi.type().lookupNotObject(name);
        return m != null && !(m instanceof PyBuiltin);
    }

    private static String checkStr(Object r, String what) {
        if (!(r instanceof String s)) {
            throw Ops.typeError(what + " returned non-string (type " + Ops.typeName(r) + ")");
        }
        return s;
    }

    public static void repr(StringBuilder sb, Object o) {
        if (o instanceof String s) {
            quoteStr(sb, s);
        } else if (o instanceof Long || o instanceof java.math.BigInteger) {
            sb.append(o.toString());
        } else if (o instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (o instanceof Double d) {
            sb.append(floatRepr(d));
        } else if (o == PyNone.NONE || o == PyNone.ELLIPSIS || o == PyNone.NOT_IMPLEMENTED) {
            sb.append(o.toString());
        } else if (o instanceof PyList l) {
            if (enter(o)) {
                try {
                    sb.append('[');
                    for (int i = 0; i < l.items.size(); i++) {
                        if (i > 0) {
                            sb.append(", ");
                        }
                        repr(sb, l.items.get(i));
                    }
                    sb.append(']');
                } finally {
                    leave(o);
                }
            }
        } else if (o instanceof PyTuple t) {
            sb.append('(');
            for (int i = 0; i < t.items.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                if (t.fields != null) {
                    sb.append(t.fields[i]).append('=');
                }
                repr(sb, t.items[i]);
            }
            if (t.items.length == 1 && t.fields == null) {
                sb.append(',');
            }
            sb.append(')');
        } else if (o instanceof PyDict d) {
            if (enter(o)) {
                try {
                    boolean od = d.type == Types.ORDERED_DICT;
                    if (od) {
                        sb.append("OrderedDict(");
                    }
                    sb.append('{');
                    boolean first = true;
                    for (Object k : d.keys()) {
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        repr(sb, k);
                        sb.append(": ");
                        repr(sb, d.get(k));
                    }
                    sb.append('}');
                    if (od) {
                        sb.append(')');
                    }
                } finally {
                    leave(o);
                }
            }
        } else if (o instanceof PySet s) {
            if (s.size() == 0) {
                sb.append(s.frozen ? "frozenset()" : "set()");
                return;
            }
            if (s.frozen) {
                sb.append("frozenset(");
            }
            sb.append('{');
            boolean first = true;
            for (Object x : s.items()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(sb, x);
            }
            sb.append('}');
            if (s.frozen) {
                sb.append(')');
            }
        } else if (o instanceof PyBytes b) {
            quoteBytes(sb, b.data, b.data.length);
        } else if (o instanceof PyByteArray b) {
            sb.append("bytearray(");
            quoteBytes(sb, b.data, b.len);
            sb.append(')');
        } else if (o instanceof PyComplex c) {
            complexRepr(sb, c);
        } else if (o instanceof PyException e && !hasUserMethod(e, "__repr__")) {
            sb.append(e.type().name);
            Object[] a = e.args.items;
            sb.append('(');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                repr(sb, a[i]);
            }
            if (a.length == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__repr__");
            if (m != null) {
                sb.append(checkStr(Ops.callMethod(m, pi), "__repr__"));
            } else if (pi.base != null && nativePrint(pi.base)) {
                repr(sb, pi.base);
            } else if (pi.type() == Types.OBJECT) {
                sb.append("<object>"); // object() has no print slot: mp_obj_print_helper's "<%s>"
            } else {
                sb.append('<').append(pi.type().name).append(" object at ").append(id(o)).append('>');
            }
        } else if (o instanceof PyType t) {
            sb.append("<class '").append(t.name).append("'>");
        } else if (o instanceof PyFunction f) {
            Memory mem = Memory.current();
            if (f.closed.length > 0) {
                // MicroPython's closure: the function it wraps, then the cells (each its word and value)
                sb.append("<closure ");
            }
            if (f.viper != null) {
                sb.append("<function>");
            } else if (f.isGenerator()) {
                sb.append("<generator>");
            } else {
                sb.append("<function ").append(f.name()).append(" at 0x")
                        .append(Long.toHexString(mem.wrappedFunctionAddress(f))).append('>');
            }
            if (f.closed.length > 0) {
                sb.append(" at ").append(Long.toHexString(mem.id(f))).append(", n_closed=").append(f.closed.length)
                        .append(' ');
                for (Object c : f.closed) {
                    Object v = c instanceof Cell cell ? cell.value : c;
                    sb.append("<cell ");
                    if (v == null) {
                        sb.append("0 (nil)");
                    } else {
                        sb.append(Long.toHexString(mem.id(v))).append(' ');
                        repr(sb, v);
                    }
                    sb.append("> ");
                }
                sb.append('>');
            }
        } else if (o instanceof PyBuiltin) {
            sb.append("<function>");
        } else if (o instanceof PyBoundMethod m) {
            sb.append("<bound_method ").append(id(o)).append(' ');
            repr(sb, m.self());
            sb.append('.');
            repr(sb, m.fn());
            sb.append('>');
        } else if (o instanceof PyGenerator g) {
            sb.append("<generator object '").append(g.name()).append("' at ").append(id(o)).append('>');
        } else if (o instanceof PyModule m) {
            sb.append("<module '").append(m.name).append('\'');
            if (m.globals.get("__file__") instanceof String file) {
                // a module loaded from a file names it, as MicroPython prints it
                sb.append(" from '").append(file).append('\'');
            }
            sb.append('>');
        } else if (o instanceof PyRange r) {
            sb.append("range(").append(r.start()).append(", ").append(r.stop());
            if (r.step() != 1) {
                sb.append(", ").append(r.step());
            }
            sb.append(')');
        } else if (o instanceof PySlice s) {
            sb.append("slice(");
            repr(sb, s.start());
            sb.append(", ");
            repr(sb, s.stop());
            sb.append(", ");
            repr(sb, s.step());
            sb.append(')');
        } else if (o instanceof Iters.DictView v) {
            sb.append(v.name()).append('(');
            repr(sb, new PyList(Ops.toList(new Iters.DictIter(v.dict, v.kind))));
            sb.append(')');
        } else if (o instanceof ArrayType.PyArray a) {
            ArrayType.repr(sb, a);
        } else if (o instanceof Io.Stream st) {
            st.print(sb);
        } else if (o instanceof PySuper s) {
            sb.append("<super: ");
            repr(sb, s.cls());
            sb.append(", ");
            repr(sb, s.obj());
            sb.append('>');
        } else if (o instanceof Slots.Print p) {
            p.print(sb);
        } else if (o instanceof Cell) {
            sb.append("<cell>");
        } else if (o instanceof PyObject p) {
            sb.append('<').append(p.type().name).append('>');
        } else {
            sb.append(o);
        }
    }

    /** Marks o as being printed; true, or RuntimeError when o is already (a cycle) or nesting is too deep. */
    private static boolean enter(Object o) {
        IdentityHashMap<Object, Boolean> m = ACTIVE.get();
        // MicroPython marks no cycles: printing a list that holds itself recurses until the
        // stack runs out, which is RuntimeError, as nesting too deep is
        if (m.containsKey(o) || m.size() > 200) {
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        m.put(o, true);
        return true;
    }

    private static void leave(Object o) {
        ACTIVE.get().remove(o);
    }

    public static String id(Object o) {
        return Long.toHexString(address(o));
    }

    /**
     * What id() answers for an object, and its hash by identity, as MicroPython's are its
     * address: for instances and classes an address the VM's {@link Memory} hands out in the
     * order they are first asked for (the same on every run); for other objects one made from
     * the JVM's identity hash.
     */
    /** Built-in types by the address each was given (they outlive VMs: one JVM may run many). */
    private static final Map<Long, java.lang.ref.WeakReference<PyType>> BUILTIN_TYPES = new java.util.HashMap<>();

    /**
     * A built-in type's address: fixed by its name, as MicroPython's built-in types sit at
     * addresses fixed when the firmware is built (a dict keyed by types iterates alike on
     * every run); types of the same name take the next free slots.
     */
    private static synchronized long builtinTypeAddress(PyType t) {
        long slot = 0;
        for (int i = 0; i < t.name.length(); i++) {
            slot = (slot * 31 + t.name.charAt(i)) & 0xfffff;
        }
        while (true) {
            long a = 0x555555000000L + slot * 32;
            java.lang.ref.WeakReference<PyType> held = BUILTIN_TYPES.get(a);
            if (held == null || held.get() == null) {
                BUILTIN_TYPES.put(a, new java.lang.ref.WeakReference<>(t));
                return a;
            }
            slot = (slot + 1) & 0xfffff;
        }
    }

    public static long address(Object o) {
        if (o instanceof PyInstance pi && pi.address != 0) {
            return pi.address; // (hashing an instance again: no thread lookup)
        }
        if (o == PyNone.NONE) {
            return 6; // the unix port's None is an immediate object: this is its id and hash
        }
        VM vm = Heap.currentVm();
        if (o instanceof PyInstance pi && vm != null) {
            if (pi.address == 0) {
                pi.address = vm.memory().nextObjectAddress();
            }
            return pi.address;
        }
        if (o instanceof PyType t && (t.builtin || vm != null)) {
            if (t.address == 0) {
                t.address = t.builtin ? builtinTypeAddress(t) : vm.memory().nextObjectAddress();
            }
            return t.address;
        }
        // (outside a VM's threads nothing is handed out: the identity-made number below)
        if (o instanceof PyFunction f && vm != null) {
            return vm.memory().functionAddress(f);
        }
        return 0x7f0000000000L + ((long) System.identityHashCode(o) << 4);
    }

    static void quoteStr(StringBuilder sb, String s) {
        sb.append(PyQuote.str(s));
    }

    static void quoteBytes(StringBuilder sb, byte[] d, int n) {
        sb.append(PyQuote.bytes(d, 0, n));
    }

    static void complexRepr(StringBuilder sb, PyComplex c) {
        sb.append(FloatFormat.complexRepr(c.real(), c.imag()));
    }

    /** The repr of a float, as MicroPython prints it. */
    static String floatRepr(double d) {
        return FloatFormat.repr(d);
    }
}
