package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyReader;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.RawCode;
import dev.mpt.compiler.cli.MpyCrossCommand;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @micropython.asm_thumb} functions through the whole compiler: with a Thumb -march the
 * function becomes a native-asm child raw code and the header names the architecture.
 * The expected files were checked by hand field by field (header, qstrs, module bytecode,
 * child kind and length, Thumb instructions, argument count, return type).
 */
class InlineAsmCompileTest {

    private static final String ADD_ONE = "@micropython.asm_thumb\ndef f(r0):\n    add(r0, r0, 1)\n";

    static byte[] compile(String src, String arch) {
        return CrossCompiler.compileToBytes(src.getBytes(StandardCharsets.UTF_8), "t.py",
            new CrossCompiler.Options(0, 31, arch));
    }

    static String hex(String src, String arch) {
        return HexFormat.of().formatHex(compile(src, arch));
    }

    // header: 'M' 6, feature byte = sub-version 3 | arch << 2, 31-bit small ints; qstrs "t.py",
    // <module>, "f"; the module: MAKE_FUNCTION child 0, STORE_NAME f, return None; the child:
    // kind 3 (native asm), 6 bytes: push {r1, r4-r7, lr}; adds r0, r0, #1; pop {r1, r4-r7, pc};
    // then scope flags 0, 1 argument, type int (2)
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "armv7m, 4d06171f030008742e7079000f0266004c0002013200160251630133f2b5401cf2bd000102",
        "armv6m, 4d06131f030008742e7079000f0266004c0002013200160251630133f2b5401cf2bd000102",
        "armv7emdp, 4d06231f030008742e7079000f0266004c0002013200160251630133f2b5401cf2bd000102",
    })
    void anAsmFunctionBecomesANativeChildForEachThumbArch(String arch, String expected) {
        assertThat(hex(ADD_ONE, arch)).isEqualTo(expected);
    }

    @Test
    void armv6CodeStartsWithAnArmModeTrampoline() {
        // 26 bytes: ARM push {r4, lr}; add lr, pc, #9; bx lr (into the Thumb code);
        // pop {r4, lr}; bx lr; then the same 6 bytes of Thumb code as on the other targets
        assertThat(hex(ADD_ONE, "armv6")).isEqualTo("4d060f1f030008742e7079000f0266004c000201320016025163"
            + "01815310402de909e08fe23eff2fe11040bde81eff2fe1f2b5401cf2bd000102");
    }

    @Test
    void labelsBranchesAndTheReturnType() {
        // 8 bytes of code: push; subs r0, #1; bne loop (-6); pop; two arguments, type uint (3)
        String src = "@micropython.asm_thumb\ndef g(r0, r1) -> uint:\n    label(loop)\n    sub(r0, 1)\n"
            + "    bne(loop)\n";
        assertThat(hex(src, "armv7emsp"))
            .isEqualTo("4d061f1f030008742e7079000f0267004c0002013200160251630143f2b50138fdd1f2bd000203");
    }

    @Test
    void theFileReadsBackAsAnAsmRawCode() throws Exception {
        MpyFile f = MpyReader.read(compile(ADD_ONE, "armv7em"));
        assertThat(f.header().arch()).isEqualTo(NativeArch.ARMV7EM);
        RawCode child = f.root().children().get(0);
        assertThat(child).isInstanceOf(RawCode.Asm.class);
        assertThat(((RawCode.Asm) child).nPosArgs()).isEqualTo(1);
    }

    @Test
    void aMarchWithoutAsmFunctionsKeepsABytecodeHeader() {
        assertThat(hex("x = 1\n", "armv7m")).isEqualTo(hex("x = 1\n", null));
    }

    @Test
    void asmErrorsAreSyntaxErrorsInTheAsmFunction() {
        assertThatThrownBy(() -> compile("x = 1\n@micropython.asm_thumb\ndef f(r5):\n    nop()\n", "armv7m"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.traceback("w.py")).isEqualTo(
                "Traceback (most recent call last):\n  File \"w.py\", line 3, in f\n"
                    + "SyntaxError: parameters must be registers in sequence r0 to r3\n"));
        assertThatThrownBy(() -> compile("@micropython.asm_thumb\nclass C:\n    pass\n", "armv7m"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.traceback("t.py")).isEqualTo(
                "Traceback (most recent call last):\n  File \"t.py\", line 2, in C\n"
                    + "SyntaxError: inline assembler must be a function\n"));
    }

    @Test
    void anArchWithoutInlineAssemblerIsInvalid() {
        assertThatThrownBy(() -> compile(ADD_ONE, "x64"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.traceback("t.py")).isEqualTo(
                "Traceback (most recent call last):\n  File \"t.py\", line 1, in <module>\n"
                    + "SyntaxError: invalid arch\n"));
    }

    @Test
    void viperOnTheDebugArchitectureHasNoMachineCodeAndInlineAssemblyThereIsAnInvalidArch() {
        // the header names architecture 13; the function holds only the emitter's data
        assertThat(hex("@micropython.viper\ndef f():\n    pass\n", "debug")).startsWith("4d06371f");
        assertThatThrownBy(() -> compile("@micropython.asm_thumb\ndef f():\n    nop()\n", "debug"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.getMessage()).contains("invalid arch"));
    }

    @Test
    void aFunctionTooLargeForTheHeapIsAMemoryErrorWithoutTraceback(@TempDir Path dir) throws IOException {
        // 65540 bytes of code (push, nop, padding to 64 KiB, nop, pop) do not fit a 64 KiB
        // heap ("-X heapsize=32wk": 32 Ki 32-bit words, i.e. 64 KiB on a 64-bit host); half fits
        Path big = dir.resolve("big.py");
        Files.writeString(big, "@micropython.asm_thumb\ndef f(r0):\n    nop()\n    align(65536)\n    nop()\n");
        Path half = dir.resolve("half.py");
        Files.writeString(half, "@micropython.asm_thumb\ndef f(r0):\n    nop()\n    align(32768)\n    nop()\n");
        for (String heap : new String[] {"heapsize=64k", "heapsize=32wk"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(command(err, "-march=armv7m", "-X", heap, big.toString())).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("MemoryError: memory allocation failed, allocating 65540 bytes\n");
            assertThat(command(new ByteArrayOutputStream(), "-march=armv7m", "-X", heap, half.toString())).isZero();
        }
        assertThat(command(new ByteArrayOutputStream(), "-march=armv7m", big.toString())).isZero();
    }

    private static int command(ByteArrayOutputStream err, String... args) {
        return MpyCrossCommand.run(args, new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void theCommandAbortsLikeTheOfficialToolOnItsFailedAssertion(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("v.py");
        Files.writeString(src, "@micropython.asm_thumb\ndef f(r0):\n    movw(pc, 1)\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command(err, "-march=armv7m", src.toString())).isEqualTo(134);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mpy-cross: ../py/asmthumb.c:247: "
            + "asm_thumb_mov_reg_i16: Assertion `reg_dest < ASM_THUMB_REG_R15' failed.\n");
    }
}
