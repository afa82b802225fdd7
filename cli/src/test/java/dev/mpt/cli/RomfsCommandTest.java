package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpt romfs build} through the command line (the image bytes were checked against mpremote v1.28). */
class RomfsCommandTest {
    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("boot.py"), "a=1\n");
        Files.writeString(root.resolve("lib/x.txt"), "hi");
        return root;
    }

    @Test
    void buildsTheImageMpremoteBuilds() throws IOException {
        Path root = tree();
        Path out = tmp.resolve("out.img");
        Result r = MainTest.mpt("romfs", "build", "--no-mpy", root.toString(), "-o", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(out))).isEqualTo(
                "d2cd3122050e07626f6f742e70790204613d310a0410036c6962050a0578" + "2e74787402026869");
        assertThat(r.out()).isEqualTo("Building romfs filesystem, source directory: " + root + "/\n/\n"
                + "|-- boot.py\n\\-- lib/\n    \\-- x.txt\nWriting 38 bytes to output file " + out + "\n");
    }

    /** Sizes on both sides of a one-byte varint, an empty directory, nested ones (checked against mpremote v1.28). */
    @Test
    void varintBoundariesAndEmptyAndNestedDirectoriesAsMpremoteBuildsThem() throws IOException {
        Path root = tmp.resolve("t6");
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("a127.bin"), "a".repeat(127));
        Files.writeString(root.resolve("b128.bin"), "b".repeat(128));
        Files.writeString(root.resolve("sub/deeper/z.txt"), "z");
        Path out = tmp.resolve("t6.img");
        Result r = MainTest.mpt("romfs", "build", "--no-mpy", root.toString(), "-o", out.toString());
        assertThat(r.status()).isZero();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(out))).isEqualTo("d2cd3180823e05810a08613132372e62696e027f"
                + "61".repeat(127) + "05810c08623132382e62696e028100" + "62".repeat(128)
                + "040605656d7074790418037375620412066465657065720509057a2e74787402017a");
        assertThat(r.out()).endsWith("Writing 324 bytes to output file " + out + "\n");
    }

    @Test
    void compilesPyByDefaultAndWritesDirDotRomfs() throws IOException {
        Path root = tree();
        Result r = MainTest.mpt("romfs", "build", root.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("|-- boot.py -> .mpy\n");
        byte[] image = Files.readAllBytes(tmp.resolve("tree.romfs"));
        assertThat(new String(image, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("boot.mpy")
                .contains(root + "/boot.py").doesNotContain("a=1\n");
    }

    @Test
    void aMissingDirectoryIsOneLine() {
        Result r = MainTest.mpt("romfs", "build", tmp.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: not a directory: " + tmp.resolve("nope") + "\n");
        assertThat(tmp.resolve("nope.romfs")).doesNotExist();
    }
}
