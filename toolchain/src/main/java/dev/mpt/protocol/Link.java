package dev.mpt.protocol;

import java.io.Closeable;
import java.time.Duration;

/**
 * A bidirectional byte stream to a board: a serial port, a TCP socket, a child process,
 * or one end of an in-memory pair.
 *
 * <p>Every read waits at most the timeout it is given. Writes may be called from any
 * thread (for example to send Ctrl-C while another thread is reading); implementations
 * make single writes atomic with respect to each other.
 */
public interface Link extends Closeable {

    /**
     * Reads at least one and at most {@code len} bytes, waiting no longer than {@code timeout}
     * for the first one.
     *
     * @return the number of bytes read, always at least 1
     * @throws LinkTimeoutException when nothing arrived in time
     * @throws LinkClosedException  when the stream has ended or the link is closed
     */
    int read(byte[] buf, int off, int len, Duration timeout) throws LinkException;

    /** Reads one byte (0..255), waiting at most {@code timeout}. */
    default int read(Duration timeout) throws LinkException {
        byte[] one = new byte[1];
        read(one, 0, 1, timeout);
        return one[0] & 0xff;
    }

    /** Number of bytes that can be read now without waiting. */
    int available() throws LinkException;

    /** Writes all bytes and flushes them towards the other end. */
    void write(byte[] buf, int off, int len) throws LinkException;

    default void write(byte[] buf) throws LinkException {
        write(buf, 0, buf.length);
    }

    /** A short human-readable name: a port path, {@code socket://host:port}, {@code exec:cmd}. */
    String description();

    boolean isOpen();

    /** Closes the link; a read blocked in another thread fails with {@link LinkClosedException}. */
    @Override
    void close();
}
