package dev.mpt.protocol;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe byte queue with a timed read: what one side puts in, the other takes out.
 * It grows as needed. Closing it lets a reader take what is left and then see the end.
 */
public final class BytePipe {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private byte[] ring = new byte[4096];
    private int head; // next byte to read
    private int size;
    private boolean closed;
    private Throwable failure;

    public void put(byte[] buf, int off, int len) throws LinkClosedException {
        if (len == 0) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                throw new LinkClosedException("pipe is closed");
            }
            ensureCapacity(size + len);
            int tail = (head + size) % ring.length;
            int first = Math.min(len, ring.length - tail);
            System.arraycopy(buf, off, ring, tail, first);
            System.arraycopy(buf, off + first, ring, 0, len - first);
            size += len;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int capacity = ring.length;
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] bigger = new byte[capacity];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        head = 0;
    }

    /**
     * Takes between 1 and {@code len} bytes, waiting up to {@code timeout} for the first.
     *
     * @throws LinkTimeoutException when nothing arrived in time
     * @throws LinkClosedException  when the pipe is closed and empty
     */
    public int take(byte[] buf, int off, int len, Duration timeout, String what) throws LinkException {
        if (len == 0) {
            return 0;
        }
        long remaining = Math.max(0, timeout.toNanos());
        lock.lock();
        try {
            while (size == 0) {
                if (closed) {
                    if (failure != null) {
                        throw new LinkClosedException(what + ": " + failure.getMessage(), failure);
                    }
                    throw new LinkClosedException(what + " is closed");
                }
                if (remaining <= 0) {
                    throw new LinkTimeoutException("nothing received from " + what + " within "
                            + Durations.format(timeout));
                }
                try {
                    remaining = notEmpty.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LinkClosedException(what + ": interrupted while reading");
                }
            }
            int n = Math.min(len, size);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, buf, off, first);
            System.arraycopy(ring, 0, buf, off + first, n - first);
            head = (head + n) % ring.length;
            size -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    public int available() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Discards everything buffered. */
    public void clear() {
        lock.lock();
        try {
            head = 0;
            size = 0;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        closeWith(null);
    }

    /** Closes the pipe, remembering why the producer stopped (shown to readers once the pipe is empty). */
    public void closeWith(Throwable why) {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                failure = why;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to the given time for data or close; used by pumps that must not spin. */
    boolean awaitData(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (size == 0 && !closed && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            return size > 0;
        } finally {
            lock.unlock();
        }
    }
}
