package dev.mpt.monitor;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A serial terminal between the keyboard and a board: every key goes to the board as it is
 * typed, everything the board sends goes to the screen (and to a capture file, if any).
 * One key, Ctrl-] by default as in telnet and miniterm, leaves.
 *
 * <p>The keyboard stream should be a terminal in raw mode, so that Ctrl-C, Ctrl-D and
 * Ctrl-E reach the board's REPL rather than the host.
 */
public final class Monitor {
    /** Ctrl-]. */
    public static final int DEFAULT_EXIT_KEY = 0x1d;

    /** Why the monitor stopped. */
    public enum End {
        /** The user pressed the exit key. */
        EXIT_KEY,
        /** The keyboard stream ended (stdin closed). */
        KEYBOARD_CLOSED,
        /** The board went away: unplugged, reset over USB, socket closed. */
        BOARD_GONE
    }

    private final Link link;
    private final int exitKey;
    private final OutputStream capture;

    /**
     * @param exitKey the byte that ends the session
     * @param capture where to copy the board's output as well, or null
     */
    public Monitor(Link link, int exitKey, OutputStream capture) {
        this.link = link;
        this.exitKey = exitKey;
        this.capture = capture;
    }

    /** Runs until the exit key, the end of the keyboard stream, or the board going away. */
    public End run(InputStream keys, OutputStream screen) throws IOException {
        AtomicBoolean boardGone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            while (!stop.get()) {
                try {
                    int n = link.read(buf, 0, buf.length, Duration.ofMillis(100));
                    screen.write(buf, 0, n);
                    screen.flush();
                    if (capture != null) {
                        capture.write(buf, 0, n);
                    }
                } catch (LinkTimeoutException e) {
                    // nothing to show yet
                } catch (IOException e) {
                    // Closed, unplugged, or the screen went away: the session is over.
                    boardGone.set(true);
                    return;
                }
            }
        }, "mpt-monitor-reader");
        reader.setDaemon(true);
        reader.start();
        // Keys are read on their own thread, so that the board going away is noticed even
        // while nobody types, and the end of the keyboard stream is seen as such.
        BlockingQueue<Integer> typed = new LinkedBlockingQueue<>();
        Thread keyboard = new Thread(() -> {
            try {
                int k;
                do {
                    k = keys.read();
                    typed.add(k);
                } while (k >= 0 && !stop.get());
            } catch (IOException e) {
                typed.add(-1);
            }
        }, "mpt-monitor-keys");
        keyboard.setDaemon(true);
        keyboard.start();
        try {
            byte[] one = new byte[1];
            while (true) {
                if (boardGone.get() || !reader.isAlive()) {
                    return End.BOARD_GONE;
                }
                Integer k;
                try {
                    k = typed.poll(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return End.KEYBOARD_CLOSED;
                }
                if (k == null) {
                    continue;
                }
                if (k < 0) {
                    return End.KEYBOARD_CLOSED;
                }
                if (k == exitKey) {
                    return End.EXIT_KEY;
                }
                one[0] = (byte) (int) k;
                try {
                    link.write(one, 0, 1);
                } catch (LinkException e) {
                    return End.BOARD_GONE;
                }
            }
        } finally {
            stop.set(true);
            try {
                reader.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (capture != null) {
                capture.flush();
            }
        }
    }

    /** The name of a control key for messages: 0x1d is "Ctrl-]". */
    public static String keyName(int key) {
        return key < 0x20 ? "Ctrl-" + (char) (key + 0x40) : String.valueOf((char) key);
    }

    /** Parses "ctrl-]", "^]", "ctrl-x" into the byte that key sends. */
    public static int parseKey(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        String ch = t.startsWith("ctrl-") ? t.substring(5) : t.startsWith("^") ? t.substring(1) : null;
        if (ch == null || ch.length() != 1) {
            throw new IllegalArgumentException("exit key must look like ctrl-] or ^x: " + text);
        }
        int c = Character.toUpperCase(ch.charAt(0));
        if (c < 0x40 || c > 0x5f) {
            throw new IllegalArgumentException("no control key for '" + ch + "'");
        }
        return c - 0x40;
    }
}
