package dev.mpt.vm;

/** The singletons {@code None}, {@code Ellipsis} and {@code NotImplemented}. */
public final class PyNone implements PyObject {
    public static final PyNone NONE = new PyNone("None");
    public static final PyNone ELLIPSIS = new PyNone("Ellipsis");
    public static final PyNone NOT_IMPLEMENTED = new PyNone("NotImplemented");

    private final String name;

    private PyNone(String name) {
        this.name = name;
    }

    public PyType type() {
        return this == NONE ? Types.NONETYPE : this == ELLIPSIS ? Types.ELLIPSIS : Types.NOTIMPL;
    }

    @Override
    public String toString() {
        return name;
    }
}
