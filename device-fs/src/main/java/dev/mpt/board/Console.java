package dev.mpt.board;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The board's terminal as code running on it sees it: print to it, read stdin from it. */
public interface Console {

    /** Writes program output; "\n" becomes "\r\n" on the wire, as on firmware. */
    void write(byte[] buf, int off, int len);

    /**
     * Writes bytes as they are, without turning "\n" into "\r\n": what
     * {@code sys.stdout.buffer} sends on firmware (a binary protocol relies on it).
     */
    default void writeRaw(byte[] buf, int off, int len) {
        write(buf, off, len);
    }

    default void print(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    /**
     * Reads one byte of stdin, or -1 if none arrived within the timeout.
     *
     * @throws Interrupted when the host sent Ctrl-C (or the board is being reset) while the
     *                     code runs: code blocked on input must stop, as firmware raises
     *                     KeyboardInterrupt inside a blocking read
     */
    int read(Duration timeout);

    /**
     * Reads a line as firmware's {@code input()} does: with the line editor (echo, editing,
     * history), ended by Enter.
     *
     * @param line receives the text typed
     * @return 0 when Enter ended it, else the control key that did: Ctrl-C, or Ctrl-A..Ctrl-E
     *         on an empty line (Ctrl-D there is the end of input)
     * @throws Interrupted as {@link #read}
     */
    default int readLine(StringBuilder line) {
        while (true) {
            int c = read(Duration.ofMillis(100));
            if (c < 0) {
                continue;
            }
            if (c == '\r' || c == '\n') {
                return 0;
            }
            if (c == 0x03 || c == 0x04 && line.length() == 0) {
                return c;
            }
            line.append((char) c);
        }
    }

    /** Thrown out of {@link #read} when the running code has been interrupted. */
    final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Interrupted() {
            super("KeyboardInterrupt", null, false, false);
        }
    }
}
