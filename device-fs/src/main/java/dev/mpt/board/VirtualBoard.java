package dev.mpt.board;

import dev.mpt.protocol.BytePipe;
import dev.mpt.protocol.LinkClosedException;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.MemoryLink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A board that speaks MicroPython's REPL protocol over a {@link Link}, with the code itself
 * run by a {@link BoardEngine}.
 *
 * <p>It behaves as firmware's main loop does: on (re)boot it runs {@code boot.py}, then
 * {@code main.py} when in the friendly REPL, then serves the REPL modes of {@link Pyexec}
 * (friendly REPL with its {@link Readline} line editor, paste mode, raw REPL, raw-paste) until
 * a soft reset, printing {@code MPY: soft reboot}; Ctrl-C interrupts running code.
 *
 * <p>The board runs on its own thread from {@link #start()} until {@link #close()}, whether
 * or not a host is attached, like a powered board: output while no host is attached is
 * lost. {@link #attach} connects a host link (replacing any earlier one).
 */
public final class VirtualBoard implements AutoCloseable {
    private static final byte CTRL_C = 0x03;
    private static final Duration POLL = Duration.ofMillis(50);

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
    private volatile RawPasteSupport rawPasteSupport = RawPasteSupport.SUPPORTED;
    /** The board's terminal and runtime as its REPL sees them. */
    private final Pyexec.Host host = new Pyexec.Host() {
        @Override
        public int read() {
            return next();
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            emit(buf, off, len);
        }

        @Override
        public void print(String text) {
            emitCooked(text);
        }

        @Override
        public BoardEngine.Outcome execute(String source, BoardEngine.InputKind kind) {
            return VirtualBoard.this.execute(source, kind, "<stdin>");
        }

        @Override
        public String bannerLine() {
            return identity.bannerLine();
        }

        @Override
        public RawPasteSupport rawPasteSupport() {
            return rawPasteSupport;
        }

        @Override
        public int stdinBufferMax() {
            return identity.stdinBufferMax();
        }

        @Override
        public void rawPasteBegins(int window) {
            synchronized (inputLock) {
                pasteActive = true;
                pasteOverflowCounted = false;
                pasteArrived = input.available();
                pasteGranted = 2L * window;
            }
        }

        @Override
        public void rawPasteGrants(int window) {
            synchronized (inputLock) {
                pasteGranted += window;
            }
        }

        @Override
        public void rawPasteEnds() {
            synchronized (inputLock) {
                pasteActive = false;
            }
        }
    };
    private final Readline readline = new Readline(host, Readline.BOARD_HISTORY, false);
    private final Pyexec pyexec = new Pyexec(host, readline);
    private final AtomicInteger executions = new AtomicInteger();
    private final AtomicInteger softResets = new AtomicInteger();
    private final AtomicInteger hardResets = new AtomicInteger();
    private final AtomicInteger flowViolations = new AtomicInteger();

    public VirtualBoard(BoardEngine engine, BoardIdentity identity) {
        this.engine = engine;
        this.identity = identity;
        readline.setCompletion(engine.completion());
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
                // while code runs, its interrupt character (Ctrl-C unless kbd_intr changed it)
                int intr = executing ? engine.interruptChar() : CTRL_C;
                for (int i = 0; i < n; i++) {
                    if ((buf[i] & 0xff) == intr && executing) {
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
        public void writeRaw(byte[] buf, int off, int len) {
            emit(buf, off, len);
        }

        @Override
        public int readLine(StringBuilder line) {
            return readline.readLine(line, "", new Stdio() {
                @Override
                public int read() {
                    while (true) {
                        int c = console.read(POLL);
                        if (c >= 0) {
                            return c;
                        }
                    }
                }

                @Override
                public void write(byte[] buf, int off, int len) {
                    emit(buf, off, len);
                }

                @Override
                public void print(String text) {
                    emitCooked(text);
                }
            });
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
                try {
                    // (a byte already there is taken even when the time is up)
                    input.take(one, 0, 1, Duration.ofNanos(Math.max(0, Math.min(left, POLL.toNanos()))), "board stdin");
                    return one[0] & 0xff;
                } catch (LinkTimeoutException e) {
                    if (left <= 0) {
                        return -1;
                    }
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
                        pyexec.setMode(Pyexec.Mode.FRIENDLY);
                        cold = false;
                    }
                    engine.reset();
                    readline.clearHistory();
                    boolean softReset = run(engine.readFile("boot.py"), "boot.py");
                    if (!softReset && pyexec.mode() == Pyexec.Mode.FRIENDLY) {
                        softReset = run(engine.readFile("main.py"), "main.py");
                    }
                    if (!softReset) {
                        pyexec.serve();
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
}
