package dev.mpt.vm;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * The global interpreter lock: only its holder runs Python code or touches the VM's objects.
 * Waiters queue in order, and {@link #exit} hands the lock straight to the first of them, so
 * a holder that gives the lock up and asks for it again ({@link VM#yieldToThreads}, the
 * periodic switch) comes after every thread that was already waiting, and no waiter loses its
 * place while it wakes to ask the holder for the lock. Not reentrant.
 */
final class Gil {
    /** Told by a waiting thread each time it has waited a while more; may throw to give up waiting. */
    interface Waiting {
        void stillWaiting();
    }

    private volatile Thread owner;
    private final ArrayDeque<Thread> queue = new ArrayDeque<>();
    private volatile int waiting;

    boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    /** Whether some thread waits for the lock. */
    boolean hasWaiters() {
        return waiting > 0;
    }

    /** Takes the lock if no thread holds it. */
    boolean tryEnter() {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (owner == null) {
                owner = me;
                return true;
            }
            return false;
        }
    }

    /**
     * Takes the lock, after the threads already waiting for it; calls {@code w} when it has
     * waited {@code firstNanos} (at once for 0), then each {@code periodNanos} more. A thread
     * interrupted meanwhile keeps waiting, and is interrupted again when it has the lock (or
     * gives up).
     */
    void enter(long firstNanos, long periodNanos, Waiting w) {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (owner == null) {
                owner = me;
                return;
            }
            queue.add(me);
            waiting = queue.size();
        }
        boolean interrupted = false;
        boolean mine = false;
        try {
            long next = System.nanoTime() + firstNanos;
            while (owner != me) {
                long left = next - System.nanoTime();
                if (left <= 0) {
                    w.stillWaiting();
                    next = System.nanoTime() + periodNanos;
                    continue;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            mine = true;
        } finally {
            if (!mine) {
                synchronized (this) {
                    if (owner == me) {
                        handOff(); // it came to this thread as it gave up: pass it on
                    } else {
                        queue.remove(me);
                        waiting = queue.size();
                    }
                }
            }
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Gives the lock up, to the thread that has waited longest if any; the caller holds it. */
    void exit() {
        synchronized (this) {
            if (owner != Thread.currentThread()) {
                throw new IllegalMonitorStateException("the interpreter lock is not held by this thread");
            }
            handOff();
        }
    }

    private void handOff() {
        Thread next = queue.poll();
        waiting = queue.size();
        owner = next;
        if (next != null) {
            LockSupport.unpark(next);
        }
    }
}
