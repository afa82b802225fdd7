package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * scripts/mpt-micropython's interactive REPL: on a real terminal (a pty made by script(1)),
 * keys in, the bytes the terminal shows out; and with -i on piped input. Expected bytes were
 * checked against MicroPython's unix port fed the same keys on a pty.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MicroPythonReplTest {
    private Process process;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    /** Everything the terminal showed, for the message when a check fails. */
    private final StringBuilder transcript = new StringBuilder();

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void inspectModeReadsPipedKeysThroughTheLineEditor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(
                new ByteArrayInputStream("import sys\nsys.imp\t\nx = (1,\n2)\nx\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThat(main.run(new String[] {"-i"}, false)).isZero();
        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("MicroPython v1.28.0 on ").contains("\r\nType \"help()\" for more information.\r\n");
        assertThat(shown.substring(shown.indexOf(">>> "))).isEqualTo(">>> import sys\r\n"
                + ">>> sys.implementation\r\n(name='micropython', version=(1, 28, 0, ''), _machine='linux [mpt VM] version', "
                + "_mpy=774, _thread='GIL')\n"
                + ">>> x = (1,\r\n... 2)\r\n>>> x\r\n(1, 2)\n>>> \r\n");
    }

    @Test
    void promptsComeFromSysPs1AndPs2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(
                new ByteArrayInputStream("import sys\nsys.ps1 = 'py> '\nsys.ps2 = 3\nif 1:\n  pass\n\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThat(main.run(new String[] {"-i"}, false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(">>> sys.ps1 = 'py> '\r\npy> sys.ps2 = 3\r\n"
                + "py> if 1:\r\n    \b\b\b pass\r\n\r\npy> \r\n");
    }

    @Test
    void sysExitInTheReplEndsWithItsStatus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(
                new ByteArrayInputStream("import sys\nsys.exit(3)\nprint('not reached')\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThat(main.run(new String[] {"-i"}, false)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(">>> sys.exit(3)\r\n");
    }

    private void type(String keys) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private String enterLine(String line) throws IOException, InterruptedException {
        type(line + "\r");
        return await(">>> ");
    }

    /** Reads until what came ends with {@code expected}; returns all of it since the last call. */
    private String await(String expected) throws IOException, InterruptedException {
        InputStream from = process.getInputStream();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            if (System.nanoTime() > end) {
                fail("expected output ending with <" + expected + "> but got <" + seen.toString(StandardCharsets.UTF_8) + ">");
            }
            if (from.available() > 0) {
                int n = from.read(buf);
                seen.write(buf, 0, n);
            } else if (!process.isAlive()) {
                fail("mpt-micropython ended; it showed <" + seen.toString(StandardCharsets.UTF_8) + ">");
            } else {
                Thread.sleep(20);
            }
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        seen.reset();
        transcript.append(all);
        return all;
    }

    @Test
    void onATerminalItEditsCompletesRecallsInterruptsAndLeavesWithCtrlD() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) makes the pty");
        String java = ProcessHandle.current().info().command().orElse("java");
        // exec: script runs the command through $SHELL -c, and a shell that stays as the
        // parent (dash does) dies of the first Ctrl-C and makes script exit with status 130
        String cmd = "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + MicroPythonMain.class.getName();
        ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/script", "-qefc", cmd, "/dev/null"));
        builder.environment().put("SHELL", "/bin/sh");
        process = builder.redirectErrorStream(true).start();
        await("information.\r\r\n>>> ");
        type("import sys\r");
        assertThat(await(">>> ")).isEqualTo("import sys\r\r\n>>> ");
        type("sys.imp\t");
        assertThat(await("sys.implementation")).isEqualTo("sys.implementation");
        type("\u0003");
        assertThat(await(">>> ")).isEqualTo("\r\r\n>>> ");
        type("sys.\t");
        assertThat(await(">>> sys.")).startsWith("sys.\r\nargv            atexit          byteorder       exc_info\r\n");
        type("\u0003");
        await(">>> ");
        type("print(6 * 7)\r");
        assertThat(await(">>> ")).isEqualTo("print(6 * 7)\r\r\n42\r\n>>> ");
        type("\u001b[A\r");
        assertThat(await(">>> ")).isEqualTo("print(6 * 7)\r\r\n42\r\n>>> ");
        // Alt-B twice, Ctrl-W: the unix port's word keys
        type("abc def\u001bb\u001bb\u001bf\u0017\u0003");
        assertThat(await(">>> ")).isEqualTo("abc def\b\b\b\b\b\b\babc\b\b\b\u001b[K def\b\b\b\b\r\r\n>>> ");
        type("while True: pass\r");
        await("... ");
        type("\r");
        await("\r\r\n");
        Thread.sleep(500); // the loop runs, the terminal is back in its own mode: Ctrl-C is SIGINT
        type("\u0003");
        assertThat(await(">>> ")).endsWith("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "KeyboardInterrupt: \r\n>>> ");
        // a program waiting for a line gets KeyboardInterrupt too
        type("input()\r");
        await("input()\r\r\n");
        Thread.sleep(500);
        type("\u0003");
        assertThat(await(">>> ")).endsWith("KeyboardInterrupt: \r\n>>> ");
        assertThat(enterLine("1 + 1")).isEqualTo("1 + 1\r\r\n2\r\n>>> ");
        type("\u0004");
        assertThat(await("\r\r\n")).isEqualTo("\r\r\n");
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        byte[] rest = process.getInputStream().readAllBytes();
        assertThat(process.exitValue()).as("exit status; the terminal showed <%s%s>", transcript,
                new String(rest, StandardCharsets.UTF_8)).isZero();
    }
}
