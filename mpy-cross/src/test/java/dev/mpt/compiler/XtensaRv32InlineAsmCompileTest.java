package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * {@code @micropython.asm_xtensa} and {@code @micropython.asm_rv32} functions through the whole
 * compiler and the command. Expected bytes and messages are the official mpy-cross v1.28.0's
 * for the same source, checked by hand instruction by instruction.
 */
class XtensaRv32InlineAsmCompileTest {

    static String hex(String src, String arch, long flags) {
        return HexFormat.of().formatHex(CrossCompiler.compileToBytes(src.getBytes(StandardCharsets.UTF_8), "t.py",
            new CrossCompiler.Options(0, 31, arch, flags)));
    }

    static String error(String src, String arch) {
        try {
            hex(src, arch, 0);
        } catch (CompileError e) {
            return e.traceback("t.py");
        }
        throw new AssertionError("no error");
    }

    // the module (MAKE_FUNCTION, STORE_NAME f, return None) is the same in all; the child is
    // kind 3 (native asm), its code, scope flags 0, one argument, type int
    private static final String MODULE = "0008742e7079000f0266004c00020132001602516301";

    @Test
    void xtensaCall0FramesTheFunctionLikeANativeOne() {
        // addi a1, a1, -32; s32i.n a0, a12..a15; addi a2, a2, 1; l32i.n a15..a12, a0;
        // addi a1, a1, 32; ret.n
        assertThat(hex("@micropython.asm_xtensa\ndef f(a2):\n    addi(a2, a2, 1)\n", "xtensa", 0))
            .isEqualTo("4d06271f03" + MODULE + "817b12c1e00901c911d921e931f94122c201f841e831d821c811080112c120"
                + "0df0000102");
    }

    @Test
    void xtensawinUsesEntryAndRetw() {
        // entry a1, 48; s32i.n a0, a1, 0; addi a2, a2, 1; l32i.n a0, a1, 0; retw.n
        assertThat(hex("@micropython.asm_xtensa\ndef f(a2):\n    addi(a2, a2, 1)\n", "xtensawin", 0))
            .isEqualTo("4d062b1f03" + MODULE + "633661000901" + "22c20108011df0000102");
    }

    @Test
    void xtensaMoviLoadsFromAConstantTableAtTheStart() {
        // j over the table; a padding byte; the word 100000; then entry; l32r a2, table; ...
        assertThat(hex("@micropython.asm_xtensa\ndef f(a2):\n    movi(a2, 100000)\n", "xtensawin", 0))
            .isEqualTo("4d062b1f03" + MODULE + "81230601" + "0000a08601003661" + "00090121fdff08011df0000102");
    }

    @Test
    void xtensaErrorsFoundWhileSizingAreReportedAtTheDefLine() {
        // MicroPython sizes Xtensa code twice and reports the first pass's error from the second
        assertThat(error("@micropython.asm_xtensa\ndef f(a2):\n    nop()\n    l32i_n(a2, a3, 6)\n", "xtensa"))
            .isEqualTo("Traceback (most recent call last):\n  File \"t.py\", line 2, in f\n"
                + "SyntaxError: 6 is not a multiple of 4\n");
        assertThat(error("@micropython.asm_xtensa\ndef f(a2):\n    nop()\n    foo(a2)\n", "xtensa"))
            .isEqualTo("Traceback (most recent call last):\n  File \"t.py\", line 2, in f\n"
                + "SyntaxError: unsupported Xtensa instruction 'foo' with 1 arguments\n");
        // an undefined label is only noticed when emitting: the instruction's line
        assertThat(error("@micropython.asm_xtensa\ndef f(a2):\n    nop()\n    j(zz)\n", "xtensa"))
            .isEqualTo("Traceback (most recent call last):\n  File \"t.py\", line 4, in f\n"
                + "SyntaxError: label 'zz' not defined\n");
    }

    @Test
    void xtensaBranchOutOfRangeIsARuntimeErrorWithoutTraceback() {
        String src = "@micropython.asm_xtensa\ndef f(a2):\n    label(start)\n" + "    nop()\n".repeat(100)
            + "    bbci(a2, 3, start)\n";
        assertThat(error(src, "xtensa")).isEqualTo("RuntimeError: ERROR: xtensa bit_branch out of range\n");
    }

    @Test
    void rv32HasNoPrologueAndEndsInCJrRa() {
        // lw a0, -4(a1); c.and s0, s1 (MicroPython keeps two bits of a2 and a3);
        // li a0, 0x12345 = lui a0, 0x12 + addi a0, a0, 0x345; c.jr ra
        assertThat(hex("@micropython.asm_rv32\ndef f(a0):\n    lw(a0, -4(a1))\n    c_and(a2, a3)\n"
            + "    li(a0, 0x12345)\n", "rv32imc", 0))
            .isEqualTo("4d062f1f03" + MODULE + "810303a5c5ff658c3725010013055534828000" + "0102");
    }

    @Test
    void rv32ZbaNeedsTheMarchFlag() {
        String src = "@micropython.asm_rv32\ndef f(a0):\n    sh1add(a0, a0, a1)\n";
        assertThat(error(src, "rv32imc")).isEqualTo("Traceback (most recent call last):\n"
            + "  File \"t.py\", line 3, in f\nSyntaxError: invalid RV32 instruction 'sh1add'\n");
        assertThat(hex(src, "rv32imc", 1)).isEqualTo("4d066f1f0103" + MODULE.substring(0, MODULE.length() - 2)
            + "01333325b5208280000102");
    }

    @Test
    void rv32OperandErrorsNameTheArgument() {
        assertThat(error("@micropython.asm_rv32\ndef f(a0):\n    c_nop()\n    lw(a0, 4(a1, a2))\n", "rv32imc"))
            .endsWith("line 4, in f\nSyntaxError: opcode 'lw' argument 3: expecting register\n");
        assertThat(error("@micropython.asm_rv32\ndef f(a0):\n    c_addi(a0, 0)\n", "rv32imc"))
            .endsWith("line 3, in f\nSyntaxError: opcode 'c_addi' argument 2: must not be zero\n");
        assertThat(error("@micropython.asm_rv32\ndef f(a0):\n    c_lw(a0, 4(a6))\n", "rv32imc"))
            .endsWith("line 3, in f\nSyntaxError: opcode 'c_lw' argument 3: unknown register\n");
        assertThat(error("@micropython.asm_rv32\ndef f(a0):\n    c_nop()\n    beq(a0, a0, nowhere)\n", "rv32imc"))
            .endsWith("line 4, in f\nSyntaxError: opcode 'beq' argument 3: undefined label 'nowhere'\n");
    }

    @Test
    void asmRv32HasNoAssemblerOnRv64() {
        assertThat(error("@micropython.asm_rv32\ndef f(a0):\n    c_nop()\n", "rv64imc"))
            .isEqualTo("Traceback (most recent call last):\n  File \"t.py\", line 1, in <module>\n"
                + "SyntaxError: invalid arch\n");
    }

    @Test
    void aLabelThatMovesBetweenPassesAbortsAsTheOfficialTool(@TempDir Path dir) throws IOException {
        // the forward beqz is sized against the backward label (short), then emitted long
        Path src = dir.resolve("m.py");
        Files.writeString(src, "@micropython.asm_xtensa\ndef f(a2):\n    label(a)\n    beqz(a2, b)\n    nop()\n"
            + "    label(b)\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MpyCrossCommand.run(new String[] {"-march=xtensa", src.toString()},
            new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).isEqualTo(134);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mpy-cross: ../py/asmbase.c:94: "
            + "mp_asm_base_label_assign: Assertion `as->label_offsets[label] == as->code_offset' failed.\n");
    }
}
