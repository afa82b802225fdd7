package dev.mpt.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A link over a blocking input and output stream (socket, child process). A daemon thread
 * pumps the input stream into a {@link BytePipe} so reads can honour their timeouts.
 */
public abstract class StreamLink implements Link {
    private final BytePipe incoming = new BytePipe();
    private final OutputStream out;
    private final String name;
    private volatile boolean open = true;

    protected StreamLink(InputStream in, OutputStream out, String name) {
        this.out = out;
        this.name = name;
        Thread pump = new Thread(() -> pump(in), "mpt-link-reader " + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * A link over any pair of streams, for example a process's own stdin and stdout (a board
     * served on stdio, reachable as {@code exec:COMMAND}).
     */
    public static StreamLink of(InputStream in, OutputStream out, String name) {
        return new StreamLink(in, out, name) {
            @Override
            protected void closeChannel() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        };
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    incoming.closeWith(new IOException("end of stream"));
                    return;
                }
                incoming.put(buf, 0, n);
            }
        } catch (IOException e) {
            incoming.closeWith(open ? e : null);
        }
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
    public synchronized void write(byte[] buf, int off, int len) throws LinkException {
        if (!open) {
            throw new LinkClosedException(name + " is closed");
        }
        try {
            out.write(buf, off, len);
            out.flush();
        } catch (IOException e) {
            throw new LinkClosedException(name + ": write failed: " + e.getMessage(), e);
        }
    }

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
        try {
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeChannel();
    }

    /** Releases the channel beneath the streams (socket, process). */
    protected abstract void closeChannel();
}
