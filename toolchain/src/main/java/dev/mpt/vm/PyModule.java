package dev.mpt.vm;

import java.util.Map;

/** A module: a name and its globals. */
public final class PyModule implements PyObject {
    public final String name;
    public final Map<String, Object> globals;
    /** Built-in modules are read-only from Python. */
    boolean builtin;
    /** A built-in module's __dict__ (made at the first ask: see Classes.moduleDict). */
    PyDict fixedDict;

    public PyModule(String name) {
        this(name, new VM.DictBackedMap(new PyDict()));
    }

    /** The globals as a dict (the same object each time when they are dict-backed). */
    public PyDict dict() {
        if (globals instanceof VM.DictBackedMap m) {
            return m.dict;
        }
        // (builtins: a built-in module's table, iterated in its order)
        PyDict d = new PyDict(true);
        for (Map.Entry<String, Object> e : globals.entrySet()) {
            d.put(e.getKey(), e.getValue());
        }
        return d;
    }

    public PyModule(String name, Map<String, Object> globals) {
        this.name = name;
        this.globals = globals;
        globals.putIfAbsent("__name__", name);
    }

    /** Defines a function of this module (a native module's way to add one). */
    public void fn(String name, PyBuiltin.Native impl) {
        globals.put(name, new PyBuiltin(name, impl));
    }

    public PyType type() {
        return Types.MODULE;
    }
}
