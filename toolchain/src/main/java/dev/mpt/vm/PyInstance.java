package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a class defined in Python (or of a built-in type subclassed in Python). */
public class PyInstance implements PyObject {
    private PyType type;
    public final Map<String, Object> dict = new LinkedHashMap<>();
    /** For a subclass of a built-in type (list, dict, int ...): the built-in value. */
    public Object base;

    /**
     * The built-in value of an instance whose class's own __init__ is running and has not
     * called super().__init__() yet. As in MicroPython it is a placeholder function object:
     * operations on the instance act on it, methods of the built-in base raise
     * AttributeError, and the value is made when super().__init__() is called or, failing
     * that, from the constructor's arguments once __init__ returns.
     */
    static final PyBuiltin BASE_PENDING = new PyBuiltin("function", (a, kw) -> {
        throw Ops.error(Types.ATTRIBUTE_ERROR, "call super().__init__() first");
    });

    boolean basePending() {
        return base == BASE_PENDING;
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
