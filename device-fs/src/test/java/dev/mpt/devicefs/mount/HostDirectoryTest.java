package dev.mpt.devicefs.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's answers to a board's mount requests, on a real directory. */
class HostDirectoryTest {
    @TempDir
    Path tmp;

    static String text(byte[] answer) {
        return new String(answer, StandardCharsets.UTF_8);
    }

    @Test
    void pathsNeverClimbAboveTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(tmp.resolve("outside.txt"), "no");
        Files.writeString(root.resolve("a.txt"), "yes");
        HostDirectory dir = new HostDirectory(root, true);
        assertThat(text(dir.answer('O', List.of("/../outside.txt", "rb")))).isEqualTo("-2\n");
        assertThat(text(dir.answer('O', List.of("/../../a.txt", "rb")))).isEqualTo("0 0\nyes");
        assertThat(text(dir.answer('S', List.of("/x/../")))).startsWith("0 16384 0 ").endsWith("\n/");
    }

    @Test
    void errorsAreErrnoNumbers() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("d/e"));
        HostDirectory dir = new HostDirectory(root, false);
        assertThat(text(dir.answer('X', List.of("/d")))).isEqualTo("-39\n");
        assertThat(text(dir.answer('M', List.of("/d")))).isEqualTo("-17\n");
        assertThat(text(dir.answer('O', List.of("/d", "r")))).isEqualTo("-21\n");
        assertThat(text(dir.answer('O', List.of("/none/x.txt", "w")))).isEqualTo("-2\n");
        assertThat(text(dir.answer('R', List.of("7", "10")))).isEqualTo("-9\n");
        assertThat(text(dir.answer('Q', List.of()))).isEqualTo("-22\n");
    }

    @Test
    void aLargeFileIsReadInPiecesAndWritesArrive() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        byte[] big = new byte[HostDirectory.WHOLE_FILE + 10];
        big[big.length - 1] = 9;
        Files.write(root.resolve("big"), big);
        HostDirectory dir = new HostDirectory(root, false);
        assertThat(text(dir.answer('O', List.of("/big", "rb")))).isEqualTo("0 1\n");
        byte[] first = dir.answer('R', List.of("1", String.valueOf(HostDirectory.WHOLE_FILE)));
        assertThat(first).hasSize(2 + HostDirectory.WHOLE_FILE);
        byte[] rest = dir.answer('R', List.of("1", "100"));
        assertThat(rest).hasSize(2 + 10);
        assertThat(rest[rest.length - 1]).isEqualTo((byte) 9);
        assertThat(text(dir.answer('C', List.of("1")))).isEqualTo("0\n");
        assertThat(text(dir.answer('O', List.of("/w.txt", "w")))).isEqualTo("0 2\n");
        assertThat(text(dir.answer('W', List.of("2", "aGVsbG8=")))).isEqualTo("0 5\n");
        dir.answer('C', List.of("2"));
        assertThat(root.resolve("w.txt")).hasContent("hello");
    }

    @Test
    void answersAreFramedWithoutACtrlC() {
        byte[] f = MountLink.frame(new byte[] {'0', '\n', 3, 0x10, 'x'});
        assertThat(new String(f, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("\u000e000007");
        assertThat(f).containsSequence(0x10, 0x43, 0x10, 0x50, 'x').doesNotContain(3);
    }
}
