package dev.mpt.vm;

/** A function bound to its self (objboundmeth). */
public record PyBoundMethod(Object self, Object fn) implements PyObject {
    public PyType type() {
        return Types.BOUND_METHOD;
    }
}
