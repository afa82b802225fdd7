package dev.mpt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How {@code mpt} reports failures: one line on stderr and exit status 1 for errors a user
 * can cause; the Java stack trace only with {@code --debug}.
 */
public final class Errors {
    private Errors() {}

    /** Installs the error reporting on a command line and returns it. */
    public static CommandLine install(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean debug = debugRequested(cl.getParseResult());
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("error: " + message(ex));
            err.flush();
            return exitCode(ex);
        });
        return cl;
    }

    /** Whether {@code --debug} was given at any level of the command, or MPT_DEBUG is set. */
    private static boolean debugRequested(CommandLine.ParseResult pr) {
        for (; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        String env = System.getenv("MPT_DEBUG");
        return env != null && !env.isEmpty() && !env.equals("0");
    }

    /** The one line a user sees for an exception. */
    public static String message(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (m == null || m.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return m;
    }

    private static int exitCode(Throwable ex) {
        if (ex instanceof UserError ue) {
            return ue.exitCode();
        }
        return 1;
    }

    /** An error whose message is meant for the user as it stands. */
    public static class UserError extends RuntimeException {
        private final int exitCode;

        public UserError(String message) {
            this(message, 1);
        }

        public UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
