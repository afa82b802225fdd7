package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyReader;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.RawCode;
import dev.mpt.compiler.cli.MpyCrossCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @micropython.native} and {@code @micropython.viper} functions, and
 * {@code -X emit=native}, through the whole compiler. The expected bytes and messages were
 * checked against the official mpy-cross v1.28.0 and decoded by hand.
 */
class NativeCompileTest {

    private static final String VIPER_ADD_ONE = "@micropython.viper\ndef f(x: int) -> int:\n    return x + 1\n";

    private static MpyFile compile(String src, String arch, String emit) throws Exception {
        byte[] mpy = CrossCompiler.compileToBytes(src.getBytes(StandardCharsets.UTF_8), "v.py",
            new CrossCompiler.Options(0, 31, arch).withEmit(emit));
        return MpyReader.read(mpy);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void aViperFunctionIsX64MachineCodeWithEntryAndExit() throws Exception {
        MpyFile f = compile(VIPER_ADD_ONE, "x64", "bytecode");
        assertThat(f.header().arch()).isEqualTo(NativeArch.X64);
        RawCode child = f.root().children().get(0);
        assertThat(child).isInstanceOf(RawCode.Viper.class);
        String code = hex(child.data());
        assertThat(child.dataLength()).isEqualTo(130);
        // push rbp; push rbx; push r12; push r13; sub rsp, 24 (3 words: 2 stack slots + 1 local
        // not in a register, made odd for 16-byte alignment)
        assertThat(code).startsWith("5553415441554883ec18");
        // mp_fun_table from fun_bc->context->constants.obj_table[0] into rbp, the qstr table into r13
        assertThat(code).contains("488b6f08" + "4c8b6d10" + "488b6d18" + "488b6d00");
        // the argument converted to a native int: mov rax, [rbp+24]; call rax (mp_fun_table[3])
        assertThat(code).contains("488b4518ffd0");
        // x + 1 as a native add, then the int boxed again (mp_fun_table[4])
        assertThat(code).contains("4801d6" + "4889f7" + "be02000000" + "488b4520ffd0");
        // add rsp, 24 (as sub rsp, -24); pop r13; pop r12; pop rbx; pop rbp; ret
        assertThat(code).endsWith("4883ece8415d415c5b5dc3");
    }

    @Test
    void aViperFunctionIsThumbCodeOnArmv7m() throws Exception {
        MpyFile f = compile(VIPER_ADD_ONE, "armv7m", "bytecode");
        assertThat(f.header().arch()).isEqualTo(NativeArch.ARMV7M);
        String code = hex(f.root().children().get(0).data());
        // push {r1-r7, lr}; ldr r7, [r0, #4]; ldr r6, [r7, #8]; ldr r7, [r7, #12]; ldr r7, [r7, #0]
        assertThat(code).startsWith("feb54768be68ff683f68");
        // pop {r1-r7, pc}
        assertThat(code).endsWith("febd");
    }

    @Test
    void xtensaKeepsLargeConstantsInATableAtTheFunctionStart() throws Exception {
        MpyFile f = compile("@micropython.viper\ndef f() -> int:\n    return 0x1234567\n", "xtensa", "bytecode");
        String code = hex(f.root().children().get(0).data());
        // j over the table (offset 4), one padding byte, the constant (little-endian), then
        // addi a1, a1, -32 (the frame: 5 saved registers and the locals, 16-byte aligned)
        assertThat(code).startsWith("060100" + "00" + "67452301" + "12c1e0");
    }

    @Test
    void aNativeFunctionCarriesABytecodePrelude() throws Exception {
        MpyFile f = compile("@micropython.native\ndef g(a, b):\n    return a\n", "x64", "bytecode");
        RawCode.NativePy g = (RawCode.NativePy) f.root().children().get(0);
        // the first word is the index of the prelude pointer in the child table (no children: 0)
        assertThat(hex(g.data()).substring(0, 16)).isEqualTo("0000000000000000");
        Prelude p = g.prelude();
        assertThat(p.nPosArgs()).isEqualTo(2);
        assertThat(f.qstrs().get(p.simpleName()).text()).isEqualTo("g");
        assertThat(p.argNames()).hasSize(2);
    }

    @Test
    void emitNativeCompilesTheModuleItselfToMachineCode() throws Exception {
        MpyFile f = compile("print(1)\n", "x64", "native");
        assertThat(f.root()).isInstanceOf(RawCode.NativePy.class);
        // mp_fun_table is the module's first constant
        assertThat(f.constants().get(0)).isInstanceOf(dev.mpt.bytecode.Constant.FunTable.class);
    }

    @Test
    void viperTypeErrorsNameTheLocalAndTheTypes() {
        assertThatThrownBy(() -> compile("@micropython.viper\ndef f(x: int):\n    x = None\n", "x64", "bytecode"))
            .isInstanceOfSatisfying(CompileError.class, e -> {
                assertThat(e.traceback("e.py")).isEqualTo("Traceback (most recent call last):\n"
                    + "  File \"e.py\", line 2, in f\n"
                    + "ViperTypeError: local 'x' has type 'int' but source is 'None'\n");
            });
    }

    @Test
    void theLastViperTypeErrorWinsAsInMicroPython() {
        // both annotations are unknown; MicroPython reports the return annotation, checked last
        assertThatThrownBy(() -> compile("@micropython.viper\ndef foo(x: int, y: list) -> dict:\n    return {x: y}\n",
            "x64", "bytecode"))
            .isInstanceOfSatisfying(CompileError.class, e ->
                assertThat(e.getMessage()).isEqualTo("unknown type 'dict'"));
    }

    @Test
    void aBadAnnotationIsReportedAtTheFirstStatementAsInMicroPython() {
        // None is not an identifier; MicroPython keeps compiling the scope and takes the line of
        // the first statement of the body
        assertThatThrownBy(() -> compile("@micropython.viper\ndef f(x: int) -> None:\n    z = x\n    return z\n",
            "x64", "bytecode"))
            .isInstanceOfSatisfying(CompileError.class, e -> {
                assertThat(e.type()).isEqualTo("SyntaxError");
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).isEqualTo("annotation must be an identifier");
            });
    }

    @Test
    void raiseFromInNativeCodeIsOneClearError() {
        // the official native emitter fails an assertion (and aborts) here
        assertThatThrownBy(() -> compile("def f():\n    x = 1\n    raise ValueError from None\n", "x64", "native"))
            .isInstanceOfSatisfying(CompileError.class, e -> {
                assertThat(e.type()).isEqualTo("NotImplementedError");
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).contains("raise ... from ...");
            });
    }

    @Test
    void aViperGeneratorIsNotImplemented() {
        assertThatThrownBy(() -> compile("@micropython.viper\ndef f():\n    yield 1\n", "x64", "bytecode"))
            .isInstanceOfSatisfying(CompileError.class, e ->
                assertThat(e.traceback("v.py")).isEqualTo("NotImplementedError: native yield\n"));
    }

    @Test
    void theCommandWritesNativeCodeForX64AndAListingForDebug(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("m.py");
        Files.writeString(src, "def f(a):\n    return a + 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MpyCrossCommand.run(new String[] {"-march=x64", "-X", "emit=native", src.toString()},
            new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
            false);
        assertThat(status).isZero();
        byte[] mpy = Files.readAllBytes(dir.resolve("m.mpy"));
        // 'M', version 6, sub-version 3 | x64 (2) << 2, 31-bit small ints
        assertThat(hex(mpy).substring(0, 8)).isEqualTo("4d060b1f");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        status = MpyCrossCommand.run(new String[] {"-march=debug", "-X", "emit=native", src.toString()},
            new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err), false);
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ENTRY(<module>, num_locals=").contains("ENTRY(f, ");
        // debug is architecture 13
        assertThat(hex(Files.readAllBytes(dir.resolve("m.mpy"))).substring(0, 8)).isEqualTo("4d06371f");
    }
}
