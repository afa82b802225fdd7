package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a class defined in Python (or of a built-in type subclassed in Python). */
public class PyInstance implements PyObject {
    private PyType type;
    public final Map<String, Object> dict = new LinkedHashMap<>();
    /** For a subclass of a built-in type (list, dict, int ...): the built-in value. */
    public Object base;
    /** The address id() gives, once asked (see {@link Repr#address}). */
    long address;

    /**
     * The built-in value of an instance whose class's own __init__ is running and has not
     * called super().__init__() yet. As in MicroPython it is a placeholder function object:
     * operations on the instance act on it, methods of the built-in base raise
     * AttributeError, and the value is made when super().__init__() is called or, failing
     * that, from the constructor's arguments once __init__ returns.
     */
    static final PyBuiltin BASE_PENDING = new PyBuiltin("function", (a, kw) -> {
        throw basePendingError();
    });

    boolean basePending() {
        return base == BASE_PENDING;
    }

    /** The built-in value, for calling a method of the built-in base on it. */
    Object initializedBase() {
        if (basePending()) {
            throw basePendingError();
        }
        return base;
    }

    private static PyError basePendingError() {
        return Ops.error(Types.ATTRIBUTE_ERROR, "call super().__init__() first");
    }

    /**
     * For a built-in type's own __init__ called on a pending instance (list.__init__(self, x)):
     * makes the value of type t from the arguments after self and returns true.
     */
    static boolean initPendingBase(Object self, PyType t, Object[] a, java.util.Map<String, Object> kw) {
        if (!(self instanceof PyInstance pi) || !pi.basePending()) {
            return false;
        }
        pi.base = Classes.makeNativeBase(t, java.util.Arrays.copyOfRange(a, 1, a.length), kw);
        return true;
    }

    public PyInstance(PyType type) {
        this.type = type;
    }

    public PyType type() {
        return type;
    }

    void setType(PyType t) {
        this.type = t;
    }
}
