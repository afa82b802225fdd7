package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.board.BoardServer;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sha256sum}, {@code edit} and {@code sleep} through the command line against the virtual board on TCP. */
@Timeout(120)
class SmallBoardCommandsEndToEndTest {
    @TempDir
    Path tmp;

    private Path flash;
    private VirtualBoard board;
    private BoardServer server;

    @BeforeEach
    void serve() throws IOException {
        flash = Files.createDirectories(tmp.resolve("flash"));
        board = VmBoard.create(flash);
        server = BoardServer.listen(board, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        board.close();
    }

    private Result mpt(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", server.deviceName()));
        all.addAll(List.of(args));
        return MainTest.mpt(all.toArray(new String[0]));
    }

    private static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** An editor script: a shell command line that the test writes into a file. */
    private String editor(String script) throws IOException {
        Path p = tmp.resolve("editor-" + System.nanoTime() + ".sh");
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p.toString();
    }

    @Test
    void sha256sumPrintsWhatSha256sumPrintsForEachFile() throws Exception {
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Files.write(flash.resolve("big.bin"), big);
        Files.writeString(flash.resolve("main.py"), "print(1)\n");
        Result r = mpt("sha256sum", ":big.bin", "main.py");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(sha(big) + "  big.bin\n"
                + sha("print(1)\n".getBytes(StandardCharsets.UTF_8)) + "  main.py\n");
    }

    @Test
    void sha256sumOfAMissingFileIsOneLine() {
        Result r = mpt("sha256sum", ":nope.py");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: nope.py: no such file or directory\n");
    }

    @Test
    void editWritesBackWhatTheEditorChanged() throws Exception {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        Result r = mpt("edit", "--editor", editor("sed -i 's/old/new/' \"$1\""), ":main.py");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("saved main.py\n");
        assertThat(Files.readString(flash.resolve("main.py"))).isEqualTo("print('new')\n");
    }

    @Test
    void editLeavesAnUnchangedFileAlone() throws Exception {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        Result r = mpt("edit", "--editor", "true", ":main.py");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("main.py unchanged\n");
    }

    @Test
    void anEditorThatFailsLeavesTheBoardUnchanged() throws Exception {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        String ed = editor("echo broken > \"$1\"; exit 3");
        Result r = mpt("edit", "--editor", ed, ":main.py");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the editor (" + ed + ") exited with status 3; main.py is unchanged on "
                + "the board\n");
        assertThat(Files.readString(flash.resolve("main.py"))).isEqualTo("print('old')\n");
    }

    @Test
    void editOverAPty() throws Exception {
        try (ServedBoard served = new ServedBoard(tmp.resolve("pty"))) {
            Files.writeString(tmp.resolve("pty/fs/boot.py"), "# boot\n");
            Result r = MainTest.mpt("-d", served.port(), "edit", "--editor", editor("echo 'import os' >> \"$1\""),
                    ":boot.py", "+", "sha256sum", ":boot.py");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("saved boot.py\n"
                    + sha("# boot\nimport os\n".getBytes(StandardCharsets.UTF_8)) + "  boot.py\n");
            assertThat(Files.readString(tmp.resolve("pty/fs/boot.py"))).isEqualTo("# boot\nimport os\n");
        }
    }

    @Test
    void sleepWaitsBetweenChainedCommands() {
        long t0 = System.nanoTime();
        Result r = mpt("exec", "print(1)", "+", "sleep", "0.4", "+", "exec", "print(2)");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("1\r\n2\r\n");
        assertThat(ms).isGreaterThanOrEqualTo(400);
    }

    @Test
    void sleepRefusesANegativeTime() {
        Result r = mpt("sleep", "-1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: sleep: SECONDS must be between 0 and 86400, not -1.0\n");
    }
}
