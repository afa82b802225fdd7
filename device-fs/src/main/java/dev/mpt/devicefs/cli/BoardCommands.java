package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.BoardRun;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.OutputSink;
import java.io.IOException;
import java.io.PrintStream;
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

    /** Code running on the board, while Ctrl-C on the host interrupts it there. */
    @FunctionalInterface
    interface Running {
        BoardRun.Outcome call(BoardRun run, OutputSink stdout) throws IOException;
    }

    /**
     * Runs code with its output streamed to our stdout; Ctrl-C on the host interrupts it on
     * the board. Returns 0, or {@link BoardCommand#RAISED} after printing the board's traceback.
     */
    static int streaming(BoardCommand cmd, Running running) throws IOException {
        BoardRun run = cmd.boardRun();
        PrintStream stdout = System.out;
        OutputSink sink = (buf, off, len) -> {
            stdout.write(buf, off, len);
            stdout.flush();
        };
        try (Interrupts.Handle h = Interrupts.onCtrlC(run::interrupt)) {
            return cmd.report(running.call(run, sink));
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
        public Integer call() throws IOException {
            return streaming(this, (run, out) -> run.exec(code, Duration.ofSeconds(timeoutSeconds), out));
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate a Python expression on the board and print its repr.",
            footer = {"", "Example:", "  mpt eval \"1 + 2\""})
    static final class Eval extends BoardCommand {
        @Parameters(index = "0", paramLabel = "EXPR")
        String expr;

        @Override
        public Integer call() throws IOException {
            return streaming(this, (run, out) -> run.eval(expr, Duration.ofSeconds(60), out));
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
        public Integer call() throws IOException {
            BoardRun.Program program = BoardRun.program(code, module, args);
            return streaming(this, (run, out) -> run.run(program, Duration.ofSeconds(timeoutSeconds), out));
        }
    }

    @Command(name = "soft-reset", mixinStandardHelpOptions = true,
            description = "Soft-reset the board: a fresh interpreter, boot.py run again.",
            footer = {"", "Example:", "  mpt soft-reset"})
    static final class SoftReset extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            boardRun().softReset();
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Hard-reset the board (machine.reset()).",
            footer = {"", "Example:", "  mpt reset"})
    static final class Reset extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            return letGo(this, boardRun().hardReset(), "board reset");
        }
    }

    @Command(name = "bootloader", mixinStandardHelpOptions = true,
            description = "Restart the board into its bootloader (machine.bootloader()), ready for 'mpt flash'.",
            footer = {"", "Example:", "  mpt bootloader"})
    static final class Bootloader extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            return letGo(this, boardRun().bootloader(), "board restarting into its bootloader");
        }
    }

    /** After a reset: the link is closed (the board went away); says so unless the code raised. */
    private static int letGo(BoardCommand cmd, BoardRun.Outcome outcome, String what) throws LinkException {
        if (outcome.raised()) {
            return cmd.report(outcome);
        }
        dev.mpt.devicefs.mount.MountLink mount = dev.mpt.devicefs.mount.Mount.current(cmd.session());
        if (mount != null) {
            mount.deactivate(); // the reset took the board's mount with it
        }
        cmd.session().close();
        cmd.out().println(what);
        cmd.out().flush();
        return 0;
    }
}
