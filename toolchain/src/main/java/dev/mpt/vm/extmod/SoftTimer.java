package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * machine.Timer with the virtual id -1: MicroPython's soft timers (extmod/machine_timer.c over
 * shared/runtime/softtimer.c). Timer(-1, *, mode=PERIODIC, callback=None, period, tick_hz=1000,
 * freq, hard=False); the period in whole milliseconds (at least 1); a periodic timer's
 * expiries are fixed-rate (each the previous plus the period). At expiry a soft callback is
 * queued on the VM's scheduler, as micropython.schedule does (it runs between bytecodes or
 * inside a sleep, and an exception it raises goes to the running code); a hard callback runs
 * the same way but with the heap locked, and an exception it raises is printed as an
 * "Uncaught exception in IRQ callback handler" and stops the timer. Timers belong to one VM
 * and stop at its soft reset. A sleeping VM wakes for an expiry.
 */
final class SoftTimer {
    private SoftTimer() {}

    static final long ONE_SHOT = 1;
    static final long PERIODIC = 2;

    /** The timers of one VM: a daemon thread that fires them, started at the first timer. */
    static final class Timers implements AutoCloseable {
        final VM vm;
        private ScheduledThreadPoolExecutor exec;
        /** The thread VM code runs on (the one a sleep parks), seen when a timer starts. */
        volatile Thread vmThread;
        /** The timers running now. */
        private final java.util.Set<Timer> running = new java.util.LinkedHashSet<>();

        synchronized void started(Timer t) {
            running.add(t);
        }

        synchronized void stopped(Timer t) {
            running.remove(t);
        }

        synchronized boolean isRunning(Timer t) {
            return running.contains(t);
        }

        private synchronized Timer[] snapshot() {
            return running.toArray(new Timer[0]);
        }

        /**
         * Fires, on the VM's own thread, the timers whose expiry is at or before cutoff (earliest
         * first): what a sleep does, so callbacks run on time however late the timer thread would
         * wake, and a sleep that overslept fires nothing due after its end.
         */
        void fireDue(long cutoff) {
            while (true) {
                Timer first = null;
                for (Timer t : snapshot()) {
                    if (first == null || t.expiry - first.expiry < 0) {
                        first = t;
                    }
                }
                if (first == null || !first.fireIfDue(cutoff)) {
                    return;
                }
            }
        }

        /** Nanoseconds until the next expiry, or Long.MAX_VALUE when no timer runs. */
        long untilNext() {
            long now = System.nanoTime();
            long best = Long.MAX_VALUE;
            for (Timer t : snapshot()) {
                best = Math.min(best, Math.max(0, t.expiry - now));
            }
            return best;
        }

        Timers(VM vm) {
            this.vm = vm;
        }

        synchronized ScheduledThreadPoolExecutor exec() {
            if (exec == null) {
                exec = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "mpt-soft-timer");
                    t.setDaemon(true);
                    return t;
                });
                exec.setRemoveOnCancelPolicy(true);
            }
            return exec;
        }

        @Override
        public synchronized void close() {
            if (exec != null) {
                exec.shutdownNow();
                exec = null;
            }
        }
    }

    /** One timer: its settings and, while it runs, the pending expiry. */
    static final class Timer implements PyObject, Slots.Print {
        final PyType type;
        final Timers timers;
        long mode = PERIODIC;
        long deltaMs = 1000;
        Object callback = PyNone.NONE;
        boolean hard;
        /** The next expiry (System.nanoTime) and its task, while the timer runs. */
        long expiry;
        ScheduledFuture<?> task;
        /** Bumped at every start and stop: a task of an earlier run does nothing. */
        long generation;

        Timer(PyType type, Timers timers) {
            this.type = type;
            this.timers = timers;
        }

        public PyType type() {
            return type;
        }

        public void print(StringBuilder sb) {
            sb.append("Timer(mode=").append(mode == ONE_SHOT ? "ONE_SHOT" : "PERIODIC").append(", period=")
                    .append(deltaMs).append(')');
        }

        synchronized void stop() {
            generation++;
            timers.stopped(this);
            if (task != null) {
                task.cancel(false);
                task = null;
            }
        }

        synchronized void start() {
            stop();
            timers.vmThread = Thread.currentThread();
            expiry = System.nanoTime() + deltaMs * 1_000_000L;
            timers.started(this);
            arm(generation);
        }

        /** The timer thread wakes at the expiry for code that is not sleeping (a busy loop). */
        private void arm(long gen) {
            long delay = expiry - System.nanoTime();
            task = timers.exec().schedule(() -> {
                if (fireIfDue(System.nanoTime(), gen)) {
                    Thread t = timers.vmThread;
                    if (t != null) {
                        LockSupport.unpark(t);
                    }
                }
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        boolean fireIfDue(long now) {
            return fireIfDue(now, -1);
        }

        /**
         * At or past the expiry: queues the callback, then moves a periodic timer's expiry on by
         * one period (fixed rate) or ends a one-shot timer. Whichever of the VM thread and the
         * timer thread comes first fires it; the other finds it not due.
         */
        private synchronized boolean fireIfDue(long now, long gen) {
            if ((gen >= 0 && gen != generation) || !timers.isRunning(this) || expiry - now > 0) {
                return false;
            }
            try {
                timers.vm.schedule(hard ? hardCall(generation) : callback, this);
            } catch (PyError full) {
                // the scheduler's queue is full: this expiry is lost, as on a board
            }
            if (task != null) {
                task.cancel(false);
                task = null;
            }
            if (mode == PERIODIC) {
                expiry += deltaMs * 1_000_000L;
                arm(generation);
            } else {
                timers.stopped(this);
            }
            return true;
        }

        /** The hard callback: run with the heap locked; an exception is printed and stops the timer. */
        private Object hardCall(long gen) {
            Object cb = callback;
            return new PyBuiltin("irq", (a, kw) -> {
                try {
                    timers.vm.callHeapLocked(cb, this);
                } catch (PyError e) {
                    synchronized (this) {
                        if (gen == generation) {
                            mode = ONE_SHOT;
                            stop();
                        }
                    }
                    timers.vm.flush();
                    timers.vm.writeErr("Uncaught exception in IRQ callback handler\n" + VM.formatException(e.exc));
                }
                return PyNone.NONE;
            });
        }

        /** Timer.init's keyword arguments (all keyword-only), as machine_timer_init_helper. */
        void init(Object[] a, int first, Map<String, Object> kw) {
            if (a.length > first) {
                throw Ops.typeError("extra positional arguments given");
            }
            Map<String, Object> k = kw == null ? Map.of() : kw;
            for (String name : k.keySet()) {
                if (!Set.of("mode", "callback", "period", "tick_hz", "freq", "hard").contains(name)) {
                    throw Ops.typeError("unexpected keyword argument '" + name + "'");
                }
            }
            long newMode = k.containsKey("mode") ? Ops.toLong(k.get("mode")) : PERIODIC;
            long delta = deltaMs;
            Object freq = k.getOrDefault("freq", PyNone.NONE);
            if (freq != PyNone.NONE) {
                double d = 1000.0 / Ops.toDouble(freq);
                delta = d >= 4294967296.0 || Double.isNaN(d) || d < 0 ? (long) d & 0xffffffffL : (long) d;
            } else if (k.containsKey("period")) {
                long period = Ops.toLong(k.get("period")) & 0xffffffffL;
                long tickHz = k.containsKey("tick_hz") ? Ops.toLong(k.get("tick_hz")) : 1000;
                if (tickHz == 0) {
                    throw Ops.error(Types.ZERO_DIVISION_ERROR, "divide by zero");
                }
                delta = period * 1000 / tickHz;
            }
            if (delta < 1) {
                delta = 1;
            } else if (delta >= 0x40000000L) {
                throw Ops.valueError("period too large");
            }
            synchronized (this) {
                mode = newMode;
                deltaMs = delta;
                if (k.containsKey("callback")) {
                    callback = k.get("callback");
                }
                hard = k.containsKey("hard") && Ops.truthy(k.get("hard"));
            }
            if (callback != PyNone.NONE) {
                start();
            }
        }
    }

    /** The Timer class of one VM. */
    static PyType type(VM vm) {
        PyType type = new PyType("Timer", new PyType[] {Types.OBJECT}, true);
        Timers timers = vm.moduleState(Timers.class, Timers::new);
        type.maker = (cls, a, kw) -> {
            Timer t = new Timer(type, timers);
            int first = 0;
            if (a.length > 0) {
                if (Ops.toLong(a[0]) != -1) {
                    throw Ops.valueError("Timer doesn't exist");
                }
                first = 1;
            }
            if (a.length > first || (kw != null && !kw.isEmpty())) {
                t.init(a, first, kw);
            }
            return t;
        };
        BuiltinTypes.method(type, "init", (a, kw) -> {
            Timer t = (Timer) a[0];
            t.stop();
            t.init(a, 1, kw);
            return PyNone.NONE;
        });
        BuiltinTypes.method(type, "deinit", (a, kw) -> {
            ((Timer) a[0]).stop();
            return PyNone.NONE;
        });
        type.dict.put("ONE_SHOT", ONE_SHOT);
        type.dict.put("PERIODIC", PERIODIC);
        return type;
    }
}
