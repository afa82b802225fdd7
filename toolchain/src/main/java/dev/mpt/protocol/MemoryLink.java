package dev.mpt.protocol;

import java.time.Duration;

/**
 * One end of an in-memory connection. {@link #pair} makes two ends: what one writes, the
 * other reads. Closing either end ends the stream for both.
 */
public final class MemoryLink implements Link {
    private final BytePipe incoming;
    private final BytePipe outgoing;
    private final String name;

    private MemoryLink(BytePipe incoming, BytePipe outgoing, String name) {
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.name = name;
    }

    /** Two connected ends; the first is conventionally the host's, the second the board's. */
    public static Pair pair(String name) {
        BytePipe toBoard = new BytePipe();
        BytePipe toHost = new BytePipe();
        return new Pair(new MemoryLink(toHost, toBoard, name + " (host end)"),
                new MemoryLink(toBoard, toHost, name + " (board end)"));
    }

    public record Pair(MemoryLink host, MemoryLink board) {
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws LinkException {
        return incoming.take(buf, off, len, timeout, name);
    }

    @Override
    public int available() {
        return incoming.available();
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws LinkException {
        if (outgoing.isClosed() || incoming.isClosed()) {
            throw new LinkClosedException(name + " is closed");
        }
        outgoing.put(buf, off, len);
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return !incoming.isClosed() && !outgoing.isClosed();
    }

    @Override
    public void close() {
        incoming.close();
        outgoing.close();
    }
}
