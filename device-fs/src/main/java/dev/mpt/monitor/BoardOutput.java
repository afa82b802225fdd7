package dev.mpt.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Where the board's bytes go: the log file exactly as received (with a time before each
 * line when timestamps are on), and the screen, rewritten by the line-ending map, shown as
 * hex, or stamped. Status lines of the monitor itself go to the screen only, each on a line
 * of its own. Safe to call from the thread that reads the board and the one that reads keys.
 */
public final class BoardOutput {
    private final OutputStream screen;
    private final OutputStream log;
    private final LineMap map;
    private final Clock clock;
    private final LineStamps screenStamps = new LineStamps();
    private final LineStamps logStamps = new LineStamps();
    private final HexView hexView = new HexView();
    private volatile boolean timestamps;
    private volatile boolean hex;
    private boolean screenAtLineStart = true;
    private long received;

    /**
     * @param screen where the user sees the board (a terminal in raw mode: lines end in CR LF)
     * @param log    the log file, or null
     * @param map    the rewriting of received bytes for the screen
     */
    public BoardOutput(OutputStream screen, OutputStream log, LineMap map, boolean timestamps, boolean hex, Clock clock) {
        this.screen = screen;
        this.log = log;
        this.map = map;
        this.timestamps = timestamps;
        this.hex = hex;
        this.clock = clock;
    }

    /** Bytes the board sent. */
    public synchronized void received(byte[] buf, int off, int len) throws IOException {
        received += len;
        boolean stamp = timestamps;
        LocalDateTime now = stamp ? LocalDateTime.now(clock) : null;
        if (log != null) {
            if (stamp) {
                log.write(logStamps.apply(buf, off, len, now));
            } else {
                log.write(buf, off, len);
            }
        }
        byte[] shown;
        if (hex) {
            shown = hexView.apply(buf, off, len);
        } else {
            shown = map.apply(buf, off, len);
            if (stamp) {
                shown = screenStamps.apply(shown, 0, shown.length, now);
            }
        }
        show(shown);
    }

    /** Keys echoed locally ({@code --local-echo}): Enter moves to a new line. */
    public synchronized void echo(byte[] keys) throws IOException {
        byte[] b = keys;
        for (byte k : keys) {
            if (k == '\r') {
                b = new String(keys, StandardCharsets.ISO_8859_1).replace("\r", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                break;
            }
        }
        show(b);
    }

    /**
     * A line of the monitor's own ({@code [mpt] ...}), on a line of its own; not logged. With
     * timestamps, what the board sends next starts a new stamped line, in the log as well.
     */
    public synchronized void status(String text) throws IOException {
        String line = (screenAtLineStart ? "" : "\r\n") + "[mpt] " + text + "\r\n";
        show(line.getBytes(StandardCharsets.UTF_8));
        screenStamps.startLine();
        if (timestamps && log != null && !logStamps.atLineStart()) {
            log.write('\n');
            logStamps.startLine();
        }
    }

    /** Text of the monitor's own (a menu prompt), shown as is. */
    public synchronized void print(String text) throws IOException {
        show(text.getBytes(StandardCharsets.UTF_8));
    }

    private void show(byte[] b) throws IOException {
        if (b.length == 0) {
            return;
        }
        screen.write(b);
        screen.flush();
        screenAtLineStart = b[b.length - 1] == '\n';
    }

    /** Writes what the log holds so far to the file. */
    public synchronized void flushLog() throws IOException {
        if (log != null) {
            log.flush();
        }
    }

    /** The number of bytes received so far. */
    public synchronized long received() {
        return received;
    }

    public boolean timestamps() {
        return timestamps;
    }

    public void setTimestamps(boolean on) {
        timestamps = on;
    }

    public boolean hex() {
        return hex;
    }

    public void setHex(boolean on) {
        hex = on;
    }
}
