package dev.mpt.vm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The core of asyncio: tasks over coroutines, a run queue ordered by wake-up time (first
 * come first served on ties), sleep, gather, wait_for, Event and Lock. As in MicroPython, a
 * task is only run again when something puts it back on the queue.
 */
final class Asyncio {
    private Asyncio() {}

    static final PyType TASK = new PyType("Task", new PyType[] {Types.OBJECT}, true);
    static final PyType EVENT = new PyType("Event", new PyType[] {Types.OBJECT}, true);
    static final PyType LOCK = new PyType("Lock", new PyType[] {Types.OBJECT}, true);
    static final PyType LOOP = new PyType("Loop", new PyType[] {Types.OBJECT}, true);
    static final PyType CANCELLED_ERROR = new PyType("CancelledError", new PyType[] {Types.BASE_EXCEPTION}, false);
    static final PyType TIMEOUT_ERROR = new PyType("TimeoutError", new PyType[] {Types.EXCEPTION}, false);

    /** Something {@code await} can drive: gives the iterator YIELD_FROM resumes. */
    interface Awaitable {
        Await awaitIter();
    }

    /** An iterator that YIELD_FROM resumes through {@link #step}. */
    abstract static class Await extends PyIter {
        abstract PyGenerator.Resume step(Object send, Object throwExc);

        public Object next() {
            PyGenerator.Resume r = step(PyNone.NONE, null);
            return r.yielded() ? r.value() : null;
        }
    }

    static final class Task implements PyObject, Awaitable {
        final Object coro;
        Object data;
        boolean done;
        boolean cancelled;
        Object result = PyNone.NONE;
        PyException exc;
        final Set<Task> waiters = new LinkedHashSet<>();
        Entry queued;
        boolean awaited;
        Task waitingOn;
        final Loop loop;

        Task(Object coro, Loop loop) {
            this.coro = coro;
            this.loop = loop;
        }

        public PyType type() {
            return TASK;
        }

        public Await awaitIter() {
            Task self = this;
            return new Await() {
                public PyGenerator.Resume step(Object send, Object throwExc) {
                    Task me = self.loop.cur;
                    if (me != null) {
                        me.waitingOn = null;
                    }
                    if (throwExc != null) {
                        self.waiters.remove(me);
                        throw new PyError(Interp.makeRaiseObj(throwExc));
                    }
                    self.awaited = true;
                    if (self.done) {
                        if (self.exc != null) {
                            throw new PyError(self.exc);
                        }
                        return new PyGenerator.Resume(false, self.result);
                    }
                    self.waiters.add(me);
                    if (me != null) {
                        me.waitingOn = self;
                    }
                    return new PyGenerator.Resume(true, PyNone.NONE);
                }
            };
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

    /** The scheduler state of one VM. */
    static final class Loop {
        final VM vm;
        final PriorityQueue<Entry> queue = new PriorityQueue<>();
        long seq;
        Task cur;
        boolean stopped;
        Object exceptionHandler = PyNone.NONE;

        Loop(VM vm) {
            this.vm = vm;
        }

        long now() {
            return (System.nanoTime() - vm.startNanos) / 1_000_000L;
        }

        void push(Task t, long when) {
            if (t.queued != null) {
                t.queued.valid = false;
            }
            Entry e = new Entry(t, when, seq++);
            t.queued = e;
            queue.add(e);
        }

        void runUntil(Task main) {
            Task saved = cur;
            try {
                while (main == null ? !stopped : !main.done) {
                    Entry e = queue.poll();
                    if (e == null) {
                        break;
                    }
                    if (!e.valid) {
                        continue;
                    }
                    long wait = e.time - now();
                    while (wait > 0) {
                        vm.checkInterrupt();
                        try {
                            Thread.sleep(Math.min(wait, 20));
                        } catch (InterruptedException ie) {
                            vm.interrupt();
                        }
                        wait = e.time - now();
                    }
                    Task t = e.task;
                    t.queued = null;
                    if (t.done) {
                        continue;
                    }
                    cur = t;
                    Object exc = t.data;
                    t.data = null;
                    try {
                        PyGenerator.Resume r = PyGenerator.resume(t.coro, exc == null ? PyNone.NONE : null, exc);
                        if (!r.yielded()) {
                            finish(t, r.value(), null);
                        }
                    } catch (PyError er) {
                        finish(t, null, er.exc);
                    }
                }
            } finally {
                cur = saved;
                stopped = false;
            }
        }

        void finish(Task t, Object result, PyException exc) {
            t.done = true;
            t.result = result == null ? PyNone.NONE : result;
            t.exc = exc;
            long now = now();
            for (Task w : t.waiters) {
                push(w, now);
            }
            boolean hadWaiters = !t.waiters.isEmpty();
            t.waiters.clear();
            if (exc != null && !hadWaiters && !t.awaited && !exc.isInstance(CANCELLED_ERROR)
                    && !exc.isInstance(Types.STOP_ITERATION) && t != mainTask) {
                if (exceptionHandler != PyNone.NONE) {
                    PyDict ctx = new PyDict();
                    ctx.put("message", "Task exception wasn't retrieved");
                    ctx.put("exception", exc);
                    ctx.put("future", t);
                    Ops.call(exceptionHandler, PyNone.NONE, ctx);
                } else {
                    vm.write("Task exception wasn't retrieved\nfuture: <Task> coro= " + Ops.repr(t.coro) + "\n");
                    vm.write(VM.formatException(exc));
                }
            }
        }

        Task mainTask;
    }

    static PyModule module(VM vm) {
        Loop loop = vm.asyncLoop();
        PyModule m = new PyModule("asyncio");
        m.globals.put("CancelledError", CANCELLED_ERROR);
        m.globals.put("TimeoutError", TIMEOUT_ERROR);
        m.globals.put("Task", TASK);
        m.globals.put("Event", EVENT);
        m.globals.put("Lock", LOCK);
        Modules.fn(m, "create_task", (a, kw) -> createTask(loop, a[0]));
        Modules.fn(m, "sleep", (a, kw) -> sleep(loop, (long) (Ops.toDouble(a[0]) * 1000)));
        Modules.fn(m, "sleep_ms", (a, kw) -> sleep(loop, Ops.toLong(a[0])));
        Modules.fn(m, "current_task", (a, kw) -> loop.cur == null ? PyNone.NONE : loop.cur);
        Modules.fn(m, "run", (a, kw) -> run(loop, a[0]));
        Modules.fn(m, "gather", (a, kw) -> gather(loop, a,
                kw != null && Ops.truthy(kw.getOrDefault("return_exceptions", false))));
        Modules.fn(m, "wait_for", (a, kw) -> waitFor(loop, a[0], a[1] == PyNone.NONE ? -1 : (long) (Ops.toDouble(a[1]) * 1000)));
        Modules.fn(m, "wait_for_ms", (a, kw) -> waitFor(loop, a[0], a[1] == PyNone.NONE ? -1 : Ops.toLong(a[1])));
        PyInstance loopObj = new PyInstance(LOOP);
        Modules.fn(m, "get_event_loop", (a, kw) -> loopObj);
        Modules.fn(m, "new_event_loop", (a, kw) -> loopObj);
        loopObj.dict.put("run_until_complete", new PyBuiltin("run_until_complete", (a, kw) -> run(loop, a[0])));
        loopObj.dict.put("run_forever", new PyBuiltin("run_forever", (a, kw) -> {
            loop.runUntil(null);
            return PyNone.NONE;
        }));
        loopObj.dict.put("stop", new PyBuiltin("stop", (a, kw) -> {
            loop.stopped = true;
            return PyNone.NONE;
        }));
        loopObj.dict.put("close", new PyBuiltin("close", (a, kw) -> PyNone.NONE));
        loopObj.dict.put("create_task", new PyBuiltin("create_task", (a, kw) -> createTask(loop, a[0])));
        loopObj.dict.put("set_exception_handler", new PyBuiltin("set_exception_handler", (a, kw) -> {
            loop.exceptionHandler = a[0];
            return PyNone.NONE;
        }));
        loopObj.dict.put("get_exception_handler", new PyBuiltin("get_exception_handler", (a, kw) -> loop.exceptionHandler));
        loopObj.dict.put("call_exception_handler", new PyBuiltin("call_exception_handler", (a, kw) -> PyNone.NONE));
        initTypes(loop);
        return m;
    }

    private static Object run(Loop loop, Object coro) {
        Task t = coro instanceof Task task ? task : createTask(loop, coro);
        Task savedMain = loop.mainTask;
        loop.mainTask = t;
        try {
            loop.runUntil(t);
        } finally {
            loop.mainTask = savedMain;
        }
        if (t.exc != null) {
            throw new PyError(t.exc);
        }
        return t.result;
    }

    static Task createTask(Loop loop, Object coro) {
        if (!(coro instanceof PyGenerator) && !(coro instanceof PyInstance)) {
            throw Ops.typeError("coroutine expected");
        }
        Task t = new Task(coro, loop);
        loop.push(t, loop.now());
        return t;
    }

    private static Object sleep(Loop loop, long ms) {
        return new Await() {
            int state;

            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    throw new PyError(Interp.makeRaiseObj(throwExc));
                }
                if (state++ == 0) {
                    loop.push(loop.cur, loop.now() + Math.max(0, ms));
                    return new PyGenerator.Resume(true, PyNone.NONE);
                }
                return new PyGenerator.Resume(false, PyNone.NONE);
            }
        };
    }

    private static Object gather(Loop loop, Object[] aws, boolean returnExceptions) {
        List<Task> tasks = new ArrayList<>();
        for (Object a : aws) {
            tasks.add(a instanceof Task t ? t : createTask(loop, a));
        }
        return new Await() {
            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    for (Task t : tasks) {
                        t.waiters.remove(loop.cur);
                    }
                    throw new PyError(Interp.makeRaiseObj(throwExc));
                }
                boolean all = true;
                for (Task t : tasks) {
                    t.awaited = true;
                    if (!t.done) {
                        all = false;
                        t.waiters.add(loop.cur);
                    } else if (t.exc != null && !returnExceptions) {
                        for (Task u : tasks) {
                            u.waiters.remove(loop.cur);
                            if (!u.done) {
                                cancel(loop, u);
                            }
                        }
                        throw new PyError(t.exc);
                    }
                }
                if (!all) {
                    return new PyGenerator.Resume(true, PyNone.NONE);
                }
                PyList out = new PyList();
                for (Task t : tasks) {
                    out.items.add(t.exc != null ? t.exc : t.result);
                }
                return new PyGenerator.Resume(false, out);
            }
        };
    }

    private static Object waitFor(Loop loop, Object aw, long ms) {
        Task task = aw instanceof Task t ? t : createTask(loop, aw);
        return new Await() {
            int state;
            Task me;
            boolean timedOut;

            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    task.waiters.remove(me);
                    cancel(loop, task);
                    throw new PyError(Interp.makeRaiseObj(throwExc));
                }
                task.awaited = true;
                if (task.done) {
                    if (me != null && me.queued != null) {
                        me.queued.valid = false;
                        me.queued = null;
                    }
                    if (timedOut && (task.exc == null || task.exc.isInstance(CANCELLED_ERROR))) {
                        throw new PyError(new PyException(TIMEOUT_ERROR, PyTuple.EMPTY));
                    }
                    if (task.exc != null) {
                        throw new PyError(task.exc);
                    }
                    return new PyGenerator.Resume(false, task.result);
                }
                if (state++ == 0) {
                    me = loop.cur;
                    task.waiters.add(me);
                    if (ms >= 0) {
                        loop.push(me, loop.now() + ms);
                    }
                    return new PyGenerator.Resume(true, PyNone.NONE);
                }
                if (state == 2) {
                    // woken by the timeout: cancel the task and wait for it to finish
                    timedOut = true;
                    task.waiters.add(me);
                    cancel(loop, task);
                    return new PyGenerator.Resume(true, PyNone.NONE);
                }
                task.waiters.remove(me);
                throw new PyError(new PyException(TIMEOUT_ERROR, PyTuple.EMPTY));
            }
        };
    }

    static boolean cancel(Loop loop, Task t) {
        if (t.done) {
            return false;
        }
        if (t == loop.cur) {
            throw Ops.error(Types.RUNTIME_ERROR, "can't cancel self");
        }
        while (t.waitingOn != null && !t.waitingOn.done) {
            t = t.waitingOn;
        }
        t.cancelled = true;
        t.data = new PyException(CANCELLED_ERROR, PyTuple.EMPTY);
        if (t != loop.cur) {
            loop.push(t, loop.now());
        }
        return true;
    }

    static final class Event implements PyObject {
        boolean set;
        final List<Task> waiting = new ArrayList<>();

        public PyType type() {
            return EVENT;
        }
    }

    static final class Lock implements PyObject {
        boolean locked;
        final List<Task> waiting = new ArrayList<>();

        public PyType type() {
            return LOCK;
        }
    }

    private static Await done(Object v) {
        return new Await() {
            public PyGenerator.Resume step(Object send, Object throwExc) {
                if (throwExc != null) {
                    throw new PyError(Interp.makeRaiseObj(throwExc));
                }
                return new PyGenerator.Resume(false, v);
            }
        };
    }

    private static void initTypes(Loop loop) {
        TASK.dict.clear();
        Builtins.method(TASK, "cancel", (a, kw) -> cancel(((Task) a[0]).loop, (Task) a[0]));
        Builtins.method(TASK, "done", (a, kw) -> ((Task) a[0]).done);
        Builtins.method(TASK, "__iter__", (a, kw) -> ((Task) a[0]).awaitIter());
        EVENT.dict.clear();
        EVENT.maker = (cls, a, kw) -> new Event();
        Builtins.method(EVENT, "is_set", (a, kw) -> ((Event) a[0]).set);
        Builtins.method(EVENT, "set", (a, kw) -> {
            Event e = (Event) a[0];
            e.set = true;
            for (Task t : e.waiting) {
                loop.push(t, loop.now());
            }
            e.waiting.clear();
            return PyNone.NONE;
        });
        Builtins.method(EVENT, "clear", (a, kw) -> {
            ((Event) a[0]).set = false;
            return PyNone.NONE;
        });
        Builtins.method(EVENT, "wait", (a, kw) -> {
            Event e = (Event) a[0];
            return new Await() {
                int state;

                public PyGenerator.Resume step(Object send, Object throwExc) {
                    if (throwExc != null) {
                        e.waiting.remove(loop.cur);
                        throw new PyError(Interp.makeRaiseObj(throwExc));
                    }
                    if (state++ == 0 && !e.set) {
                        e.waiting.add(loop.cur);
                        return new PyGenerator.Resume(true, PyNone.NONE);
                    }
                    return new PyGenerator.Resume(false, Boolean.TRUE);
                }
            };
        });
        LOCK.dict.clear();
        LOCK.maker = (cls, a, kw) -> new Lock();
        Builtins.method(LOCK, "locked", (a, kw) -> ((Lock) a[0]).locked);
        PyBuiltin.Native acquire = (a, kw) -> {
            Lock l = (Lock) a[0];
            return new Await() {
                int state;

                public PyGenerator.Resume step(Object send, Object throwExc) {
                    if (throwExc != null) {
                        if (!l.waiting.remove(loop.cur) && state > 0 && l.locked) {
                            release(loop, l);
                        }
                        throw new PyError(Interp.makeRaiseObj(throwExc));
                    }
                    if (state++ == 0) {
                        if (!l.locked) {
                            l.locked = true;
                            return new PyGenerator.Resume(false, Boolean.TRUE);
                        }
                        l.waiting.add(loop.cur);
                        return new PyGenerator.Resume(true, PyNone.NONE);
                    }
                    return new PyGenerator.Resume(false, Boolean.TRUE);
                }
            };
        };
        Builtins.method(LOCK, "acquire", acquire);
        Builtins.method(LOCK, "__aenter__", acquire);
        Builtins.method(LOCK, "release", (a, kw) -> {
            Lock l = (Lock) a[0];
            if (!l.locked) {
                throw Ops.error(Types.RUNTIME_ERROR, "Lock not acquired");
            }
            release(loop, l);
            return PyNone.NONE;
        });
        Builtins.method(LOCK, "__aexit__", (a, kw) -> {
            release(loop, (Lock) a[0]);
            return done(PyNone.NONE);
        });
    }

    private static void release(Loop loop, Lock l) {
        if (l.waiting.isEmpty()) {
            l.locked = false;
        } else {
            loop.push(l.waiting.remove(0), loop.now());
        }
    }

}
