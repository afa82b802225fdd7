package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** An instance of BaseException or a subclass: args, attributes and the traceback so far. */
public final class PyException extends PyInstance {
    public PyTuple args;
    /**
     * True while a Python __init__ of a subclass runs before BaseException.__init__ has: such
     * an exception is not complete yet, and raising it is a TypeError (as in MicroPython).
     */
    boolean incomplete;
    /** Traceback entries in the order they were added (innermost frame first). */
    public final List<TracebackEntry> traceback = new ArrayList<>();

    public record TracebackEntry(String file, int line, String block) {}

    public PyException(PyType type, PyTuple args) {
        super(type);
        this.args = args;
    }

    public PyException(PyType type, String msg) {
        this(type, msg == null ? PyTuple.EMPTY : new PyTuple(new Object[] {msg}));
    }

    /** The value of a StopIteration: its first argument or None. */
    public Object value() {
        return args.items.length > 0 ? args.items[0] : PyNone.NONE;
    }

    public boolean isInstance(PyType t) {
        return type().isSubclassOf(t);
    }
}
