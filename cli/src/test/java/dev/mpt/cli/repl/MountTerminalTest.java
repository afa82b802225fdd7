package dev.mpt.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpt mount DIR} in a real terminal (tmux): it opens the REPL, and what is typed there
 * imports and writes through the mount. Against MicroPython's unix port on a raw pty, when
 * {@code MPT_TEST_MICROPYTHON} names its binary.
 */
@Timeout(180)
class MountTerminalTest {
    @TempDir
    Path dir;

    @Test
    void theTerminalServesTheMountWhileYouType() throws Exception {
        String mp = unixPort();
        Path host = hostWithShapes();
        try (TmuxPane pane = TmuxPane.withMpt(dir, 160, 40)) {
            pane.answer("./mpt -d 'pty:stty raw -echo; exec " + mp + "' --no-soft-reset mount host; echo mpt-exit=$?",
                    "mounted host at :/remote");
            pane.awaitText(">>> ", 1);
            pane.answer("import shapes", "shapes loaded");
            pane.answer("shapes.area(6, 7) * 100", "4200");
            pane.answer("f = open('typed.txt', 'w'); f.write('from the terminal'); f.close()", "17");
            assertThat(host.resolve("typed.txt")).hasContent("from the terminal");
            pane.line("import os; sorted(os.listdir())");
            String screen = pane.awaitText("['shapes.py', 'typed.txt']", 1);
            assertThat(screen).doesNotContain("Traceback");
            pane.press("C-]");
            pane.awaitText("mpt-exit=0", 1);
        }
    }

    /**
     * The board behind a serial port goes away and comes back (here: the unix port on a pty
     * made by socat, killed and started again on the same path, a fresh interpreter): the
     * terminal reconnects and the mount is made again before the first line typed there.
     */
    @Test
    void aBoardThatComesBackGetsTheMountAgain() throws Exception {
        String mp = unixPort();
        hostWithShapes();
        Path pty = dir.resolve("board-pty");
        Process board = socat(pty, mp);
        try (TmuxPane pane = TmuxPane.withMpt(dir, 160, 40)) {
            pane.answer("./mpt -d " + pty + " --no-soft-reset mount host; echo mpt-exit=$?", ">>> ");
            pane.answer("import shapes", "shapes loaded");
            board.destroy();
            board.waitFor();
            pane.awaitText("went away", 1);
            Thread.sleep(500);
            board = socat(pty, mp);
            pane.awaitText("reconnected to", 1);
            Thread.sleep(500);
            pane.line("import shapes");
            String screen = pane.awaitText("shapes loaded", 2);
            assertThat(screen).doesNotContain("ImportError").doesNotContain("raw REPL");
            pane.press("C-]");
            pane.awaitText("mpt-exit=0", 1);
        } finally {
            board.destroy();
        }
    }

    /** MicroPython's unix port, named by MPT_TEST_MICROPYTHON; the test is skipped without it. */
    private static String unixPort() {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        return mp;
    }

    /** The host directory to mount, with a module shapes.py that says when it is loaded. */
    private Path hostWithShapes() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host"));
        Files.writeString(host.resolve("shapes.py"), "print('shapes loaded')\ndef area(w, h):\n    return w * h\n");
        return host;
    }

    /** The unix port on a raw pty at {@code link}, as a serial board. */
    private static Process socat(Path link, String mp) throws Exception {
        Process p = new ProcessBuilder("socat", "PTY,link=" + link + ",rawer,echo=0",
                "EXEC:" + mp + ",pty,rawer,echo=0,stderr").redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(link); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        return p;
    }
}
