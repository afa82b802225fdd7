package dev.mpt.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpyCrossCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(boolean extended, String stdin, String... args) {
        return MpyCrossCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true), new PrintStream(err, true), extended);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheMpyNextToTheSource() throws IOException {
        Path src = dir.resolve("t.py");
        Files.writeString(src, "x = 1\n");
        assertThat(run(false, "", "-s", "t.py", src.toString())).isZero();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(dir.resolve("t.mpy"))))
            .isEqualTo("4d06001f030008742e7079000f027800400002018116025163");
    }

    @Test
    void outputNameReplacesTheLastTwoCharacters() throws IOException {
        Path src = dir.resolve("t.txt");
        Files.writeString(src, "x = 1\n");
        assertThat(run(false, "", src.toString())).isZero();
        assertThat(dir.resolve("t.tmpy")).exists();
    }

    @Test
    void stdinGoesToStdoutUnderTheNameStdin() {
        assertThat(run(false, "print(1)\n", "-")).isZero();
        assertThat(HexFormat.of().formatHex(out.toByteArray()))
            .isEqualTo("4d06001f03000e3c737464696e3e000f8177580802011102813401595163");
    }

    @Test
    void syntaxErrorPrintsATracebackAndFails() throws IOException {
        Path src = dir.resolve("bad.py");
        Files.writeString(src, "x = (1\n");
        assertThat(run(false, "", src.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("Traceback (most recent call last):\n  File \"" + src
            + "\", line 2\nSyntaxError: invalid syntax\n");
        assertThat(dir.resolve("bad.mpy")).doesNotExist();
    }

    @Test
    void compilerErrorsNameTheEmbeddedSourceNameParseErrorsTheInputFile() throws IOException {
        Path src = dir.resolve("c.py");
        Files.writeString(src, "break\n");
        assertThat(run(false, "", "-s", "other.py", src.toString())).isEqualTo(1);
        assertThat(err()).contains("File \"other.py\", line 1, in <module>");
        err.reset();
        Files.writeString(src, "x = (\n");
        assertThat(run(false, "", "-s", "other.py", src.toString())).isEqualTo(1);
        assertThat(err()).contains("File \"" + src + "\", line 2\n");
    }

    /** The file bytecode_limit.py of MicroPython's stress tests builds: a jump over n copies of a block. */
    private static String longJump(int n) {
        String body = " with f()()() as a:\n  try:\n   f()()()\n  except Exception:\n   pass\n";
        return "cond = 0\nif cond:\n" + body.repeat(n) + "else:\n print('cond false')\n";
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aJumpThatFitsOnceInnerJumpsShrankCompilesALongerOneIsBytecodeOverflow() throws IOException {
        Path src = dir.resolve("j.py");
        Files.writeString(src, longJump(431));
        assertThat(run(false, "", "-s", "b431.py", src.toString())).isZero();
        // the size and SHA-256 of what the official mpy-cross v1.28.0 writes for this source
        byte[] mpy = Files.readAllBytes(dir.resolve("j.mpy"));
        assertThat(mpy).hasSize(18174);
        assertThat(HexFormat.of().formatHex(sha256(mpy)))
            .isEqualTo("1ff508fc6fb5f1ab9749b10a0f1eb771b278093049bfeddb8bebfbf0d978bd4c");
        Files.writeString(src, longJump(432));
        assertThat(run(false, "", src.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("RuntimeError: bytecode overflow\n");
    }

    @Test
    void aNameLongerThan255BytesIsRuntimeErrorWithoutTraceback() throws IOException {
        Path src = dir.resolve("n.py");
        Files.writeString(src, "x = 1\n" + "a".repeat(255) + " = 2\n");
        assertThat(run(false, "", src.toString())).isZero();
        Files.writeString(src, "x = 1\n" + "a".repeat(256) + " = 2\n");
        assertThat(run(false, "", src.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("RuntimeError: name too long\n");
        err.reset();
        // the dotted name of an import is interned whole: 127 + 1 + 127 bytes fit, 128 + 1 + 127 do not
        Files.writeString(src, "import " + "a".repeat(127) + "." + "b".repeat(127) + "\n");
        assertThat(run(false, "", src.toString())).isZero();
        Files.writeString(src, "import " + "a".repeat(128) + "." + "b".repeat(127) + "\n");
        assertThat(run(false, "", src.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("RuntimeError: name too long\n");
    }

    @Test
    void officialMessagesForBadUsage() {
        assertThat(run(false, "")).isEqualTo(1);
        assertThat(err()).isEqualTo("no input file\n");
        err.reset();
        assertThat(run(false, "", "a.py", "b.py")).isEqualTo(1);
        assertThat(err()).isEqualTo("multiple input files\n");
        err.reset();
        assertThat(run(false, "", "-X", "emit=native", "a.py")).isEqualTo(1);
        assertThat(err()).isEqualTo("arch not specified\n");
        err.reset();
        assertThat(run(false, "", dir.resolve("missing.py").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("OSError: (2, \"can't open " + dir.resolve("missing.py") + "\")\n");
    }

    @Test
    void unknownOptionPrintsUsage() {
        assertThat(run(false, "", "-q", "a.py")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: mpy-cross [<opts>]");
    }

    @Test
    void versionLine() {
        assertThat(run(false, "", "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("; mpy-cross emitting mpy v6.3\n");
    }

    @Test
    void treeModeUsesRelativeSourceNamesAndSkipsUpToDateFiles() throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("pkg"));
        Files.writeString(src.resolve("main.py"), "import pkg.mod\n");
        Files.writeString(src.resolve("pkg/mod.py"), "def f():\n    return 1\n");
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(src.resolve("main.py"), past);
        Files.setLastModifiedTime(src.resolve("pkg/mod.py"), past);
        Path outDir = dir.resolve("out");
        assertThat(run(true, "", "-r", src.toString(), "-o", outDir.toString())).isZero();
        byte[] mod = Files.readAllBytes(outDir.resolve("pkg/mod.mpy"));
        assertThat(new String(mod, StandardCharsets.ISO_8859_1)).contains("pkg/mod.py")
            .doesNotContain(dir.toString());
        long before = Files.getLastModifiedTime(outDir.resolve("main.mpy")).toMillis();
        assertThat(run(true, "", "-r", src.toString(), "-o", outDir.toString())).isZero();
        assertThat(Files.getLastModifiedTime(outDir.resolve("main.mpy")).toMillis()).isEqualTo(before);
        Files.writeString(src.resolve("main.py"), "import pkg\n");
        Files.setLastModifiedTime(src.resolve("main.py"), java.nio.file.attribute.FileTime.fromMillis(before + 60_000));
        assertThat(run(true, "", "-r", src.toString(), "-o", outDir.toString())).isZero();
        assertThat(new String(Files.readAllBytes(outDir.resolve("main.mpy")), StandardCharsets.ISO_8859_1))
            .doesNotContain("pkg.mod");
    }

    @Test
    void picocliPassesEveryArgumentThroughInOrder() throws IOException {
        Path src = dir.resolve("p.py");
        Files.writeString(src, "x = 1\n");
        Path target = dir.resolve("o.mpy");
        int rc = new picocli.CommandLine(new MpyCrossCommand()).execute("-O2", "-s", "t.py", "-o", target.toString(),
            src.toString());
        assertThat(rc).isZero();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(target)))
            .isEqualTo("4d06001f030008742e7079000f027800400002018116025163");
    }

    @Test
    void helpShowsAnExample() {
        java.io.StringWriter sw = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new MpyCrossCommand());
        cl.setOut(new java.io.PrintWriter(sw));
        assertThat(cl.execute("--help")).isZero();
        assertThat(sw.toString()).contains("mpt compile -r src -o build");
    }

    @Test
    void extendedModeTakesSeveralInputs() throws IOException {
        Files.writeString(dir.resolve("a.py"), "a = 1\n");
        Files.writeString(dir.resolve("b.py"), "b = 2\n");
        assertThat(run(true, "", dir.resolve("a.py").toString(), dir.resolve("b.py").toString())).isZero();
        assertThat(dir.resolve("a.mpy")).exists();
        assertThat(dir.resolve("b.mpy")).exists();
    }

    @Test
    void marchDebugListsTheNativeEmittersOperationsOnStdout() throws IOException {
        Path src = dir.resolve("d.py");
        Files.writeString(src, """
            @micropython.viper
            def v(p: ptr16, i: int) -> bool:
                p[i] = 7
                return p[3] < i
            """);
        assertThat(run(false, "", "-march=debug", "-o", dir.resolve("d.mpy").toString(), src.toString())).isZero();
        String[] lines = out.toString(StandardCharsets.ISO_8859_1).split("\n");
        // (lines checked against the official mpy-cross v1.28.0 -march=debug)
        assertThat(lines[0]).isEqualTo("ENTRY(v, num_locals=3)");
        assertThat(lines[1]).isEqualTo("    load(r_fun_table, r_arg1, 1)");
        assertThat(lines).containsSubsequence("label(label_4)", "    mov_reg_imm(r_arg3, 262148=0x40004)",
            "    call_ind(arg_check_num_sig)", "label(label_5)");
        assertThat(lines).containsSubsequence("    add(r_arg1, r_local2)", "    add(r_arg1, r_local2)",
            "    store16(r_arg3, r_arg1)", "    load16(r_ret, r_local1, 3)", "    mov_reg_reg(r_arg2, r_ret)",
            "    setcc(6, r_ret, r_arg2, r_local2)");
        assertThat(lines).containsSubsequence("    jump(label_0)", "    dead_code mov_reg_imm(r_arg1, 0=0x0)",
            "    dead_code jump(label_0)", "label(label_0)", "EXIT(0)");
        assertThat(lines).hasSize(41);
        byte[] mpy = Files.readAllBytes(dir.resolve("d.mpy"));
        assertThat(mpy[2] & 0xff).as("arch 13 (debug) in the header").isEqualTo(0x37);
    }

    @Test
    void marchDebugNamesNestedFunctionsAndKeepsTheClosureInTheReturnRegister() throws IOException {
        Path src = dir.resolve("e.py");
        Files.writeString(src, """
            def outer():
                y = 1
                def inner():
                    return y
                return inner
            """);
        assertThat(run(false, "", "-march=debug", "-X", "emit=native", src.toString())).isZero();
        String listing = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(listing).startsWith("ENTRY(<module>, num_locals=10)\n")
            .contains("ENTRY(outer, num_locals=13)\n", "ENTRY(outer.inner, num_locals=7)\n")
            .contains("    call_ind(make_function_from_proto_fun)\n    mov_reg_imm(r_arg2, 1=0x1)\n"
                + "    mov_reg_local_addr(r_arg3, local_9)\n    call_ind(new_closure)\n");
        assertThat(dir.resolve("e.mpy")).exists();
    }
}
