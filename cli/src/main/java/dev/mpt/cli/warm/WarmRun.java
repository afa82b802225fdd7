package dev.mpt.cli.warm;

import dev.mpt.cli.MicroPythonMain;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One run in a warm VM, for one client connection, as the fresh process would make it.
 *
 * <p>The request: {@code "MPTW"}, the protocol version, the length of the rest, the kind of run
 * ({@code micropython}), the checkout the jar is built from ({@code "-"}: not to be
 * checked), the client's working directory, which of its stdin, stdout and
 * stderr are terminals, its arguments and its environment (u32 counts, strings as a u32
 * length and UTF-8 bytes). Then frames both ways, a type byte, a u32 length and the
 * payload: to the client {@code S} (the program starts), {@code O} and {@code E} (bytes
 * for stdout and stderr, in the order the program wrote them), {@code R} (u32: read
 * stdin once, up to that many bytes), {@code A} (how many bytes wait on stdin),
 * {@code X} (u32 exit status), {@code D} (not here: run in a fresh JVM), {@code B} (not
 * here: a source is newer than the jar, the launcher builds it first) or {@code T} (u32:
 * 1 puts the client's terminal on stdin in raw mode, 0 back to its own settings, for the
 * REPL on a terminal, which the client holds as the unix port would; from the first
 * {@code T} on, the client sends stdin's bytes as they come, unasked); from the client
 * {@code I} (the bytes read; none at the end of input), {@code N} (u32, the answer to A)
 * and {@code C} (Ctrl-C).
 */
final class WarmRun {
    static final int PROTOCOL = 4;
    private static final int MAX_STRING = 1 << 24;
    /**
     * How long the whole request may take to come (the client writes it at once): a client
     * that sends part of one (a client of another format under the same protocol number)
     * gets its connection closed, and runs the program in a fresh JVM, rather than both
     * waiting for each other.
     */
    static final long REQUEST_MILLIS = 2000;
    private static final byte[] NO_BYTES = {};

    private final SocketChannel channel;
    private final Host host;
    private final long heapBaseline;
    private final Object writeLock = new Object();
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> counts = new LinkedBlockingQueue<>();
    private volatile boolean finished;
    private volatile MicroPythonMain main;
    /** The REPL's keys once it runs on the client's terminal: stdin comes unasked then. */
    private volatile MicroPythonMain.Keys keys;

    /** What a run needs of the warm VM it runs in. */
    interface Host {
        /** Ends the warm VM at once (a program that cannot be ended ends with it). */
        void stopVm();

        /** Whether the checkout holds a source newer than the jar (the launcher then builds it first). */
        boolean sourcesNewer(Path checkout);

        /** Runs task (the reading of the client's frames during a run) on a thread that reads for one run at a time. */
        void reader(Runnable task);
    }

    /** heapBaseline: the JVM's used heap after a full collection between runs (see {@link MicroPythonMain#heapBaseline}). */
    WarmRun(SocketChannel channel, Host host, long heapBaseline) {
        this.channel = channel;
        this.host = host;
        this.heapBaseline = heapBaseline;
    }

    /** A request, as read from the client. */
    record Request(String kind, Path root, Path cwd, int terminals, String[] argv, Map<String, String> env) {
        boolean interactive() {
            return (terminals & 3) == 3; // System.console(): stdin and stdout on a terminal
        }
    }

    /**
     * Serves the connection; returns false when this JVM must not serve another run (the
     * program could not be ended, or the JVM itself failed).
     */
    boolean serve() {
        try (channel) {
            if (!sameUser()) {
                return true;
            }
            Request req;
            try {
                req = readRequest();
            } catch (IOException e) {
                return true; // a client that went away, or not ours: nothing ran
            }
            if (!req.kind().equals("micropython")) {
                frame('D', NO_BYTES);
                return true;
            }
            if (req.root() != null && host.sourcesNewer(req.root())) {
                frame('B', NO_BYTES);
                return true;
            }
            return run(req);
        } catch (IOException e) {
            return true;
        }
    }

    /** The peer is this user (the directory already keeps others out). */
    private boolean sameUser() {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private boolean run(Request req) throws IOException {
        PrintStream out = new PrintStream(new FrameOutput('O'), true, StandardCharsets.UTF_8);
        // as System.err: a small buffer flushed at each line, in the JVM's stderr encoding
        PrintStream err = new PrintStream(new BufferedOutputStream(new FrameOutput('E'), 128), true, stderrCharset());
        main = new MicroPythonMain(new FrameInput(), out, err, req.env(), req.cwd());
        main.heapBaseline(heapBaseline);
        if (req.interactive()) {
            main.terminal(new ClientTerminal(out, err));
        }
        frame('S', NO_BYTES);
        host.reader(this::readFrames);
        int status;
        boolean clean = true;
        try {
            status = main.run(req.argv(), req.interactive());
        } catch (VirtualMachineError e) {
            // as a JVM whose main thread failed; this JVM is not trusted with another run
            err.print("Exception in thread \"main\" ");
            e.printStackTrace(err);
            status = 1;
            clean = false;
        } catch (RuntimeException e) {
            err.print("Exception in thread \"main\" ");
            e.printStackTrace(err);
            status = 1;
        }
        out.flush();
        err.flush();
        finished = true;
        exit(status);
        return clean;
    }

    private void exit(int status) {
        try {
            frame('X', ByteBuffer.allocate(4).putInt(status).array());
        } catch (IOException e) {
            // the client is gone
        }
    }

    /** The client's frames while the program runs: stdin, counts, Ctrl-C; its end stops the run. */
    private void readFrames() {
        try {
            while (true) {
                ByteBuffer head = ByteBuffer.allocate(5);
                readFully(head);
                int type = head.get(0);
                int n = head.getInt(1);
                if (n < 0 || n > MAX_STRING) {
                    throw new IOException("bad frame");
                }
                ByteBuffer body = ByteBuffer.allocate(n);
                readFully(body);
                switch (type) {
                    case 'I' -> {
                        MicroPythonMain.Keys k = keys;
                        if (k == null) {
                            input.add(body.array());
                        } else if (n == 0) {
                            k.end();
                        } else {
                            k.typed(body.array(), 0, n);
                        }
                    }
                    case 'N' -> counts.add(n >= 4 ? body.getInt(0) : 0);
                    case 'C' -> {
                        if (!main.ctrlC()) {
                            // as System.exit(130) in a fresh JVM: the program ends here, and this JVM with it
                            exit(130);
                            host.stopVm();
                        }
                    }
                    default -> throw new IOException("bad frame");
                }
            }
        } catch (IOException e) {
            if (!finished) {
                // the client went away (killed, as a test runner's timeout does) while the
                // program runs: end it as its process would have ended
                host.stopVm();
            }
            input.add(NO_BYTES);
            counts.add(0);
            MicroPythonMain.Keys k = keys;
            if (k != null) {
                k.end();
            }
        }
    }

    /** The request, read whole (its length comes first: a few reads, not one for each string). */
    private Request readRequest() throws IOException {
        long deadline = System.nanoTime() + REQUEST_MILLIS * 1_000_000L;
        ByteBuffer head = ByteBuffer.allocate(12);
        readFully(head, deadline);
        if (head.getInt(0) != 0x4d505457 || head.getInt(4) != PROTOCOL) { // "MPTW"
            throw new IOException("not a client of this version");
        }
        int length = head.getInt(8);
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("bad request");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body, deadline);
        body.flip();
        try {
            return parseRequest(body);
        } catch (BufferUnderflowException e) {
            throw new IOException("bad request");
        }
    }

    private static Request parseRequest(ByteBuffer body) throws IOException {
        String kind = readString(body);
        String root = readString(body);
        String dir = readString(body);
        int terminals = body.getInt();
        int argc = body.getInt();
        if (argc < 0 || argc > MAX_STRING) {
            throw new IOException("bad request");
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            argv.add(readString(body));
        }
        int envc = body.getInt();
        if (envc < 0 || envc > MAX_STRING) {
            throw new IOException("bad request");
        }
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < envc; i++) {
            String e = readString(body);
            int eq = e.indexOf('=');
            if (eq > 0 && !env.containsKey(e.substring(0, eq))) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        Path cwd;
        Path checkout;
        try {
            cwd = Path.of(dir);
            checkout = root.equals("-") ? null : cwd.resolve(root);
        } catch (InvalidPathException e) {
            throw new IOException("bad request");
        }
        if (!cwd.isAbsolute()) {
            throw new IOException("bad request");
        }
        return new Request(kind, checkout, cwd, terminals, argv.toArray(String[]::new), Map.copyOf(env));
    }

    private static String readString(ByteBuffer body) throws IOException {
        int n = body.getInt();
        if (n < 0 || n > body.remaining()) {
            throw new IOException("bad request");
        }
        // as the JVM decodes its arguments and environment (UTF-8 on the JDKs mpt runs on)
        String s = new String(body.array(), body.position(), n, Charset.defaultCharset());
        body.position(body.position() + n);
        return s;
    }

    /** readFully, unless the bytes have not all come by the deadline (System.nanoTime). */
    private void readFully(ByteBuffer b, long deadline) throws IOException {
        channel.configureBlocking(false);
        try {
            if (channel.read(b) < 0) { // (all there already, as a rule: no selector needed)
                throw new EOFException();
            }
            if (!b.hasRemaining()) {
                return;
            }
            try (Selector waiting = Selector.open()) {
                channel.register(waiting, SelectionKey.OP_READ);
                while (b.hasRemaining()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("the request did not come in time");
                    }
                    waiting.select(Math.max(1, left / 1_000_000L));
                    waiting.selectedKeys().clear();
                    if (channel.read(b) < 0) {
                        throw new EOFException();
                    }
                }
            }
        } finally {
            channel.configureBlocking(true); // (the selector, closed, holds the channel no more)
        }
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException();
            }
        }
    }

    private void frame(char type, byte[] data) throws IOException {
        frame(type, data, 0, data.length);
    }

    private void frame(char type, byte[] data, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + len);
        b.put((byte) type).putInt(len).put(data, off, len).flip();
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** The charset of this JVM's System.err, which a fresh JVM would print with. */
    private static Charset stderrCharset() {
        try {
            Method charset = PrintStream.class.getMethod("charset"); // Java 18+
            return (Charset) charset.invoke(System.err);
        } catch (ReflectiveOperationException e) {
            String name = System.getProperty("sun.stderr.encoding");
            try {
                return name != null ? Charset.forName(name) : Charset.defaultCharset();
            } catch (IllegalArgumentException bad) {
                return Charset.defaultCharset();
            }
        }
    }

    /**
     * The client's terminal, for the REPL: switched by the client (tcsetattr on its stdin)
     * when it reaches this frame, after all the output before it.
     */
    private final class ClientTerminal implements MicroPythonMain.Terminal {
        private final PrintStream out;
        private final PrintStream err;

        ClientTerminal(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void raw() {
            mode(1);
        }

        @Override
        public void cooked() {
            mode(0);
        }

        @Override
        public void restore() {
            mode(0);
        }

        /** The client sends what is typed without being asked from the first switch on. */
        @Override
        public void start(MicroPythonMain.Keys k) {
            keys = k;
        }

        private void mode(int raw) {
            out.flush();
            err.flush();
            try {
                frame('T', ByteBuffer.allocate(4).putInt(raw).array());
            } catch (IOException e) {
                // the client is gone: the run ends (readFrames)
            }
        }
    }

    /** Stdout or stderr of the program: each write is a frame, sent at once. */
    private final class FrameOutput extends OutputStream {
        private final char type;

        FrameOutput(char type) {
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, 1 << 20);
                frame(type, b, off, n);
                off += n;
                len -= n;
            }
        }
    }

    /** Stdin of the program: each read asks the client to read its stdin once. */
    private final class FrameInput extends InputStream {
        private byte[] rest = NO_BYTES;
        private int restAt;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (restAt < rest.length) {
                int n = Math.min(len, rest.length - restAt);
                System.arraycopy(rest, restAt, b, off, n);
                restAt += n;
                return n;
            }
            frame('R', ByteBuffer.allocate(4).putInt(len).array());
            byte[] got = take(input);
            if (got.length == 0) {
                return -1;
            }
            int n = Math.min(len, got.length);
            System.arraycopy(got, 0, b, off, n);
            rest = got;
            restAt = n;
            return n;
        }

        @Override
        public synchronized int available() throws IOException {
            if (restAt < rest.length) {
                return rest.length - restAt;
            }
            frame('A', NO_BYTES);
            return take(counts);
        }

        private <T> T take(BlockingQueue<T> queue) throws IOException {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    /**
     * Runs a few small programs, unseen, so that the runs after it find the JIT warm (the warm
     * VM runs it once it has been idle a moment).
     */
    static void warmUp() {
        String program = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i * 2 % 7\n    return s\n"
                + "class A:\n    def __init__(self, x):\n        self.x = x\n"
                + "d = {str(i): A(i) for i in range(50)}\n"
                + "print(f(2000), len(d), '%d %s' % (1, 'x'), [x.x for x in d.values()][:3])\n"
                + "try:\n    raise ValueError('v')\nexcept ValueError as e:\n    print(repr(e))\n";
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        // each run measured against this baseline: a run that measures its own collects the
        // whole heap first (as served runs do not: they get the daemon's), 30 full collections
        Runtime rt = Runtime.getRuntime();
        long baseline = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 20; i++) {
            MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(NO_BYTES), sink, sink, Map.of(),
                    Path.of("/"));
            main.heapBaseline(baseline);
            main.run(new String[] {"-c", program}, false);
        }
        // the REPL on a terminal (a thread of its own: a script that went wrong waits for keys there, not here)
        Thread repl = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(NO_BYTES), sink, sink, Map.of(),
                        Path.of("/"));
                main.heapBaseline(baseline);
                main.terminal(new ScriptedTerminal());
                main.run(new String[0], true);
            }
        }, "mpt-warm-up");
        repl.setDaemon(true);
        repl.start();
        try {
            repl.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A terminal on which someone types a few things the REPL's users type, for the warm-up:
     * the next entry each time the prompt comes back (what is typed ahead is dropped then).
     */
    private static final class ScriptedTerminal implements MicroPythonMain.Terminal {
        private static final String[] TYPED = {
            "1+2\r", "x = 'abc'\r", "x.upp\t()\r", "import sys\r", "sys.\t\t\u007f\u007f\u007f\u007f1\r",
            "def f(a):\r    return a * 2\r\r", "f(21)\r", "\u001b[A\r", "f(1) + f(2)\u0001\u001bf\u0005\u001b[D\u001b[C\u0002\u0006\u000b\r",
            "\u0005for i in range(2):\r    print(i)\r\u0004", "1/0\r", "for i in range(3):\r    pass\r\r", "x\u00032\r",
            "\u0004",
        };
        private MicroPythonMain.Keys keys;
        private int next;

        @Override
        public void raw() {
            if (next < TYPED.length) {
                byte[] b = TYPED[next++].getBytes(StandardCharsets.ISO_8859_1);
                keys.typed(b, 0, b.length);
            } else {
                keys.end();
            }
        }

        @Override
        public void cooked() {
        }

        @Override
        public void restore() {
        }

        @Override
        public void start(MicroPythonMain.Keys k) {
            keys = k;
        }
    }
}
