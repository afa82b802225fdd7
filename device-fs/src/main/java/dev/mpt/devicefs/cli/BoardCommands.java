package dev.mpt.devicefs.cli;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.OutputSink;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Running code on the board and resetting it: exec, eval, run, soft-reset, reset, bootloader. */
public final class BoardCommands {
    private BoardCommands() {}

    /** Every command class here, for registering with the umbrella command. */
    public static final List<Class<?>> ALL = List.of(Exec.class, Eval.class, Run.class, SoftReset.class, Reset.class,
            Bootloader.class);

    /** Exit status when the code on the board raised. */
    static final int RAISED = 1;

    /**
     * Runs code with its output streamed to our stdout; Ctrl-C on the host interrupts it on
     * the board. Returns 0, or {@link #RAISED} after printing the board's traceback.
     */
    static int runStreaming(BoardCommand cmd, String code, Duration deadline) throws LinkException {
        RawRepl repl = cmd.session().repl();
        PrintStream stdout = System.out;
        OutputSink sink = (buf, off, len) -> {
            stdout.write(buf, off, len);
            stdout.flush();
        };
        Interrupts.Handle h = Interrupts.onCtrlC(() -> {
            try {
                repl.interrupt();
            } catch (BoardException ignored) {
                // the run ends with its own error
            }
        });
        try {
            repl.exec(code, deadline, sink);
            return 0;
        } catch (ExecException e) {
            stdout.flush();
            cmd.err().print(e.traceback().endsWith("\n") ? e.traceback() : e.traceback() + "\n");
            cmd.err().flush();
            return RAISED;
        } finally {
            h.close();
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run Python code on the board, printing its output as it comes.",
            footer = {"", "Examples:", "  mpt exec \"import machine; print(machine.freq())\"",
                "  mpt exec \"x = 6\" + eval \"x * 7\""})
    static final class Exec extends BoardCommand {
        @Parameters(index = "0", paramLabel = "CODE")
        String code;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long (default 3600).")
        long timeoutSeconds = 3600;

        @Override
        public Integer call() throws LinkException {
            return runStreaming(this, code, Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate a Python expression on the board and print its repr.",
            footer = {"", "Example:", "  mpt eval \"1 + 2\""})
    static final class Eval extends BoardCommand {
        @Parameters(index = "0", paramLabel = "EXPR")
        String expr;

        @Override
        public Integer call() throws LinkException {
            return runStreaming(this, "print(repr(" + expr + "))", Duration.ofSeconds(60));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a local Python file (or .mpy module), -c CODE, or -m MODULE on the board, printing "
                    + "its output as it comes; ARGS become sys.argv[1:]. Exit status 1 if it raised.",
                "A .mpy file is copied to the board for the run and imported from there (so its __name__ is its "
                    + "module name, not __main__); -m imports a module from the board's filesystem."},
            footer = {"", "Examples:", "  mpt run examples/hello.py", "  mpt run build/app.mpy", "  mpt run -c \"print(42)\"",
                "  mpt run -m tests.run_all -- --verbose"})
    static final class Run extends BoardCommand {
        @Option(names = "-c", paramLabel = "CODE", description = "Run CODE instead of a file.")
        String code;

        @Option(names = "-m", paramLabel = "MODULE", description = "Import MODULE from the board's filesystem.")
        String module;

        @Parameters(arity = "0..*", paramLabel = "FILE [ARGS]")
        List<String> args = List.of();

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long (default 3600).")
        long timeoutSeconds = 3600;

        @Override
        public Integer call() throws IOException, LinkException {
            Duration deadline = Duration.ofSeconds(timeoutSeconds);
            int given = (code != null ? 1 : 0) + (module != null ? 1 : 0);
            if (given > 1 || given == 0 && args.isEmpty()) {
                throw new IllegalArgumentException("run needs one of: FILE, -c CODE, -m MODULE");
            }
            List<String> argv = new java.util.ArrayList<>();
            String program;
            if (code != null) {
                argv.add("-c");
                argv.addAll(args);
                program = code;
            } else if (module != null) {
                argv.add(module);
                argv.addAll(args);
                program = "__import__(" + dev.mpt.devicefs.PyLiteral.str(module) + ")";
            } else {
                Path file = Path.of(args.get(0));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(file + ": no such file");
                }
                argv.addAll(args);
                if (file.toString().endsWith(".mpy")) {
                    return runCompiled(file, argv, deadline);
                }
                program = Files.readString(file, StandardCharsets.UTF_8);
            }
            setArgv(argv);
            return runStreaming(this, program, deadline);
        }

        private void setArgv(List<String> argv) throws LinkException {
            StringBuilder list = new StringBuilder("[");
            for (String a : argv) {
                list.append(list.length() > 1 ? "," : "").append(dev.mpt.devicefs.PyLiteral.str(a));
            }
            try {
                session().repl().exec("import sys\ntry:\n sys.argv[:]=" + list + "]\nexcept Exception:\n pass\n");
            } catch (ExecException e) {
                // a port without sys.argv: the program runs without arguments
            }
        }

        /** Copies a .mpy to the board under a temporary module name, imports it, and removes it. */
        private int runCompiled(Path file, List<String> argv, Duration deadline) throws IOException, LinkException {
            String name = "_mpt_run_" + Long.toHexString(System.nanoTime() & 0xffffffL);
            session().fs().write(name + ".mpy", Files.readAllBytes(file), dev.mpt.devicefs.RemoteFs.Progress.NONE);
            try {
                setArgv(argv);
                return runStreaming(this, "import " + name, deadline);
            } finally {
                try {
                    session().repl().exec("import os,sys\ntry:\n os.remove('" + name + ".mpy')\nexcept OSError:\n pass\n"
                            + "sys.modules.pop('" + name + "',None)\n");
                } catch (ExecException | LinkException e) {
                    // the board went away or cannot remove it: nothing more to do
                }
            }
        }
    }

    @Command(name = "soft-reset", mixinStandardHelpOptions = true,
            description = "Soft-reset the board: a fresh interpreter, boot.py run again.",
            footer = {"", "Example:", "  mpt soft-reset"})
    static final class SoftReset extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            session().repl().softReset();
            return 0;
        }
    }

    /** Sends code that resets the board and so never answers; its going quiet is success. */
    static int sendAndLetGo(BoardCommand cmd, String code, String what) throws LinkException {
        RawRepl repl = cmd.session().repl();
        try {
            repl.exec(code, Duration.ofSeconds(2), OutputSink.DISCARD);
        } catch (ExecException e) {
            cmd.err().print(e.traceback());
            cmd.err().flush();
            return RAISED;
        } catch (BoardException e) {
            // The board went away while resetting: that is the point.
        }
        cmd.session().close();
        cmd.out().println(what);
        cmd.out().flush();
        return 0;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Hard-reset the board (machine.reset()).",
            footer = {"", "Example:", "  mpt reset"})
    static final class Reset extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            return sendAndLetGo(this, "import machine\nmachine.reset()\n", "board reset");
        }
    }

    @Command(name = "bootloader", mixinStandardHelpOptions = true,
            description = "Restart the board into its bootloader (machine.bootloader()), ready for 'mpt flash'.",
            footer = {"", "Example:", "  mpt bootloader"})
    static final class Bootloader extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            return sendAndLetGo(this, "import machine\nmachine.bootloader()\n", "board restarting into its bootloader");
        }
    }
}
