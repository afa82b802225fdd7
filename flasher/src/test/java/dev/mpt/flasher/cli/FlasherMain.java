package dev.mpt.flasher.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flasher's commands under a stand-in root command that reports errors as {@code mpt}
 * does (one line {@code error: ...}, exit 1): what end-to-end tests run in a forked JVM, since
 * the real {@code mpt} lives in the cli module, which depends on this one.
 */
@Command(name = "mpt", subcommands = {DfuCommand.class, FlashCommand.class, EspCommand.class})
public final class FlasherMain {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new FlasherMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (Arrays.asList(args).contains("--debug")) {
                ex.printStackTrace(e);
            }
            String m = ex.getMessage();
            if (ex instanceof java.nio.file.NoSuchFileException) {
                m = "no such file: " + m;
            }
            e.println("error: " + m);
            e.flush();
            return 1;
        });
        return cl.execute(args);
    }
}
