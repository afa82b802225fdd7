package dev.mpt.vm;

/** The Java throwable that carries a raised Python exception through Java frames. */
public final class PyError extends RuntimeException {
    public final PyException exc;

    public PyError(PyException exc) {
        super(null, null, false, false);
        this.exc = exc;
    }

    /** What {@code raise obj} raises: obj itself when it is an exception, an instance when it is an exception class. */
    public static PyError raising(Object obj) {
        return new PyError(Interp.makeRaiseObj(obj));
    }

    @Override
    public String getMessage() {
        return exc.type().name + ": " + Ops.str(exc);
    }
}
