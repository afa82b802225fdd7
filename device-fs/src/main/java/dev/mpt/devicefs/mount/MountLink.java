package dev.mpt.devicefs.mount;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A link to a board that has a host directory mounted: whoever reads the board's output
 * through it (the raw REPL running code, the terminal of {@code mpt repl}) sees everything
 * but the mount's requests, which are answered on the spot from the {@link HostDirectory}.
 * So the mount works while any command, or the terminal, is using the board, and none of
 * them needs to know about it.
 *
 * <p>The wire, in the board's output: a request is {@code 0x0E}, one letter naming the
 * operation, its arguments as text separated by {@code 0x1F}, and {@code 0x0F}. (Only
 * printable text: a board's stdout may turn "\n" into "\r\n".) A {@code 0x0E} not followed
 * by a request letter is passed on as output. The answer, on the board's stdin: {@code 0x0E},
 * six hex digits giving the length of what follows, and the answer's bytes with every
 * {@code 0x03} and {@code 0x10} sent as {@code 0x10} and the byte xor {@code 0x40} (so a
 * board whose keyboard interrupt cannot be switched off never sees a Ctrl-C in an answer).
 * The board skips whatever arrives on its stdin before the {@code 0x0E} — keys that were
 * typed while it was asking.
 *
 * <p>While an answer is being written no other write goes to the board: keys typed in the
 * terminal wait until the answer is complete. Writes wait for nothing else.
 *
 * <p>A soft reset empties the board's mount table. When the output shows one ("soft
 * reboot" and then a prompt) the mount is made again before the next write reaches the
 * board: through the raw REPL, whose exchange is not shown to the reader; from the friendly
 * prompt the board is taken into the raw REPL and back, and shows its prompt again.
 */
public final class MountLink implements Link {
    static final byte REQUEST = 0x0E;
    static final byte REQUEST_END = 0x0F;
    static final byte SEPARATOR = 0x1F;
    static final byte ESCAPE = 0x10;
    private static final byte CTRL_A = 0x01;
    private static final byte CTRL_B = 0x02;
    private static final byte CTRL_D = 0x04;
    /** The longest request: it must fit in the buffer (the board sends writes in pieces of 3 KiB). */
    private static final int MAX_REQUEST = 16383;
    private static final boolean DEBUG = System.getenv("MPT_MOUNT_DEBUG") != null;
    private static final Duration SILENCE = Duration.ofSeconds(3);
    private static final Duration REMOUNT_STEP = Duration.ofSeconds(10);
    private static final byte[] SOFT_REBOOT = ascii("soft reboot\r\n");
    private static final byte[] RAW_PROMPT = ascii("raw REPL; CTRL-B to exit\r\n>");
    private static final byte[] FRIENDLY_PROMPT = ascii(">>> ");

    /** Where the board waits after a soft reset, for the mount to be made again. */
    private enum Prompt { RAW, FRIENDLY }

    private final Link base;
    private final HostDirectory dir;
    private final ReentrantLock reading = new ReentrantLock();
    private final Object writing = new Object();
    private final byte[] raw = new byte[16384];
    private int rawPos;
    private int rawLen;
    /** The last bytes passed on, to see a soft reset and the prompt after it. */
    private final byte[] tail = new byte[32];
    private int tailLen;
    private boolean rebooted;
    private volatile boolean active = true;
    private volatile Prompt remount;
    private volatile int remounts;
    private volatile String remountFailure;

    public MountLink(Link base, HostDirectory dir) {
        this.base = base;
        this.dir = dir;
    }

    /**
     * A mount link for a board found again after it went away (reset, re-plugged): it has lost
     * its mounts, so the mount is made again once it shows a prompt.
     */
    public static MountLink reopened(Link base, HostDirectory dir) {
        MountLink l = new MountLink(base, dir);
        l.rebooted = true;
        return l;
    }

    /** The link below this one. */
    public Link base() {
        return base;
    }

    public HostDirectory directory() {
        return dir;
    }

    /** Stops answering requests (after the board has unmounted): the link passes everything on. */
    public void deactivate() {
        active = false;
        remount = null;
    }

    public boolean isActive() {
        return active;
    }

    /** How often the mount was made again after a soft reset. */
    public int remounts() {
        return remounts;
    }

    /** Why the last re-mount failed, or null. */
    public String remountFailure() {
        return remountFailure;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        reading.lock();
        try {
            while (true) {
                if (rawPos == rawLen) {
                    // (the buffer is reset only once bytes came: a timeout leaves it empty)
                    int got = base.read(raw, 0, raw.length, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    rawPos = 0;
                    rawLen = got;
                }
                int n = pass(buf, off, len);
                if (n > 0) {
                    return n;
                }
                if (System.nanoTime() - deadline > 0 && rawPos == rawLen) {
                    throw new LinkTimeoutException(base.description() + ": nothing but mount requests within "
                            + timeout.toMillis() + " ms");
                }
            }
        } finally {
            reading.unlock();
        }
    }

    /**
     * Moves output from the raw buffer to {@code buf} up to the next request; a request at
     * the start is answered. Returns how many bytes were passed on (0 after a request).
     */
    private int pass(byte[] buf, int off, int len) throws LinkException {
        int n = 0;
        while (rawPos < rawLen && n < len) {
            byte b = raw[rawPos];
            if (b == REQUEST && active) {
                if (n > 0) {
                    return n;
                }
                if (request()) {
                    return 0;
                }
                // not a request after all: pass the byte on
            }
            rawPos++;
            buf[off + n++] = b;
            watch(b);
        }
        return n;
    }

    /**
     * At a 0x0E: answers the request that starts there and returns true, or returns false
     * (leaving the byte in place) when what follows is no request.
     */
    private boolean request() throws LinkException {
        if (!ensure(2) || !HostDirectory.isRequest(raw[rawPos + 1])) {
            return false;
        }
        // find the end before taking anything: a byte no request holds means this was output
        int end = 2;
        while (true) {
            if (end >= MAX_REQUEST || !ensure(end + 1)) {
                return false;
            }
            byte b = raw[rawPos + end];
            if (b == REQUEST_END) {
                break;
            }
            if (b == REQUEST || b == 0x04 || b == 0) {
                return false;
            }
            end++;
        }
        char op = (char) raw[rawPos + 1];
        byte[] t = Arrays.copyOfRange(raw, rawPos + 2, rawPos + end);
        rawPos += end + 1;
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= t.length; i++) {
            if (i == t.length || t[i] == SEPARATOR) {
                args.add(new String(t, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        byte[] plain = dir.answer(op, args);
        if (DEBUG) {
            int nl = 0;
            while (nl < plain.length && plain[nl] != '\n') {
                nl++;
            }
            System.err.println("[mount] " + op + " " + args + " -> " + new String(plain, 0, nl, StandardCharsets.US_ASCII)
                    + " +" + (plain.length - nl - 1) + " bytes");
        }
        byte[] answer = frame(plain);
        synchronized (writing) {
            base.write(answer, 0, answer.length);
        }
        return true;
    }

    /** Makes at least {@code k} unread bytes available in the raw buffer; false if the board went quiet first. */
    private boolean ensure(int k) throws LinkException {
        if (rawLen - rawPos >= k) {
            return true;
        }
        System.arraycopy(raw, rawPos, raw, 0, rawLen - rawPos);
        rawLen -= rawPos;
        rawPos = 0;
        while (rawLen < k) {
            try {
                rawLen += base.read(raw, rawLen, raw.length - rawLen, SILENCE);
            } catch (LinkTimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** An answer as it goes on the wire: 0x0E, six hex digits of length, the escaped bytes. */
    static byte[] frame(byte[] answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length + 16);
        out.write(0);
        out.writeBytes(new byte[6]);
        for (byte b : answer) {
            if (b == 0x03 || b == ESCAPE) {
                out.write(ESCAPE);
                out.write(b ^ 0x40);
            } else {
                out.write(b);
            }
        }
        byte[] f = out.toByteArray();
        int n = f.length - 7;
        if (n > 0xffffff) {
            throw new IllegalArgumentException("answer too long: " + n);
        }
        f[0] = REQUEST;
        byte[] len = String.format("%06x", n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(len, 0, f, 1, 6);
        return f;
    }

    /** Notes a soft reset in the output, and the prompt after it. */
    private void watch(byte b) {
        if (tailLen == tail.length) {
            System.arraycopy(tail, 1, tail, 0, tail.length - 1);
            tailLen--;
        }
        tail[tailLen++] = b;
        if (!active) {
            return;
        }
        if (b == '\n' && endsWith(SOFT_REBOOT)) {
            rebooted = true;
        } else if (rebooted && b == '>' && endsWith(RAW_PROMPT)) {
            rebooted = false;
            remount = Prompt.RAW;
        } else if (rebooted && b == ' ' && endsWith(FRIENDLY_PROMPT)) {
            rebooted = false;
            remount = Prompt.FRIENDLY;
        }
    }

    private boolean endsWith(byte[] s) {
        return tailLen >= s.length
                && Arrays.equals(tail, tailLen - s.length, tailLen, s, 0, s.length);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(byte[] buf, int off, int len) throws LinkException {
        if (remount != null) {
            remount();
        }
        synchronized (writing) {
            base.write(buf, off, len);
        }
    }

    /** Makes the mount again after a soft reset, unseen by whoever reads the output. */
    private void remount() throws LinkException {
        reading.lock();
        try {
            Prompt at = remount;
            if (at == null) {
                return;
            }
            remount = null;
            if (at == Prompt.FRIENDLY) {
                send(new byte[] {'\r', CTRL_A});
                await(RAW_PROMPT);
            }
            byte[] code = MountAgent.MOUNT.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < code.length; i += 256) {
                send(Arrays.copyOfRange(code, i, Math.min(code.length, i + 256)));
                pause();
            }
            send(new byte[] {CTRL_D});
            await(ascii("OK"));
            await(new byte[] {CTRL_D});
            byte[] err = await(new byte[] {CTRL_D});
            await(ascii(">"));
            remountFailure = err.length > 1 ? new String(err, 0, err.length - 1, StandardCharsets.UTF_8).strip() : null;
            if (at == Prompt.FRIENDLY) {
                send(new byte[] {'\r', CTRL_B});
                await(FRIENDLY_PROMPT);
            }
            remounts++;
        } finally {
            reading.unlock();
        }
    }

    private void send(byte[] b) throws LinkException {
        synchronized (writing) {
            base.write(b, 0, b.length);
        }
    }

    /** Reads (answering requests) up to and including {@code end}; returns what was read. */
    private byte[] await(byte[] end) throws LinkException {
        long deadline = System.nanoTime() + REMOUNT_STEP.toNanos();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LinkTimeoutException(base.description() + ": no answer while mounting "
                        + MountAgent.MOUNT_POINT + " again after the soft reset");
            }
            read(one, 0, 1, Duration.ofNanos(left));
            seen.write(one[0]);
            byte[] s = seen.toByteArray();
            if (s.length >= end.length && Arrays.equals(s, s.length - end.length, s.length, end, 0, end.length)) {
                return s;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public int available() throws LinkException {
        return rawLen - rawPos + base.available();
    }

    @Override
    public String description() {
        return base.description();
    }

    @Override
    public boolean isOpen() {
        return base.isOpen();
    }

    @Override
    public void close() {
        dir.close();
        base.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
