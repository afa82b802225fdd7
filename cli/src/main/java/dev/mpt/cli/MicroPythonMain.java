package dev.mpt.cli;

import dev.mpt.board.ReplContinuation;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.MpyReader;
import dev.mpt.compiler.VmCompiler;
import dev.mpt.text.ByteSize;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final VmCompiler compiler = new VmCompiler();
    private VM vm;
    /** True while the REPL waits for a line: Ctrl-C then interrupts nothing. */
    private volatile boolean atPrompt;

    MicroPythonMain(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
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
                VM running = vm;
                if (running == null || running.interruptChar() < 0) {
                    System.exit(130);
                }
                if (!atPrompt) {
                    running.interrupt();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No signal support here: Ctrl-C keeps its default meaning.
        }
    }

    /** Runs with the unix port's arguments; returns the exit status. */
    int run(String[] argv, boolean interactiveTerminal) {
        vm = new VM(Path.of("/"));
        vm.setStdout(out);
        vm.setStderr(err);
        vm.setStdin(in);
        vm.setCompiler(compiler);
        vm.setWorkingDirectory(Path.of("").toAbsolutePath());
        List<String> path = new ArrayList<>();
        path.add("");
        path.addAll(sysPath(env));
        vm.setPath(path);
        vm.setHeapLimit(DEFAULT_HEAP);

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
                    ret = runModule(argv[a + 1], path);
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
                    // Verbosity is accepted; the VM traces nothing.
                } else if (arg.equals("-h")) {
                    return usage();
                } else {
                    return usage();
                }
            } else {
                Path file = Path.of(arg).toAbsolutePath();
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
        String inspectEnv = env.get("MICROPYINSPECT");
        if (inspectEnv != null && !inspectEnv.isEmpty()) {
            inspect = true;
        }
        if (ret == NOTHING_EXECUTED || inspect) {
            if (interactiveTerminal || inspect) {
                ret = repl();
            } else {
                try {
                    ret = runSource(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
                } catch (IOException e) {
                    err.println("micropython: cannot read stdin: " + e.getMessage());
                    return 1;
                }
            }
        }
        out.flush();
        return ret;
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
        if (opt.equals("emit=bytecode") || opt.equals("emit=native") || opt.equals("emit=viper")
                || opt.equals("compile-only") || opt.equals("realtime")) {
            return true;
        }
        if (opt.startsWith("heapsize=")) {
            long size = parseSize(opt.substring("heapsize=".length()));
            if (size > 0) {
                vm.setHeapLimit(size);
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
            code = compiler.compile(source, name, SourceCompiler.Mode.FILE, vm.optimizationLevel());
        } catch (SourceCompiler.CompileError e) {
            printCompileError(e);
            return 1;
        }
        return vm.runMain(code);
    }

    private void printCompileError(SourceCompiler.CompileError e) {
        out.flush();
        err.print(e.traceback());
        err.flush();
    }

    /** -m: finds MODULE (or MODULE/__main__ for a package) on sys.path and runs it as __main__. */
    private int runModule(String module, List<String> path) {
        String rel = module.replace('.', '/');
        for (String entry : path) {
            if (entry.equals(".frozen")) {
                continue;
            }
            Path base = entry.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(entry);
            for (Path candidate : List.of(base.resolve(rel + ".py"), base.resolve(rel + ".mpy"),
                    base.resolve(rel).resolve("__main__.py"), base.resolve(rel).resolve("__main__.mpy"))) {
                if (Files.isRegularFile(candidate)) {
                    return runFile(candidate, candidate.toString());
                }
            }
        }
        err.println("ImportError: no module named '" + module + "'");
        return 1;
    }

    /** The interactive REPL: ">>> " and "... " prompts, Ctrl-D (end of input) leaves. */
    private int repl() {
        out.print("MicroPython v1.28.0 on " + java.time.LocalDate.now() + "; mpt VM with Java "
                + Runtime.version().feature() + "\nUse Ctrl-D to exit, Ctrl-E for paste mode\n");
        PyModule main = new PyModule("__main__");
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (true) {
            out.print(">>> ");
            out.flush();
            String line;
            try {
                atPrompt = true;
                line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0;
                }
                StringBuilder input = new StringBuilder(line);
                while (ReplContinuation.needsMore(input.toString())) {
                    out.print("... ");
                    out.flush();
                    String more = lines.readLine();
                    if (more == null || (more.isBlank() && !input.toString().endsWith("\\"))) {
                        break;
                    }
                    input.append('\n').append(more);
                }
                if (input.toString().isBlank()) {
                    continue;
                }
                atPrompt = false;
                MpyFile code = compiler.compile(input + "\n", "<stdin>", SourceCompiler.Mode.SINGLE,
                        vm.optimizationLevel());
                try {
                    vm.runIn(code, main);
                } catch (PyError e) {
                    if (e.exc.isInstance(Types.SYSTEM_EXIT)) {
                        return 0;
                    }
                    out.flush();
                    err.print(VM.formatException(e.exc));
                    err.flush();
                }
            } catch (SourceCompiler.CompileError e) {
                printCompileError(e);
            } catch (IOException e) {
                return 1;
            }
        }
    }
}
