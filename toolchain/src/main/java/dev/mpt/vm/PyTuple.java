package dev.mpt.vm;

import java.util.List;

/** An immutable tuple. */
public final class PyTuple implements PyObject {
    public static final PyTuple EMPTY = new PyTuple(new Object[0]);
    public final Object[] items;
    /** Field names when this is an attrtuple (sys.implementation, os.uname()); else null. */
    String[] fields;

    public static PyTuple attr(String[] fields, Object... items) {
        PyTuple t = new PyTuple(items);
        t.fields = fields;
        return t;
    }

    public PyTuple(Object[] items) {
        this.items = items;
    }

    /** A tuple of these items: as MicroPython's mp_obj_new_tuple, every empty one is the one EMPTY (() is ()). */
    public static PyTuple make(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    public static PyTuple of(Object... items) {
        return make(items);
    }

    public static PyTuple of(List<Object> items) {
        return make(items.toArray());
    }

    public PyType type() {
        return Types.TUPLE;
    }

    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTuple t && Ops.seqEq(items, items.length, t.items, t.items.length);
    }

    @Override
    public int hashCode() {
        return (int) Ops.hash(this);
    }
}
