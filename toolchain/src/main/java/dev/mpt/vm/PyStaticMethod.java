package dev.mpt.vm;

/** staticmethod(fn). */
public record PyStaticMethod(Object fn) implements PyObject {
    public PyType type() {
        return Types.STATICMETHOD;
    }
}
