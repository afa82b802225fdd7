package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Event.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;
import static dev.mpt.vm.extmod.asyncio.Lock.*;
import static dev.mpt.vm.extmod.asyncio.Stream.*;
import static dev.mpt.vm.extmod.asyncio.Task.*;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyDict;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import dev.mpt.vm.extmod.Select;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * asyncio as MicroPython's runs it: a run queue of tasks ordered by wake-up tick (first come
 * first served on ties), tasks that are only resumed when something queues them again, and the
 * same bookkeeping per task — {@code state} says whether it runs, who waits on it or that it is
 * done; {@code data} says what it waits on (another task, an Event's or Lock's queue, the I/O
 * queue, a gather) or what to throw into it next, and at the end holds its StopIteration or
 * exception. Cancelling a task forwards to the task it awaits and takes it off whatever queue it
 * sits on. This file is MicroPython's core.py: the module, the run loop with its I/O queue
 * (over {@link Select#events}), the Loop class and the Java awaitables the others build on;
 * {@link Task}, {@link Funcs} (sleep, gather, wait_for), {@link Event} (and ThreadSafeFlag),
 * {@link Lock} and {@link Stream} are the other parts. Each VM has its own loop, and with it its
 * own asyncio types and exceptions.
 */
public final class Asyncio {
    private Asyncio() {}

    /** An iterator that YIELD_FROM (and the run loop, for Java coroutines) resumes through {@link #step}. */
    abstract static class Await extends PyIter implements Slots.Awaitable {
        abstract PyGenerator.Resume step(Object send, Object throwExc);

        public final PyGenerator.Resume resume(Object send, Object throwExc) {
            return step(send, throwExc);
        }

        public Object next() {
            PyGenerator.Resume r = step(PyNone.NONE, null);
            return r.yielded() ? r.value() : null;
        }
    }

    static final PyGenerator.Resume YIELD = new PyGenerator.Resume(true, PyNone.NONE);

    /** A traceback line of MicroPython's frozen asyncio: it has no line numbers, so each is line 1. */
    static PyException.TracebackEntry pyFrame(String module, String function) {
        return new PyException.TracebackEntry("asyncio/" + module + ".py", 1, function);
    }

    static final PyException.TracebackEntry RUN = pyFrame("core", "run");
    static final PyException.TracebackEntry RUN_UNTIL_COMPLETE = pyFrame("core", "run_until_complete");
    static final PyException.TracebackEntry LOOP_RUN_UNTIL_COMPLETE = pyFrame("core", "run_until_complete");
    static final PyException.TracebackEntry CREATE_TASK = pyFrame("core", "create_task");
    static final PyException.TracebackEntry PROMOTE = pyFrame("core", "_promote_to_task");

    /** Adds a frame's line to an exception passing through it, once (a frame it already left last is not repeated). */
    static PyException addFrame(PyException e, PyException.TracebackEntry f) {
        List<PyException.TracebackEntry> tb = e.traceback;
        if (f != null && (tb.isEmpty() || tb.get(tb.size() - 1) != f)) {
            tb.add(f);
        }
        return e;
    }

    /** Runs a body that stands for one of asyncio's Python functions: an exception leaving it gets the function's line. */
    static <T> T in(PyException.TracebackEntry f, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (PyError e) {
            addFrame(e.exc, f);
            throw e;
        }
    }

    static PyGenerator.Resume done(Object v) {
        return new PyGenerator.Resume(false, v);
    }

    /**
     * A coroutine written as a state machine: {@link #advance} gets the value (or error) of the
     * last step and either yields, finishes, or delegates to another awaitable with
     * {@link #await}, which is then driven like {@code yield from}.
     */
    abstract static class Machine extends Await {
        private Object inner;
        private static final PyGenerator.Resume DELEGATE = new PyGenerator.Resume(true, null);

        abstract PyGenerator.Resume advance(Object value, PyError err);

        /**
         * The traceback line MicroPython's asyncio (frozen Python there) adds for this coroutine
         * when an exception reaches it, or null for none.
         */
        PyException.TracebackEntry frame() {
            return at;
        }

        private PyException.TracebackEntry at;

        /** Names the asyncio function this coroutine stands for, for tracebacks. */
        final Machine at(String module, String function) {
            at = pyFrame(module, function);
            return this;
        }

        final PyGenerator.Resume await(Object awaitable) {
            inner = Ops.iter(awaitable);
            return DELEGATE;
        }

        final PyGenerator.Resume step(Object send, Object throwExc) {
            Object value = send;
            PyError err = throwExc == null ? null : PyError.raising(throwExc);
            boolean resumeInner = inner != null;
            while (true) {
                if (resumeInner) {
                    try {
                        PyGenerator.Resume r = PyGenerator.resume(inner, err == null ? value : null,
                                err == null ? null : err.exc);
                        if (r.yielded()) {
                            return r;
                        }
                        value = r.value();
                        err = null;
                    } catch (PyError e) {
                        value = null;
                        err = e;
                    }
                    inner = null;
                }
                PyGenerator.Resume r;
                try {
                    if (err != null) {
                        addFrame(err.exc, frame());
                    }
                    r = advance(value, err);
                } catch (PyError e) {
                    addFrame(e.exc, frame());
                    throw e;
                }
                if (r != DELEGATE) {
                    return r;
                }
                resumeInner = true;
                value = PyNone.NONE;
                err = null;
            }
        }
    }

    static final class Entry implements Comparable<Entry> {
        final Task task;
        final long time;
        final long seq;
        boolean valid = true;

        Entry(Task task, long time, long seq) {
            this.task = task;
            this.time = time;
            this.seq = seq;
        }

        public int compareTo(Entry o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** The scheduler state of one VM: the run queue, the I/O queue and the running task. */
    static final class Loop {
        final VM vm;
        PriorityQueue<Entry> queue = new PriorityQueue<>();
        IoQueue io = new IoQueue();
        long seq;
        Task cur;
        Task stopTask;
        Object exceptionHandler = PyNone.NONE;

        /** The module's types and exceptions: this VM's own, made with its loop. */
        final PyType taskType = new PyType("Task", new PyType[] {Types.OBJECT}, true);
        final PyType eventType = new PyType("Event", new PyType[] {Types.OBJECT}, true);
        final PyType lockType = new PyType("Lock", new PyType[] {Types.OBJECT}, true);
        final PyType flagType = new PyType("ThreadSafeFlag", new PyType[] {Types.OBJECT}, true);
        final PyType streamType = new PyType("Stream", new PyType[] {Types.OBJECT}, true);
        final PyType loopType = new PyType("Loop", new PyType[] {Types.OBJECT}, true);
        final PyType serverType = new PyType("Server", new PyType[] {Types.OBJECT}, true);
        final PyType cancelledError = new PyType("CancelledError", new PyType[] {Types.BASE_EXCEPTION}, false);
        final PyType timeoutError = new PyType("TimeoutError", new PyType[] {Types.EXCEPTION}, false);

        Loop(VM vm) {
            this.vm = vm;
            initTypes(this);
        }

        long now() {
            return (System.nanoTime() - vm.startNanos) / 1_000_000L;
        }

        void push(Task t) {
            push(t, now());
        }

        /**
         * The task running now, where code suspends it (a sleep, a wait on an event, a lock or
         * a stream); a coroutine driven by hand, outside the loop, has none: RuntimeError.
         */
        Task running() {
            if (cur == null) {
                throw Ops.error(Types.RUNTIME_ERROR, "no running event loop");
            }
            return cur;
        }

        void push(Task t, long when) {
            if (t.queued != null) {
                t.queued.valid = false;
            }
            t.data = null;
            t.key = when;
            Entry e = new Entry(t, when, seq++);
            t.queued = e;
            queue.add(e);
        }

        void remove(Task t) {
            if (t.queued != null) {
                t.queued.valid = false;
                t.queued = null;
            }
        }

        Entry peek() {
            Entry e = queue.peek();
            while (e != null && !e.valid) {
                queue.poll();
                e = queue.peek();
            }
            return e;
        }

        void reset() {
            queue = new PriorityQueue<>();
            io = new IoQueue();
            cur = null;
        }

        /** Runs tasks until main finishes (or, with no main task, until nothing is left to run). */
        Object runUntilComplete(Task main) {
            while (true) {
                long dt = 1;
                while (dt > 0) {
                    dt = -1;
                    Entry e = peek();
                    if (e != null) {
                        dt = Math.max(0, e.time - now());
                    } else if (io.map.isEmpty()) {
                        cur = null;
                        if (main == null || main.isDone()) {
                            return PyNone.NONE;
                        }
                        dt = 3;
                    }
                    io.waitIoEvent(this, dt);
                }
                Entry e = peek();
                queue.poll();
                Task t = e.task;
                t.queued = null;
                cur = t;
                PyException er;
                Object exc = t.data;
                boolean rethrown = false;
                try {
                    PyGenerator.Resume r;
                    if (exc == null) {
                        r = PyGenerator.resume(t.coro, PyNone.NONE, null);
                    } else {
                        t.data = null;
                        if (t.isDone()) {
                            rethrown = true;
                            throw PyError.raising(exc);
                        }
                        r = PyGenerator.resume(t.coro, null, exc);
                    }
                    if (r.yielded()) {
                        continue;
                    }
                    er = new PyException(Types.STOP_ITERATION, PyTuple.of(r.value()));
                } catch (PyError pe) {
                    er = pe.exc;
                    if (!rethrown) {
                        addFrame(er, RUN_UNTIL_COMPLETE);
                    }
                    if (!er.isInstance(cancelledError) && !er.isInstance(Types.EXCEPTION)) {
                        cur = null;
                        throw pe;
                    }
                }
                boolean awaited = t == main;
                if (awaited) {
                    cur = null;
                    if (!er.isInstance(Types.STOP_ITERATION)) {
                        t.state = Boolean.FALSE;
                        // (MicroPython's `raise er` there adds run_until_complete's line again)
                        er.traceback.add(RUN_UNTIL_COMPLETE);
                        throw new PyError(er);
                    }
                    if (t.state == null) {
                        t.state = Boolean.FALSE;
                    }
                }
                if (!t.isDone()) {
                    if (t.state == Boolean.TRUE) {
                        t.state = awaited ? Boolean.FALSE : null;
                    } else if (t.state instanceof DoneCallback cb) {
                        cb.taskDone(t, er);
                        t.state = Boolean.FALSE;
                        awaited = true;
                    } else {
                        WaitQueue q = (WaitQueue) t.state;
                        while (q.peek() != null) {
                            push(q.pop());
                            awaited = true;
                        }
                        t.state = Boolean.FALSE;
                    }
                    if (!awaited && !er.isInstance(cancelledError) && !er.isInstance(Types.STOP_ITERATION)) {
                        push(t);
                    }
                    t.data = er;
                } else if (t.state == null) {
                    PyException unretrieved = PyError.raising(exc).exc;
                    t.data = unretrieved;
                    PyDict ctx = new PyDict();
                    ctx.put("message", "Task exception wasn't retrieved");
                    ctx.put("exception", unretrieved);
                    ctx.put("future", t);
                    callExceptionHandler(ctx);
                }
                if (t == main) {
                    return er.value();
                }
            }
        }

        void callExceptionHandler(PyDict ctx) {
            if (exceptionHandler != PyNone.NONE) {
                Ops.call(exceptionHandler, loopType, ctx);
            } else {
                defaultExceptionHandler(ctx);
            }
        }

        void defaultExceptionHandler(PyDict ctx) {
            vm.flush();
            Object fut = ctx.get("future");
            Object coro = fut instanceof Task t ? t.coro : Ops.getattr(fut, "coro");
            vm.writeErr(Ops.str(ctx.get("message")) + "\nfuture: " + Ops.str(fut) + " coro= " + Ops.str(coro) + "\n");
            Object exc = ctx.get("exception");
            if (exc instanceof PyException pe) {
                vm.writeErr(VM.formatException(pe));
            }
        }
    }

    /** Streams that tasks wait on for reading or writing, polled between tasks. */
    static final class IoQueue {
        /** stream → [task waiting to read, task waiting to write], by identity. */
        final Map<Object, Task[]> map = new IdentityHashMap<>();

        void enqueue(Loop loop, Object s, int idx) {
            Task[] e = map.get(s);
            if (e == null) {
                e = new Task[2];
                map.put(s, e);
            } else if (e[idx] != null) {
                throw Ops.error(Types.RUNTIME_ERROR, "stream already waited on");
            }
            Task t = loop.running();
            e[idx] = t;
            t.data = this;
        }

        void remove(Task t) {
            map.values().removeIf(e -> e[0] == t || e[1] == t);
        }

        void waitIoEvent(Loop loop, long dt) {
            long deadline = System.nanoTime() + dt * 1_000_000L;
            while (true) {
                boolean any = false;
                for (Map.Entry<Object, Task[]> me : new ArrayList<>(map.entrySet())) {
                    Task[] e = me.getValue();
                    long mask = (e[0] != null ? Select.POLLIN : 0) | (e[1] != null ? Select.POLLOUT : 0);
                    long ev = Select.events(loop.vm, me.getKey(), mask);
                    if (ev == 0) {
                        continue;
                    }
                    any = true;
                    if ((ev & ~Select.POLLOUT) != 0 && e[0] != null) {
                        loop.push(e[0]);
                        e[0] = null;
                    }
                    if ((ev & ~Select.POLLIN) != 0 && e[1] != null) {
                        loop.push(e[1]);
                        e[1] = null;
                    }
                    if (e[0] == null && e[1] == null) {
                        map.remove(me.getKey());
                    }
                }
                if (any || dt == 0 || (dt > 0 && System.nanoTime() - deadline >= 0)) {
                    return;
                }
                loop.vm.checkInterrupt();
                long left = dt < 0 ? 20 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                loop.vm.pauseNanos((map.isEmpty() ? Math.min(left, 20) : 1) * 1_000_000L);
            }
        }
    }

    public static PyModule module(VM vm) {
        Loop loop = vm.moduleState(Loop.class, Loop::new);
        PyModule m = new PyModule("asyncio");
        m.globals.put("CancelledError", loop.cancelledError);
        m.globals.put("TimeoutError", loop.timeoutError);
        m.globals.put("Task", loop.taskType);
        m.globals.put("Event", loop.eventType);
        m.globals.put("Lock", loop.lockType);
        m.globals.put("ThreadSafeFlag", loop.flagType);
        m.globals.put("Loop", loop.loopType);
        m.globals.put("StreamReader", loop.streamType);
        m.globals.put("StreamWriter", loop.streamType);
        m.fn("create_task", (a, kw) -> createTask(loop, a[0]));
        m.fn("sleep", (a, kw) -> sleepMs(loop, (long) (Ops.toDouble(a[0]) * 1000)));
        m.fn("sleep_ms", (a, kw) -> sleepMs(loop, Ops.toLong(a[0])));
        m.fn("current_task", (a, kw) -> {
            if (loop.cur == null) {
                throw Ops.error(Types.RUNTIME_ERROR, "no running event loop");
            }
            return loop.cur;
        });
        m.fn("run", (a, kw) -> in(RUN, () -> loop.runUntilComplete(createTask(loop, a[0]))));
        m.fn("run_until_complete", (a, kw) -> loop.runUntilComplete(
                a.length > 0 && a[0] != PyNone.NONE ? (Task) a[0] : null));
        m.fn("gather", (a, kw) -> new Gather(loop, a,
                kw != null && Ops.truthy(kw.getOrDefault("return_exceptions", false))));
        m.fn("wait_for", (a, kw) -> new WaitFor(loop, a[0], a[1], false));
        m.fn("wait_for_ms", (a, kw) -> new WaitFor(loop, a[0], a[1], true));
        m.fn("get_event_loop", (a, kw) -> loop.loopType);
        m.fn("new_event_loop", (a, kw) -> {
            loop.reset();
            return loop.loopType;
        });
        m.fn("open_connection", (a, kw) -> Server.openConnection(loop, a, kw));
        m.fn("start_server", (a, kw) -> Server.startServer(loop, a, kw));
        m.fn("ticks", (a, kw) -> loop.now() & ((1L << 30) - 1));
        m.globals.put("__version__", PyTuple.of(3L, 0L, 0L));
        // asyncio.core, as libraries written for MicroPython's asyncio reach into it: the same
        // names, and _io_queue, whose queue_read/queue_write park the running task on a stream
        // until it is ready (the task then yields None)
        PyModule io = new PyModule("IOQueue");
        io.fn("queue_read", (a, kw) -> {
            loop.io.enqueue(loop, a[0], 0);
            return PyNone.NONE;
        });
        io.fn("queue_write", (a, kw) -> {
            loop.io.enqueue(loop, a[0], 1);
            return PyNone.NONE;
        });
        io.fn("remove", (a, kw) -> {
            loop.io.remove((Task) a[0]);
            return PyNone.NONE;
        });
        PyModule core = new PyModule("asyncio.core");
        m.globals.forEach((k, v) -> {
            if (!k.equals("__name__")) {
                core.globals.put(k, v);
            }
        });
        core.globals.put("_io_queue", io);
        m.globals.put("core", core);
        return m;
    }

    static Task createTask(Loop loop, Object coro) {
        // (sleep's result is MicroPython's SingletonGenerator, which has no send: not a coroutine)
        if (coro instanceof Funcs.Sleep
                || !(coro instanceof PyGenerator) && !(coro instanceof Await) && Ops.getattrOrNull(coro, "send") == null) {
            throw new PyError(addFrame(Ops.typeError("coroutine expected").exc, CREATE_TASK));
        }
        Task t = new Task(coro, loop);
        loop.push(t);
        return t;
    }

    static Task promote(Loop loop, Object aw) {
        return aw instanceof Task t ? t : in(PROMOTE, () -> createTask(loop, aw));
    }

    static boolean cancel(Loop loop, Task t) {
        if (t.isDone()) {
            return false;
        }
        if (t == loop.cur) {
            throw Ops.error(Types.RUNTIME_ERROR, "can't cancel self");
        }
        while (t.data instanceof Task inner) {
            t = inner;
        }
        if (t.data instanceof WaitQueue q) {
            q.remove(t);
            loop.push(t);
        } else if (t.data instanceof IoQueue io) {
            io.remove(t);
            loop.push(t);
        } else if (t.data == GATHER_WAIT) {
            loop.push(t);
        } else if (t.queued != null && t.key > loop.now()) {
            loop.remove(t);
            loop.push(t);
        }
        t.data = loop.cancelledError;
        return true;
    }

    /** A coroutine that awaits what start gives (start runs on its first step) and returns None. */
    static Machine awaiting(java.util.function.Supplier<Object> start) {
        return new Machine() {
            boolean started;

            PyGenerator.Resume advance(Object value, PyError err) {
                if (err != null) {
                    throw err;
                }
                if (!started) {
                    started = true;
                    return await(start.get());
                }
                return done(PyNone.NONE);
            }
        };
    }

    static Await doneAwait(Object v) {
        return new Await() {
            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    throw PyError.raising(throwExc);
                }
                return done(v);
            }
        };
    }

    /** Fills this VM's asyncio types (once per loop). */
    static void initTypes(Loop loop) {
        Task.init(loop);
        Event.init(loop);
        Lock.init(loop);
        Event.initFlag(loop);
        Stream.init(loop);
        Server.init(loop);
        loopFn(loop, "create_task", (a, kw) -> createTask(loop, a[0]));
        loopFn(loop, "run_forever", (a, kw) -> {
            loop.stopTask = new Task(doneAwait(PyNone.NONE), loop);
            loop.runUntilComplete(loop.stopTask);
            return PyNone.NONE;
        });
        loopFn(loop, "run_until_complete", (a, kw) -> in(LOOP_RUN_UNTIL_COMPLETE, () -> loop.runUntilComplete(promote(loop, a[0]))));
        loopFn(loop, "stop", (a, kw) -> {
            if (loop.stopTask != null) {
                loop.push(loop.stopTask);
                loop.stopTask = null;
            }
            return PyNone.NONE;
        });
        loopFn(loop, "close", (a, kw) -> PyNone.NONE);
        loopFn(loop, "set_exception_handler", (a, kw) -> {
            loop.exceptionHandler = a[0];
            return PyNone.NONE;
        });
        loopFn(loop, "get_exception_handler", (a, kw) -> loop.exceptionHandler);
        loopFn(loop, "default_exception_handler", (a, kw) -> {
            loop.defaultExceptionHandler((PyDict) a[1]);
            return PyNone.NONE;
        });
        loopFn(loop, "call_exception_handler", (a, kw) -> {
            loop.callExceptionHandler((PyDict) a[0]);
            return PyNone.NONE;
        });
    }

    static void loopFn(Loop loop, String name, PyBuiltin.Native impl) {
        loop.loopType.dict.put(name, new PyBuiltin(name, impl));
    }

}
