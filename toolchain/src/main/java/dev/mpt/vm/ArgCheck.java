package dev.mpt.vm;

import java.util.Map;

/** Argument checks: how many arguments a built-in takes and keyword arguments by name (MicroPython's argcheck). */
public final class ArgCheck {
    private ArgCheck() {}

    public static Object arg(Object[] a, int i, Map<String, Object> kw, String name, Object dflt) {
        if (i < a.length) {
            return a[i];
        }
        if (kw != null && kw.containsKey(name)) {
            return kw.get(name);
        }
        return dflt;
    }

    static void arity(PyType t, String name, int min, int max, boolean kw) {
        Object o = t.dict.get(name);
        if (o instanceof PyBuiltin b) {
            b.arity(min, max, kw);
        }
    }

    static void arities() {
        arity(Types.LIST, "append", 2, 2, false);
        arity(Types.LIST, "extend", 2, 2, false);
        arity(Types.LIST, "insert", 3, 3, false);
        arity(Types.LIST, "pop", 1, 2, false);
        arity(Types.LIST, "remove", 2, 2, false);
        arity(Types.LIST, "count", 2, 2, false);
        arity(Types.LIST, "index", 2, 4, false);
        arity(Types.LIST, "reverse", 1, 1, false);
        arity(Types.LIST, "clear", 1, 1, false);
        arity(Types.LIST, "copy", 1, 1, false);
        // (list.sort checks its own positional count: MicroPython words it as mp_arg_parse_all)
        arity(Types.DICT, "get", 2, 3, false);
        arity(Types.DICT, "keys", 1, 1, false);
        arity(Types.DICT, "values", 1, 1, false);
        arity(Types.DICT, "items", 1, 1, false);
        arity(Types.DICT, "pop", 2, 3, false);
        arity(Types.DICT, "setdefault", 2, 3, false);
        arity(Types.DICT, "popitem", 1, 1, false);
        arity(Types.DICT, "clear", 1, 1, false);
        arity(Types.DICT, "copy", 1, 1, false);
        arity(Types.SET, "add", 2, 2, false);
        arity(Types.SET, "remove", 2, 2, false);
        arity(Types.SET, "discard", 2, 2, false);
        // MicroPython's take exactly one other set (difference and update take any number)
        for (PyType t : new PyType[] {Types.SET, Types.FROZENSET}) {
            for (String n : new String[] {"union", "intersection", "issubset", "issuperset", "isdisjoint",
                    "symmetric_difference"}) {
                arity(t, n, 2, 2, false);
            }
        }
        arity(Types.SET, "intersection_update", 2, 2, false);
        arity(Types.SET, "symmetric_difference_update", 2, 2, false);
        arity(Types.TUPLE, "count", 2, 2, false);
        arity(Types.TUPLE, "index", 2, 4, false);
        for (PyType t : new PyType[] {Types.STR, Types.BYTES, Types.BYTEARRAY}) {
            for (String n : new String[] {"find", "rfind", "index", "rindex", "count"}) {
                arity(t, n, 2, 4, false);
            }
            arity(t, "startswith", 2, 4, false);
            arity(t, "endswith", 2, 4, false);
            arity(t, "strip", 1, 2, false);
            arity(t, "lstrip", 1, 2, false);
            arity(t, "rstrip", 1, 2, false);
            arity(t, "replace", 3, 4, false);
            arity(t, "join", 2, 2, false);
            arity(t, "partition", 2, 2, false);
            arity(t, "rpartition", 2, 2, false);
            arity(t, "center", 2, 3, false);
            arity(t, "upper", 1, 1, false);
            arity(t, "lower", 1, 1, false);
        }
    }

    static void arityFn(Map<String, Object> b, String name, int min, int max) {
        ((PyBuiltin) b.get(name)).arity(min, max, false);
    }

    /** What MicroPython says when a builtin that takes no keyword arguments is given some. */
    static PyError noKeywords() {
        return Ops.error(Types.NOT_IMPLEMENTED_ERROR, "keyword argument(s) not implemented - use normal args instead");
    }
}
