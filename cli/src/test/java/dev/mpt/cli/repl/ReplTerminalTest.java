package dev.mpt.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpt repl} as a person uses it: in a real terminal (tmux), against the virtual board
 * served by {@code mpt board serve} over TCP and on a pty, which the test kills and starts
 * again as a board is reset or re-plugged.
 */
@Timeout(300)
class ReplTerminalTest {
    private static final Pattern STAMPED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");

    @TempDir
    Path dir;

    @Test
    void overTcp() throws Exception {
        int port = ServedProcess.freePort();
        everydayUse(port, null, "socket://127.0.0.1:" + port);
    }

    @Test
    void onAPty() throws Exception {
        int port = ServedProcess.freePort();
        Path pty = dir.resolve("board-pty");
        everydayUse(port, pty, pty.toString());
    }

    /** Expression, Ctrl-C, paste mode, Ctrl-D, the board killed and back, the exit key, the log. */
    private void everydayUse(int port, Path pty, String device) throws Exception {
        Path flash = Files.createDirectories(dir.resolve("flash"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        ServedProcess served = ServedProcess.start(flash, port, pty);
        try (TmuxPane pane = TmuxPane.withMpt(dir, 200, 50)) {
            pane.answer("stty -g > stty-before; ./mpt -d " + device + " repl --log repl.log --timestamps; "
                    + "echo mpt-exit=$?; stty -g > stty-after",
                    "Connected to " + device);
            pane.awaitText(">>> ", 1);

            expressionInterruptAndPaste(pane, 1500);

            // Ctrl-D soft-resets
            pane.press("C-d");
            pane.awaitText("soft reboot", 1);

            // the served board killed and started again: one status line, then a working prompt
            served.kill();
            pane.awaitText("went away", 1);
            Thread.sleep(700);
            served = ServedProcess.start(flash, port, pty);
            pane.awaitText("[mpt] reconnected to", 1);
            pane.line("7*11111");
            String screen = pane.awaitText("77777", 1);
            assertThat(TmuxPane.count(screen, "[mpt]")).as(screen).isEqualTo(2); // went away, reconnected

            // the exit key leaves, the terminal as it was
            pane.press("C-]");
            screen = pane.awaitText("mpt-exit=0", 1);
            awaitFile(dir.resolve("stty-after"));
            assertThat(Files.readString(dir.resolve("stty-after"))).isEqualTo(Files.readString(dir.resolve("stty-before")));

            // --log --timestamps wrote what was shown
            List<String> log = Files.readString(dir.resolve("repl.log"), StandardCharsets.ISO_8859_1)
                    .replace("\r", "").lines().toList();
            assertThat(log).allMatch(l -> STAMPED.matcher(l).matches());
            assertThat(String.join("\n", log)).contains("6170", "KeyboardInterrupt", "row 222", "soft reboot", "77777");
            List<String> shownStamped = screen.lines().filter(l -> STAMPED.matcher(l).matches()).map(String::stripTrailing)
                    .toList();
            assertThat(shownStamped).hasSizeGreaterThan(10);
            assertThat(log.stream().map(String::stripTrailing).toList()).containsAll(shownStamped);

            // JLine unpacked no native library into the temporary directory (jSerialComm keeps one
            // copy of its own there, reused by every run, for the pty)
            try (var left = Files.walk(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("jline"));
            }
        } finally {
            served.close();
        }
    }

    /**
     * The same scenarios against a board mpt did not write: MicroPython's unix port behind a
     * pty made by socat. Runs when MPT_UNIX_MICROPYTHON names its binary. Ctrl-D at its
     * prompt ends the process (it has no soft reset), so that is the board going away here;
     * the test starts it again on the same path.
     */
    @Test
    void unixPortBehindAPty() throws Exception {
        String micropython = System.getenv("MPT_UNIX_MICROPYTHON");
        org.junit.jupiter.api.Assumptions.assumeTrue(micropython != null && Files.isExecutable(Path.of(micropython)),
                "set MPT_UNIX_MICROPYTHON to MicroPython's unix port to run this");
        Path pty = dir.resolve("unix-pty");
        List<String> socat = List.of("socat", "PTY,link=" + pty + ",raw,echo=0",
                "EXEC:" + micropython + ",pty,stderr,setsid,sigint,ctty");
        Process board = new ProcessBuilder(socat).redirectErrorStream(true).start();
        try (TmuxPane pane = TmuxPane.withMpt(dir, 200, 50)) {
            // (only that the link is there: reading a pty would wait for its output for ever)
            for (int i = 0; i < 200 && !Files.exists(pty); i++) {
                Thread.sleep(50);
            }
            pane.answer("stty -g > stty-before; ./mpt -d " + pty + " repl --log repl.log --timestamps; "
                    + "echo mpt-exit=$?; stty -g > stty-after",
                    ">>> ");
            expressionInterruptAndPaste(pane, 1000);
            upRecallsTheLastLine(pane);
            tabCompletes(pane);
            pane.press("C-d"); // the unix port exits: the board goes away
            pane.awaitText("went away", 1);
            board.waitFor(10, TimeUnit.SECONDS);
            board = new ProcessBuilder(socat).redirectErrorStream(true).start();
            pane.awaitText("[mpt] reconnected to", 1);
            pane.answer("7*11111", "77777");
            pane.press("C-]");
            pane.awaitText("mpt-exit=0", 1);
            awaitFile(dir.resolve("stty-after"));
            assertThat(Files.readString(dir.resolve("stty-after"))).isEqualTo(Files.readString(dir.resolve("stty-before")));
            assertThat(Files.readString(dir.resolve("repl.log"))).contains("6170", "KeyboardInterrupt", "row 222",
                    "sys.implementation", "77777");
        } finally {
            board.destroy();
        }
    }

    /** An expression shows its result; Ctrl-C interrupts a loop (the monitor stays); paste mode runs a block. */
    private static void expressionInterruptAndPaste(TmuxPane pane, long loopMillis) throws Exception {
        pane.answer("1234*5", "6170");
        pane.answer("while True: pass", "...");
        pane.press("Enter");
        Thread.sleep(loopMillis);
        pane.press("C-c");
        pane.awaitText("KeyboardInterrupt", 1);
        pane.answer("2**10", "1024");
        pane.press("C-e");
        pane.awaitText("paste mode", 1);
        pane.line("for i in range(3):");
        pane.line("    print('row', i * 111)");
        pane.press("C-d");
        pane.awaitText("row 222", 1);
    }

    /** Up shows the last line again and Enter runs it again. */
    static void upRecallsTheLastLine(TmuxPane pane) throws Exception {
        pane.awaitPrompt(">>>");
        pane.answer("300+33", "333");
        pane.awaitPrompt(">>>");
        pane.press("Up");
        pane.press("Enter");
        pane.awaitText(">>> 300+33", 2); // the line shown again,
        pane.awaitText("333", 2); // and its result again
    }

    /** Tab completes a name from the board. */
    static void tabCompletes(TmuxPane pane) throws Exception {
        pane.awaitPrompt(">>>");
        pane.line("import sys");
        pane.awaitPrompt(">>>");
        pane.type("sys.imp");
        pane.press("Tab");
        pane.awaitText(">>> sys.implementation", 1);
        pane.press("Enter");
        pane.awaitText("name='micropython'", 1);
    }

    /**
     * {@code ./mpt -d socket://… repl} typed in a terminal, at the board's prompt, with a
     * virtual board served for it; {@code then} types what the test is about.
     */
    private void onTheVirtualBoard(PaneSteps then) throws Exception {
        int port = ServedProcess.freePort();
        try (ServedProcess served = ServedProcess.start(Files.createDirectories(dir.resolve("flash")), port, null);
                TmuxPane pane = TmuxPane.withMpt(dir, 200, 50)) {
            pane.answer("./mpt -d socket://127.0.0.1:" + port + " repl", ">>> ");
            then.type(pane);
            pane.press("C-]");
        }
    }

    private interface PaneSteps {
        void type(TmuxPane pane) throws Exception;
    }

    /** Waits (up to 10 s) until the shell has written a whole line to p: the file appears empty first. */
    private static void awaitFile(Path p) throws Exception {
        for (int i = 0; i < 200 && !(Files.exists(p) && Files.readString(p).endsWith("\n")); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void sigtermAndSighupRestoreTheTerminal() throws Exception {
        int port = ServedProcess.freePort();
        try (ServedProcess served = ServedProcess.start(Files.createDirectories(dir.resolve("flash")), port, null);
                TmuxPane pane = TmuxPane.withMpt(dir, 200, 50)) {
            for (String signal : List.of("TERM", "HUP")) {
                pane.answer("stty -g > before-" + signal + "; ./mpt -d socket://127.0.0.1:" + port + " repl; "
                        + "stty -g > after-" + signal + "; echo ended-" + signal,
                        ">>> ");
                pane.answer("print('up', 3*3)", "up 9");
                long pid = pane.foregroundPid();
                assertThat(pid).isPositive();
                new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor(5, TimeUnit.SECONDS);
                pane.awaitText("ended-" + signal, 2); // the command line shows it once
                awaitFile(dir.resolve("after-" + signal));
                assertThat(Files.readString(dir.resolve("after-" + signal)))
                        .isEqualTo(Files.readString(dir.resolve("before-" + signal)));
                pane.line("clear");
                Thread.sleep(300);
                pane.tmux("clear-history", "-t", "main");
            }
        }
    }

    @Test
    void withoutATerminalTheInputIsTypedAndTheOutputPrinted() throws Exception {
        int port = ServedProcess.freePort();
        try (ServedProcess served = ServedProcess.start(Files.createDirectories(dir.resolve("flash")), port, null)) {
            List<String> argv = ServedProcess.mptCommand();
            argv.addAll(List.of("-d", "socket://127.0.0.1:" + port, "repl"));
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write("print(6*7)\nfor i in range(2):\n    print('n', i + 100)\n\nx = 5\nx * 3\n"
                        .getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            String text = out.toString(StandardCharsets.UTF_8).replace("\r", "");
            assertThat(text).contains("\n42\n", "\nn 100\nn 101\n", "\n15\n").doesNotContain("Error");
        }
    }

    @Test
    void upRecallsTheLastLine() throws Exception {
        onTheVirtualBoard(ReplTerminalTest::upRecallsTheLastLine);
    }

    @Test
    void tabCompletes() throws Exception {
        onTheVirtualBoard(ReplTerminalTest::tabCompletes);
    }
}
