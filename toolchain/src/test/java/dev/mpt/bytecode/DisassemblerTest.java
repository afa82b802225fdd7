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
    void machineCodeIsListedAsInstructions() throws Exception {
        // an asm_rv32 function: c.li a2, 0; addi a0, a0, -1; bne a0, zero, -4 (back to the
        // addi); c.mv a0, a2; c.jr ra
        byte[] code = {0x01, 0x46, 0x13, 0x05, (byte) 0xf5, (byte) 0xff, (byte) 0xe3, 0x1e, 0x05, (byte) 0xfe,
            0x32, (byte) 0x85, (byte) 0x82, (byte) 0x80};
        byte[] mod = Vectors.function(2, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0], 0x51, 0x63);
        MpyFile f = new MpyFile(MpyHeader.of(NativeArch.RV32IMC, 0, 31),
                List.of(Qstr.of("r.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(mod, List.of(new RawCode.Asm(code, 0, 1, 2, List.of()))));
        String text = Disassembler.disassemble(MpyReader.read(MpyWriter.write(f)));
        assertThat(text).contains("""
                  machine code:
                    0000  0146                     c.li a2,0
                    0002  1305f5ff                 addi a0,a0,-1
                    0006  e31e05fe                 bne a0,zero,0x2
                    000a  3285                     c.mv a0,a2
                    000c  8280                     c.jr ra
                """);
    }

    @Test
    void infoSummarises() throws Exception {
        byte[] bytes = MpyWriter.write(Vectors.module());
        String info = Disassembler.info(MpyReader.read(bytes), bytes.length);
        assertThat(info).contains("mpy version:    6").contains("architecture:   none (bytecode only)")
                .contains("small int bits: 31").contains("bytecode:       2 (");
    }
}
