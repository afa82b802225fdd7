package dev.mpt.devicefs.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.devicefs.BoardConnection;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mount on the virtual board, and what only a board that soft-resets can show: the mount
 * is made again after each soft reset, from the raw REPL and from the friendly prompt.
 */
@Timeout(120)
class VirtualBoardMountTest {
    @TempDir
    Path tmp;

    Path host;
    VirtualBoard virtual;
    BoardConnection board;

    @BeforeEach
    void connect() throws Exception {
        host = Files.createDirectories(tmp.resolve("host"));
        virtual = VmBoard.create(Files.createDirectories(tmp.resolve("flash"))).start();
        board = new BoardConnection(virtual::connect);
        board.configure("virtual", Devices.OpenOptions.defaults(), true);
        Files.createDirectories(host.resolve("pkg"));
        Files.writeString(host.resolve("pkg/__init__.py"), "VALUE = 41 + 1\n");
        Files.writeString(host.resolve("notes.txt"), "from the host\n");
    }

    @AfterEach
    void close() {
        board.close();
        virtual.close();
    }

    String run(String code) throws Exception {
        return board.repl().exec(code).stdoutText().replace("\r\n", "\n");
    }

    @Test
    void theBoardImportsReadsAndWritesThroughTheMount() throws Exception {
        Mount.attach(board, host, false);
        assertThat(run("import pkg\nprint(pkg.VALUE)")).isEqualTo("42\n");
        assertThat(run("print(open('notes.txt').read(), end='')")).isEqualTo("from the host\n");
        run("with open('made.txt', 'w') as f:\n f.write('made on the board\\n')");
        assertThat(host.resolve("made.txt")).hasContent("made on the board\n");
    }

    @Test
    void theMountSurvivesASoftResetInTheRawRepl() throws Exception {
        Mount mount = Mount.attach(board, host, false);
        assertThat(run("import pkg\nprint(pkg.VALUE)")).isEqualTo("42\n");
        board.repl().softReset();
        assertThat(run("import os\nprint(os.getcwd())")).isEqualTo("/remote\n");
        assertThat(run("import pkg\nprint(pkg.VALUE)")).isEqualTo("42\n");
        assertThat(mount.link().remounts()).isEqualTo(1);
        assertThat(mount.link().remountFailure()).isNull();
    }

    @Test
    void theMountSurvivesASoftResetAtTheFriendlyPrompt() throws Exception {
        Mount mount = Mount.attach(board, host, false);
        board.repl().exit();
        Link link = board.link();
        link.write(new byte[] {0x04}); // Ctrl-D at ">>> ": soft reset
        assertThat(readUntil(link, ">>> ")).contains("soft reboot");
        link.write("import pkg; print(pkg.VALUE * 2)\r".getBytes(StandardCharsets.US_ASCII));
        String out = readUntil(link, ">>> ");
        assertThat(out).contains("84").doesNotContain("raw REPL").doesNotContain("Traceback");
        assertThat(mount.link().remounts()).isEqualTo(1);
    }

    static String readUntil(Link link, String end) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int n = link.read(buf, 0, buf.length, Duration.ofMillis(200));
                seen.write(buf, 0, n);
                if (seen.toString(StandardCharsets.UTF_8).endsWith(end)) {
                    return seen.toString(StandardCharsets.UTF_8);
                }
            } catch (LinkTimeoutException e) {
                // wait on
            }
        }
        throw new AssertionError("no " + end + " in " + seen.toString(StandardCharsets.UTF_8));
    }
}
