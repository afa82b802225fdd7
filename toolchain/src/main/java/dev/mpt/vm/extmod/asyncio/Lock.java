package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Event.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;
import static dev.mpt.vm.extmod.asyncio.Stream.*;
import static dev.mpt.vm.extmod.asyncio.Task.*;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;

/** lock (lock.py): a Lock handed to waiting tasks in order. */
final class Lock implements PyObject {
    final Loop loop;

    Lock(Loop loop) {
        this.loop = loop;
    }

    /** 0 unlocked, 1 locked, or the task that acquires it next. */
    Object state = 0L;
    final WaitQueue waiting = new WaitQueue();

    public PyType type() {
        return loop.lockType;
    }

    static void release(Loop loop, Lock l) {
        if (!l.state.equals(1L)) {
            throw Ops.error(Types.RUNTIME_ERROR, "Lock not acquired");
        }
        if (l.waiting.peek() != null) {
            Task next = l.waiting.pop();
            l.state = next;
            loop.push(next);
        } else {
            l.state = 0L;
        }
    }

    static final PyException.TracebackEntry ACQUIRE = pyFrame("lock", "acquire");

    /** Lock's methods. */
    static void init(Loop loop) {
        loop.lockType.maker = (cls, a, kw) -> new Lock(loop);
        BuiltinTypes.method(loop.lockType, "locked", (a, kw) -> ((Lock) a[0]).state.equals(1L));
        PyBuiltin.Native acquire = (a, kw) -> {
            Lock l = (Lock) a[0];
            return new Machine() {
                boolean started;

                PyException.TracebackEntry frame() {
                    return ACQUIRE;
                }

                PyGenerator.Resume advance(Object value, PyError err) {
                    if (!started) {
                        started = true;
                        if (err != null) {
                            throw err;
                        }
                        if (!l.state.equals(0L)) {
                            Task t = loop.running();
                            l.waiting.push(t);
                            t.data = l.waiting;
                            return YIELD;
                        }
                    } else if (err != null) {
                        if (err.exc.isInstance(loop.cancelledError) && l.state == loop.cur) {
                            l.state = 1L;
                            release(loop, l);
                        }
                        if (err.exc.isInstance(loop.cancelledError)) {
                            err.exc.traceback.add(ACQUIRE); // (MicroPython re-raises it: `raise er`)
                        }
                        throw err;
                    }
                    l.state = 1L;
                    return done(Boolean.TRUE);
                }
            };
        };
        BuiltinTypes.method(loop.lockType, "acquire", acquire);
        BuiltinTypes.method(loop.lockType, "__aenter__", acquire);
        BuiltinTypes.method(loop.lockType, "release", (a, kw) -> {
            release(loop, (Lock) a[0]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.lockType, "__aexit__", (a, kw) -> {
            Lock l = (Lock) a[0];
            return new Machine() {
                PyGenerator.Resume advance(Object value, PyError err) {
                    if (err != null) {
                        throw err;
                    }
                    release(loop, l);
                    return done(PyNone.NONE);
                }
            };
        });
    }
}
