package dev.mpt.bytecode.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.NativeArch;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ARM-state code as MicroPython's armv6 native emitter writes it, read as objdump reads it (checked by hand). */
class ArmDisassemblerTest {

    private static List<String> texts(String hex) {
        return MachineDisassembler.of(NativeArch.ARMV6).orElseThrow().decode(HexFormat.of().parseHex(hex)).stream()
            .map(MachineInstruction::text).toList();
    }

    @Test
    void theEmittersEntryCallsAndExit() {
        // push, stack frame, fun-table loads, a call through the table, compare and branch, exit
        assertThat(texts("fe412de978d04de2047090e50fe0a0e1b4f097e5000050e30a00000a78d08de2fe81bde8"))
            .containsExactly("push {r1, r2, r3, r4, r5, r6, r7, r8, lr}", "sub sp, sp, #120  @ 0x78",
                "ldr r7, [r0, #4]", "mov lr, pc", "ldr pc, [r7, #180]  @ 0xb4", "cmp r0, #0", "beq 0x48",
                "add sp, sp, #120  @ 0x78", "pop {r1, r2, r3, r4, r5, r6, r7, r8, pc}");
    }

    @Test
    void objdumpsSpellingOfImmediatesShiftsAndOneRegisterPushes() {
        assertThat(texts("0000a0e10101a0e1ff04a0e3400fa0e304002de5b400d6e104001fe5001000e9100a00ee"))
            .containsExactly("nop", "lsl r0, r1, #2", "mov r0, #-16777216  @ 0xff000000", "mov r0, #64, 30  @ 0x100",
                "push {r0}", "ldrh r0, [r6, #4]", "ldr r0, [pc, #-4]  @ 0x1c", "stmdb r0, {ip}", ".word 0xee000a10");
    }
}
