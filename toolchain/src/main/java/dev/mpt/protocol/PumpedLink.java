package dev.mpt.protocol;

import java.time.Duration;

/**
 * What links over a blocking channel share: a daemon thread (started by the subclass) pumps
 * the channel into a {@link BytePipe}, so that reads can honour their timeouts; writes go
 * straight to the channel, one at a time.
 */
abstract class PumpedLink implements Link {
    /** What the pump thread fills and reads take from. */
    protected final BytePipe incoming = new BytePipe();
    private final String name;
    private volatile boolean open = true;

    protected PumpedLink(String name) {
        this.name = name;
    }

    /** Starts the thread that runs {@code pump} (the subclass's read loop). */
    protected final void startPump(Runnable pump, String threadName) {
        Thread t = new Thread(pump, threadName + " " + name);
        t.setDaemon(true);
        pumpThread = t;
        t.start();
    }

    private volatile Thread pumpThread;

    /**
     * After {@link #close} has begun: waits up to {@code max} for the pump to leave its read
     * loop, for a channel that must not be released under a read in progress.
     */
    protected final void awaitPumpStopped(Duration max) {
        Thread t = pumpThread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close} has not been called yet. */
    protected final boolean open() {
        return open;
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws LinkException {
        if (!open) {
            throw new LinkClosedException(name + " is closed");
        }
        return incoming.take(buf, off, len, timeout, name);
    }

    @Override
    public int available() {
        return incoming.available();
    }

    @Override
    public final synchronized void write(byte[] buf, int off, int len) throws LinkException {
        if (!open) {
            throw new LinkClosedException(name + " is closed");
        }
        send(buf, off, len);
    }

    /** Writes all bytes to the channel (called one write at a time). */
    protected abstract void send(byte[] buf, int off, int len) throws LinkException;

    @Override
    public String description() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return open && !incoming.isClosed();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        incoming.close();
        closeChannel();
    }

    /** Releases the channel beneath the link (port, socket, process). */
    protected abstract void closeChannel();
}
