package dev.mpt.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Puts the time at the start of every line of a byte stream: {@code 2026-05-04T10:15:30.123 }
 * (ISO 8601, local time, milliseconds). A line starts at the first byte after a line feed;
 * its time is when that byte arrived.
 */
public final class LineStamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private boolean atLineStart = true;

    /** The stamp text, for one moment. */
    public static String format(LocalDateTime time) {
        return FORMAT.format(time) + " ";
    }

    /** The bytes with a stamp before each line that starts in them; {@code now} is when they arrived. */
    public byte[] apply(byte[] buf, int off, int len, LocalDateTime now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 32);
        byte[] stamp = null;
        for (int i = off; i < off + len; i++) {
            if (atLineStart) {
                if (stamp == null) {
                    stamp = format(now).getBytes(StandardCharsets.US_ASCII);
                }
                out.write(stamp, 0, stamp.length);
                atLineStart = false;
            }
            out.write(buf[i]);
            if (buf[i] == '\n') {
                atLineStart = true;
            }
        }
        return out.toByteArray();
    }

    /** Makes the next byte start a line (the stream was broken off by a line of the monitor's own). */
    public void startLine() {
        atLineStart = true;
    }

    /** Whether the next byte starts a line. */
    public boolean atLineStart() {
        return atLineStart;
    }
}
