package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisassemblerTest {

    @Test
    void listsTablesPreludesAndDecodedInstructions() throws Exception {
        String text = Disassembler.disassemble(MpyReader.read(MpyWriter.write(Vectors.module())));
        assertThat(text).contains("source file: hello.py");
        assertThat(text).contains("  1 '<module>' (static)");
        assertThat(text).contains("  1 100000000000000000000");
        assertThat(text).contains("  3 b'\\x00\\x01\\x02'");
        assertThat(text).contains("  4 (None, True, Ellipsis)");
        assertThat(text).contains("<module>: bytecode, ");
        assertThat(text).contains("<module>.f: bytecode, ");
        assertThat(text).contains("args: (a, b)");
        assertThat(text).contains("MAKE_FUNCTION_DEFARGS 0 f");
        assertThat(text).contains("LOAD_CONST_OBJ 0 'hi'");
        assertThat(text).contains("CALL_FUNCTION n_pos=5 n_kw=0");
        assertThat(text).contains("BINARY_OP 27 __add__");
        assertThat(text).contains("LOAD_FAST 1");
        // The module's line table says line 1 until offset 8, then line 3.
        assertThat(text).contains("    line 3:");
    }

    @Test
    void jumpsShowTheirTargets() throws Exception {
        // 0: JUMP +1 -> 3;  2: POP_TOP (skipped);  3: LOAD_CONST_NONE; RETURN_VALUE
        byte[] mod = Vectors.function(2, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0],
                0x42, 0x41, 0x59, 0x51, 0x63);
        MpyFile f = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("j.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(mod, List.of()));
        String text = Disassembler.disassemble(MpyReader.read(MpyWriter.write(f)));
        assertThat(text).contains("0000  42 41          JUMP -> 0003");
    }

    @Test
    void infoSummarises() throws Exception {
        byte[] bytes = MpyWriter.write(Vectors.module());
        String info = Disassembler.info(MpyReader.read(bytes), bytes.length);
        assertThat(info).contains("mpy version:    6").contains("architecture:   none (bytecode only)")
                .contains("small int bits: 31").contains("bytecode:       2 (");
    }
}
