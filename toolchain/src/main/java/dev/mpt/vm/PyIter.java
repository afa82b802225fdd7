package dev.mpt.vm;

/** A built-in iterator: {@link #next()} returns null when exhausted. */
public abstract class PyIter implements PyObject {
    PyType type = Types.ITERATOR;

    public PyType type() {
        return type;
    }

    /** The next item, or null at the end. */
    public abstract Object next();

    /** An iterator over a Java iterator of Python values. */
    static PyIter of(java.util.Iterator<?> it) {
        return new PyIter() {
            public Object next() {
                return it.hasNext() ? it.next() : null;
            }
        };
    }
}
