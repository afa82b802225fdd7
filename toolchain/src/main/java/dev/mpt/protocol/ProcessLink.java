package dev.mpt.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdin and stdout are the link (stderr is merged into stdout, as a
 * terminal would show it), as named by {@code exec:COMMAND}. The command is run by
 * {@code /bin/sh -c} (or {@code cmd /c} on Windows).
 *
 * <p>With {@code pty} the command runs under util-linux {@code script}, which gives it a
 * pseudo-terminal, so programs that behave differently on a terminal (the unix port of
 * MicroPython shows its REPL only there) see one.
 */
public final class ProcessLink extends StreamLink {
    private final Process process;

    private ProcessLink(Process process, String name) {
        super(process.getInputStream(), process.getOutputStream(), name);
        this.process = process;
    }

    public static ProcessLink start(String command, boolean pty) throws LinkException {
        String name = (pty ? "pty:" : "exec:") + command;
        List<String> argv = new ArrayList<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        if (pty) {
            if (windows) {
                throw new LinkException("pty: is not available on Windows; use exec:");
            }
            // script -q (no banner) -e (child's exit status) -f (flush) -c CMD, log to /dev/null
            argv.addAll(List.of("script", "-q", "-e", "-f", "-c", "stty raw -echo 2>/dev/null; exec " + command, "/dev/null"));
        } else if (windows) {
            argv.addAll(List.of("cmd", "/c", command));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", command));
        }
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            return new ProcessLink(p, name);
        } catch (IOException e) {
            throw new LinkClosedException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The child's exit status once it has exited, or -1 while it runs. */
    public int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    protected void closeChannel() {
        process.destroy();
        try {
            if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
