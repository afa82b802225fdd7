package dev.mpt.bytecode.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.NativeArch;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thumb code as MicroPython's emitters write it, read as objdump reads it (checked by hand). */
class ThumbDisassemblerTest {

    private static List<String> texts(NativeArch arch, boolean asm, String hex) {
        return MachineDisassembler.of(arch, asm).orElseThrow().decode(HexFormat.of().parseHex(hex)).stream()
            .map(MachineInstruction::text).toList();
    }

    @Test
    void itBlocksGiveConditionsAndWideFormsTheirSuffixes() {
        assertThat(texts(NativeArch.ARMV7M, false, "0146401c08bf012018bf00208842fdd12de9f041bde8f08140f23412"
            + "d7f80001904770472de9"))
            .containsExactly("mov r1, r0", "adds r0, r0, #1", "it eq", "moveq r0, #1", "it ne", "movne r0, #0",
                "cmp r0, r1", "bne.n 0xc", "stmdb sp!, {r4, r5, r6, r7, r8, lr}",
                "ldmia.w sp!, {r4, r5, r6, r7, r8, pc}", "movw r2, #308  @ 0x134", "ldr.w r0, [r7, #256]  @ 0x100",
                "blx r2", "bx lr", ".short 0xe92d");
    }

    @Test
    void armv6AsmFunctionsStartWithTheArmStub() {
        assertThat(texts(NativeArch.ARMV6, true, "10402de909e08fe23eff2fe11040bde81eff2fe1f2b5401cf2bd"))
            .containsExactly("push {r4, lr}", "add lr, pc, #9", "blx lr", "pop {r4, lr}", "bx lr",
                "push {r1, r4, r5, r6, r7, lr}", "adds r0, r0, #1", "pop {r1, r4, r5, r6, r7, pc}");
        assertThat(MachineDisassembler.of(NativeArch.ARMV6, false)).containsInstanceOf(ArmDisassembler.class);
    }
}
