package dev.mpt.vm;

/** The Java throwable that carries a raised Python exception through Java frames. */
public final class PyError extends RuntimeException {
    public final PyException exc;

    public PyError(PyException exc) {
        super(null, null, false, false);
        this.exc = exc;
    }

    @Override
    public String getMessage() {
        return exc.type().name + ": " + Ops.str(exc);
    }
}
