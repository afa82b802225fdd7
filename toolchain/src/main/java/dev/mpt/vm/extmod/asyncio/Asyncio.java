package dev.mpt.vm.extmod.asyncio;

import dev.mpt.vm.*;
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
 * sits on. Also here: sleep/sleep_ms, gather, wait_for, Event, Lock, ThreadSafeFlag, the I/O
 * queue (over {@link Select#events}), Stream (StreamReader/StreamWriter) and the Loop class.
 */
public final class Asyncio {
    private Asyncio() {}

    static final PyType TASK = new PyType("Task", new PyType[] {Types.OBJECT}, true);
    static final PyType EVENT = new PyType("Event", new PyType[] {Types.OBJECT}, true);
    static final PyType LOCK = new PyType("Lock", new PyType[] {Types.OBJECT}, true);
    static final PyType FLAG = new PyType("ThreadSafeFlag", new PyType[] {Types.OBJECT}, true);
    static final PyType STREAM = new PyType("Stream", new PyType[] {Types.OBJECT}, true);
    static final PyType LOOP = new PyType("Loop", new PyType[] {Types.OBJECT}, true);
    static final PyType CANCELLED_ERROR = new PyType("CancelledError", new PyType[] {Types.BASE_EXCEPTION}, false);
    static final PyType TIMEOUT_ERROR = new PyType("TimeoutError", new PyType[] {Types.EXCEPTION}, false);

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

    private static final PyGenerator.Resume YIELD = new PyGenerator.Resume(true, PyNone.NONE);

    private static PyGenerator.Resume done(Object v) {
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
                PyGenerator.Resume r = advance(value, err);
                if (r != DELEGATE) {
                    return r;
                }
                resumeInner = true;
                value = PyNone.NONE;
                err = null;
            }
        }
    }

    /** A queue of tasks waiting on an Event or a Lock (first in, first out). */
    static final class WaitQueue {
        final List<Task> tasks = new ArrayList<>();

        void push(Task t) {
            t.data = null;
            tasks.add(t);
        }

        Task peek() {
            return tasks.isEmpty() ? null : tasks.get(0);
        }

        Task pop() {
            return tasks.remove(0);
        }

        void remove(Task t) {
            tasks.remove(t);
        }
    }

    /** gather's marker in a task's data: cancelling the gathering task has nothing to remove. */
    private static final Object GATHER_WAIT = new Object();

    /** A completion callback in a task's state (what gather registers). */
    interface DoneCallback {
        void taskDone(Task t, PyException er);
    }

    static final class Task implements PyObject, Slots.Iterable {
        final Object coro;
        /** None (null), what to throw in next, what it waits on, or at the end its StopIteration/exception. */
        Object data;
        /** TRUE running; null done, not awaited; FALSE done and awaited; a WaitQueue or a DoneCallback. */
        Object state = Boolean.TRUE;
        long key;
        Entry queued;
        final Loop loop;

        Task(Object coro, Loop loop) {
            this.coro = coro;
            this.loop = loop;
        }

        public PyType type() {
            return TASK;
        }

        boolean isDone() {
            return state == null || state == Boolean.FALSE;
        }

        public Object iter() {
            return awaitIter();
        }

        Await awaitIter() {
            if (isDone()) {
                state = Boolean.FALSE;
            } else if (state == Boolean.TRUE) {
                state = new WaitQueue();
            } else if (!(state instanceof WaitQueue)) {
                throw Ops.error(Types.RUNTIME_ERROR, "can't wait");
            }
            Task self = this;
            return new Await() {
                public PyGenerator.Resume step(Object send, Object throwExc) {
                    if (throwExc != null) {
                        throw PyError.raising(throwExc);
                    }
                    if (self.isDone()) {
                        return finished(self);
                    }
                    Task cur = self.loop.cur;
                    ((WaitQueue) self.state).push(cur);
                    cur.data = self;
                    return YIELD;
                }
            };
        }
    }

    /** The outcome of a finished task for whoever awaits it: its return value, or its exception raised. */
    private static PyGenerator.Resume finished(Task t) {
        if (t.data instanceof PyException e) {
            if (e.isInstance(Types.STOP_ITERATION)) {
                return done(e.value());
            }
            throw new PyError(e);
        }
        if (t.data instanceof PyType ty) {
            throw PyError.raising(ty);
        }
        return done(PyNone.NONE);
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

        Loop(VM vm) {
            this.vm = vm;
        }

        long now() {
            return (System.nanoTime() - vm.startNanos) / 1_000_000L;
        }

        void push(Task t) {
            push(t, now());
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
                try {
                    PyGenerator.Resume r;
                    if (exc == null) {
                        r = PyGenerator.resume(t.coro, PyNone.NONE, null);
                    } else {
                        t.data = null;
                        if (t.isDone()) {
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
                    if (!er.isInstance(CANCELLED_ERROR) && !er.isInstance(Types.EXCEPTION)) {
                        cur = null;
                        throw pe;
                    }
                }
                boolean awaited = t == main;
                if (awaited) {
                    cur = null;
                    if (!er.isInstance(Types.STOP_ITERATION)) {
                        t.state = Boolean.FALSE;
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
                    if (!awaited && !er.isInstance(CANCELLED_ERROR) && !er.isInstance(Types.STOP_ITERATION)) {
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
                Ops.call(exceptionHandler, LOOP, ctx);
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
            e[idx] = loop.cur;
            loop.cur.data = this;
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
                try {
                    Thread.sleep(map.isEmpty() ? Math.min(left, 20) : 1);
                } catch (InterruptedException ie) {
                    loop.vm.interrupt();
                }
            }
        }
    }

    public static PyModule module(VM vm) {
        Loop loop = vm.moduleState(Loop.class, Loop::new);
        PyModule m = new PyModule("asyncio");
        m.globals.put("CancelledError", CANCELLED_ERROR);
        m.globals.put("TimeoutError", TIMEOUT_ERROR);
        m.globals.put("Task", TASK);
        m.globals.put("Event", EVENT);
        m.globals.put("Lock", LOCK);
        m.globals.put("ThreadSafeFlag", FLAG);
        m.globals.put("Loop", LOOP);
        m.globals.put("StreamReader", STREAM);
        m.globals.put("StreamWriter", STREAM);
        m.fn("create_task", (a, kw) -> createTask(loop, a[0]));
        m.fn("sleep", (a, kw) -> sleepMs(loop, (long) (Ops.toDouble(a[0]) * 1000)));
        m.fn("sleep_ms", (a, kw) -> sleepMs(loop, Ops.toLong(a[0])));
        m.fn("current_task", (a, kw) -> {
            if (loop.cur == null) {
                throw Ops.error(Types.RUNTIME_ERROR, "no running event loop");
            }
            return loop.cur;
        });
        m.fn("run", (a, kw) -> loop.runUntilComplete(createTask(loop, a[0])));
        m.fn("run_until_complete", (a, kw) -> loop.runUntilComplete(
                a.length > 0 && a[0] != PyNone.NONE ? (Task) a[0] : null));
        m.fn("gather", (a, kw) -> new Gather(loop, a,
                kw != null && Ops.truthy(kw.getOrDefault("return_exceptions", false))));
        m.fn("wait_for", (a, kw) -> new WaitFor(loop, a[0], a[1], false));
        m.fn("wait_for_ms", (a, kw) -> new WaitFor(loop, a[0], a[1], true));
        m.fn("get_event_loop", (a, kw) -> LOOP);
        m.fn("new_event_loop", (a, kw) -> {
            loop.reset();
            return LOOP;
        });
        m.fn("open_connection", (a, kw) -> {
            throw Ops.error(Types.OS_ERROR, "no network in this VM");
        });
        m.fn("start_server", (a, kw) -> {
            throw Ops.error(Types.OS_ERROR, "no network in this VM");
        });
        initTypes(loop);
        return m;
    }

    static Task createTask(Loop loop, Object coro) {
        if (!(coro instanceof PyGenerator) && !(coro instanceof Await) && Ops.getattrOrNull(coro, "send") == null) {
            throw Ops.typeError("coroutine expected");
        }
        Task t = new Task(coro, loop);
        loop.push(t);
        return t;
    }

    private static Task promote(Loop loop, Object aw) {
        return aw instanceof Task t ? t : createTask(loop, aw);
    }

    private static Await sleepMs(Loop loop, long ms) {
        long delta = Math.max(0, ms);
        if (delta >= (1L << 29)) {
            throw Ops.error(Types.OVERFLOW_ERROR, "ticks interval overflow");
        }
        long when = loop.now() + delta;
        return new Await() {
            boolean pending = true;

            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    throw PyError.raising(throwExc);
                }
                if (pending) {
                    pending = false;
                    loop.push(loop.cur, when);
                    return YIELD;
                }
                return done(PyNone.NONE);
            }
        };
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
        t.data = CANCELLED_ERROR;
        return true;
    }

    /** gather(*aws, return_exceptions=False): runs when awaited, as MicroPython's generator does. */
    private static final class Gather extends Machine implements DoneCallback {
        final Loop loop;
        final Object[] aws;
        final boolean returnExceptions;
        Task[] ts;
        Object[] results;
        /** Sub-tasks still running (a Long), or the exception to raise. */
        Object state;
        Task gatherTask;
        int pc;

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
                    ts[i] = promote(loop, aws[i]);
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
                gatherTask = loop.cur;
                if (state instanceof Long l && l > 0) {
                    gatherTask.data = GATHER_WAIT;
                    return YIELD;
                }
            } else if (err != null) {
                if (!err.exc.isInstance(CANCELLED_ERROR)) {
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
    private static final class WaitFor extends Machine {
        final Loop loop;
        final Object awIn;
        final Object timeout;
        final boolean ms;
        Task aw;
        Task runner;
        int pc;

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
                    runner = createTask(loop, new Runner(loop, loop.cur, aw));
                    pc = 1;
                    return await(ms ? sleepMs(loop, Ops.toLong(timeout))
                            : sleepMs(loop, (long) (Ops.toDouble(timeout) * 1000)));
                case 1:
                    if (err != null) {
                        if (!err.exc.isInstance(CANCELLED_ERROR)) {
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
                    throw new PyError(new PyException(TIMEOUT_ERROR, PyTuple.EMPTY));
                default:
                    if (err != null) {
                        throw err;
                    }
                    return done(value);
            }
        }
    }

    /** wait_for's runner: awaits aw, then cancels the waiting task with aw's outcome. */
    private static final class Runner extends Machine {
        final Loop loop;
        final Task waiter;
        final Task aw;
        boolean started;

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
                waiter.data = new PyException(CANCELLED_ERROR, PyTuple.of(status, result));
            }
            return done(PyNone.NONE);
        }
    }

    static final class Event implements PyObject {
        boolean set;
        final WaitQueue waiting = new WaitQueue();

        public PyType type() {
            return EVENT;
        }
    }

    static final class Lock implements PyObject {
        /** 0 unlocked, 1 locked, or the task that acquires it next. */
        Object state = 0L;
        final WaitQueue waiting = new WaitQueue();

        public PyType type() {
            return LOCK;
        }
    }

    static final class Flag implements PyObject, Slots.Stream {
        boolean set;

        public PyType type() {
            return FLAG;
        }

        public long poll(VM vm, long mask) {
            return set ? mask & POLL_RD : 0;
        }
    }

    /** asyncio.Stream: a stream wrapped for awaiting reads and buffered writes. */
    static final class Stream implements PyObject {
        final Object s;
        final Object extra;
        byte[] out = new byte[0];

        Stream(Object s, Object extra) {
            this.s = s;
            this.extra = extra;
        }

        public PyType type() {
            return STREAM;
        }
    }

    /** Waits (through the I/O queue) until s is readable or writable, then runs body; repeats while body says so. */
    private abstract static class IoWait extends Machine {
        final Loop loop;
        final Object s;
        final int idx;
        boolean waiting;

        IoWait(Loop loop, Object s, int idx) {
            this.loop = loop;
            this.s = s;
            this.idx = idx;
        }

        /** Called once s is ready: a Resume to finish, or null to wait again. */
        abstract PyGenerator.Resume ready();

        PyGenerator.Resume advance(Object value, PyError err) {
            if (err != null) {
                throw err;
            }
            while (true) {
                if (!waiting) {
                    waiting = true;
                    loop.io.enqueue(loop, s, idx);
                    return YIELD;
                }
                waiting = false;
                PyGenerator.Resume r = ready();
                if (r != null) {
                    return r;
                }
            }
        }
    }

    private static Await doneAwait(Object v) {
        return new Await() {
            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    throw PyError.raising(throwExc);
                }
                return done(v);
            }
        };
    }

    private static void initTypes(Loop loop) {
        TASK.dict.clear();
        Builtins.method(TASK, "cancel", (a, kw) -> cancel(((Task) a[0]).loop, (Task) a[0]));
        Builtins.method(TASK, "done", (a, kw) -> ((Task) a[0]).isDone());
        Builtins.method(TASK, "__iter__", (a, kw) -> ((Task) a[0]).awaitIter());
        TASK.dict.put("coro", new Misc.Property(new PyBuiltin("coro", (a, kw) -> ((Task) a[0]).coro),
                PyNone.NONE, PyNone.NONE));
        TASK.dict.put("data", new Misc.Property(new PyBuiltin("data", (a, kw) -> {
            Object d = ((Task) a[0]).data;
            return d instanceof PyObject ? d : PyNone.NONE;
        }), PyNone.NONE, PyNone.NONE));

        EVENT.dict.clear();
        EVENT.maker = (cls, a, kw) -> new Event();
        Builtins.method(EVENT, "is_set", (a, kw) -> ((Event) a[0]).set);
        Builtins.method(EVENT, "set", (a, kw) -> {
            Event e = (Event) a[0];
            while (e.waiting.peek() != null) {
                loop.push(e.waiting.pop());
            }
            e.set = true;
            return PyNone.NONE;
        });
        Builtins.method(EVENT, "clear", (a, kw) -> {
            ((Event) a[0]).set = false;
            return PyNone.NONE;
        });
        Builtins.method(EVENT, "wait", (a, kw) -> {
            Event e = (Event) a[0];
            return new Machine() {
                boolean started;

                PyGenerator.Resume advance(Object value, PyError err) {
                    if (err != null) {
                        throw err;
                    }
                    if (!started) {
                        started = true;
                        if (!e.set) {
                            e.waiting.push(loop.cur);
                            loop.cur.data = e.waiting;
                            return YIELD;
                        }
                    }
                    return done(Boolean.TRUE);
                }
            };
        });

        LOCK.dict.clear();
        LOCK.maker = (cls, a, kw) -> new Lock();
        Builtins.method(LOCK, "locked", (a, kw) -> ((Lock) a[0]).state.equals(1L));
        PyBuiltin.Native acquire = (a, kw) -> {
            Lock l = (Lock) a[0];
            return new Machine() {
                boolean started;

                PyGenerator.Resume advance(Object value, PyError err) {
                    if (!started) {
                        started = true;
                        if (err != null) {
                            throw err;
                        }
                        if (!l.state.equals(0L)) {
                            l.waiting.push(loop.cur);
                            loop.cur.data = l.waiting;
                            return YIELD;
                        }
                    } else if (err != null) {
                        if (err.exc.isInstance(CANCELLED_ERROR) && l.state == loop.cur) {
                            l.state = 1L;
                            release(loop, l);
                        }
                        throw err;
                    }
                    l.state = 1L;
                    return done(Boolean.TRUE);
                }
            };
        };
        Builtins.method(LOCK, "acquire", acquire);
        Builtins.method(LOCK, "__aenter__", acquire);
        Builtins.method(LOCK, "release", (a, kw) -> {
            release(loop, (Lock) a[0]);
            return PyNone.NONE;
        });
        Builtins.method(LOCK, "__aexit__", (a, kw) -> {
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

        FLAG.dict.clear();
        FLAG.maker = (cls, a, kw) -> new Flag();
        Builtins.method(FLAG, "set", (a, kw) -> {
            ((Flag) a[0]).set = true;
            return PyNone.NONE;
        });
        Builtins.method(FLAG, "clear", (a, kw) -> {
            ((Flag) a[0]).set = false;
            return PyNone.NONE;
        });
        Builtins.method(FLAG, "ioctl", (a, kw) -> Ops.toLong(a[1]) == Select.STREAM_POLL
                ? (((Flag) a[0]).set ? Ops.toLong(a[2]) : 0L) : -1L);
        Builtins.method(FLAG, "wait", (a, kw) -> {
            Flag f = (Flag) a[0];
            return new Machine() {
                boolean started;

                PyGenerator.Resume advance(Object value, PyError err) {
                    if (err != null) {
                        throw err;
                    }
                    if (!started) {
                        started = true;
                        if (!f.set) {
                            loop.io.enqueue(loop, f, 0);
                            return YIELD;
                        }
                    }
                    f.set = false;
                    return done(PyNone.NONE);
                }
            };
        });

        initStream(loop);

        LOOP.dict.clear();
        loopFn("create_task", (a, kw) -> createTask(loop, a[0]));
        loopFn("run_forever", (a, kw) -> {
            loop.stopTask = new Task(doneAwait(PyNone.NONE), loop);
            loop.runUntilComplete(loop.stopTask);
            return PyNone.NONE;
        });
        loopFn("run_until_complete", (a, kw) -> loop.runUntilComplete(promote(loop, a[0])));
        loopFn("stop", (a, kw) -> {
            if (loop.stopTask != null) {
                loop.push(loop.stopTask);
                loop.stopTask = null;
            }
            return PyNone.NONE;
        });
        loopFn("close", (a, kw) -> PyNone.NONE);
        loopFn("set_exception_handler", (a, kw) -> {
            loop.exceptionHandler = a[0];
            return PyNone.NONE;
        });
        loopFn("get_exception_handler", (a, kw) -> loop.exceptionHandler);
        loopFn("default_exception_handler", (a, kw) -> {
            loop.defaultExceptionHandler((PyDict) a[1]);
            return PyNone.NONE;
        });
        loopFn("call_exception_handler", (a, kw) -> {
            loop.callExceptionHandler((PyDict) a[0]);
            return PyNone.NONE;
        });
    }

    private static void loopFn(String name, PyBuiltin.Native impl) {
        LOOP.dict.put(name, new PyBuiltin(name, impl));
    }

    private static void release(Loop loop, Lock l) {
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

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static void initStream(Loop loop) {
        STREAM.dict.clear();
        STREAM.maker = (cls, a, kw) -> new Stream(a[0], a.length > 1 ? a[1] : new PyDict());
        Builtins.method(STREAM, "get_extra_info", (a, kw) -> Ops.getitem(((Stream) a[0]).extra, a[1]));
        Builtins.method(STREAM, "close", (a, kw) -> PyNone.NONE);
        Builtins.method(STREAM, "wait_closed", (a, kw) -> {
            Stream st = (Stream) a[0];
            return new Machine() {
                PyGenerator.Resume advance(Object value, PyError err) {
                    if (err != null) {
                        throw err;
                    }
                    Ops.call(Ops.getattr(st.s, "close"));
                    return done(PyNone.NONE);
                }
            };
        });
        Builtins.method(STREAM, "read", (a, kw) -> {
            Stream st = (Stream) a[0];
            long n = a.length > 1 ? Ops.toLong(a[1]) : -1;
            return new IoWait(loop, st.s, 0) {
                byte[] r = new byte[0];

                PyGenerator.Resume ready() {
                    Object r2 = Ops.call(Ops.getattr(st.s, "read"), n);
                    if (r2 == PyNone.NONE) {
                        return null;
                    }
                    if (n >= 0) {
                        return done(r2);
                    }
                    byte[] b = Ops.bytesOf(r2);
                    if (b.length == 0) {
                        return done(new PyBytes(r));
                    }
                    r = concat(r, b);
                    return null;
                }
            };
        });
        Builtins.method(STREAM, "readinto", (a, kw) -> {
            Stream st = (Stream) a[0];
            Object buf = a[1];
            return new IoWait(loop, st.s, 0) {
                PyGenerator.Resume ready() {
                    return done(Ops.call(Ops.getattr(st.s, "readinto"), buf));
                }
            };
        });
        Builtins.method(STREAM, "readexactly", (a, kw) -> {
            Stream st = (Stream) a[0];
            long n0 = Ops.toLong(a[1]);
            return new IoWait(loop, st.s, 0) {
                byte[] r = new byte[0];
                long n = n0;

                PyGenerator.Resume ready() {
                    if (n == 0) {
                        return done(new PyBytes(r));
                    }
                    Object r2 = Ops.call(Ops.getattr(st.s, "read"), n);
                    if (r2 != PyNone.NONE) {
                        byte[] b = Ops.bytesOf(r2);
                        if (b.length == 0) {
                            throw new PyError(new PyException(Types.EOF_ERROR, PyTuple.EMPTY));
                        }
                        r = concat(r, b);
                        n -= b.length;
                    }
                    return n == 0 ? done(new PyBytes(r)) : null;
                }
            };
        });
        Builtins.method(STREAM, "readline", (a, kw) -> {
            Stream st = (Stream) a[0];
            return new IoWait(loop, st.s, 0) {
                byte[] l = new byte[0];

                PyGenerator.Resume ready() {
                    Object l2 = Ops.call(Ops.getattr(st.s, "readline"));
                    if (l2 == PyNone.NONE) {
                        return null;
                    }
                    byte[] b = l2 instanceof String str ? str.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : Ops.bytesOf(l2);
                    l = concat(l, b);
                    if (b.length == 0 || l[l.length - 1] == '\n') {
                        return done(new PyBytes(l));
                    }
                    return null;
                }
            };
        });
        PyBuiltin.Native write = (a, kw) -> {
            Stream st = (Stream) a[0];
            Object buf = a[1];
            if (st.out.length == 0) {
                Object ret = Ops.call(Ops.getattr(st.s, "write"), buf);
                long len = Ops.len(buf);
                if (ret != PyNone.NONE && Ops.toLong(ret) == len) {
                    return PyNone.NONE;
                }
                if (ret != PyNone.NONE) {
                    byte[] b = Ops.bytesOf(buf);
                    buf = new PyBytes(java.util.Arrays.copyOfRange(b, (int) Ops.toLong(ret), b.length));
                }
            }
            st.out = concat(st.out, Ops.bytesOf(buf));
            return PyNone.NONE;
        };
        Builtins.method(STREAM, "write", write);
        PyBuiltin.Native drain = (a, kw) -> {
            Stream st = (Stream) a[0];
            if (st.out.length == 0) {
                return sleepMs(loop, 0);
            }
            return new IoWait(loop, st.s, 1) {
                int off;

                PyGenerator.Resume ready() {
                    byte[] rest = java.util.Arrays.copyOfRange(st.out, off, st.out.length);
                    Object ret = Ops.call(Ops.getattr(st.s, "write"), new PyBytes(rest));
                    if (ret != PyNone.NONE) {
                        off += (int) Ops.toLong(ret);
                    }
                    if (off >= st.out.length) {
                        st.out = new byte[0];
                        return done(PyNone.NONE);
                    }
                    return null;
                }
            };
        };
        Builtins.method(STREAM, "drain", drain);
        Builtins.method(STREAM, "awrite", (a, kw) -> {
            write.call(a, null);
            return drain.call(new Object[] {a[0]}, null);
        });
        Builtins.method(STREAM, "aclose", (a, kw) -> doneAwait(PyNone.NONE));
    }
}
