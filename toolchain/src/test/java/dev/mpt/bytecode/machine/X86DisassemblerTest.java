package dev.mpt.bytecode.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.NativeArch;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** x64 code as MicroPython's native emitter writes it, read as objdump reads it (checked by hand). */
class X86DisassemblerTest {

    private static List<String> texts(NativeArch arch, String hex) {
        return MachineDisassembler.of(arch).orElseThrow().decode(HexFormat.of().parseHex(hex)).stream()
            .map(MachineInstruction::text).toList();
    }

    @Test
    void aViperPrologueAndItsBranches() {
        assertThat(texts(NativeArch.X64, "5553415441554881ecb8000000488b6f0884f60f850e0000004839fa74fe488b8560010000"
            + "ffd0c3"))
            .containsExactly("push %rbp", "push %rbx", "push %r12", "push %r13", "sub $0xb8,%rsp",
                "mov 0x8(%rdi),%rbp", "test %dh,%dh", "jne 0x27", "cmp %rdi,%rdx", "je 0x1c",
                "mov 0x160(%rbp),%rax", "call *%rax", "ret");
    }

    @Test
    void x86UsesThe32BitRegisters() {
        assertThat(texts(NativeArch.X86, "5589e583ec08ff5004c3")).containsExactly("push %ebp", "mov %esp,%ebp",
            "sub $0x8,%esp", "call *0x4(%eax)", "ret");
    }
}
