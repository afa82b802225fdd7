package dev.mpt.cli;

import dev.mpt.board.BoardEngine;
import dev.mpt.board.Pyexec;
import dev.mpt.board.Readline;
import dev.mpt.board.VmCompletion;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.MpyReader;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.compiler.VmCompiler;
import dev.mpt.vm.BytecodeListing;
import dev.mpt.protocol.BytePipe;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.text.ByteSize;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/mpt-micropython}: our VM with the command line of MicroPython's unix port,
 * so that tools written for the {@code micropython} binary (MicroPython's test runner,
 * projects that run their tests with it) can use it.
 *
 * <pre>
 * mpt-micropython [-X emit=bytecode|native|viper] [-X heapsize=N] [-O[N]] [-i] [-v]
 *                 [FILE.py|FILE.mpy [ARGS] | -c CODE [ARGS] | -m MODULE [ARGS]]
 * </pre>
 *
 * With no file, code or module it reads a script from stdin, or gives an interactive REPL
 * when stdin is a terminal. {@code sys.path} is "" followed by the entries of
 * {@code MICROPYPATH} (colon separated), else the unix port's default
 * {@code .frozen:~/.micropython/lib:/usr/lib/micropython}; {@code .frozen} stands for the
 * VM's built-in modules. Files are those of the host (the VM's root is /). The program's heap
 * is limited as on a board ({@code -X heapsize}, default {@link #DEFAULT_HEAP}): past it
 * allocations raise MemoryError.
 */
public final class MicroPythonMain {
    static final String DEFAULT_PATH = ".frozen:~/.micropython/lib:/usr/lib/micropython";
    /**
     * The heap limit without -X heapsize. The unix port's default heap is 2 MB; the same
     * objects take a few times more room on the JVM, so this leaves ample space for what runs
     * there while a runaway program still ends in MemoryError, not in a host out of memory.
     */
    static final long DEFAULT_HEAP = 64L << 20;
    private static final int NOTHING_EXECUTED = -2;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    /** The working directory relative paths on the command line and in MICROPYPATH are taken from. */
    private final Path cwd;
    /**
     * Compiles as the unix port's run-time compiler: a 64-bit port, whose small ints hold 63
     * bits, so that constants, folding and code sizes (and with them the jump limits) come out
     * as they do there.
     */
    private final VmCompiler compiler = new VmCompiler(new CrossCompiler.Options(0, UNIX_SMALL_INT_BITS));
    private static final int UNIX_SMALL_INT_BITS = 63;
    /** How many -v options were given: 1 and up prints micropython.mem_info() at exit, 2 and up lists compiled code. */
    private int verbose;
    /**
     * What compiles the program's code: the compiler, which with -v -v also lists the bytecode
     * of everything it compiles (the program, exec/eval/compile, imported modules, REPL input)
     * on stdout before it runs, as the unix port does.
     */
    private final SourceCompiler compiling = new SourceCompiler() {
        @Override
        public MpyFile compile(String source, String fileName, Mode mode) throws CompileError {
            return listed(compiler.compile(source, fileName, mode));
        }

        @Override
        public MpyFile compile(String source, String fileName, Mode mode, int optLevel) throws CompileError {
            return listed(compiler.compile(source, fileName, mode, optLevel));
        }

        @Override
        public List<String> internedNames(MpyFile file) {
            return compiler.internedNames(file);
        }
    };

    private MpyFile listed(MpyFile code) {
        if (verbose >= 2) {
            try {
                vm.write(BytecodeListing.of(code));
            } catch (MpyFormatException e) {
                throw new IllegalStateException("the compiler made code it cannot read back", e);
            }
        }
        return code;
    }
    private volatile VM vm;
    /** True while the REPL waits for a line: Ctrl-C then interrupts nothing. */
    private volatile boolean atPrompt;
    /** Stdin while the REPL runs on a terminal: a read the program blocks in ends with Ctrl-C. */
    private volatile TerminalInput terminalInput;
    /** The exit status a sys.exit() in the REPL asked for. */
    private int replExit;
    /** The JVM's heap that is not the program's, when the caller measured it; -1: measured as the program starts. */
    private long heapBaseline = -1;
    /** The terminal the REPL switches, when the caller has one (the warm VM's client); null: stdin's, with stty. */
    private Terminal terminal;

    MicroPythonMain(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this(in, out, err, env, Path.of("").toAbsolutePath());
    }

    /** A run with its own streams, environment and working directory (as the warm VM gives each). */
    public MicroPythonMain(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.cwd = cwd;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        MicroPythonMain main = new MicroPythonMain(System.in, out, System.err, System.getenv());
        main.interruptOnCtrlC();
        System.exit(main.run(args, System.console() != null));
    }

    /**
     * Ctrl-C (SIGINT) raises KeyboardInterrupt in the running program, as in the unix port,
     * unless the program turned that off with micropython.kbd_intr(-1): then it ends mpt.
     */
    private void interruptOnCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                if (!ctrlC()) {
                    System.exit(130);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No signal support here: Ctrl-C keeps its default meaning.
        }
    }

    /**
     * What Ctrl-C (SIGINT) does: raises KeyboardInterrupt in the running program and returns
     * true; false when the program turned that off with micropython.kbd_intr(-1), or none
     * runs yet: then the process ends with status 130.
     */
    public boolean ctrlC() {
        VM running = vm;
        if (running == null || running.interruptChar() < 0) {
            return false;
        }
        if (!atPrompt) {
            running.interrupt();
            TerminalInput input = terminalInput;
            if (input != null) {
                input.interrupt();
            }
        }
        return true;
    }

    /**
     * The terminal of an interactive REPL, as the unix port switches it: raw mode while a
     * line is edited, the terminal's own settings while code runs and after the REPL.
     */
    public interface Terminal {
        /** Raw mode: no echo, no line buffering, no signals from keys, CR kept; what was typed and not read is dropped. */
        void raw();

        /** The terminal's own settings, as they were before {@link #raw}; what was typed and not read is dropped. */
        void cooked();

        /** The terminal's own settings for good: the REPL ends. */
        void restore();

        /**
         * Delivers what is typed on the terminal to keys, from now until the end of input,
         * from a thread of its own; called once, before the first {@link #raw}.
         */
        void start(Keys keys);
    }

    /** Where a {@link Terminal} delivers what is typed. */
    public interface Keys {
        /** Bytes typed (in raw mode keys, in the terminal's own mode whole lines). */
        void typed(byte[] buf, int off, int len);

        /** The end of input: nothing more comes. */
        void end();
    }

    /**
     * The REPL on a terminal (run's interactiveTerminal) switches this one instead of
     * stdin's with stty: the warm VM's client holds the terminal.
     */
    public void terminal(Terminal t) {
        terminal = t;
    }

    /**
     * The JVM's used heap, after a full collection, that the program's heap limit does not
     * count (the warm VM measures it between runs); without it the VM collects as the
     * program starts and measures.
     */
    public void heapBaseline(long bytes) {
        heapBaseline = bytes;
    }

    private void limitHeap(long bytes) {
        if (heapBaseline >= 0) {
            vm.setHeapLimit(bytes, heapBaseline);
        } else {
            vm.setHeapLimit(bytes);
        }
    }

    /** Runs with the unix port's arguments; returns the exit status. */
    public int run(String[] argv, boolean interactiveTerminal) {
        vm = new VM(Path.of("/"));
        vm.setStdout(out);
        vm.setStderr(err);
        vm.setStdin(in);
        vm.setCompiler(compiling);
        vm.setWorkingDirectory(cwd);
        vm.setEnvironment(env);
        vm.setHostNetwork(true); // as the unix port: socket, select on sockets, asyncio streams
        vm.setHostTime(true); // and its time: local time zone (TZ), 9-item time tuples
        List<String> path = new ArrayList<>();
        path.add("");
        path.addAll(sysPath(env));
        vm.setPath(path);
        limitHeap(DEFAULT_HEAP);

        int ret = NOTHING_EXECUTED;
        boolean inspect = false;
        for (int a = 0; a < argv.length; a++) {
            String arg = argv[a];
            if (arg.startsWith("-")) {
                if (arg.equals("-i")) {
                    inspect = true;
                } else if (arg.equals("-c")) {
                    if (a + 1 >= argv.length) {
                        return usage();
                    }
                    List<String> args = new ArrayList<>();
                    args.add("-c");
                    args.addAll(Arrays.asList(argv).subList(a + 2, argv.length));
                    vm.setArgv(args);
                    ret = runSource(argv[a + 1], "<stdin>");
                    break;
                } else if (arg.equals("-m")) {
                    if (a + 1 >= argv.length) {
                        return usage();
                    }
                    vm.setArgv(Arrays.asList(argv).subList(a + 1, argv.length));
                    ret = runModule(argv[a + 1]);
                    break;
                } else if (arg.equals("-X")) {
                    if (a + 1 >= argv.length || !implementationOption(argv[a + 1])) {
                        return usage();
                    }
                    a++;
                } else if (arg.startsWith("-O")) {
                    int level = optimizationLevel(arg.substring(2));
                    if (level < 0) {
                        return usage();
                    }
                    vm.setOptimizationLevel(level);
                } else if (arg.equals("-v")) {
                    verbose++;
                } else if (arg.equals("-h")) {
                    return usage();
                } else {
                    return usage();
                }
            } else {
                Path file = cwd.resolve(arg);
                if (!Files.isRegularFile(file)) {
                    err.printf("%s: can't open file '%s': [Errno 2] No such file or directory%n", "micropython", arg);
                    return 2;
                }
                path.set(0, file.getParent().toString());
                vm.setPath(path);
                vm.setArgv(Arrays.asList(argv).subList(a, argv.length));
                ret = runFile(file, arg);
                break;
            }
        }
        String inspectEnv = vm.environment().get("MICROPYINSPECT"); // os.putenv in the program counts
        if (inspectEnv != null && !inspectEnv.isEmpty()) {
            inspect = true;
        }
        if (ret == NOTHING_EXECUTED || inspect) {
            if (interactiveTerminal || inspect) {
                ret = repl(interactiveTerminal);
            } else {
                try {
                    ret = runSource(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
                } catch (IOException e) {
                    err.println("micropython: cannot read stdin: " + e.getMessage());
                    return 1;
                }
            }
        }
        vm.stopThreads(); // as the unix port's exit cancels them: none runs on into the next warm run
        if (verbose > 0) {
            memInfo();
        }
        out.flush();
        return ret;
    }

    /** micropython.mem_info(), as the unix port prints it at exit when run with -v. */
    private void memInfo() {
        try {
            vm.run(compiler.compile("import micropython\nmicropython.mem_info()\n", "<exit>", SourceCompiler.Mode.FILE),
                    "__exit__");
            vm.flush();
        } catch (SourceCompiler.CompileError | RuntimeException e) {
            // nothing to report: the program has ended
        }
    }

    /** sys.path after "": from MICROPYPATH or the unix port's default, ~ expanded. */
    static List<String> sysPath(Map<String, String> env) {
        String p = env.getOrDefault("MICROPYPATH", DEFAULT_PATH);
        if (p.startsWith(":")) {
            p = p.substring(1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        String home = env.get("HOME");
        for (String e : p.split(":", -1)) {
            out.add(e.startsWith("~/") && home != null ? home + e.substring(1) : e);
        }
        return out;
    }

    private boolean implementationOption(String opt) {
        if (opt.equals("compile-only")) {
            compileOnly = true;
            return true;
        }
        if (opt.equals("emit=bytecode") || opt.equals("emit=native") || opt.equals("emit=viper")
                || opt.equals("realtime")) {
            return true;
        }
        if (opt.startsWith("heapsize=")) {
            long size = parseSize(opt.substring("heapsize=".length()));
            if (size > 0) {
                limitHeap(size);
            }
            return size > 0;
        }
        return false;
    }

    /** -O, -OO..., -O3: the unix port's optimisation level (a count of O's, or a digit). */
    static int optimizationLevel(String rest) {
        if (rest.isEmpty()) {
            return 1;
        }
        if (rest.length() == 1 && Character.isDigit(rest.charAt(0))) {
            return rest.charAt(0) - '0';
        }
        if (rest.chars().allMatch(c -> c == 'O')) {
            return rest.length() + 1;
        }
        return -1;
    }

    /** The unix port's heap size ({@link ByteSize#parseWords}), 32-bit words scaled to this 64-bit VM. */
    static long parseSize(String s) {
        return ByteSize.parseWords(s, 8);
    }

    private int usage() {
        err.print("usage: micropython [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>]\n"
                + "Options:\n"
                + "-h : print this help message\n"
                + "-i : enable inspection via REPL after running command/module/file\n"
                + "-v : verbose (trace various operations); can be multiple\n"
                + "-O[N] : apply bytecode optimizations of level N\n"
                + "\n"
                + "Implementation specific options (-X):\n"
                + "  compile-only                 -- parse and compile only\n"
                + "  emit={bytecode,native,viper} -- set the default code emitter\n"
                + "  heapsize=<n>[w][K|M] -- set the heap size for the GC\n");
        err.flush();
        return 1;
    }

    private int runFile(Path file, String shown) {
        try {
            if (file.toString().endsWith(".mpy")) {
                return vm.runMain(MpyReader.read(file));
            }
            return runSource(Files.readString(file, StandardCharsets.UTF_8), shown);
        } catch (MpyFormatException e) {
            err.println("ValueError: incompatible .mpy file");
            return 1;
        } catch (IOException e) {
            err.printf("micropython: can't open file '%s': %s%n", shown, e.getMessage());
            return 2;
        }
    }

    private int runSource(String source, String name) {
        MpyFile code;
        try {
            code = compiling.compile(source, name, SourceCompiler.Mode.FILE, vm.optimizationLevel());
        } catch (SourceCompiler.CompileError e) {
            printCompileError(e);
            return 1;
        }
        return compileOnly ? 0 : vm.runMain(code);
    }

    /** -X compile-only: source (a file, -c, stdin) is compiled, with its errors, and not run. */
    private boolean compileOnly;

    private void printCompileError(SourceCompiler.CompileError e) {
        out.flush();
        err.print(e.traceback());
        err.flush();
    }

    /**
     * -m: imports MODULE from sys.path as the unix port does (its packages' __init__ first),
     * the module itself run as __main__ with its real name kept for relative imports; a
     * package runs its __main__ submodule.
     */
    private int runModule(String module) {
        return vm.runModuleAsMain(module);
    }

    /**
     * A key that reached stdin as a byte while code runs: the interrupt character (Ctrl-C
     * unless the program changed it with micropython.kbd_intr) interrupts the program, as
     * it does when the terminal turns it into SIGINT. It comes as a byte only in the moment
     * the terminal is switched between the line editor's mode and its own. Returns true
     * when the key was taken as an interrupt.
     */
    private boolean interruptKey(int key) {
        VM running = vm;
        return !atPrompt && running != null && key == running.interruptChar() && ctrlC();
    }

    /**
     * The interactive REPL, as the unix port's: MicroPython's friendly REPL and its line
     * editor (history, Tab completion, auto-indent, paste mode with Ctrl-E, the raw REPL with
     * Ctrl-A), echoing what is typed. On a terminal, the terminal is put in raw mode while a
     * line is edited and back in its own mode while code runs, so Ctrl-C raises
     * KeyboardInterrupt. Ctrl-D on an empty line, or the end of input, leaves.
     */
    private int repl(boolean terminal) {
        PyModule main = new PyModule("__main__");
        VmCompletion completion = new VmCompletion(vm, compiler, () -> main);
        Terminal tty = !terminal ? null : this.terminal != null ? this.terminal : TerminalMode.open(in);
        TerminalInput input = tty == null ? null : new TerminalInput(this::interruptKey);
        PyModule[] sys = new PyModule[1];
        if (input != null) {
            terminalInput = input;
            vm.setStdin(input);
        }
        var host = new Pyexec.Host() {
            /**
             * The line editor's echo, kept until it waits for a key or code runs: a line
             * typed (or pasted) at once is shown in one write, not a write per key.
             */
            private final java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();

            void show() {
                if (shown.size() > 0) {
                    out.write(shown.toByteArray(), 0, shown.size());
                    shown.reset();
                }
                out.flush();
            }

            @Override
            public int read() {
                if (input == null || input.available() == 0 || shown.size() >= 4096) {
                    show();
                }
                try {
                    int c = input != null ? input.key() : in.read();
                    // as the unix port's mp_hal_stdin_rx_chr: the end of input reads as Ctrl-D,
                    // LF as CR (paste mode then shows its "=== " prompt on each line)
                    return c < 0 ? 0x04 : c == '\n' ? '\r' : c;
                } catch (IOException e) {
                    return 0x04;
                }
            }

            @Override
            public void write(byte[] buf, int off, int len) {
                shown.write(buf, off, len);
            }

            @Override
            public void print(String text) {
                // the terminal turns "\n" into "\r\n" itself
                shown.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                show();
            }

            @Override
            public BoardEngine.Outcome execute(String source, BoardEngine.InputKind kind) {
                show();
                completion.lexed(source);
                // Running from here (compiling too, as the unix port switches the terminal
                // before it parses): a Ctrl-C that comes while the terminal is still being
                // switched to its own mode must interrupt the code, not be lost.
                if (terminalInput != null) {
                    terminalInput.clearInterrupt();
                    terminalInput.discardTyped();
                }
                atPrompt = false;
                if (tty != null) {
                    tty.cooked();
                }
                try {
                    MpyFile code;
                    try {
                        code = compiling.compile(source, "<stdin>", kind == BoardEngine.InputKind.SINGLE
                                ? SourceCompiler.Mode.SINGLE : SourceCompiler.Mode.FILE, vm.optimizationLevel());
                    } catch (SourceCompiler.CompileError e) {
                        return new BoardEngine.Outcome.Raised(e.traceback());
                    }
                    vm.runIn(code, main);
                    return BoardEngine.Outcome.OK;
                } catch (PyError e) {
                    if (e.exc.isInstance(Types.SYSTEM_EXIT)) {
                        replExit = exitStatus(e.exc.value());
                        return new BoardEngine.Outcome.SoftReset();
                    }
                    return new BoardEngine.Outcome.Raised(VM.formatException(e.exc));
                } finally {
                    out.flush();
                    atPrompt = true;
                    if (terminalInput != null) {
                        terminalInput.discardTyped();
                    }
                    if (tty != null) {
                        tty.raw();
                    }
                }
            }

            @Override
            public String ps1() {
                return prompt("ps1");
            }

            @Override
            public String ps2() {
                return prompt("ps2");
            }

            /** sys.ps1 or sys.ps2, as the unix port reads them: "" when not a str. */
            private String prompt(String name) {
                if (sys[0] == null) {
                    try {
                        PyModule scratch = new PyModule("__main__");
                        vm.runIn(compiler.compile("import sys\n", "<stdin>", SourceCompiler.Mode.FILE), scratch);
                        sys[0] = (PyModule) scratch.globals.get("sys");
                    } catch (SourceCompiler.CompileError | RuntimeException e) {
                        return name.equals("ps1") ? ">>> " : "... ";
                    }
                }
                return sys[0].globals.get(name) instanceof String s ? s : "";
            }

            @Override
            public String bannerLine() {
                return "MicroPython v1.28.0 on " + java.time.LocalDate.now() + "; linux [mpt VM with Java "
                        + Runtime.version().feature() + "] version";
            }
        };
        Readline readline = new Readline(host, Readline.UNIX_HISTORY, true);
        readline.setCompletion(completion);
        // find sys.ps1 before the banner, so the banner and the first prompt come together
        // as the unix port prints them (a program driving the REPL may read only that far)
        host.ps1();
        atPrompt = true;
        try {
            if (tty != null) {
                tty.start(input);
                tty.raw();
            }
            // one VM thread for the whole REPL: its lines compile and run there, without a thread each
            vm.runOnVmThread(() -> new Pyexec(host, readline).serve());
        } finally {
            host.show();
            if (tty != null) {
                tty.restore();
            }
        }
        return replExit;
    }

    /** sys.exit's argument as the unix port's exit status: None 0, an int its low byte, else printed and 1. */
    private int exitStatus(Object code) {
        if (code == null || code == dev.mpt.vm.PyNone.NONE) {
            return 0;
        }
        if (code instanceof Long || code instanceof Integer || code instanceof java.math.BigInteger) {
            return (int) (dev.mpt.vm.Ops.toLong(code) & 0xff);
        }
        out.flush();
        err.println(dev.mpt.vm.Ops.str(code));
        err.flush();
        return 1;
    }

    /**
     * Stdin on a terminal, filled by the {@link Terminal}'s own thread so that a program
     * blocked reading it (input(), sys.stdin.read()) gets KeyboardInterrupt on Ctrl-C, as in
     * the unix port, instead of waiting for the next line.
     */
    private static final class TerminalInput extends InputStream implements Keys {
        private final BytePipe bytes = new BytePipe();
        private final java.util.function.IntPredicate interruptKey;
        private volatile boolean interrupted;

        TerminalInput(java.util.function.IntPredicate interruptKey) {
            this.interruptKey = interruptKey;
        }

        @Override
        public void typed(byte[] buf, int off, int len) {
            byte[] kept = new byte[len];
            int n = 0;
            for (int i = off; i < off + len; i++) {
                if (!interruptKey.test(buf[i] & 0xff)) {
                    kept[n++] = buf[i];
                }
            }
            if (n > 0) {
                try {
                    bytes.put(kept, 0, n);
                } catch (LinkException e) {
                    // the REPL is over
                }
            }
        }

        @Override
        public void end() {
            bytes.close();
        }

        void interrupt() {
            interrupted = true;
        }

        void clearInterrupt() {
            interrupted = false;
        }

        /**
         * Drops what was typed and not read yet, as the unix port's switch of the terminal
         * mode does (tcsetattr with TCSAFLUSH) before code runs and when the prompt comes back.
         */
        void discardTyped() {
            bytes.clear();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (interrupted) {
                    interrupted = false;
                    throw new PyError(new PyException(Types.KEYBOARD_INTERRUPT, PyTuple.EMPTY));
                }
                try {
                    return bytes.take(b, off, len, Duration.ofMillis(50), "stdin");
                } catch (LinkTimeoutException e) {
                    // look at the interrupt flag again
                } catch (LinkException e) {
                    return -1;
                }
            }
        }

        @Override
        public int available() {
            return bytes.available();
        }

        /** The next key for the line editor (Ctrl-C there is a key, not an interrupt); -1 at the end. */
        int key() {
            byte[] one = new byte[1];
            try {
                bytes.take(one, 0, 1, Duration.ofDays(1), "stdin");
                return one[0] & 0xff;
            } catch (LinkException e) {
                return -1;
            }
        }
    }

    /**
     * The terminal on stdin: raw while a line is edited (no echo, no line buffering, no
     * signals from Ctrl-C, Ctrl-Z; CR not turned into LF), as the unix port sets it, and its
     * own settings while code runs and on the way out (also on SIGTERM, through a shutdown
     * hook). Settings are changed with {@code stty} on the inherited stdin.
     */
    private static final class TerminalMode implements Terminal {
        private final String saved;
        private final InputStream in;
        private final Thread restoreOnExit;

        private TerminalMode(String saved, InputStream in) {
            this.saved = saved;
            this.in = in;
            this.restoreOnExit = new Thread(this::cooked, "mpt-micropython-tty");
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
        }

        /** The terminal with its settings saved, or null when stdin is not a terminal stty can set. */
        static TerminalMode open(InputStream in) {
            String saved = stty("-g");
            return saved == null || saved.isBlank() ? null : new TerminalMode(saved.strip(), in);
        }

        /** A thread reads stdin for the REPL, so that a read the program blocks in ends with Ctrl-C. */
        @Override
        public void start(Keys keys) {
            Thread pump = new Thread(() -> {
                byte[] buf = new byte[1024];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        keys.typed(buf, 0, n);
                    }
                } catch (IOException e) {
                    // the terminal went away: end of input
                }
                keys.end();
            }, "mpt-micropython-stdin");
            pump.setDaemon(true);
            pump.start();
        }

        @Override
        public void raw() {
            stty("-brkint", "-icrnl", "-inpck", "-istrip", "-ixon", "cs8", "-parenb", "-isig", "-icanon", "-echo",
                    "-echoe", "-echok", "-echonl", "-iexten", "-echoctl", "-echoke", "min", "1", "time", "0");
        }

        @Override
        public void cooked() {
            stty(saved);
        }

        @Override
        public void restore() {
            cooked();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook restores
            }
        }

        /** Runs stty on our stdin; its output, or null if it failed. */
        private static String stty(String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add("stty");
            cmd.addAll(Arrays.asList(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return p.waitFor() == 0 ? output : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
