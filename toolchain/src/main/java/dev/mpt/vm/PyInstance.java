package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a class defined in Python (or of a built-in type subclassed in Python). */
public class PyInstance implements PyObject {
    private PyType type;
    public final Map<String, Object> dict = new LinkedHashMap<>();
    /** For a subclass of a built-in type (list, dict, int ...): the built-in value. */
    public Object base;

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
