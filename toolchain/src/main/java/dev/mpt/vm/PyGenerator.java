package dev.mpt.vm;

/** A generator (or coroutine): a suspended frame resumed by next/send/throw/close. */
public final class PyGenerator implements PyObject {
    /** The GeneratorExit instance close() throws in (no traceback is recorded for it). */
    static final PyException GENERATOR_EXIT_CONST = new PyException(Types.GENERATOR_EXIT, PyTuple.EMPTY);

    final Frame frame;
    boolean started;
    boolean finished;
    /** An exception pend_throw() left to throw in at the next resume. */
    Object pending;

    PyGenerator(Frame frame) {
        this.frame = frame;
    }

    public PyType type() {
        return Types.GENERATOR;
    }

    String name() {
        return frame.code.name;
    }

    /** Outcome of resuming: a yielded value, or the value returned at the end. */
    public record Resume(boolean yielded, Object value) {}

    /** Resumes with a sent value or a thrown exception; an exception raised inside propagates. */
    Resume resumeSelf(Object send, Object throwExc) {
        if (finished) {
            if (throwExc != null) {
                throw new PyError(Interp.makeRaiseObj(throwExc));
            }
            return new Resume(false, PyNone.NONE);
        }
        if (frame.running) {
            throw Ops.valueError("generator already executing");
        }
        if (pending != null && throwExc == null) {
            throwExc = pending;
            pending = null;
        }
        if (!started) {
            if (send != null && send != PyNone.NONE && throwExc == null) {
                throw Ops.typeError("can't send non-None value to a just-started generator");
            }
            started = true;
        } else if (throwExc == null) {
            frame.state[frame.sp] = send == null ? PyNone.NONE : send;
        }
        frame.running = true;
        VM vm = frame.ctx.vm;
        ThreadState thread = vm.ts;
        if (++thread.depth > vm.maxDepth) {
            thread.depth--;
            frame.running = false;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            int kind = throwExc == null ? JitRuntime.resumeGenerator(frame) : -1;
            if (kind < 0) {
                kind = Interp.execute(frame, throwExc);
            }
            if (kind == Interp.YIELD) {
                return new Resume(true, frame.result);
            }
            finished = true;
            return new Resume(false, frame.result);
        } catch (PyError e) {
            finished = true;
            if (e.exc.isInstance(Types.STOP_ITERATION) && e.exc != GENERATOR_EXIT_CONST) {
                throw Ops.error(Types.RUNTIME_ERROR, "generator raised StopIteration");
            }
            throw e;
        } catch (RuntimeException | Error x) {
            finished = true;
            throw x;
        } finally {
            thread.depth--;
            frame.running = false;
        }
    }

    /**
     * pend_throw(exc): exc is thrown in at the next resume instead of the value sent (None
     * cancels); returns the exception pending before.
     */
    Object pendThrow(Object exc) {
        if (frame.running) {
            throw Ops.valueError("generator already executing");
        }
        Object before = pending == null ? PyNone.NONE : pending;
        pending = exc == PyNone.NONE ? null : exc;
        return before;
    }

    /** Next item for iteration, or null when the generator returns. */
    Object next() {
        Resume r = resumeSelf(PyNone.NONE, null);
        return r.yielded() ? r.value() : null;
    }

    /** send(): the yielded value, or StopIteration carrying the return value. */
    Object send(Object v) {
        Resume r = resumeSelf(v, null);
        if (r.yielded()) {
            return r.value();
        }
        throw stopIteration(r.value());
    }

    Object throwIn(Object exc) {
        Resume r = resumeSelf(null, exc);
        if (r.yielded()) {
            return r.value();
        }
        throw stopIteration(r.value());
    }

    Object close() {
        if (finished) {
            return PyNone.NONE;
        }
        if (!started) {
            finished = true;
            return PyNone.NONE;
        }
        try {
            Resume r = resumeSelf(null, GENERATOR_EXIT_CONST);
            if (r.yielded()) {
                throw Ops.error(Types.RUNTIME_ERROR, "generator ignored GeneratorExit");
            }
            return PyNone.NONE;
        } catch (PyError e) {
            if (e.exc.isInstance(Types.GENERATOR_EXIT) || e.exc.isInstance(Types.STOP_ITERATION)) {
                return PyNone.NONE;
            }
            throw e;
        }
    }

    static PyError stopIteration(Object value) {
        if (value == PyNone.NONE) {
            return new PyError(new PyException(Types.STOP_ITERATION, PyTuple.EMPTY));
        }
        return new PyError(new PyException(Types.STOP_ITERATION, PyTuple.of(value)));
    }

    /** Resumes any iterator as {@code yield from} does. */
    public static Resume resume(Object inner, Object send, Object throwExc) {
        if (inner instanceof PyGenerator g) {
            return g.resumeSelf(send, throwExc);
        }
        if (inner instanceof Slots.Awaitable a) {
            return a.resume(send, throwExc);
        }
        if (throwExc != null) {
            boolean genExit = throwExc instanceof PyException pe ? pe.isInstance(Types.GENERATOR_EXIT)
                    : throwExc instanceof PyType t && t.isSubclassOf(Types.GENERATOR_EXIT);
            if (genExit) {
                Object close = Ops.getattrOrNull(inner, "close");
                if (close != null) {
                    Ops.call(close);
                }
                throw new PyError(Interp.makeRaiseObj(throwExc));
            }
            Object m = Ops.getattrOrNull(inner, "throw");
            if (m == null) {
                throw new PyError(Interp.makeRaiseObj(throwExc));
            }
        }
        try {
            if (throwExc != null) {
                return new Resume(true, Ops.call(Ops.getattr(inner, "throw"), throwExc));
            }
            if (send == null || send == PyNone.NONE) {
                if (inner instanceof PyInstance pi && pi.type().lookupNotObject("__next__") != null) {
                    return new Resume(true, Ops.callMethod(pi.type().lookupNotObject("__next__"), pi));
                }
                Object v = Ops.next(inner);
                if (v == null) {
                    return new Resume(false, PyNone.NONE);
                }
                return new Resume(true, v);
            }
            Object m = Ops.getattr(inner, "send");
            return new Resume(true, Ops.call(m, send));
        } catch (PyError e) {
            if (e.exc.isInstance(Types.STOP_ITERATION)) {
                return new Resume(false, e.exc.value());
            }
            throw e;
        }
    }
}
