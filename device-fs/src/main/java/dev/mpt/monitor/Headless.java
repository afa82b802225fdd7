package dev.mpt.monitor;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkClosedException;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitor without a terminal ({@code echo 'print(6*7)' | mpt repl}): each line of the
 * input is typed at the board's REPL in turn, the next one once the board shows its prompt
 * again; everything the board sends is shown; the session ends at the end of the input, once
 * the board's output has settled. Made for scripts and CI.
 *
 * <p>The REPL indents a line after one ending in ':' by itself; the input carries its own
 * indentation, so that automatic indentation is erased before each line is typed.
 */
public final class Headless {
    /** A prompt at the end of what the board sent: {@code >>> }, {@code ... } (and its auto-indent), {@code === }. */
    private static final Pattern PROMPT = Pattern.compile("(>>> |\\.\\.\\. |=== )( *)$");
    private static final long PROMPT_QUIET_NANOS = Duration.ofMillis(30).toNanos();

    private final Link link;
    private final BoardOutput output;
    private final Duration settle;
    private final Object lock = new Object();
    private final StringBuilder tail = new StringBuilder();
    private long lastArrival = System.nanoTime();
    private LinkException failure;
    private volatile boolean stop;

    /**
     * @param settle how long the board must stay silent, when it shows no prompt, before the
     *               next line is sent or the session ends
     */
    public Headless(Link link, BoardOutput output, Duration settle) {
        this.link = link;
        this.output = output;
        this.settle = settle;
    }

    /**
     * Types the input, shows the output, and returns at the end of the input once the board
     * has settled.
     *
     * @param inject text to send through paste mode first, or null
     * @throws LinkException when the board goes away
     */
    public void run(InputStream input, byte[] inject) throws IOException, LinkException {
        Thread reader = new Thread(this::readBoard, "mpt-headless-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            link.write(new byte[] {'\r'});
            awaitPrompt();
            if (inject != null) {
                link.write(new byte[] {0x05});
                link.write(Paste.asTyped(inject));
                link.write(new byte[] {0x04});
                awaitPrompt();
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = input.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        typeLine(line);
                    } else {
                        line.write(b);
                    }
                }
            }
            if (line.size() > 0) {
                typeLine(line);
            }
            awaitPrompt();
        } finally {
            stop = true;
            try {
                reader.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.flushLog();
        }
    }

    private void typeLine(ByteArrayOutputStream line) throws LinkException {
        byte[] b = line.toByteArray();
        line.reset();
        int len = b.length;
        if (len > 0 && b[len - 1] == '\r') {
            len--;
        }
        int indent;
        synchronized (lock) {
            Matcher m = PROMPT.matcher(tail);
            indent = m.find() ? m.group(2).length() : 0;
        }
        byte[] typed = new byte[indent + len + 1];
        for (int i = 0; i < indent; i++) {
            typed[i] = 0x08;
        }
        System.arraycopy(b, 0, typed, indent, len);
        typed[typed.length - 1] = '\r';
        synchronized (lock) {
            tail.setLength(0);
            lastArrival = System.nanoTime();
        }
        link.write(typed);
        awaitPrompt();
    }

    /** Waits until the board shows a prompt and pauses, or stays silent for the settle time. */
    private void awaitPrompt() throws LinkException {
        synchronized (lock) {
            while (true) {
                if (failure != null) {
                    throw failure;
                }
                long quiet = System.nanoTime() - lastArrival;
                if (quiet >= settle.toNanos() || quiet >= PROMPT_QUIET_NANOS && PROMPT.matcher(tail).find()) {
                    return;
                }
                try {
                    lock.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void readBoard() {
        byte[] buf = new byte[65536];
        while (!stop) {
            try {
                int n = link.read(buf, 0, buf.length, Duration.ofMillis(100));
                output.received(buf, 0, n);
                synchronized (lock) {
                    tail.append(new String(buf, Math.max(0, n - 64), Math.min(n, 64), StandardCharsets.ISO_8859_1));
                    if (tail.length() > 64) {
                        tail.delete(0, tail.length() - 64);
                    }
                    lastArrival = System.nanoTime();
                    lock.notifyAll();
                }
            } catch (LinkTimeoutException e) {
                // quiet
            } catch (LinkException e) {
                synchronized (lock) {
                    failure = stop ? null : e;
                    lock.notifyAll();
                }
                return;
            } catch (IOException e) {
                synchronized (lock) {
                    failure = new LinkClosedException("cannot show the board's output: " + e.getMessage(), e);
                    lock.notifyAll();
                }
                return;
            }
        }
    }
}
