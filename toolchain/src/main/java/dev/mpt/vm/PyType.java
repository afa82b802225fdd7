package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** A type: built in (with a Java constructor) or a class defined in Python. */
public final class PyType implements PyObject {
    /** Makes an instance of a built-in type (cls may be a Python subclass of it). */
    @FunctionalInterface
    public interface Maker {
        Object make(PyType cls, Object[] args, Map<String, Object> kw);
    }

    public final String name;
    public final PyType[] bases;
    public final Map<String, Object> dict = new LinkedHashMap<>();
    public final boolean builtin;
    public Maker maker;
    /** The nearest built-in type below object this type derives from (itself for built-ins). */
    final PyType nativeBase;
    public PyType metaclass;
    /** Made by type(name, bases, OrderedDict): __dict__ keeps the definition order. */
    boolean orderedDict;
    /** Some class derives from this one: descriptors can no longer be added to it (as in MicroPython). */
    boolean subclassed;

    public PyType(String name, PyType[] bases, boolean builtin) {
        this.name = name;
        this.bases = bases;
        this.builtin = builtin;
        PyType nb = null;
        if (builtin) {
            nb = this;
        } else {
            for (PyType b : bases) {
                if (b.nativeBase != null && b.nativeBase != Types.OBJECT) {
                    nb = b.nativeBase;
                    break;
                }
            }
        }
        this.nativeBase = nb;
        if (!builtin) {
            for (PyType b : bases) {
                b.subclassed = true;
            }
        }
    }

    public PyType type() {
        return metaclass != null ? metaclass : Types.TYPE;
    }

    /** Looks up an attribute in this type and its bases, depth first, left to right. */
    public Object lookup(String attr) {
        Object v = dict.get(attr);
        if (v != null) {
            return v;
        }
        for (PyType b : bases) {
            v = b.lookup(attr);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Like lookup, but skips the built-in {@code object} type. */
    Object lookupNotObject(String attr) {
        if (this == Types.OBJECT) {
            return null;
        }
        Object v = dict.get(attr);
        if (v != null) {
            return v;
        }
        for (PyType b : bases) {
            v = b.lookupNotObject(attr);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public boolean isSubclassOf(PyType t) {
        if (this == t || t == Types.OBJECT) {
            return true;
        }
        for (PyType b : bases) {
            if (b.isSubclassOf(t)) {
                return true;
            }
        }
        return false;
    }

    boolean isException() {
        return isSubclassOf(Types.BASE_EXCEPTION);
    }

    @Override
    public String toString() {
        return name;
    }
}
