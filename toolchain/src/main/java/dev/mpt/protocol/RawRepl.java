package dev.mpt.protocol;

import dev.mpt.text.PyQuote;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The host side of MicroPython's raw REPL: enter it, run code and collect what it prints
 * (stdout and error output apart), use raw-paste mode with its flow control when the
 * firmware has it, soft reset, and leave again.
 *
 * <p>The protocol, as firmware speaks it: Ctrl-A makes the board print
 * {@code raw REPL; CTRL-B to exit\r\n>}. Code sent then, ended by Ctrl-D, is answered by
 * {@code OK}, the program's output, {@code 0x04}, its error output, {@code 0x04} and a new
 * {@code >}. Ctrl-D on an empty line soft-resets the board. In raw-paste mode the host
 * sends {@code Ctrl-E 'A' Ctrl-A}; a board that has it answers {@code R\x01} and a 16-bit
 * window size, and grants each further window with a {@code 0x01} byte.
 *
 * <p>Every wait is bounded twice: by the silence allowed between bytes and by the deadline
 * of the whole operation, so a board that stops answering or never stops talking ends in a
 * {@link BoardException}, never a hang. After such an error the next operation first gets
 * the board back into the raw REPL. Not thread-safe, except {@link #interrupt()}, which any
 * thread may call while another runs code.
 */
public final class RawRepl implements AutoCloseable {

    /**
     * How long to wait.
     *
     * @param silence     the longest pause allowed between bytes of a protocol answer
     * @param enter       the deadline for entering the raw REPL, all retries included
     * @param reset       the deadline for a soft reset (boot.py included)
     * @param exec        the default deadline for running code, from sending it to the final marker
     * @param drainQuiet  how long the board must stay silent before input is considered drained
     * @param plainChunkPause pause between 256-byte chunks when raw-paste is not available
     */
    public record Timeouts(Duration silence, Duration enter, Duration reset, Duration exec,
                           Duration drainQuiet, Duration plainChunkPause) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(15),
                    Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMillis(10));
        }

        /** Short waits, for tests and for boards on fast links (in-memory, loopback). */
        public static Timeouts fast() {
            return new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(3),
                    Duration.ofSeconds(10), Duration.ofMillis(30), Duration.ZERO);
        }

        public Timeouts withExec(Duration d) {
            return new Timeouts(silence, enter, reset, d, drainQuiet, plainChunkPause);
        }

        public Timeouts withSilence(Duration d) {
            return new Timeouts(d, enter, reset, exec, drainQuiet, plainChunkPause);
        }

        public Timeouts withEnter(Duration d) {
            return new Timeouts(silence, d, reset, exec, drainQuiet, plainChunkPause);
        }
    }

    /** A deadline for code that may run as long as it likes ({@code mpt run}); Ctrl-C still stops it. */
    public static final Duration NO_DEADLINE = Duration.ofDays(36500);

    private static final byte CTRL_A = 0x01;
    private static final byte CTRL_B = 0x02;
    private static final byte CTRL_C = 0x03;
    private static final byte CTRL_D = 0x04;
    private static final byte CTRL_E = 0x05;
    private static final byte[] RAW_BANNER = ascii("raw REPL; CTRL-B to exit\r\n>");
    private static final byte[] RAW_BANNER_TAIL = ascii("w REPL; CTRL-B to exit\r\n>");
    private static final byte[] SOFT_REBOOT = ascii("soft reboot\r\n");
    private static final byte[] FRIENDLY_AFTER_BANNER = ascii("for more information.\r\n>>> ");
    private static final byte[] FRIENDLY_PROMPT = ascii(">>> ");
    private static final int PLAIN_CHUNK = 256;
    private static final int MAX_ENTER_ATTEMPTS = 5;
    /** Sent before each retry to enter: longer than a binary transfer's block (1 KB) and its check. */
    private static final byte[] INTERRUPT_RUN = filled(1536, CTRL_C);
    /** The quiet that ends the first wait after Ctrl-C when the board answered with a prompt. */
    private static final Duration SHORT_QUIET = Duration.ofMillis(20);
    private static final int TAIL_KEPT = 200;

    private enum State {
        /** Not known to be in the raw REPL: the next operation enters it first. */
        UNKNOWN,
        /** The {@code >} prompt was read; code may be sent. */
        AT_PROMPT,
        /** Code finished; the {@code >} that follows has not been read yet. */
        PROMPT_PENDING,
        /** In the friendly REPL, left on purpose. */
        FRIENDLY
    }

    private enum RawPaste { UNKNOWN, SUPPORTED, UNSUPPORTED }

    private final Link link;
    private final Timeouts timeouts;
    private State state = State.UNKNOWN;
    private RawPaste rawPaste = RawPaste.UNKNOWN;
    private boolean rawPasteAllowed = true;
    private int lastWindow;
    private final byte[] inbuf = new byte[4096];
    private int inPos;
    private int inLimit;
    /** The last bytes received, for error messages and reset detection. */
    private final byte[] tail = new byte[TAIL_KEPT];
    /** Bytes received so far. */
    private long received;
    private int tailLen;

    public RawRepl(Link link, Timeouts timeouts) {
        this.link = link;
        this.timeouts = timeouts;
    }

    public RawRepl(Link link) {
        this(link, Timeouts.defaults());
    }

    public Link link() {
        return link;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** Whether raw-paste mode is off for this connection (set by the caller or after the board refused it). */
    public void setRawPasteAllowed(boolean allowed) {
        this.rawPasteAllowed = allowed;
    }

    /** True once the board accepted raw-paste mode; false if it has not (yet). */
    public boolean usesRawPaste() {
        return rawPaste == RawPaste.SUPPORTED;
    }

    /** The window size the board announced in its last raw-paste handshake, or 0. */
    public int rawPasteWindow() {
        return lastWindow;
    }

    public boolean inRawRepl() {
        return state == State.AT_PROMPT || state == State.PROMPT_PENDING;
    }

    // ---------------------------------------------------------------- entering and leaving

    /**
     * Interrupts whatever runs on the board and enters the raw REPL, optionally soft-resetting
     * the board first so code starts from a fresh interpreter. Boot output and anything a
     * running program prints is drained; the attempt is repeated if the board's answer got
     * lost in it.
     */
    public void enter(boolean softReset) throws BoardException {
        Deadline deadline = Deadline.after(timeouts.enter);
        BoardException last = null;
        long heardBefore = received;
        for (int attempt = 1; attempt <= MAX_ENTER_ATTEMPTS && !deadline.passed(); attempt++) {
            try {
                if (attempt > 1 && (received == heardBefore || tailIsTransferChatter())) {
                    // not a byte since the last try, or only a transfer helper's requests: a
                    // program that turned Ctrl-C off (micropython.kbd_intr(-1)) waits in a read
                    // of a binary transfer whose host went away; enough Ctrl-C to complete that
                    // read ends it (mpt's transfer helper stops on them)
                    send(INTERRUPT_RUN);
                }
                heardBefore = received;
                send(new byte[] {'\r', CTRL_C, CTRL_C});
                if (attempt == 1) {
                    // the board's answer to Ctrl-C needs no waiting for: whatever it prints comes
                    // before the banner that Ctrl-A makes it print, and is skipped on the way
                    // there. Only output that does not end at a prompt (a board still booting,
                    // which would miss the Ctrl-A) is drained until the line is quiet.
                    long before = received;
                    drain(deadline, SHORT_QUIET.compareTo(timeouts.drainQuiet) < 0 ? SHORT_QUIET : timeouts.drainQuiet);
                    if (received != before && !tailEndsWith(FRIENDLY_PROMPT) && !tailEndsWith(new byte[] {'>'})) {
                        drain(deadline, timeouts.drainQuiet);
                    }
                } else {
                    drain(deadline, timeouts.drainQuiet);
                }
                send(new byte[] {'\r', CTRL_A});
                readUntil(RAW_BANNER, timeouts.silence, deadline, "the raw REPL banner");
                if (attempt > 1) {
                    // an earlier attempt's Ctrl-A may still be answered: let that banner pass
                    drain(deadline, timeouts.drainQuiet);
                }
                state = State.AT_PROMPT;
                if (softReset) {
                    softReset();
                }
                return;
            } catch (BoardException e) {
                state = State.UNKNOWN;
                if (e.kind() == BoardException.Kind.DISCONNECTED) {
                    throw e;
                }
                last = e;
            }
        }
        throw new BoardException(last == null ? BoardException.Kind.TIMEOUT : last.kind(),
                "could not enter the raw REPL on " + link.description() + " within "
                        + Durations.format(timeouts.enter) + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** Soft-resets the board from the raw REPL and waits until it is back in it (boot.py has run). */
    public void softReset() throws BoardException {
        ensureRaw();
        Deadline deadline = Deadline.after(timeouts.reset);
        try {
            send(new byte[] {CTRL_D});
            readUntil(SOFT_REBOOT, timeouts.silence, deadline, "the soft reboot message");
            // boot.py may run silently for a while: only the reset deadline bounds this wait
            readUntil(RAW_BANNER, deadline.remaining(), deadline, "the raw REPL banner after the soft reboot");
            state = State.AT_PROMPT;
        } catch (BoardException e) {
            state = State.UNKNOWN;
            throw e;
        }
    }

    /** Leaves the raw REPL for the friendly one ({@code >>> }). */
    public void exit() throws BoardException {
        if (state == State.FRIENDLY) {
            return;
        }
        ensureRaw();
        Deadline deadline = Deadline.after(timeouts.enter);
        try {
            send(new byte[] {'\r', CTRL_B});
            readUntil(FRIENDLY_PROMPT, timeouts.silence, deadline, "the friendly REPL prompt");
            state = State.FRIENDLY;
        } catch (BoardException e) {
            state = State.UNKNOWN;
            throw e;
        }
    }

    /** Sends Ctrl-C: code running on the board gets a KeyboardInterrupt. Any thread may call this. */
    public void interrupt() throws BoardException {
        send(new byte[] {CTRL_C});
    }

    /** Leaves the raw REPL if it is in it (best effort), and closes the link. */
    @Override
    public void close() {
        try {
            if (link.isOpen() && inRawRepl()) {
                send(new byte[] {'\r', CTRL_B});
            }
        } catch (BoardException ignored) {
            // closing anyway
        }
        link.close();
    }

    // ---------------------------------------------------------------- running code

    /** Runs code, collecting its output; throws {@link ExecException} if it raised. */
    public ExecResult exec(String code) throws BoardException, ExecException {
        return exec(code, timeouts.exec, OutputSink.DISCARD);
    }

    /**
     * Runs code, passing its stdout to {@code sink} as it arrives.
     *
     * @param deadline how long the code may run, from sending it to its end
     * @throws ExecException  the code raised (carries the traceback)
     * @throws BoardException the board did not answer as the protocol says, or not in time
     */
    public ExecResult exec(String code, Duration deadline, OutputSink sink) throws BoardException, ExecException {
        ExecResult result = execRaw(code.getBytes(StandardCharsets.UTF_8), deadline, sink);
        if (result.raised()) {
            throw ExecException.fromStderr(result.stderr(), result.stdout());
        }
        return result;
    }

    /** Evaluates an expression on the board and returns its {@code repr}. */
    public String eval(String expression) throws BoardException, ExecException {
        String out = exec("print(repr(" + expression + "))").stdoutText();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** Runs code and returns stdout and error output without judging them. */
    public ExecResult execRaw(byte[] code, Duration runDeadline, OutputSink sink) throws BoardException {
        ensureRaw();
        Deadline deadline = Deadline.after(runDeadline);
        try {
            sendCode(code, deadline);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            follow(out, sink, deadline, "the program's output");
            follow(err, OutputSink.DISCARD, deadline, "the program's error output");
            state = State.PROMPT_PENDING;
            return new ExecResult(out.toByteArray(), err.toByteArray());
        } catch (BoardException e) {
            state = State.UNKNOWN;
            throw e;
        }
    }

    private void sendCode(byte[] code, Deadline deadline) throws BoardException {
        if (rawPasteAllowed && rawPaste != RawPaste.UNSUPPORTED) {
            send(new byte[] {CTRL_E, 'A', CTRL_A});
            byte[] answer = readExactly(2, timeouts.silence, deadline, "the raw-paste handshake");
            if (answer[0] == 'R' && answer[1] == 1) {
                rawPaste = RawPaste.SUPPORTED;
                state = State.UNKNOWN; // until the code is through, the board is not at a prompt
                pasteCode(code, deadline);
                return;
            }
            if (answer[0] == 'R' && answer[1] == 0) {
                // understood but not available: the board prints a fresh prompt
                rawPaste = RawPaste.UNSUPPORTED;
                readUntil(new byte[] {'>'}, timeouts.silence, deadline, "the prompt after a refused raw-paste");
            } else if (answer[0] == 'r' && answer[1] == 'a') {
                // firmware without raw-paste took Ctrl-A as "restart the raw REPL"
                rawPaste = RawPaste.UNSUPPORTED;
                readUntil(RAW_BANNER_TAIL, timeouts.silence, deadline, "the raw REPL banner after a raw-paste attempt");
            } else {
                throw protocolError("the raw-paste handshake", answer);
            }
        }
        state = State.UNKNOWN;
        for (int i = 0; i < code.length; i += PLAIN_CHUNK) {
            int n = Math.min(PLAIN_CHUNK, code.length - i);
            send(code, i, n);
            if (!timeouts.plainChunkPause.isZero() && i + n < code.length) {
                sleep(timeouts.plainChunkPause);
            }
        }
        send(new byte[] {CTRL_D});
        byte[] ok = readExactly(2, timeouts.silence, deadline, "the board's OK for the code");
        if (ok[0] != 'O' || ok[1] != 'K') {
            throw protocolError("the OK after the code", ok);
        }
    }

    private void pasteCode(byte[] code, Deadline deadline) throws BoardException {
        byte[] sizeBytes = readExactly(2, timeouts.silence, deadline, "the raw-paste window size");
        int window = (sizeBytes[0] & 0xff) | (sizeBytes[1] & 0xff) << 8;
        if (window == 0) {
            throw protocolError("the raw-paste window size", sizeBytes);
        }
        lastWindow = window;
        long allowed = window;
        int sent = 0;
        while (sent < code.length) {
            while (allowed == 0 || availableNow() > 0) {
                int b = readByte(timeouts.silence, deadline, "the board's raw-paste flow control");
                if (b == CTRL_A) {
                    allowed += window;
                } else if (b == CTRL_D) {
                    // the board stopped reading early (e.g. a syntax error): acknowledge and read the result
                    send(new byte[] {CTRL_D});
                    return;
                } else {
                    throw protocolError("raw-paste flow control", new byte[] {(byte) b});
                }
            }
            int n = (int) Math.min(allowed, code.length - sent);
            send(code, sent, n);
            sent += n;
            allowed -= n;
        }
        send(new byte[] {CTRL_D});
        // the board confirms the end of the code with 0x04; window grants may come before it
        while (true) {
            int b = readByte(timeouts.silence, deadline, "the board's acknowledgement of the code");
            if (b == CTRL_D) {
                return;
            }
            if (b != CTRL_A) {
                throw protocolError("the end of raw-paste", new byte[] {(byte) b});
            }
        }
    }

    /**
     * Reads up to the next 0x04 into {@code into} (and {@code sink}). Silence is allowed until
     * the deadline, but a board that went back to its banner and prompt has reset.
     */
    private void follow(ByteArrayOutputStream into, OutputSink sink, Deadline deadline, String what)
            throws BoardException {
        Duration probe = timeouts.silence.compareTo(Duration.ofMillis(250)) < 0 ? timeouts.silence : Duration.ofMillis(250);
        while (true) {
            if (deadline.passed()) {
                stopProgram();
                throw new BoardException(BoardException.Kind.TIMEOUT, "the code on " + link.description()
                        + " did not finish within " + Durations.format(deadline.total) + "; sent Ctrl-C");
            }
            if (inPos == inLimit) {
                try {
                    fill(probe, deadline, what);
                } catch (BoardException e) {
                    if (e.kind() != BoardException.Kind.TIMEOUT) {
                        throw e;
                    }
                    if (looksReset()) {
                        throw new BoardException(BoardException.Kind.RESET, "the board on " + link.description()
                                + " reset while running the code (it printed its banner and prompt)");
                    }
                    continue;
                }
            }
            int start = inPos;
            int end = start;
            while (end < inLimit && inbuf[end] != CTRL_D) {
                end++;
            }
            if (end > start) {
                into.write(inbuf, start, end - start);
                sink.write(inbuf, start, end - start);
            }
            if (end < inLimit) {
                inPos = end + 1;
                return;
            }
            inPos = end;
        }
    }

    private boolean looksReset() {
        return tailEndsWith(FRIENDLY_AFTER_BANNER) || tailEndsWith(RAW_BANNER);
    }

    /** After a missed deadline: Ctrl-C, then give the board a moment to finish its traceback. */
    private void stopProgram() {
        try {
            send(new byte[] {CTRL_C});
            drain(Deadline.after(timeouts.silence), timeouts.drainQuiet);
        } catch (BoardException ignored) {
            // the caller reports the timeout
        }
    }

    /** Makes sure the board sits at the raw REPL prompt, re-entering it if need be. */
    private void ensureRaw() throws BoardException {
        if (state == State.AT_PROMPT) {
            return;
        }
        if (state == State.PROMPT_PENDING) {
            Deadline deadline = Deadline.after(timeouts.silence);
            try {
                byte[] got = readUntil(new byte[] {'>'}, timeouts.silence, deadline, "the raw REPL prompt");
                if (got.length == 1) {
                    state = State.AT_PROMPT;
                    return;
                }
                // something else came before the prompt (a soft reset's boot output?): start over
            } catch (BoardException e) {
                if (e.kind() == BoardException.Kind.DISCONNECTED) {
                    state = State.UNKNOWN;
                    throw e;
                }
            }
        }
        enter(false);
    }

    // ---------------------------------------------------------------- reading

    private void send(byte[] bytes) throws BoardException {
        send(bytes, 0, bytes.length);
    }

    private void send(byte[] bytes, int off, int len) throws BoardException {
        try {
            link.write(bytes, off, len);
        } catch (LinkException e) {
            throw new BoardException(BoardException.Kind.DISCONNECTED, "lost " + link.description() + ": "
                    + e.getMessage(), e);
        }
    }

    private int availableNow() throws BoardException {
        try {
            return (inLimit - inPos) + link.available();
        } catch (LinkException e) {
            throw new BoardException(BoardException.Kind.DISCONNECTED, "lost " + link.description(), e);
        }
    }

    /** Refills the input buffer, waiting at most {@code silence} and never past the deadline. */
    private void fill(Duration silence, Deadline deadline, String what) throws BoardException {
        Duration wait = deadline.cap(silence);
        try {
            int n = link.read(inbuf, 0, inbuf.length, wait);
            inPos = 0;
            inLimit = n;
            remember(inbuf, 0, n);
        } catch (LinkTimeoutException e) {
            throw new BoardException(BoardException.Kind.TIMEOUT, "no answer from " + link.description()
                    + " within " + Durations.format(wait) + " while waiting for " + what + lastReceived());
        } catch (LinkException e) {
            throw new BoardException(BoardException.Kind.DISCONNECTED, "lost " + link.description()
                    + " while waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private int readByte(Duration silence, Deadline deadline, String what) throws BoardException {
        if (inPos == inLimit) {
            fill(silence, deadline, what);
        }
        return inbuf[inPos++] & 0xff;
    }

    private byte[] readExactly(int n, Duration silence, Deadline deadline, String what) throws BoardException {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) readByte(silence, deadline, what);
        }
        return out;
    }

    /**
     * Reads until the received bytes end with {@code suffix}; returns all of them. Fails when
     * the board is silent for longer than {@code silence} or the deadline passes while it
     * keeps sending something else.
     */
    private byte[] readUntil(byte[] suffix, Duration silence, Deadline deadline, String what) throws BoardException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            if (deadline.passed()) {
                throw new BoardException(BoardException.Kind.TIMEOUT, "gave up waiting for " + what + " on "
                        + link.description() + " after " + Durations.format(deadline.total) + lastReceived());
            }
            got.write(readByte(silence, deadline, what));
            if (endsWith(got, suffix)) {
                return got.toByteArray();
            }
        }
    }

    /** Discards input until the board has been silent for {@code quiet} (or the deadline passes). */
    private void drain(Deadline deadline, Duration quiet) throws BoardException {
        inPos = inLimit;
        Deadline cap = Deadline.after(deadline.cap(timeouts.silence));
        while (!cap.passed()) {
            try {
                fill(quiet, cap, "silence");
                inPos = inLimit;
            } catch (BoardException e) {
                if (e.kind() == BoardException.Kind.TIMEOUT) {
                    return;
                }
                throw e;
            }
        }
    }

    private static boolean endsWith(ByteArrayOutputStream got, byte[] suffix) {
        if (got.size() < suffix.length) {
            return false;
        }
        byte[] all = got.toByteArray();
        return Arrays.equals(all, all.length - suffix.length, all.length, suffix, 0, suffix.length);
    }

    private void remember(byte[] buf, int off, int n) {
        received += n;
        if (n >= TAIL_KEPT) {
            System.arraycopy(buf, off + n - TAIL_KEPT, tail, 0, TAIL_KEPT);
            tailLen = TAIL_KEPT;
            return;
        }
        int keep = Math.min(tailLen, TAIL_KEPT - n);
        System.arraycopy(tail, tailLen - keep, tail, 0, keep);
        System.arraycopy(buf, off, tail, keep, n);
        tailLen = keep + n;
    }

    private boolean tailEndsWith(byte[] suffix) {
        return tailLen >= suffix.length
                && Arrays.equals(tail, tailLen - suffix.length, tailLen, suffix, 0, suffix.length);
    }

    /**
     * Whether the last line received is one of mpt's binary transfer helper's requests
     * ({@code N3.3}, {@code R3.3}, {@code A3.3}: a letter, then a block number twice): the
     * helper still runs on the board, waiting for blocks from a host that went away.
     */
    private boolean tailIsTransferChatter() {
        String t = new String(tail, 0, tailLen, java.nio.charset.StandardCharsets.ISO_8859_1);
        return TRANSFER_LINE.matcher(t).find();
    }

    private static final java.util.regex.Pattern TRANSFER_LINE = java.util.regex.Pattern.compile("[NRA](\\d+)\\.\\1\\r?\\n$");

    private String lastReceived() {
        if (tailLen == 0) {
            return " (nothing received)";
        }
        int from = Math.max(0, tailLen - 60);
        return " (last received: " + PyQuote.bytes(tail, from, tailLen - from) + ")";
    }

    private BoardException protocolError(String during, byte[] got) {
        return new BoardException(BoardException.Kind.PROTOCOL, "unexpected answer from " + link.description()
                + " during " + during + ": " + PyQuote.bytes(got) + " (wrong baud rate, noise, or not MicroPython?)");
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A point in time an operation must be over by. */
    private static final class Deadline {
        final long endNanos;
        final Duration total;

        private Deadline(Duration total) {
            this.total = total;
            long nanos;
            try {
                nanos = Math.min(total.toNanos(), Long.MAX_VALUE / 4);
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE / 4;
            }
            this.endNanos = System.nanoTime() + Math.max(0, nanos);
        }

        static Deadline after(Duration d) {
            return new Deadline(d);
        }

        boolean passed() {
            return System.nanoTime() - endNanos >= 0;
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
        }

        Duration cap(Duration wait) {
            Duration left = remaining();
            return wait.compareTo(left) < 0 ? wait : left;
        }
    }
}
