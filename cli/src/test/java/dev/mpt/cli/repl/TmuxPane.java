package dev.mpt.cli.repl;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real terminal for end-to-end tests: a tmux pane running a plain shell, on a tmux server
 * of its own. Keys go in with send-keys, the screen comes out with capture-pane. Without
 * tmux the test is skipped, and fails in CI.
 */
final class TmuxPane implements AutoCloseable {
    private final String socket = "mpt-test-" + UUID.randomUUID().toString().substring(0, 8);

    TmuxPane(Path dir, int width, int height) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/tmux")) && !onPath("tmux")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("tmux is not installed");
            }
            Assumptions.abort("tmux is not installed");
        }
        Path rc = dir.resolve("shellrc");
        Files.writeString(rc, "PS1='$ '\nunset PROMPT_COMMAND\n");
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String.valueOf(width), "-y",
                String.valueOf(height), "-c", dir.toString(), "bash --noprofile --rcfile " + rc);
        tmux("set-option", "-t", "main", "history-limit", "20000");
        awaitText("$ ", 1);
    }

    /**
     * A pane at a shell in {@code dir} where {@code ./mpt} runs mpt from the test class path
     * (with {@code dir/tmp} as its temporary directory).
     */
    static TmuxPane withMpt(Path dir, int width, int height) throws IOException, InterruptedException {
        ServedProcess.mptScript(dir, Files.createDirectories(dir.resolve("tmp")));
        return new TmuxPane(dir, width, height);
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tmux command on this pane's server and returns its output. */
    String tmux(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Types text literally (no key names). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "main", "-l", text);
    }

    /** Presses keys by tmux's names: Enter, C-c, Up, Tab, C-]. */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("send-keys", "-t", "main"));
        argv.addAll(List.of(keys));
        tmux(argv.toArray(new String[0]));
    }

    /** Types a line and presses Enter. */
    void line(String text) throws IOException, InterruptedException {
        type(text);
        press("Enter");
    }

    /** The whole screen and its history, wrapped lines joined. */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "main");
    }

    /**
     * Waits until the cursor's line ends with an empty {@code prompt} (the screen's last line): keys
     * typed while a line still runs may be dropped, as MicroPython's unix port flushes
     * typed-ahead input when it puts the terminal back into raw mode.
     */
    void awaitPrompt(String prompt) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (true) {
            String s = screen().stripTrailing();
            // (the line may start with what the session adds, e.g. mpt repl --timestamps)
            if (s.substring(s.lastIndexOf('\n') + 1).endsWith(prompt.stripTrailing())) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the terminal never came back to '" + prompt + "'; it shows:\n" + s);
            }
            Thread.sleep(50);
        }
    }

    /** Types {@code line} and Enter, then waits until {@code expected} is on the screen; returns the screen. */
    String answer(String line, String expected) throws IOException, InterruptedException {
        line(line);
        return awaitText(expected, 1);
    }

    /** Waits until {@code text} appears on the screen {@code times} times; returns the screen. */
    String awaitText(String text, int times) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (true) {
            String s = screen();
            if (count(s, text) >= times) {
                return s;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the terminal never showed " + times + "x '" + text + "'; it shows:\n" + s);
            }
            Thread.sleep(50);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The process id of the command running in the pane's shell (its only child), or -1. */
    long foregroundPid() throws IOException, InterruptedException {
        long shell = Long.parseLong(tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip());
        return ProcessHandle.of(shell).map(h -> h.children().findFirst().map(ProcessHandle::pid).orElse(-1L))
                .orElse(-1L);
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (IOException | InterruptedException e) {
            // gone already
        }
    }
}
