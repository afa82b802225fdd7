package dev.mpt.vm;

/** A slice object (objslice). */
public record PySlice(Object start, Object stop, Object step) implements PyObject {
    public PyType type() {
        return Types.SLICE;
    }
}
