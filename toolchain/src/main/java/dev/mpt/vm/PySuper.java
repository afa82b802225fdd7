package dev.mpt.vm;

/** A super() object: look up from the type after {@code cls} in obj's class. */
public record PySuper(PyType cls, Object obj) implements PyObject {
    public PyType type() {
        return Types.SUPER;
    }
}
