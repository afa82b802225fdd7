package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Event.*;
import static dev.mpt.vm.extmod.asyncio.Lock.*;
import static dev.mpt.vm.extmod.asyncio.Stream.*;
import static dev.mpt.vm.extmod.asyncio.Task.*;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;

/** funcs (funcs.py): sleep, gather and wait_for, as state machines over awaitables. */
final class Funcs {
    private Funcs() {}

    static Await sleepMs(Loop loop, long ms) {
        long delta = Math.max(0, ms);
        if (delta >= (1L << 29)) {
            throw Ops.error(Types.OVERFLOW_ERROR, "ticks interval overflow");
        }
        return new Sleep(loop, loop.now() + delta);
    }

    /** What sleep() and sleep_ms() return: awaitable, but no coroutine (create_task refuses it). */
    static final class Sleep extends Await {
        final Loop loop;
        final long when;
        boolean pending = true;

        Sleep(Loop loop, long when) {
            this.loop = loop;
            this.when = when;
        }

        public PyGenerator.Resume step(Object send, Object throwExc) {
            if (throwExc != null) {
                throw PyError.raising(throwExc);
            }
            if (pending) {
                pending = false;
                loop.push(loop.running(), when);
                return YIELD;
            }
            return done(PyNone.NONE);
        }
    }

    /** gather(*aws, return_exceptions=False): runs when awaited, as MicroPython's generator does. */
    static final class Gather extends Machine implements DoneCallback {
        final Loop loop;
        final Object[] aws;
        final boolean returnExceptions;
        Task[] ts;
        Object[] results;
        /** Sub-tasks still running (a Long), or the exception to raise. */
        Object state;
        Task gatherTask;
        int pc;

        static final PyException.TracebackEntry GATHER = pyFrame("funcs", "gather");
        static final PyException.TracebackEntry LISTCOMP = pyFrame("funcs", "<listcomp>");

        PyException.TracebackEntry frame() {
            return GATHER;
        }

        Gather(Loop loop, Object[] aws, boolean returnExceptions) {
            this.loop = loop;
            this.aws = aws;
            this.returnExceptions = returnExceptions;
        }

        public void taskDone(Task t, PyException er) {
            if (gatherTask.data != GATHER_WAIT) {
                return;
            }
            if (!returnExceptions && !er.isInstance(Types.STOP_ITERATION)) {
                state = er;
            } else {
                long left = (state instanceof Long l ? l : 0) - 1;
                state = left;
                if (left != 0) {
                    return;
                }
            }
            loop.push(gatherTask);
        }

        PyGenerator.Resume advance(Object value, PyError err) {
            boolean cancelAll = false;
            if (pc == 0) {
                pc = 1;
                if (err != null) {
                    throw err;
                }
                ts = new Task[aws.length];
                for (int i = 0; i < aws.length; i++) {
                    Object aw = aws[i];
                    ts[i] = in(LISTCOMP, () -> promote(loop, aw));
                }
                long count = 0;
                for (Task t : ts) {
                    if (t.state == Boolean.TRUE) {
                        t.state = this;
                        count++;
                    } else if (t.isDone()) {
                        if (!(t.data instanceof PyException e && e.isInstance(Types.STOP_ITERATION))
                                && !returnExceptions) {
                            count = -ts.length;
                        }
                    } else {
                        throw Ops.error(Types.RUNTIME_ERROR, "can't gather");
                    }
                }
                state = count;
                gatherTask = loop.running();
                if (state instanceof Long l && l > 0) {
                    gatherTask.data = GATHER_WAIT;
                    return YIELD;
                }
            } else if (err != null) {
                if (!err.exc.isInstance(loop.cancelledError)) {
                    throw err;
                }
                cancelAll = true;
                state = err.exc;
            }
            results = new Object[ts.length];
            for (int i = 0; i < ts.length; i++) {
                Task t = ts[i];
                if (t.state == this) {
                    t.state = Boolean.TRUE;
                    if (cancelAll) {
                        cancel(loop, t);
                    }
                    results[i] = t;
                } else if (t.data instanceof PyException e && e.isInstance(Types.STOP_ITERATION)) {
                    results[i] = e.value();
                } else if (returnExceptions) {
                    results[i] = t.data;
                } else {
                    if (state instanceof Long) {
                        state = t.data;
                    }
                    results[i] = t.data;
                }
            }
            if (state instanceof PyException e) {
                throw new PyError(e);
            }
            if (state instanceof Long l && l != 0) {
                throw Ops.typeError("exceptions must derive from BaseException");
            }
            return done(new PyList(java.util.Arrays.asList(results)));
        }
    }

    /** wait_for(aw, timeout) and wait_for_ms: aw runs in a runner task while this one sleeps. */
    static final class WaitFor extends Machine {
        final Loop loop;
        final Object awIn;
        final Object timeout;
        final boolean ms;
        Task aw;
        Task runner;
        int pc;

        static final PyException.TracebackEntry WAIT_FOR = pyFrame("funcs", "wait_for");

        PyException.TracebackEntry frame() {
            return WAIT_FOR;
        }

        WaitFor(Loop loop, Object aw, Object timeout, boolean ms) {
            this.loop = loop;
            this.awIn = aw;
            this.timeout = timeout;
            this.ms = ms;
        }

        PyGenerator.Resume advance(Object value, PyError err) {
            switch (pc) {
                case 0:
                    if (err != null) {
                        throw err;
                    }
                    aw = promote(loop, awIn);
                    if (timeout == PyNone.NONE) {
                        pc = 3;
                        return await(aw);
                    }
                    runner = createTask(loop, new Runner(loop, loop.running(), aw));
                    pc = 1;
                    return await(ms ? sleepMs(loop, Ops.toLong(timeout))
                            : sleepMs(loop, (long) (Ops.toDouble(timeout) * 1000)));
                case 1:
                    if (err != null) {
                        if (!err.exc.isInstance(loop.cancelledError)) {
                            throw err;
                        }
                        Object[] args = err.exc.args.items;
                        Object status = args.length > 0 ? args[0] : PyNone.NONE;
                        if (status == PyNone.NONE) {
                            cancel(loop, runner);
                            throw err;
                        } else if (status == Boolean.TRUE) {
                            return done(args.length > 1 ? args[1] : PyNone.NONE);
                        } else {
                            throw PyError.raising(status);
                        }
                    }
                    cancel(loop, runner);
                    pc = 2;
                    return await(runner);
                case 2:
                    if (err != null) {
                        throw err;
                    }
                    throw new PyError(new PyException(loop.timeoutError, PyTuple.EMPTY));
                default:
                    if (err != null) {
                        throw err;
                    }
                    return done(value);
            }
        }
    }

    /** wait_for's runner: awaits aw, then cancels the waiting task with aw's outcome. */
    static final class Runner extends Machine {
        final Loop loop;
        final Task waiter;
        final Task aw;
        boolean started;

        static final PyException.TracebackEntry RUN = pyFrame("funcs", "_run");

        PyException.TracebackEntry frame() {
            return RUN;
        }

        Runner(Loop loop, Task waiter, Task aw) {
            this.loop = loop;
            this.waiter = waiter;
            this.aw = aw;
        }

        PyGenerator.Resume advance(Object value, PyError err) {
            if (!started) {
                started = true;
                if (err != null) {
                    throw err;
                }
                return await(aw);
            }
            Object status;
            Object result;
            if (err == null) {
                status = Boolean.TRUE;
                result = value;
            } else {
                status = err.exc;
                result = PyNone.NONE;
            }
            if (waiter.data == null && cancel(loop, waiter)) {
                waiter.data = new PyException(loop.cancelledError, PyTuple.of(status, result));
            }
            return done(PyNone.NONE);
        }
    }
}
