package dev.mpt.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A link over a blocking input and output stream (socket, child process). A daemon thread
 * pumps the input stream into a {@link BytePipe} so reads can honour their timeouts.
 */
public abstract class StreamLink extends PumpedLink {
    private final OutputStream out;

    protected StreamLink(InputStream in, OutputStream out, String name) {
        super(name);
        this.out = out;
        startPump(() -> pump(in), "mpt-link-reader");
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
            incoming.closeWith(open() ? e : null);
        }
    }

    @Override
    protected void send(byte[] buf, int off, int len) throws LinkException {
        try {
            out.write(buf, off, len);
            out.flush();
        } catch (IOException e) {
            throw new LinkClosedException(description() + ": write failed: " + e.getMessage(), e);
        }
    }

    /** Closes the output stream too, then the channel beneath (see {@link #closeChannel}). */
    @Override
    public void close() {
        if (open()) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        super.close();
    }
}
