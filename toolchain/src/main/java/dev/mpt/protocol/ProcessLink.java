package dev.mpt.protocol;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdin and stdout are the link (stderr is merged into stdout, as a
 * terminal would show it), as named by {@code exec:COMMAND}. The command is run by
 * {@code /bin/sh -c} (or {@code cmd /c} on Windows).
 *
 * <p>With {@code pty} the command runs under util-linux {@code script}, which gives it a
 * pseudo-terminal, so programs that behave differently on a terminal see one: the unix
 * port of MicroPython switches the terminal to raw mode for its REPL and back while code
 * runs, so Ctrl-C reaches it as SIGINT, just as at a console; qemu's {@code -serial stdio}
 * does the same. The terminal starts in cooked mode (line editing, Ctrl-C as a signal)
 * without echo and without turning "\n" into "\r\n" on output; a program that does not
 * set raw mode itself needs {@code pty:stty raw -echo; exec PROGRAM}.
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
            // no echo and no "\n" to "\r\n" on output, as on a serial line; signals and line editing stay
            // (the command travels in a variable, so it needs no quoting here)
            argv.addAll(List.of("script", "-q", "-e", "-f", "-c",
                    "stty -echo -onlcr 2>/dev/null; exec /bin/sh -c \"$MPT_PTY_COMMAND\"", "/dev/null"));
        } else if (windows) {
            argv.addAll(List.of("cmd", "/c", command));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", command));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            if (pty) {
                builder.environment().put("MPT_PTY_COMMAND", command);
                // script runs its -c through $SHELL: make that a POSIX shell whatever the user's is
                builder.environment().put("SHELL", "/bin/sh");
            }
            Process p = builder.start();
            ProcessLink link = new ProcessLink(p, name);
            if (pty) {
                link.awaitSettled(Duration.ofSeconds(3), Duration.ofMillis(100));
            }
            return link;
        } catch (IOException e) {
            throw new LinkClosedException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the child has printed something and then gone quiet, or until {@code max}
     * has passed. On a fresh terminal a Ctrl-C sent too early would be a signal that kills
     * a program which has not yet set up its REPL. What was printed stays unread.
     */
    private void awaitSettled(Duration max, Duration quiet) {
        long end = System.nanoTime() + max.toNanos();
        int seen = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < end && process.isAlive()) {
            int now = available();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - stableSince >= quiet.toNanos()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
