package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;
import static dev.mpt.vm.extmod.asyncio.Lock.*;
import static dev.mpt.vm.extmod.asyncio.Stream.*;
import static dev.mpt.vm.extmod.asyncio.Task.*;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.VM;
import dev.mpt.vm.extmod.Select;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** event (event.py): Event, and ThreadSafeFlag. */
final class Event implements PyObject {
    final Loop loop;

    Event(Loop loop) {
        this.loop = loop;
    }

    boolean set;
    final WaitQueue waiting = new WaitQueue();

    public PyType type() {
        return loop.eventType;
    }

    static final class Flag implements PyObject, Slots.Stream {
        final Loop loop;

        Flag(Loop loop) {
            this.loop = loop;
        }

        boolean set;

        public PyType type() {
            return loop.flagType;
        }

        public long poll(VM vm, long mask) {
            return set ? mask & POLL_RD : 0;
        }
    }

    /** Event's methods. */
    static void init(Loop loop) {
        loop.eventType.maker = (cls, a, kw) -> new Event(loop);
        BuiltinTypes.method(loop.eventType, "is_set", (a, kw) -> ((Event) a[0]).set);
        BuiltinTypes.method(loop.eventType, "set", (a, kw) -> {
            Event e = (Event) a[0];
            while (e.waiting.peek() != null) {
                loop.push(e.waiting.pop());
            }
            e.set = true;
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.eventType, "clear", (a, kw) -> {
            ((Event) a[0]).set = false;
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.eventType, "wait", (a, kw) -> {
            Event e = (Event) a[0];
            return waitUntil(() -> e.set, () -> {
                Task t = loop.running();
                e.waiting.push(t);
                t.data = e.waiting;
            }, () -> Boolean.TRUE);
        });
    }

    static final PyException.TracebackEntry WAIT = pyFrame("event", "wait");

    /**
     * wait() of Event and ThreadSafeFlag: a coroutine that, unless ready, parks its task once
     * (park) and yields; then it returns what finish gives.
     */
    static Machine waitUntil(BooleanSupplier ready, Runnable park, Supplier<Object> finish) {
        return new Machine() {
            boolean started;

            PyException.TracebackEntry frame() {
                return WAIT;
            }

            PyGenerator.Resume advance(Object value, PyError err) {
                if (err != null) {
                    throw err;
                }
                if (!started) {
                    started = true;
                    if (!ready.getAsBoolean()) {
                        park.run();
                        return YIELD;
                    }
                }
                return done(finish.get());
            }
        };
    }

    /** ThreadSafeFlag's methods. */
    static void initFlag(Loop loop) {
        loop.flagType.maker = (cls, a, kw) -> new Flag(loop);
        BuiltinTypes.method(loop.flagType, "set", (a, kw) -> {
            ((Flag) a[0]).set = true;
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.flagType, "clear", (a, kw) -> {
            ((Flag) a[0]).set = false;
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.flagType, "ioctl", (a, kw) -> Ops.toLong(a[1]) == Select.STREAM_POLL
                ? (((Flag) a[0]).set ? Ops.toLong(a[2]) : 0L) : -1L);
        BuiltinTypes.method(loop.flagType, "wait", (a, kw) -> {
            Flag f = (Flag) a[0];
            return waitUntil(() -> f.set, () -> loop.io.enqueue(loop, f, 0), () -> {
                f.set = false;
                return PyNone.NONE;
            });
        });
    }
}
