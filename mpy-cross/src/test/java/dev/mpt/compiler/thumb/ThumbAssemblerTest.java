package dev.mpt.compiler.thumb;

import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;
import dev.mpt.compiler.inlineasm.InlineAsmError;
import dev.mpt.compiler.inlineasm.AssembledFunction;
import dev.mpt.compiler.inlineasm.AsmMemoryError;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.RawCode;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole functions and error reports, checked against what the official mpy-cross v1.28.0
 * produces for the same source (the expected bytes and messages were read off its output).
 */
class ThumbAssemblerTest {

    private static AssembledFunction assemble(String arch, String source) throws InlineAsmError {
        ThumbAssembler asm = new ThumbAssembler(NativeArch.ofMarchName(arch).orElseThrow());
        InlineAsmFunction fn = AsmText.parse("@micropython.asm_thumb\n" + source);
        asm.checkScope(fn);
        return asm.assemble(fn);
    }

    private static String hex(AssembledFunction f) {
        return HexFormat.of().formatHex(f.code());
    }

    private static final String LOOP = "def count_down(r0):\n"
            + "    mov(r1, 0)\n"
            + "    label(top)\n"
            + "    add(r1, r1, r0)\n"
            + "    sub(r0, 1)\n"
            + "    bgt(top)\n"
            + "    mov(r0, r1)\n";

    @Test
    void loopWithBackwardBranchIsWrappedInPushAndPop() throws Exception {
        AssembledFunction f = assemble("armv7m", LOOP);
        assertThat(hex(f)).isEqualTo("f2b5" + "0021" + "0918" + "0138" + "fcdc" + "0846" + "f2bd");
        assertThat(f.nPosArgs()).isEqualTo(1);
        assertThat(f.typeSig()).isEqualTo(2);
        assertThat(hex(assemble("armv6m", LOOP))).isEqualTo(hex(f));
    }

    @Test
    void armv6AddsTheArmStateStubBeforeTheThumbCode() throws Exception {
        assertThat(hex(assemble("armv6", LOOP))).isEqualTo(
                "10402de9" + "09e08fe2" + "3eff2fe1" + "1040bde8" + "1eff2fe1"
                        + "f2b5" + "0021" + "0918" + "0138" + "fcdc" + "0846" + "f2bd");
        assertThat(hex(assemble("armv6", "def empty():\n    pass\n"))).isEqualTo(
                "10402de909e08fe23eff2fe11040bde81eff2fe1" + "f2b5f2bd");
    }

    @Test
    void emptyFunctionIsJustEntryAndExit() throws Exception {
        AssembledFunction f = assemble("armv7m", "def empty():\n    pass\n");
        assertThat(hex(f)).isEqualTo("f2b5f2bd");
        assertThat(f.nPosArgs()).isZero();
    }

    @Test
    void dataAndAlignPadWithZeros() throws Exception {
        AssembledFunction f = assemble("armv7m", "def table(r0, r1) -> uint:\n"
                + "    b(skip)\n"
                + "    align(4)\n"
                + "    data(2, 0x1234, -2)\n"
                + "    data(1, 7)\n"
                + "    align(4)\n"
                + "    label(skip)\n"
                + "    movwt(r2, 0xdeadbeef)\n"
                + "    mov(r0, r2)\n");
        assertThat(hex(f)).isEqualTo("f2b5" + "03e0" + "3412" + "feff" + "07" + "000000"
                + "4bf6ef62" + "cdf6ad62" + "1046" + "f2bd");
        assertThat(f.nPosArgs()).isEqualTo(2);
        assertThat(f.typeSig()).isEqualTo(3);
    }

    @Test
    void dataWiderThanEightBytesIsZeroExtended() throws Exception {
        AssembledFunction f = assemble("armv7m", "def f(r0):\n"
                + "    nop()\n    align(8)\n    data(1, 0xaa)\n    align(4)\n    data(3, -1)\n    data(9, -1)\n"
                + "    data(0, 5)\n    nop()\n");
        assertThat(hex(f)).isEqualTo("f2b5" + "00bf" + "00000000" + "aa000000" + "ffffff"
                + "ffffffffffffffff00" + "00bf" + "f2bd");
    }

    @Test
    void floatingPointNeedsAnFpuTarget() throws Exception {
        String src = "def fsum(r0, r1, r2) -> object:\n"
                + "    vmov(s0, r1)\n    vmov(s1, r2)\n    vadd(s2, s0, s1)\n    vmov(r0, s2)\n";
        AssembledFunction f = assemble("armv7emsp", src);
        assertThat(hex(f)).isEqualTo("f2b5" + "00ee101a" + "00ee902a" + "30ee201a" + "11ee100a" + "f2bd");
        assertThat(f.typeSig()).isZero();
        assertThat(f.nPosArgs()).isEqualTo(3);
        InlineAsmError e = catchThrowableOfType(InlineAsmError.class, () -> assemble("armv7m", src));
        assertThat(e.getMessage()).isEqualTo("unsupported Thumb instruction 'vmov' with 2 arguments");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void itBlocksWidePushPopAndBl() throws Exception {
        AssembledFunction f = assemble("armv7m", "def flags(r0) -> bool:\n"
                + "    cmp(r0, 10)\n    ite(lt)\n    mov(r0, 1)\n    mov(r0, 0)\n"
                + "    push({r4, r8, lr})\n    pop({r4, r8, lr})\n    bl(done)\n    label(done)\n");
        assertThat(hex(f)).isEqualTo("f2b5" + "0a28" + "b4bf" + "0120" + "0020"
                + "2de91041" + "bde81041" + "00f000f8" + "f2bd");
        assertThat(f.typeSig()).isEqualTo(1);
    }

    @Test
    void rawCodeCarriesArgumentCountAndSignature() throws Exception {
        RawCode.Asm rc = assemble("armv7m", LOOP).toRawCode();
        assertThat(rc.nPosArgs()).isEqualTo(1);
        assertThat(rc.typeSig()).isEqualTo(2);
        assertThat(rc.scopeFlags()).isZero();
        assertThat(rc.children()).isEmpty();
        assertThat(HexFormat.of().formatHex(rc.data())).startsWith("f2b5").endsWith("f2bd");
    }

    @Test
    void movwToPcTripsTheOfficialToolsAssertion() {
        assertThatThrownBy(() -> assemble("armv7m", "def f():\n    movw(pc, 1)\n"))
                .isInstanceOf(AssemblerAssertion.class)
                .hasMessageContaining("asm_thumb_mov_reg_i16");
    }

    @Test
    void codeTooLargeForTheOfficialHeapIsAMemoryError() throws Exception {
        assertThat(assemble("armv7m", "def f():\n    data(2078364, 1)\n").code()).hasSize(2_078_368);
        assertThatThrownBy(() -> assemble("armv7m", "def f():\n    data(100000000, 1)\n"))
                .isInstanceOf(AsmMemoryError.class)
                .hasMessage("memory allocation failed, allocating 100000004 bytes");
        // the size is taken as an unsigned 32-bit number
        assertThatThrownBy(() -> assemble("armv7m", "def f():\n    data(-1, 1)\n"))
                .isInstanceOf(AsmMemoryError.class)
                .hasMessage("memory allocation failed, allocating 4294967299 bytes");
    }

    @Test
    void alignZeroRewindsToTheStartLikeTheOfficialTool() throws Exception {
        assertThat(hex(assemble("armv7m", "def f():\n    align(0)\n    nop()\n"))).isEqualTo("00bff2bd");
    }

    @Test
    void onlyThumbTargetsAreAccepted() {
        assertThat(ThumbAssembler.supports(NativeArch.ARMV7M)).isTrue();
        assertThat(ThumbAssembler.supports(NativeArch.ARMV6)).isTrue();
        assertThat(ThumbAssembler.supports(NativeArch.XTENSA)).isFalse();
        assertThat(ThumbAssembler.supports(NativeArch.X64)).isFalse();
    }

    @Test
    void annotationErrorMovesToTheFirstInstructionsLine() {
        // "-> (a +\n b)" is a rule node on line 3; the error is reported at the next instruction
        InlineAsmFunction fn = new InlineAsmFunction(2, List.of(AsmNode.id("r0")), new AsmNode.Other("a + b"), 3,
                List.of(new AsmStatement.Pass(5), new AsmStatement.Call(6, "nop", List.of())));
        InlineAsmError e = catchThrowableOfType(InlineAsmError.class,
                () -> new ThumbAssembler(NativeArch.ARMV7M).checkScope(fn));
        assertThat(e.getMessage()).isEqualTo("return annotation must be an identifier");
        assertThat(e.line()).isEqualTo(6);
    }

    @Test
    void instructionErrorsAreReportedAtTheLineOfTheOpeningParenthesis() {
        // mov \
        //   (r0, 300)        -- the statement starts on line 3, its "(" is on line 4
        InlineAsmFunction fn = new InlineAsmFunction(2, List.of(AsmNode.id("r0")), null, 0,
                List.of(new AsmStatement.Call(3, 4, "mov", List.of(AsmNode.id("r0"), AsmNode.integer(300)))));
        InlineAsmError e = catchThrowableOfType(InlineAsmError.class,
                () -> new ThumbAssembler(NativeArch.ARMV7M).assemble(fn));
        assertThat(e.getMessage()).isEqualTo("'mov' integer 0x12c doesn't fit in mask 0xff");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void directiveErrorsAreReportedAtTheStatementsLine() {
        InlineAsmFunction fn = new InlineAsmFunction(2, List.of(), null, 0,
                List.of(new AsmStatement.Call(3, 4, "align", List.of())));
        InlineAsmError e = catchThrowableOfType(InlineAsmError.class,
                () -> new ThumbAssembler(NativeArch.ARMV7M).checkScope(fn));
        assertThat(e.getMessage()).isEqualTo("'align' requires 1 argument");
        assertThat(e.line()).isEqualTo(3);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                row("armv7m", "def f():\n    data(0x40000000, 0x55)", 3, "'data' requires at least 2 arguments"),
                row("armv7m", "def f():\n    align(0x40000000)", 3, "'align' requires 1 argument"),
                row("armv7m", "def f(r0):\n    foo(r0, r1)", 3, "unsupported Thumb instruction 'foo' with 2 arguments"),
                row("armv7m", "def f(r0):\n    mov(r8, 1)", 3, "'mov' expects at most r7"),
                row("armv7m", "def f(r0):\n    add(r0, r1, r8)", 3, "'add' expects at most r7"),
                row("armv7m", "def f(r0):\n    mov(r0, 256)", 3, "'mov' integer 0x100 doesn't fit in mask 0xff"),
                row("armv7m", "def f(r0):\n    mov(r0, x + 1)", 3, "'mov' expects an integer"),
                row("armv7m", "def f(r0):\n    mov(r0, \"s\")", 3, "'mov' expects an integer"),
                row("armv7m", "def f(r0):\n    mov(r0, q)", 3, "'mov' expects a register"),
                row("armv7m", "def f(r0):\n    ldr(r0, r1)", 3, "unsupported Thumb instruction 'ldr' with 2 arguments"),
                row("armv7m", "def f(r0):\n    ldr(r0, 4)", 3, "unsupported Thumb instruction 'ldr' with 2 arguments"),
                row("armv7m", "def f(r0):\n    ldr(r0, [r1, 2])", 3, "'ldr' integer 0x2 doesn't fit in mask 0x7c"),
                row("armv7m", "def f(r0):\n    ldr(r9, [r1, 3])", 3, "'ldr' integer 0x3 doesn't fit in mask 0x7c"),
                row("armv7m", "def f(r0):\n    ldrex(r0, r1)", 3, "unsupported Thumb instruction 'ldrex' with 2 arguments"),
                row("armv7m", "def f(r0):\n    ldrh(r0, [r1])", 3, "unsupported Thumb instruction 'ldrh' with 2 arguments"),
                row("armv7m", "def f(r0):\n    push(r0)", 3, "'push' expects {r0, r1, ...}"),
                row("armv7m", "def f(r0):\n    push({r0, 5})", 3, "'push' expects a register"),
                row("armv7m", "def f(r0):\n    push({})", 3, "'push' expects {r0, r1, ...}"),
                row("armv6m", "def f(r0):\n    push({r0, r8})", 3, "unsupported Thumb instruction 'push' with 1 arguments"),
                row("armv7m", "def f(r0):\n    mrs(r0, CONTROL)", 3, "'mrs' expects a special register"),
                row("armv7m", "def f(r0):\n    mrs(r13, IPSR)", 3, "'mrs' expects at most r12"),
                row("armv7m", "def f(r0):\n    b(1)", 3, "'b' expects a label"),
                row("armv7m", "def f(r0):\n    b(nowhere)", 3, "label 'nowhere' not defined"),
                row("armv7m", "def f(r0):\n    label(a)\n    nop()\n    label(a)", 5, "label redefined"),
                row("armv7m", "def f(r0):\n    label(1)", 3, "'label' requires 1 argument"),
                row("armv7m", "def f(r0):\n    label(a, b)", 3, "'label' requires 1 argument"),
                row("armv7m", "def f(r0):\n    align()", 3, "'align' requires 1 argument"),
                row("armv7m", "def f(r0):\n    align(x)", 3, "'align' requires 1 argument"),
                row("armv7m", "def f(r0):\n    data(4)", 3, "'data' requires at least 2 arguments"),
                row("armv7m", "def f(r0):\n    data(x, 1)", 3, "'data' requires at least 2 arguments"),
                row("armv7m", "def f(r0):\n    data(4, 1, x)", 3, "'data' requires integer arguments"),
                row("armv7m", "def f(r0):\n    x = 1", 3, "expecting an assembler instruction"),
                row("armv7m", "def f(r0):\n    r0.foo(1)", 3, "expecting an assembler instruction"),
                row("armv7m", "def f(r0, r1, r2, r3, r4):\n    nop()", 2, "can only have up to 4 parameters to Thumb assembly"),
                row("armv7m", "def f(r1):\n    nop()", 2, "parameters must be registers in sequence r0 to r3"),
                row("armv7m", "def f(a):\n    nop()", 2, "parameters must be registers in sequence r0 to r3"),
                row("armv7m", "def f(r0) -> float:\n    nop()", 2, "unknown type"),
                row("armv7m", "def f(r0) -> 1:\n    nop()", 3, "return annotation must be an identifier"),
                row("armv7m", "def f(r0):\n    it(xx)", 3, "unsupported Thumb instruction 'it' with 1 arguments"),
                row("armv7m", "def f(r0):\n    itx(eq)", 3, "unsupported Thumb instruction 'itx' with 1 arguments"),
                row("armv6m", "def f(r0):\n    it(eq)", 3, "unsupported Thumb instruction 'it' with 1 arguments"),
                row("armv6m", "def f(r0):\n    beq_w(a)\n    label(a)", 3, "unsupported Thumb instruction 'beq_w' with 1 arguments"),
                row("armv7m", "def f(r0):\n    beq(a)\n    data(2, *[0]*200)\n    label(a)", 4, "'data' requires integer arguments"),
                row("armv7m", "def f(r0):\n    label(a)\n    data(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)\n    bne(a)", 5, "branch not in range"),
                row("armv7emsp", "def f(r0):\n    vadd(s0, s1, s32)", 3, "'vadd' expects at most r31"),
                row("armv7emsp", "def f(r0):\n    vadd(s0, r1, s2)", 3, "'vadd' expects an FPU register"),
                row("armv7emsp", "def f(r0):\n    vmrs(r0, FPEXC)", 3, "unsupported Thumb instruction 'vmrs' with 2 arguments"),
                row("armv7emsp", "def f(r0):\n    vldr(s0, [r8, 4])", 3, "'vldr' expects at most r7"),
                row("armv7emsp", "def f(r0):\n    vldr(s0, r1)", 3, "'vldr' expects an address of the form [a, b]"),
                row("armv7emsp", "def f(r0):\n    vfoo(s0)", 3, "unsupported Thumb instruction 'vfoo' with 1 arguments"),
                row("armv7m", "def f(r0):\n    vadd(s0, s1, s2)", 3, "unsupported Thumb instruction 'vadd' with 3 arguments"),
                row("armv7m", "def f(r0):\n    mov(r0, r1, r2, r3)", 3, "unsupported Thumb instruction 'mov' with 4 arguments"),
                row("armv7m", "def f(r0):\n    movw(r0, 0x10000)", 3, "'movw' integer 0x10000 doesn't fit in mask 0xffff"),
                row("armv7m", "def f(r0):\n    movwt(r0, -1)\n    movw(r8, -1)", 4, "'movw' integer 0xffffffff doesn't fit in mask 0xffff"),
                row("armv7m", "def f(r0):\n    strex(r0, r1, [r2, 256])", 3, "'strex' integer 0x100 doesn't fit in mask 0xff"),
                row("armv7m", "def f(r0):\n    bx(r16)", 3, "'bx' expects a register"),
                row("armv7m", "def f(r0):\n    mov(r0, 1, key=2)", 3, "unsupported Thumb instruction 'mov' with 3 arguments")
        );
    }

    private static Arguments row(String arch, String source, int line, String message) {
        return Arguments.of(arch, source, line, message);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("errors")
    void reportsTheSameErrorAsMpyCross(String arch, String source, int line, String message) {
        InlineAsmError e = catchThrowableOfType(InlineAsmError.class, () -> assemble(arch, source));
        assertThat(e).as("error for %s", source).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.type()).isEqualTo("SyntaxError");
    }
}
