package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Event.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;
import static dev.mpt.vm.extmod.asyncio.Lock.*;
import static dev.mpt.vm.extmod.asyncio.Stream.*;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyProperty;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import java.util.ArrayList;
import java.util.List;

/** task (MicroPython's task.py): a coroutine the loop runs, the queues tasks wait in, and what finishing one does. */
final class Task implements PyObject, Slots.Iterable {
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
        return loop.taskType;
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
                Task cur = self.loop.running();
                ((WaitQueue) self.state).push(cur);
                cur.data = self;
                return YIELD;
            }
        };
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
    static final Object GATHER_WAIT = new Object();

    /** A completion callback in a task's state (what gather registers). */
    interface DoneCallback {
        void taskDone(Task t, PyException er);
    }

    /** The outcome of a finished task for whoever awaits it: its return value, or its exception raised. */
    static PyGenerator.Resume finished(Task t) {
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

    /** Task's methods, for this VM's Task type. */
    static void init(Loop loop) {
        BuiltinTypes.method(loop.taskType, "cancel", (a, kw) -> cancel(((Task) a[0]).loop, (Task) a[0]));
        BuiltinTypes.method(loop.taskType, "done", (a, kw) -> ((Task) a[0]).isDone());
        BuiltinTypes.method(loop.taskType, "__iter__", (a, kw) -> ((Task) a[0]).awaitIter());
        loop.taskType.dict.put("coro", new PyProperty(new PyBuiltin("coro", (a, kw) -> ((Task) a[0]).coro),
                PyNone.NONE, PyNone.NONE));
        loop.taskType.dict.put("data", new PyProperty(new PyBuiltin("data", (a, kw) -> {
            Object d = ((Task) a[0]).data;
            return d instanceof PyObject ? d : PyNone.NONE;
        }), PyNone.NONE, PyNone.NONE));
    }
}
