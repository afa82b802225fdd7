package dev.mpt.board;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The board's terminal as code running on it sees it: print to it, read stdin from it. */
public interface Console {

    /** Writes program output; "\n" becomes "\r\n" on the wire, as on firmware. */
    void write(byte[] buf, int off, int len);

    default void print(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    /** Reads one byte of stdin, or -1 if none arrived within the timeout. */
    int read(Duration timeout);
}
