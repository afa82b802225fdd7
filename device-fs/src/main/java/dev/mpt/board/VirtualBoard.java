package dev.mpt.board;

import dev.mpt.protocol.BytePipe;
import dev.mpt.protocol.LinkClosedException;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.MemoryLink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A board that speaks MicroPython's REPL protocol over a {@link Link}, with the code itself
 * run by a {@link BoardEngine}.
 *
 * <p>It behaves as firmware's main loop and {@code pyexec} do: on (re)boot it runs
 * {@code boot.py}, then {@code main.py} when in the friendly REPL, then serves the friendly
 * REPL ({@code >>> }, {@code ... } continuation lines with auto-indent, paste mode with
 * Ctrl-E) or the raw REPL (Ctrl-A; code ended by Ctrl-D; raw-paste mode with its window
 * flow control); Ctrl-D on an empty line soft-resets it, printing {@code MPY: soft reboot};
 * Ctrl-C interrupts running code.
 *
 * <p>The board runs on its own thread from {@link #start()} until {@link #close()}, whether
 * or not a host is attached, like a powered board: output while no host is attached is
 * lost. {@link #attach} connects a host link (replacing any earlier one).
 */
public final class VirtualBoard implements AutoCloseable {
    private static final byte CTRL_A = 0x01;
    private static final byte CTRL_B = 0x02;
    private static final byte CTRL_C = 0x03;
    private static final byte CTRL_D = 0x04;
    private static final byte CTRL_E = 0x05;
    private static final Duration POLL = Duration.ofMillis(50);

    private enum Mode { FRIENDLY, RAW }

    /** Raised inside the board thread to unwind to the main loop on a hard reset. */
    private static final class HardResetSignal extends RuntimeException {
        HardResetSignal() {
            super(null, null, false, false);
        }
    }

    /** Raised inside the board thread to end it when the board is closed. */
    private static final class PowerOffSignal extends RuntimeException {
        PowerOffSignal() {
            super(null, null, false, false);
        }
    }

    /** How the board answers a raw-paste request, to imitate firmware of different ages. */
    public enum RawPasteSupport {
        /** Raw-paste mode available (MicroPython 1.14 and later). */
        SUPPORTED,
        /** The request is understood but refused ({@code R\x00}). */
        REFUSED,
        /** Firmware older than raw-paste: Ctrl-A just restarts the raw REPL. */
        UNKNOWN
    }

    /** Counters a test can check. */
    public record Stats(int executions, int softResets, int hardResets, int flowControlViolations) {
    }

    private final BoardEngine engine;
    private final BoardIdentity identity;
    private final BytePipe input = new BytePipe();
    private final Object attachLock = new Object();
    private volatile Link attached;
    private volatile boolean executing;
    /** Ctrl-C arrived during the current execution; code waiting for stdin must give up. */
    private volatile boolean interruptRequested;
    /** Guards the executing flag against Ctrl-C handling, and the raw-paste counters. */
    private final Object inputLock = new Object();
    private boolean pasteActive;
    private long pasteArrived;
    private long pasteGranted;
    private boolean pasteOverflowCounted;
    private volatile boolean hardResetRequested;
    private volatile boolean closed;
    private Thread thread;
    private Mode mode = Mode.FRIENDLY;
    private volatile RawPasteSupport rawPasteSupport = RawPasteSupport.SUPPORTED;
    private final LineEditor editor = new LineEditor();
    private final AtomicInteger executions = new AtomicInteger();
    private final AtomicInteger softResets = new AtomicInteger();
    private final AtomicInteger hardResets = new AtomicInteger();
    private final AtomicInteger flowViolations = new AtomicInteger();

    public VirtualBoard(BoardEngine engine, BoardIdentity identity) {
        this.engine = engine;
        this.identity = identity;
    }

    public VirtualBoard(BoardEngine engine) {
        this(engine, BoardIdentity.defaults());
    }

    public BoardIdentity identity() {
        return identity;
    }

    public Stats stats() {
        return new Stats(executions.get(), softResets.get(), hardResets.get(), flowViolations.get());
    }

    /** Makes the board answer raw-paste requests as firmware of another age would. */
    public VirtualBoard withRawPaste(RawPasteSupport support) {
        this.rawPasteSupport = support;
        return this;
    }

    /** Powers the board on: it boots and waits for input. */
    public synchronized VirtualBoard start() {
        if (thread == null) {
            thread = new Thread(this::powerOn, "mpt-virtual-board");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /**
     * Convenience for in-process use: makes an in-memory link pair, attaches the board end,
     * starts the board if needed, and returns the host end.
     */
    public Link connect() {
        MemoryLink.Pair pair = MemoryLink.pair("virtual board");
        attach(pair.board());
        start();
        return pair.host();
    }

    /** Connects a host. Bytes from it are the board's stdin; the board's output goes to it. */
    public void attach(Link link) {
        Link previous;
        synchronized (attachLock) {
            previous = attached;
            attached = link;
        }
        if (previous != null && previous != link) {
            previous.close();
        }
        Thread pump = new Thread(() -> pump(link), "mpt-virtual-board-input");
        pump.setDaemon(true);
        pump.start();
    }

    /** Disconnects the current host, if any. */
    public void detach() {
        Link l;
        synchronized (attachLock) {
            l = attached;
            attached = null;
        }
        if (l != null) {
            l.close();
        }
    }

    private void detach(Link which) {
        synchronized (attachLock) {
            if (attached != which) {
                return;
            }
            attached = null;
        }
        which.close();
    }

    /** Presses the reset button: running code stops and the board reboots from scratch. */
    public void hardReset() {
        synchronized (inputLock) {
            hardResetRequested = true;
            if (executing) {
                engine.interrupt();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        engine.interrupt();
        detach();
        input.close();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- wires

    /** Moves bytes from a host link into stdin; Ctrl-C while code runs interrupts it instead. */
    private void pump(Link link) {
        byte[] buf = new byte[1024];
        while (!closed && attached == link) {
            int n;
            try {
                n = link.read(buf, 0, buf.length, Duration.ofMillis(200));
            } catch (LinkTimeoutException e) {
                continue;
            } catch (LinkException e) {
                detach(link);
                return;
            }
            synchronized (inputLock) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == CTRL_C && executing) {
                        put(buf, start, i - start);
                        start = i + 1;
                        interruptRequested = true;
                        engine.interrupt();
                    }
                }
                put(buf, start, n - start);
            }
        }
    }

    /** Queues stdin bytes, counting those that arrive beyond the raw-paste window granted. */
    private void put(byte[] buf, int off, int len) {
        if (len == 0) {
            return;
        }
        try {
            input.put(buf, off, len);
        } catch (LinkClosedException e) {
            return;
        }
        if (pasteActive) {
            pasteArrived += len;
            // one byte more than granted is the host's closing Ctrl-D, always allowed
            if (pasteArrived > pasteGranted + 1 && !pasteOverflowCounted) {
                pasteOverflowCounted = true;
                flowViolations.incrementAndGet();
            }
        }
    }

    /** Next byte of stdin; wakes regularly to notice a reset or power-off. */
    private int next() {
        byte[] one = new byte[1];
        while (true) {
            checkSignals();
            try {
                input.take(one, 0, 1, POLL, "board stdin");
                return one[0] & 0xff;
            } catch (LinkTimeoutException e) {
                // poll again
            } catch (LinkException e) {
                throw new PowerOffSignal();
            }
        }
    }

    private void checkSignals() {
        if (closed) {
            throw new PowerOffSignal();
        }
        if (hardResetRequested) {
            hardResetRequested = false;
            throw new HardResetSignal();
        }
    }

    private void emit(String s) {
        emit(s.getBytes(StandardCharsets.UTF_8));
    }

    private void emit(byte[] b) {
        emit(b, 0, b.length);
    }

    private void emit(byte[] b, int off, int len) {
        Link l = attached;
        if (l == null || len == 0) {
            return;
        }
        try {
            l.write(b, off, len);
        } catch (LinkException e) {
            detach(l);
        }
    }

    /** Output of running code: "\n" goes out as "\r\n", as firmware's cooked stdout does. */
    private void emitCooked(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                emit(b, start, i - start);
                emit(new byte[] {'\r', '\n'});
                start = i + 1;
            }
        }
        emit(b, start, off + len - start);
    }

    private void emitCooked(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        emitCooked(b, 0, b.length);
    }

    private final Console console = new Console() {
        @Override
        public void write(byte[] buf, int off, int len) {
            emitCooked(buf, off, len);
        }

        @Override
        public int read(Duration timeout) {
            byte[] one = new byte[1];
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (interruptRequested || closed || hardResetRequested) {
                    throw new Console.Interrupted();
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                try {
                    input.take(one, 0, 1, Duration.ofNanos(Math.min(left, POLL.toNanos())), "board stdin");
                    return one[0] & 0xff;
                } catch (LinkTimeoutException e) {
                    // look at the interrupt flags again
                } catch (LinkException e) {
                    throw new Console.Interrupted();
                }
            }
        }
    };

    // ---------------------------------------------------------------- main loop

    private void powerOn() {
        boolean cold = true;
        try {
            while (!closed) {
                try {
                    if (cold) {
                        mode = Mode.FRIENDLY;
                        cold = false;
                    }
                    engine.reset();
                    boolean softReset = run(engine.readFile("boot.py"), "boot.py");
                    if (!softReset && mode == Mode.FRIENDLY) {
                        softReset = run(engine.readFile("main.py"), "main.py");
                    }
                    while (!softReset) {
                        softReset = mode == Mode.RAW ? rawRepl() : friendlyRepl();
                    }
                    emit("MPY: soft reboot\r\n");
                    softResets.incrementAndGet();
                } catch (HardResetSignal e) {
                    hardResets.incrementAndGet();
                    cold = true;
                    input.clear();
                } catch (PowerOffSignal e) {
                    throw e;
                } catch (RuntimeException | StackOverflowError e) {
                    // the engine failed outside any execution (reset, reading boot files): reboot
                    emit("\r\nvirtual board fault: " + e + "\r\n");
                    cold = true;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        } catch (PowerOffSignal e) {
            // board closed
        }
    }

    /** Runs a boot file if present; true if it asked for a soft reset. */
    private boolean run(java.util.Optional<String> source, String name) {
        if (source.isEmpty()) {
            return false;
        }
        BoardEngine.Outcome outcome = execute(source.get(), BoardEngine.InputKind.FILE, name);
        if (outcome instanceof BoardEngine.Outcome.Raised r) {
            emitCooked(r.traceback());
        }
        return outcome instanceof BoardEngine.Outcome.SoftReset;
    }

    private BoardEngine.Outcome execute(String source, BoardEngine.InputKind kind, String name) {
        checkSignals();
        executions.incrementAndGet();
        BoardEngine.Outcome outcome;
        synchronized (inputLock) {
            executing = true;
        }
        try {
            outcome = engine.execute(source, kind, name, console);
        } catch (HardResetSignal | PowerOffSignal e) {
            throw e;
        } catch (Console.Interrupted e) {
            // an engine that lets the console's interrupt escape: the code was interrupted all the same
            outcome = new BoardEngine.Outcome.Raised("KeyboardInterrupt: \n");
        } catch (RuntimeException | StackOverflowError e) {
            // a fault in the engine must not take the board down: report it as the code's error
            outcome = new BoardEngine.Outcome.Raised("Traceback (most recent call last):\n  File \"" + name
                    + "\", line 1, in <module>\nRuntimeError: virtual board engine failed: " + e + "\n");
        } finally {
            synchronized (inputLock) {
                executing = false;
                interruptRequested = false;
                engine.clearInterrupt();
            }
        }
        checkSignals();
        if (outcome instanceof BoardEngine.Outcome.HardReset) {
            throw new HardResetSignal();
        }
        return outcome;
    }

    // ---------------------------------------------------------------- raw REPL

    /** Serves the raw REPL; true when it ends in a soft reset, false when the host left with Ctrl-B. */
    private boolean rawRepl() {
        emit("raw REPL; CTRL-B to exit\r\n");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            line.reset();
            emit(">");
            boolean restart = false;
            while (true) {
                int c = next();
                if (c == CTRL_A) {
                    byte[] sofar = line.toByteArray();
                    if (sofar.length == 2 && sofar[0] == CTRL_E && rawPasteSupport != RawPasteSupport.UNKNOWN) {
                        Boolean end = rawPaste(sofar[1]);
                        if (end != null && end) {
                            return true;
                        }
                        line.reset();
                        emit(">");
                        continue;
                    }
                    restart = true;
                    break;
                } else if (c == CTRL_B) {
                    emit("\r\n");
                    mode = Mode.FRIENDLY;
                    return false;
                } else if (c == CTRL_C) {
                    line.reset();
                } else if (c == CTRL_D) {
                    break;
                } else {
                    line.write(c);
                }
            }
            if (restart) {
                emit("raw REPL; CTRL-B to exit\r\n");
                continue;
            }
            emit("OK");
            if (line.size() == 0) {
                emit("\r\n");
                return true;
            }
            BoardEngine.Outcome outcome = execute(line.toString(StandardCharsets.UTF_8), BoardEngine.InputKind.FILE, "<stdin>");
            if (endMarkers(outcome)) {
                return true;
            }
        }
    }

    /** Prints the two 0x04 markers around the error output; true if the code asked for a soft reset. */
    private boolean endMarkers(BoardEngine.Outcome outcome) {
        emit(new byte[] {CTRL_D});
        if (outcome instanceof BoardEngine.Outcome.Raised r) {
            emitCooked(r.traceback());
        }
        emit(new byte[] {CTRL_D});
        return outcome instanceof BoardEngine.Outcome.SoftReset;
    }

    /**
     * Raw-paste: Ctrl-E, command byte, Ctrl-A. Returns null for an unknown command, else
     * whether the code asked for a soft reset.
     */
    private Boolean rawPaste(byte command) {
        if (command != 'A' || rawPasteSupport == RawPasteSupport.REFUSED) {
            emit("R\u0000");
            return null;
        }
        emit("R\u0001");
        int window = identity.stdinBufferMax() / 2;
        emit(new byte[] {(byte) (window & 0xff), (byte) (window >> 8), CTRL_A});
        synchronized (inputLock) {
            pasteActive = true;
            pasteOverflowCounted = false;
            pasteArrived = input.available();
            pasteGranted = 2L * window;
        }
        try {
            return pasteBody(window);
        } finally {
            synchronized (inputLock) {
                pasteActive = false;
            }
        }
    }

    private boolean pasteBody(int window) {
        int remain = window;
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        while (true) {
            int c = next();
            if (c == CTRL_C || c == CTRL_D) {
                emit(new byte[] {CTRL_D});
                if (c == CTRL_C) {
                    return endMarkers(new BoardEngine.Outcome.Raised("KeyboardInterrupt: \n"));
                }
                break;
            }
            code.write(c);
            if (--remain == 0) {
                synchronized (inputLock) {
                    pasteGranted += window;
                }
                emit(new byte[] {CTRL_A});
                remain = window;
            }
        }
        BoardEngine.Outcome outcome = execute(code.toString(StandardCharsets.UTF_8), BoardEngine.InputKind.FILE, "<stdin>");
        return endMarkers(outcome);
    }

    // ---------------------------------------------------------------- friendly REPL

    /** Serves the friendly REPL; true when it ends in a soft reset, false when the host went raw. */
    private boolean friendlyRepl() {
        emit(identity.bannerLine() + "\r\nType \"help()\" for more information.\r\n");
        while (true) {
            StringBuilder line = new StringBuilder();
            int ret = editor.readLine(line, ">>> ");
            BoardEngine.InputKind kind = BoardEngine.InputKind.SINGLE;
            if (ret == CTRL_A) {
                emit("\r\n");
                mode = Mode.RAW;
                return false;
            } else if (ret == CTRL_B) {
                emit("\r\n");
                emit(identity.bannerLine() + "\r\nType \"help()\" for more information.\r\n");
                continue;
            } else if (ret == CTRL_C) {
                emit("\r\n");
                continue;
            } else if (ret == CTRL_D) {
                emit("\r\n");
                return true;
            } else if (ret == CTRL_E) {
                String pasted = pasteMode();
                if (pasted == null) {
                    continue;
                }
                line.append(pasted);
                kind = BoardEngine.InputKind.FILE;
            } else if (line.length() == 0) {
                continue;
            } else {
                boolean cancelled = false;
                while (ReplContinuation.needsMore(line.toString())) {
                    line.append('\n');
                    int r = editor.readLine(line, "... ");
                    if (r == CTRL_C) {
                        emit("\r\n");
                        cancelled = true;
                        break;
                    } else if (r == CTRL_D) {
                        break;
                    }
                }
                if (cancelled) {
                    continue;
                }
            }
            BoardEngine.Outcome outcome = execute(line.toString(), kind, "<stdin>");
            if (outcome instanceof BoardEngine.Outcome.Raised r) {
                emitCooked(r.traceback());
            } else if (outcome instanceof BoardEngine.Outcome.SoftReset) {
                return true;
            }
        }
    }

    /** Paste mode: echoes everything until Ctrl-D; null if cancelled with Ctrl-C. */
    private String pasteMode() {
        emit("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            int c = next();
            if (c == CTRL_C) {
                emit("\r\n");
                return null;
            } else if (c == CTRL_D) {
                emit("\r\n");
                return text.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            }
            text.write(c);
            if (c == '\r') {
                emit("\r\n=== ");
            } else {
                emit(new byte[] {(byte) c});
            }
        }
    }

    /**
     * The line editor of the friendly REPL, answering keys with the same bytes firmware's
     * readline does (VT100 cursor moves and erase-to-end-of-line): insertion at the cursor,
     * backspace and delete, left/right/home/end (arrow keys and Emacs keys), Ctrl-K and
     * Ctrl-U, an eight-line history on up/down, Ctrl-A..E on an empty line returned to the
     * REPL, Ctrl-C to cancel, CR or LF (or CR LF) to end a line, and auto-indent of
     * continuation lines. Tab inserts four spaces after whitespace; it does not complete names.
     */
    private final class LineEditor {
        private static final int AUTO_INDENT_ENABLED = 1;
        private static final int AUTO_INDENT_JUST_ADDED = 2;
        private static final int HISTORY_SIZE = 8;
        private static final int ESC_NONE = 0;
        private static final int ESC_ESC = 1;
        private static final int ESC_BRACKET = 2;
        private static final int ESC_BRACKET_DIGIT = 3;
        private static final int ESC_O = 4;
        private final java.util.List<String> history = new java.util.ArrayList<>();
        private int autoIndent;
        private int lastNewline;
        private StringBuilder line;
        private int origin;
        private int cursor;
        private int historyIndex;
        private int escape;
        private int escapeDigit;
        // what the key just handled asks the screen to do
        private int stepBack;
        private boolean fromCursor;
        private int stepForward;

        int readLine(StringBuilder buffer, String prompt) {
            line = buffer;
            origin = buffer.length();
            cursor = origin;
            historyIndex = -1;
            escape = ESC_NONE;
            emit(prompt);
            if (buffer.length() == 0) {
                autoIndent = AUTO_INDENT_ENABLED;
            }
            indent();
            while (true) {
                int c = next();
                int lastLength = line.length();
                stepBack = 0;
                fromCursor = false;
                stepForward = 0;
                if (escape == ESC_NONE) {
                    if (c >= CTRL_A && c <= CTRL_E && line.length() == origin) {
                        return c;
                    } else if (c == CTRL_C) {
                        return c;
                    } else if (c == CTRL_A) {
                        home();
                    } else if (c == CTRL_B) {
                        left();
                    } else if (c == CTRL_D) {
                        deleteAtCursor();
                    } else if (c == CTRL_E) {
                        end();
                    } else if (c == 0x06) { // Ctrl-F
                        right();
                    } else if (c == 0x0b) { // Ctrl-K: cut to the end of the line
                        line.setLength(cursor);
                        fromCursor = true;
                    } else if (c == 0x0e) { // Ctrl-N
                        historyDown();
                    } else if (c == 0x10) { // Ctrl-P
                        historyUp();
                    } else if (c == 0x15) { // Ctrl-U: cut to the start of the line
                        line.delete(origin, cursor);
                        stepBack = cursor - origin;
                        fromCursor = true;
                    } else if ((c == '\r' || c == '\n') && (lastNewline == 0 || lastNewline == c)) {
                        lastNewline = c;
                        emit("\r\n");
                        remember(line.substring(origin));
                        return 0;
                    } else {
                        lastNewline = 0;
                        other(c);
                    }
                } else if (escape == ESC_ESC) {
                    escape = c == '[' ? ESC_BRACKET : c == 'O' ? ESC_O : ESC_NONE;
                    continue;
                } else if (escape == ESC_BRACKET) {
                    escape = ESC_NONE;
                    if (c >= '0' && c <= '9') {
                        escapeDigit = c;
                        escape = ESC_BRACKET_DIGIT;
                        continue;
                    }
                    switch (c) {
                        case 'A' -> historyUp();
                        case 'B' -> historyDown();
                        case 'C' -> right();
                        case 'D' -> left();
                        case 'H' -> home();
                        case 'F' -> end();
                        default -> {
                        }
                    }
                } else if (escape == ESC_BRACKET_DIGIT) {
                    escape = ESC_NONE;
                    if (c == '~') {
                        if (escapeDigit == '1' || escapeDigit == '7') {
                            home();
                        } else if (escapeDigit == '4' || escapeDigit == '8') {
                            end();
                        } else if (escapeDigit == '3') {
                            deleteAtCursor();
                        }
                    }
                } else {
                    escape = ESC_NONE;
                    if (c == 'H') {
                        home();
                    } else if (c == 'F') {
                        end();
                    }
                }
                redraw(lastLength);
                autoIndent &= ~AUTO_INDENT_JUST_ADDED;
            }
        }

        /** Keys that are neither control keys of the REPL nor line ends. */
        private void other(int c) {
            if (c == 27) {
                escape = ESC_ESC;
            } else if (c == 8 || c == 127) {
                backspace();
            } else if ((autoIndent & AUTO_INDENT_JUST_ADDED) != 0 && (c == '\t' || c == ' ')) {
                // typing a space (or tab) right after an auto-indent turns auto-indent off
                autoIndent = 0;
                if (c == ' ') {
                    line.setLength(line.length() - 3);
                    stepBack = 3;
                }
            } else if (c == '\t') {
                if (cursor == origin || Character.isWhitespace(line.charAt(cursor - 1))) {
                    insert("    ");
                }
            } else if (c >= 0x20) {
                insert(String.valueOf((char) c));
            }
        }

        private void insert(String text) {
            line.insert(cursor, text);
            fromCursor = true;
            stepForward = text.length();
        }

        private void backspace() {
            if (cursor == origin) {
                return;
            }
            boolean allSpaces = true;
            for (int i = origin; i < cursor; i++) {
                if (line.charAt(i) != ' ') {
                    allSpaces = false;
                    break;
                }
            }
            int n = allSpaces && cursor - origin >= 4 ? 4 : 1;
            line.delete(cursor - n, cursor);
            stepBack = n;
            fromCursor = true;
        }

        private void deleteAtCursor() {
            if (cursor < line.length()) {
                line.deleteCharAt(cursor);
                fromCursor = true;
            }
        }

        private void home() {
            stepBack = cursor - origin;
        }

        private void end() {
            stepForward = line.length() - cursor;
        }

        private void left() {
            if (cursor > origin) {
                stepBack = 1;
            }
        }

        private void right() {
            if (cursor < line.length()) {
                stepForward = 1;
            }
        }

        private void historyUp() {
            if (historyIndex + 1 < history.size()) {
                historyIndex++;
                showHistory();
            }
        }

        private void historyDown() {
            if (historyIndex >= 0) {
                historyIndex--;
                showHistory();
            }
        }

        private void showHistory() {
            line.setLength(origin);
            if (historyIndex >= 0) {
                line.append(history.get(historyIndex));
            }
            stepBack = cursor - origin;
            fromCursor = true;
            stepForward = line.length() - origin;
        }

        private void remember(String entered) {
            if (!entered.isEmpty() && (history.isEmpty() || !history.get(0).equals(entered))) {
                history.add(0, entered);
                if (history.size() > HISTORY_SIZE) {
                    history.remove(HISTORY_SIZE);
                }
            }
        }

        /** Brings the screen in line with the buffer, moving the cursor as little as possible. */
        private void redraw(int lastLength) {
            if (stepBack > 0) {
                cursorBack(stepBack);
                cursor -= stepBack;
            }
            if (fromCursor) {
                if (line.length() < lastLength) {
                    emit("\u001b[K");
                }
                emit(line.substring(cursor));
                cursorBack(line.length() - (cursor + stepForward));
                cursor += stepForward;
            } else if (stepForward > 0) {
                emit(line.substring(cursor, cursor + stepForward));
                cursor += stepForward;
            }
        }

        private void cursorBack(int n) {
            if (n <= 0) {
                return;
            }
            emit(n <= 4 ? "\b".repeat(n) : "\u001b[" + n + "D");
        }

        /** After a continuation prompt: indent as the previous line, one more after a ':'. */
        private void indent() {
            if ((autoIndent & AUTO_INDENT_ENABLED) == 0) {
                return;
            }
            int len = line.length();
            if (len <= 1 || line.charAt(len - 1) != '\n') {
                return;
            }
            int start = len - 1;
            while (start > 0 && line.charAt(start - 1) != '\n') {
                start--;
            }
            int firstNonSpace = start;
            while (firstNonSpace < len && line.charAt(firstNonSpace) == ' ') {
                firstNonSpace++;
            }
            if (start > 0 && firstNonSpace + 1 == len) {
                // the previous line was blank: stop indenting once two lines in a row are blank
                for (int k = start - 1; k > 0; k--) {
                    char ch = line.charAt(k - 1);
                    if (ch == '\n') {
                        return;
                    } else if (ch != ' ') {
                        break;
                    }
                }
            }
            int levels = (firstNonSpace - start) / 4;
            if (line.charAt(len - 2) == ':') {
                levels++;
            }
            for (int i = 0; i < levels; i++) {
                line.append("    ");
                emit("    ");
                cursor += 4;
                autoIndent |= AUTO_INDENT_JUST_ADDED;
            }
        }
    }
}
