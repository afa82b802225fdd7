package dev.mpt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The umbrella {@code mpt} command. Each tool contributes its subcommands; this class only
 * wires them together and turns user-caused failures into one line on stderr.
 */
@Command(
        name = "mpt",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Host-side toolchain for MicroPython boards: flash, compile, run and sync.",
        footer = {"", "Example:", "  mpt mpy dis build/main.mpy"},
        subcommands = {
            MpyCommand.class,
        })
public final class Main implements Runnable {

    @Option(names = "--debug", description = "Show Java stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code mpt} with the given arguments and returns its exit status. */
    public static int run(String... args) {
        return Errors.install(new CommandLine(new Main())).execute(args);
    }
}
