package dev.mpt.cli;

import static dev.mpt.cli.BoardFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * {@code sha256sum}, {@code edit} and {@code sleep} through the command line against the
 * virtual board, on TCP and on a pty.
 */
class SmallBoardCommandsEndToEndTest extends OnServedBoard {
    /** An editor script: a shell command line that the test writes into a file. */
    private String editor(String script) throws IOException {
        Path p = tmp.resolve("editor-" + System.nanoTime() + ".sh");
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p.toString();
    }

    @Test
    void sha256sumPrintsWhatSha256sumPrintsForEachFile() throws IOException {
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Files.write(flash.resolve("big.bin"), big);
        Files.writeString(flash.resolve("main.py"), "print(1)\n");
        Result r = mpt("sha256sum", ":big.bin", "main.py");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(sha256(big) + "  big.bin\n"
                + sha256("print(1)\n".getBytes(StandardCharsets.UTF_8)) + "  main.py\n");
    }

    @Test
    void sha256sumOfAMissingFileIsOneLine() {
        Result r = mpt("sha256sum", ":nope.py");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: nope.py: no such file or directory\n");
    }

    @Test
    void editWritesBackWhatTheEditorChanged() throws IOException {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        Result r = mpt("edit", "--editor", editor("sed -i 's/old/new/' \"$1\""), ":main.py");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("saved main.py\n");
        assertThat(Files.readString(flash.resolve("main.py"))).isEqualTo("print('new')\n");
    }

    @Test
    void editLeavesAnUnchangedFileAlone() throws IOException {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        Result r = mpt("edit", "--editor", "true", ":main.py");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("main.py unchanged\n");
    }

    @Test
    void anEditorThatFailsLeavesTheBoardUnchanged() throws IOException {
        Files.writeString(flash.resolve("main.py"), "print('old')\n");
        String ed = editor("echo broken > \"$1\"; exit 3");
        Result r = mpt("edit", "--editor", ed, ":main.py");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the editor (" + ed + ") exited with status 3; main.py is unchanged on "
                + "the board\n");
        assertThat(Files.readString(flash.resolve("main.py"))).isEqualTo("print('old')\n");
    }

    @Test
    void editOfAMissingFileIsOneLineAndRunsNoEditor() throws IOException {
        Path ran = tmp.resolve("editor-ran");
        Result r = mpt("edit", "--editor", editor("touch " + ran), ":nope.py");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: nope.py").hasLineCount(1);
        assertThat(ran).doesNotExist();
        assertThat(flash.resolve("nope.py")).doesNotExist();
    }

    @Test
    void editInAChainThenHashesWhatWasSaved() throws IOException {
        Files.writeString(flash.resolve("boot.py"), "# boot\n");
        Result r = mpt("edit", "--editor", editor("echo 'import os' >> \"$1\""), ":boot.py", "+", "sha256sum",
                ":boot.py");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("saved boot.py\n" + sha256("# boot\nimport os\n") + "  boot.py\n");
        assertThat(Files.readString(flash.resolve("boot.py"))).isEqualTo("# boot\nimport os\n");
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
