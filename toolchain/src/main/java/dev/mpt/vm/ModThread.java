package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * _thread, as MicroPython's modthread: start_new_thread, allocate_lock (the {@code lock} type:
 * acquire, release, locked, a context manager), get_ident, stack_size and exit. Each thread
 * is a JVM thread of its own that runs Python code only while it holds the VM's global
 * interpreter lock (see {@link VM#gilEnter}); a wait for a lock gives that lock up.
 */
final class ModThread {
    private ModThread() {}

    static final PyType LOCK = new PyType("lock", new PyType[] {Types.OBJECT}, true);
    /** The JVM stack a started thread gets, whatever stack_size() says (the recursion limit bounds Python's use of it). */
    private static final long THREAD_STACK = 256L << 20;
    private static final AtomicLong IDENTS = new AtomicLong(0x7f3a_1c00_0000L);

    /** A new thread identifier: opaque, positive, distinct within the JVM (the unix port gives pthread_self()). */
    static long newIdent() {
        return IDENTS.addAndGet(0x80_0000L);
    }

    /** What _thread keeps per VM: the size stack_size() last set. */
    static final class State {
        long stackSize;
    }

    /** A lock: free or held, released by any thread (a pthread mutex without owner checks, as the unix port's). */
    static final class Lock implements PyObject {
        final Semaphore permit = new Semaphore(1);
        volatile boolean locked;

        public PyType type() {
            return LOCK;
        }
    }

    static {
        LOCK.maker = (cls, a, kw) -> {
            throw Ops.typeError("cannot create 'lock' instances");
        };
        PyBuiltin.Native acquire = (a, kw) -> acquire(a);
        BuiltinTypes.method(LOCK, "acquire", acquire);
        BuiltinTypes.method(LOCK, "__enter__", acquire);
        BuiltinTypes.method(LOCK, "release", (a, kw) -> release((Lock) a[0]));
        BuiltinTypes.method(LOCK, "__exit__", (a, kw) -> {
            if (a.length != 4) {
                throw Ops.typeError("function takes 4 positional arguments but " + a.length + " were given");
            }
            return release((Lock) a[0]);
        });
        BuiltinTypes.method(LOCK, "locked", (a, kw) -> ((Lock) a[0]).locked);
    }

    static PyModule module(VM vm) {
        PyModule m = new PyModule("_thread");
        m.globals.put("LockType", LOCK);
        m.fn("get_ident", (a, kw) -> vm.ts.ident);
        m.fn("allocate_lock", (a, kw) -> new Lock());
        m.fn("exit", (a, kw) -> {
            throw new PyError(new PyException(Types.SYSTEM_EXIT, PyTuple.EMPTY));
        });
        m.fn("stack_size", (a, kw) -> {
            State s = vm.moduleState(State.class, v -> new State());
            long old = s.stackSize;
            s.stackSize = a.length == 0 ? 0 : Ops.toLong(a[0]);
            return old;
        });
        m.fn("start_new_thread", (a, kw) -> start(vm, a));
        return m;
    }

    /** lock.acquire(waitflag=1, timeout=-1): the timeout is accepted and not used, as on the unix port. */
    private static Object acquire(Object[] a) {
        if (a.length > 3) {
            throw Ops.typeError("function expected at most 3 arguments, got " + a.length);
        }
        Lock lock = (Lock) a[0];
        boolean wait = a.length < 2 || Ops.toLong(a[1]) != 0;
        if (lock.permit.tryAcquire()) {
            lock.locked = true;
            return true;
        }
        if (!wait) {
            return false;
        }
        VM vm = Heap.currentVm();
        if (vm == null) {
            lock.permit.acquireUninterruptibly();
            lock.locked = true;
            return true;
        }
        while (true) {
            Object token = vm.blockingStart();
            boolean got;
            try {
                got = lock.permit.tryAcquire(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                got = false;
                Thread.currentThread().interrupt();
            } finally {
                vm.blockingEnd(token);
            }
            if (got) {
                lock.locked = true;
                return true;
            }
            Thread.interrupted(); // (a stop wakes a waiting thread; the check below ends it)
            vm.checkInterrupt();
        }
    }

    private static Object release(Lock lock) {
        if (!lock.locked) {
            throw new PyError(new PyException(Types.RUNTIME_ERROR, PyTuple.EMPTY));
        }
        lock.locked = false;
        lock.permit.release();
        return PyNone.NONE;
    }

    /** start_new_thread(function, args[, kwargs]): the new thread's identifier. */
    private static Object start(VM vm, Object[] a) {
        if (a.length < 2 || a.length > 3) {
            throw Ops.typeError("function expected at " + (a.length < 2 ? "least 2" : "most 3")
                    + " arguments, got " + a.length);
        }
        Object fn = a[0];
        Object[] args;
        if (a[1] instanceof PyTuple t) {
            args = t.items.clone();
        } else if (a[1] instanceof PyList l) {
            args = l.items.toArray();
        } else {
            throw Ops.typeError("object '" + Ops.typeName(a[1]) + "' isn't a tuple or list");
        }
        Map<String, Object> kwargs = null;
        if (a.length == 3) {
            if (!(a[2] instanceof PyDict d) || d.type() != Types.DICT) {
                throw Ops.typeError("expecting a dict for keyword args");
            }
            kwargs = new LinkedHashMap<>();
            for (Object k : d.keys()) {
                kwargs.put(Ops.str(k), d.get(k));
            }
        }
        ThreadState state = new ThreadState(false, newIdent(), vm.threadGeneration);
        Map<String, Object> kw = kwargs;
        Heap.VmThread[] self = new Heap.VmThread[1];
        self[0] = new Heap.VmThread(vm, state, () -> run(vm, state, fn, args, kw, self[0]), THREAD_STACK);
        self[0].setDaemon(true);
        vm.threads.add(self[0]);
        try {
            self[0].start();
        } catch (OutOfMemoryError e) {
            // the host cannot make another thread: pthread_create's EAGAIN, as the unix port raises it
            vm.threads.remove(self[0]);
            throw Errno.oserror(11);
        }
        return state.ident;
    }

    /** A thread's life: takes the lock, calls the function, reports what it raised, lets the lock go. */
    private static void run(VM vm, ThreadState state, Object fn, Object[] args, Map<String, Object> kw,
            Heap.VmThread me) {
        try {
            vm.gilEnter(state);
            try {
                try {
                    Ops.call(fn, args, kw);
                } catch (PyError e) {
                    if (!e.exc.isInstance(Types.SYSTEM_EXIT)) {
                        vm.flush();
                        vm.writeErr("Unhandled exception in thread started by " + Ops.repr(fn) + "\n"
                                + VM.formatException(e.exc));
                    }
                } catch (StackOverflowError so) {
                    vm.writeErr("Unhandled exception in thread started by " + Ops.repr(fn) + "\n"
                            + VM.formatException(new PyException(Types.RUNTIME_ERROR,
                                    "maximum recursion depth exceeded")));
                } catch (OutOfMemoryError oom) {
                    vm.writeErr("Unhandled exception in thread started by " + Ops.repr(fn) + "\n"
                            + VM.formatException(new PyException(Types.MEMORY_ERROR, "memory allocation failed")));
                }
            } finally {
                if (vm.gil.isHeldByCurrentThread()) {
                    vm.gilExit();
                }
            }
        } catch (VM.ThreadStop stop) {
            // the program this thread belongs to has ended
        } catch (RuntimeException | Error x) {
            if (vm.debug) {
                x.printStackTrace();
            }
        } finally {
            vm.threads.remove(me);
        }
    }
}
