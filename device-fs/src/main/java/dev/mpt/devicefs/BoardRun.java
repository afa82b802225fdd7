package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.OutputSink;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Running code on the board: {@code exec}, {@code eval}, {@code run} of a local file, a
 * compiled module, {@code -c} code or an installed module with arguments in
 * {@code sys.argv}, and the resets. Output streams to a sink as the board prints it; a
 * program that raises ends in an {@link Outcome} carrying the board's traceback.
 */
public final class BoardRun {
    /** What {@code run} runs; {@code args} become {@code sys.argv[1:]}. */
    public sealed interface Program {
        List<String> args();

        /** The arguments as {@code sys.argv} sees them (argv[0] first). */
        List<String> argv();
    }

    /** {@code run -c CODE}: argv[0] is "-c", as with the unix port. */
    public record Code(String code, List<String> args) implements Program {
        @Override
        public List<String> argv() {
            return prepend("-c", args);
        }
    }

    /** {@code run -m MODULE}: imported from the board's filesystem. */
    public record Module(String name, List<String> args) implements Program {
        @Override
        public List<String> argv() {
            return prepend(name, args);
        }
    }

    /** {@code run FILE}: a .py file's source, or a .mpy file copied over and imported. */
    public record File(Path path, List<String> args) implements Program {
        @Override
        public List<String> argv() {
            return prepend(path.toString(), args);
        }
    }

    /** How code on the board ended: {@link #raised()} with the board's traceback, or not. */
    public record Outcome(String traceback) {
        public static final Outcome COMPLETED = new Outcome("");

        public boolean raised() {
            return !traceback.isEmpty();
        }
    }

    private final RawRepl repl;
    private final RemoteFs fs;

    /** @param fs file operations over the same raw REPL (for a .mpy file's upload) */
    public BoardRun(RawRepl repl, RemoteFs fs) {
        this.repl = repl;
        this.fs = fs;
    }

    /**
     * The program that {@code run}'s options name: exactly one of {@code code}, {@code module}
     * or a file (the first of {@code args}) must be given.
     *
     * @throws IllegalArgumentException when none or several are given, or the file is missing
     */
    public static Program program(String code, String module, List<String> args) {
        int given = (code != null ? 1 : 0) + (module != null ? 1 : 0);
        if (given > 1 || given == 0 && args.isEmpty()) {
            throw new IllegalArgumentException("run needs one of: FILE, -c CODE, -m MODULE");
        }
        if (code != null) {
            return new Code(code, args);
        }
        if (module != null) {
            return new Module(module, args);
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return new File(file, args.subList(1, args.size()));
    }

    /** Runs {@code code}, its output streamed to {@code out}. */
    public Outcome exec(String code, Duration deadline, OutputSink out) throws BoardException {
        try {
            repl.exec(code, deadline, out);
            return Outcome.COMPLETED;
        } catch (ExecException e) {
            String tb = e.traceback();
            return new Outcome(tb.endsWith("\n") ? tb : tb + "\n");
        }
    }

    /** Evaluates an expression and prints its repr to {@code out}. */
    public Outcome eval(String expr, Duration deadline, OutputSink out) throws BoardException {
        return exec("print(repr(" + expr + "))", deadline, out);
    }

    /** Runs a program with its arguments in {@code sys.argv}. */
    public Outcome run(Program program, Duration deadline, OutputSink out) throws IOException {
        setArgv(program.argv());
        if (program instanceof Code c) {
            return exec(c.code(), deadline, out);
        }
        if (program instanceof Module m) {
            return exec("__import__(" + PyLiteral.str(m.name()) + ")", deadline, out);
        }
        Path file = ((File) program).path();
        return file.toString().endsWith(".mpy") ? runCompiled(file, deadline, out)
                : exec(Files.readString(file, StandardCharsets.UTF_8), deadline, out);
    }

    /** Asks the running code to stop (Ctrl-C on the board: a KeyboardInterrupt). */
    public void interrupt() {
        try {
            repl.interrupt();
        } catch (BoardException ignored) {
            // the run ends with its own error
        }
    }

    /** A fresh interpreter: the board's soft reset. */
    public void softReset() throws BoardException {
        repl.softReset();
    }

    /** {@code machine.reset()}: the board restarts and the link may go with it. */
    public Outcome hardReset() throws BoardException {
        return letGo("import machine\nmachine.reset()\n");
    }

    /** {@code machine.bootloader()}: the board restarts into its bootloader. */
    public Outcome bootloader() throws BoardException {
        return letGo("import machine\nmachine.bootloader()\n");
    }

    /** Sends code that resets the board and so never answers; its going quiet is success. */
    private Outcome letGo(String code) throws BoardException {
        try {
            repl.exec(code, Duration.ofSeconds(2), OutputSink.DISCARD);
        } catch (ExecException e) {
            return new Outcome(e.traceback());
        } catch (BoardException e) {
            // The board went away while resetting: that is the point.
        }
        return Outcome.COMPLETED;
    }

    private void setArgv(List<String> argv) throws BoardException {
        StringBuilder list = new StringBuilder("[");
        for (String a : argv) {
            list.append(list.length() > 1 ? "," : "").append(PyLiteral.str(a));
        }
        try {
            repl.exec("import sys\ntry:\n sys.argv[:]=" + list + "]\nexcept Exception:\n pass\n");
        } catch (ExecException e) {
            // a port without sys.argv: the program runs without arguments
        }
    }

    /** Copies a .mpy to the board under a temporary module name, imports it, and removes it. */
    private Outcome runCompiled(Path file, Duration deadline, OutputSink out) throws IOException {
        String name = "_mpt_run_" + Long.toHexString(System.nanoTime() & 0xffffffL);
        fs.write(name + ".mpy", Files.readAllBytes(file), Progress.NONE);
        try {
            return exec("import " + name, deadline, out);
        } finally {
            try {
                repl.exec("import os,sys\ntry:\n os.remove('" + name + ".mpy')\nexcept OSError:\n pass\n"
                        + "sys.modules.pop('" + name + "',None)\n");
            } catch (ExecException | BoardException e) {
                // the board went away or cannot remove it: nothing more to do
            }
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }
}
