package dev.mpt.vm;

/** property(fget, fset, fdel) (objproperty). */
public record PyProperty(Object fget, Object fset, Object fdel) implements PyObject {
    public PyType type() {
        return Types.PROPERTY;
    }
}
