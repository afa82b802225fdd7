package dev.mpt.flasher.esp;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * SLIP framing (RFC 1055) as Espressif's serial loader uses it: a frame is wrapped in 0xC0,
 * 0xC0 inside is sent as 0xDB 0xDC and 0xDB as 0xDB 0xDD. Bytes outside frames (the ROM's
 * boot messages, line noise) are skipped by the reader.
 */
public final class Slip {
    static final int END = 0xC0;
    static final int ESC = 0xDB;
    static final int ESC_END = 0xDC;
    static final int ESC_ESC = 0xDD;

    private Slip() {}

    /** The frame for a packet, with both delimiters. */
    public static byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + 16);
        out.write(END);
        for (byte b : packet) {
            int v = b & 0xff;
            if (v == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (v == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(v);
            }
        }
        out.write(END);
        return out.toByteArray();
    }

    /** A frame arrived whose escapes are invalid: the answer was damaged on the line. */
    public static final class GarbledFrameException extends LinkException {
        GarbledFrameException(String message) {
            super(message);
        }
    }

    /** Takes frames out of a link's byte stream, each read bounded by a deadline. */
    public static final class Reader {
        private final Link link;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int limit;
        private final ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        private boolean inFrame;
        private boolean escaped;
        private boolean garbled;

        public Reader(Link link) {
            this.link = link;
        }

        /**
         * The next complete frame's contents.
         *
         * @param timeout how long to wait for the whole frame
         * @throws LinkTimeoutException when no whole frame arrived in time
         * @throws GarbledFrameException when a frame ended with an invalid escape in it
         */
        public byte[] next(Duration timeout) throws LinkException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                while (pos < limit) {
                    int b = buf[pos++] & 0xff;
                    if (b == END) {
                        if (!inFrame || frame.size() == 0 && !garbled) {
                            inFrame = true; // a start, or an end taken for a start: both begin a frame
                            continue;
                        }
                        inFrame = false;
                        byte[] done = frame.toByteArray();
                        frame.reset();
                        escaped = false;
                        if (garbled) {
                            garbled = false;
                            throw new GarbledFrameException("an answer arrived damaged (invalid SLIP escape)");
                        }
                        return done;
                    }
                    if (!inFrame) {
                        continue;
                    }
                    if (escaped) {
                        escaped = false;
                        if (b == ESC_END) {
                            frame.write(END);
                        } else if (b == ESC_ESC) {
                            frame.write(ESC);
                        } else {
                            garbled = true;
                        }
                    } else if (b == ESC) {
                        escaped = true;
                    } else {
                        frame.write(b);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LinkTimeoutException("no answer within " + seconds(timeout));
                }
                pos = 0;
                limit = link.read(buf, 0, buf.length, Duration.ofNanos(left));
            }
        }

        /** Takes the bytes read from the link and not yet looked at (text after the last answer). */
        public byte[] takeBuffered() {
            byte[] rest = java.util.Arrays.copyOfRange(buf, pos, limit);
            pos = limit = 0;
            return rest;
        }

        /** Forgets buffered bytes and any partial frame. */
        public void clear() {
            pos = limit = 0;
            frame.reset();
            inFrame = escaped = garbled = false;
        }
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format("%.1f", s)) + " s";
    }
}
