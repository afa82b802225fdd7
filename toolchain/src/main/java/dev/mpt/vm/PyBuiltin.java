package dev.mpt.vm;

import java.util.Map;

/** A function written in Java. Positional arguments in an array; keywords, if any, in a map. */
public final class PyBuiltin implements PyObject {
    @FunctionalInterface
    public interface Native {
        Object call(Object[] args, Map<String, Object> kw);
    }

    public final String name;
    final Native impl;
    /** Whether this is a method of a built-in type (bound to the instance on attribute access). */
    final boolean method;

    public PyBuiltin(String name, Native impl) {
        this(name, impl, false);
    }

    public PyBuiltin(String name, Native impl, boolean method) {
        this.name = name;
        this.impl = impl;
        this.method = method;
    }

    /**
     * The type the unix port gives this function (see {@link FunTypes}); null: the default. Set
     * as its module is made, to the same type by every VM.
     */
    PyType funType;

    public PyType type() {
        PyType t = funType;
        if (t != null) {
            return t;
        }
        // a method of a built-in type, seen through the type (through an instance it is bound)
        return method ? Types.CHECKED_FUN : Types.FUN_BUILTIN_VAR;
    }

    /**
     * Gives this function its MicroPython type; one of the fixed-arity types also makes calls
     * check, as MicroPython's do, that exactly that many positional arguments and no keywords
     * are given.
     */
    PyBuiltin funType(PyType t) {
        funType = t;
        int n = t == Types.FUN_BUILTIN_0 ? 0 : t == Types.FUN_BUILTIN_1 ? 1 : t == Types.FUN_BUILTIN_2 ? 2
                : t == Types.FUN_BUILTIN_3 ? 3 : -1;
        if (n >= 0) {
            arity(n, n, false);
        }
        return this;
    }

    /**
     * A method of built-in type t reached through t ({@code str.join}): as MicroPython's checked
     * function, a new object each time, which refuses a first argument of any other type
     * (a subclass's instance too) and otherwise calls the method. It binds as a method does.
     */
    static PyBuiltin checked(PyBuiltin m, PyType t) {
        PyBuiltin c = new PyBuiltin(m.name, (a, kw) -> {
            if (a.length > 0 && Ops.typeOf(a[0]) != t) {
                throw Ops.typeError("argument should be a '" + t.name + "' not a '" + Ops.typeOf(a[0]).name + "'");
            }
            return Ops.call(m, a, kw);
        }, true);
        c.funType = Types.CHECKED_FUN;
        return c;
    }

    /** Accepted positional argument counts (self included for methods); -1 when unchecked. */
    int minArgs = -1;
    int maxArgs = -1;
    boolean takesKw = true;

    PyBuiltin arity(int min, int max, boolean kw) {
        this.minArgs = min;
        this.maxArgs = max;
        this.takesKw = kw;
        return this;
    }

    void check(Object[] args, Map<String, Object> kw) {
        if (!takesKw && kw != null && !kw.isEmpty()) {
            throw Ops.typeError("function doesn't take keyword arguments");
        }
        if (minArgs >= 0 && (args.length < minArgs || args.length > maxArgs)) {
            // as MicroPython, a method's counts include self
            int off = 0;
            if (minArgs == maxArgs) {
                throw Ops.typeError("function takes " + (minArgs - off) + " positional arguments but "
                        + (args.length - off) + " were given");
            }
            throw Ops.typeError(args.length < minArgs ? "function missing required positional argument"
                    : "function expected at most " + (maxArgs - off) + " arguments, got " + (args.length - off));
        }
    }

    public Object call(Object[] args, Map<String, Object> kw) {
        check(args, kw);
        return impl.call(args, kw);
    }
}
