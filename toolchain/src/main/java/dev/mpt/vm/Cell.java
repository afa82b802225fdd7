package dev.mpt.vm;

/** A closure cell: a variable shared between a function and the functions inside it. */
public final class Cell implements PyObject {
    public Object value;

    public Cell(Object value) {
        this.value = value;
    }

    public PyType type() {
        return Types.CELL;
    }
}
