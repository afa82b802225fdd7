package dev.mpt.vm;

/** classmethod(fn). */
public record PyClassMethod(Object fn) implements PyObject {
    public PyType type() {
        return Types.CLASSMETHOD;
    }
}
