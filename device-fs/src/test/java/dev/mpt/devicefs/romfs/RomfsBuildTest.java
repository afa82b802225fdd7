package dev.mpt.devicefs.romfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.compiler.CrossCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ROMFS images as {@code mpremote romfs build} makes them. The expected bytes of the small
 * images were checked against mpremote v1.28's romfs builder for the same trees.
 */
class RomfsBuildTest {
    @TempDir
    Path tmp;

    private Path tree(String txt) throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("boot.py"), "a=1\n");
        Files.writeString(root.resolve("lib/x.txt"), txt);
        return root;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void anImageOfEvenLengthAsMpremoteBuildsIt() throws IOException {
        List<String> log = new ArrayList<>();
        byte[] image = new RomfsBuild(false, log::add).build(tree("hi").toString());
        assertThat(hex(image)).isEqualTo("d2cd3122050e07626f6f742e70790204613d310a0410036c6962050a0578"
                + "2e74787402026869");
        assertThat(log).containsExactly("Building romfs filesystem, source directory: " + tmp.resolve("tree") + "/",
                "/", "|-- boot.py", "\\-- lib/", "    \\-- x.txt");
    }

    @Test
    void anOddLengthIsPaddedWithARedundantLengthByte() throws IOException {
        byte[] image = new RomfsBuild(false, s -> {}).build(tree("hi!").toString() + "/");
        assertThat(hex(image)).isEqualTo("d2cd318023050e07626f6f742e70790204613d310a0411036c6962050b05"
                + "782e7478740203686921");
    }

    @Test
    void pyFilesAreCompiledWithTheDirectoryAsGivenInTheirSourceName() throws IOException {
        Path root = tree("hi!");
        List<String> log = new ArrayList<>();
        byte[] image = new RomfsBuild(true, log::add).build(root.toString());
        byte[] mpy = CrossCompiler.compileToBytes("a=1\n".getBytes(StandardCharsets.UTF_8), root + "/boot.py",
                CrossCompiler.Options.defaults());
        RomfsWriter w = new RomfsWriter();
        w.file("boot.mpy", mpy);
        w.openDir("lib");
        w.file("x.txt", "hi!".getBytes(StandardCharsets.UTF_8));
        w.closeDir();
        assertThat(image).isEqualTo(w.finish());
        assertThat(log).contains("|-- boot.py -> .mpy");
    }

    @Test
    void aPyWithAnMpyBesideItIsStoredAsItIs() throws IOException {
        Path root = tree("hi");
        Files.writeString(root.resolve("boot.mpy"), "prebuilt");
        List<String> log = new ArrayList<>();
        byte[] image = new RomfsBuild(true, log::add).build(root.toString());
        assertThat(log).contains("|-- boot.mpy", "|-- boot.py");
        assertThat(new String(image, StandardCharsets.ISO_8859_1)).contains("boot.py\u0002\u0004a=1\n")
                .contains("prebuilt");
    }

    @Test
    void varintsAreMostSignificantGroupFirst() {
        assertThat(hex(RomfsWriter.uint(0))).isEqualTo("00");
        assertThat(hex(RomfsWriter.uint(127))).isEqualTo("7f");
        assertThat(hex(RomfsWriter.uint(128))).isEqualTo("8100");
        assertThat(hex(RomfsWriter.uint(20000))).isEqualTo("819c20");
    }

    @Test
    void sourceThatDoesNotCompileIsOneLine() throws IOException {
        Path root = tree("hi");
        Files.writeString(root.resolve("bad.py"), "def f(:\n");
        assertThatThrownBy(() -> new RomfsBuild(true, s -> {}).build(root.toString()))
                .isInstanceOf(RomfsBuild.BuildException.class)
                .hasMessage(root + "/bad.py, line 1: SyntaxError: invalid syntax");
    }

    @Test
    void namesMustBeAscii() throws IOException {
        Path root = tree("hi");
        Files.writeString(root.resolve("caf\u00e9.txt"), "x");
        assertThatThrownBy(() -> new RomfsBuild(false, s -> {}).build(root.toString()))
                .hasMessage("ROMFS names must be ASCII: caf\u00e9.txt");
    }
}
