package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.Disassembler;
import dev.mpt.bytecode.MpyFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** eval and single (REPL) input, as the VM's eval()/exec() and a REPL need them. */
class InputKindTest {

    private static String dis(String src, Parser.InputKind kind) throws Exception {
        MpyFile f = CrossCompiler.compile(src.getBytes(StandardCharsets.UTF_8), "<string>",
            CrossCompiler.Options.defaults(), kind);
        return Disassembler.disassemble(f);
    }

    @Test
    void evalReturnsTheExpressionValue() throws Exception {
        String d = dis("1 + 2\n", Parser.InputKind.EVAL);
        assertThat(d).contains("LOAD_CONST_SMALL_INT 3").contains("RETURN_VALUE").doesNotContain("LOAD_CONST_NONE");
    }

    @Test
    void singleInputPrintsExpressionValues() throws Exception {
        String d = dis("x\n", Parser.InputKind.SINGLE);
        assertThat(d).contains("LOAD_NAME __repl_print__").contains("LOAD_NAME x").contains("CALL_FUNCTION n_pos=1");
    }

    @Test
    void singleInputKeepsLonelyConstants() throws Exception {
        assertThat(dis("'s'\n", Parser.InputKind.SINGLE)).contains("__repl_print__");
        assertThat(dis("'s'\n", Parser.InputKind.FILE)).doesNotContain("__repl_print__");
    }
}
