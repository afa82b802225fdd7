package dev.mpt.compiler.thumb;

import java.util.List;

/**
 * Thumb-2 encodings shared by the inline assembler and the native emitter's Thumb
 * assembler: the ones both generate, kept in one place.
 */
public final class ThumbOps {
    private ThumbOps() {
    }

    public static final int OP_MOVW = 0xf240;
    public static final int OP_MOVT = 0xf2c0;

    /**
     * The ARM-state words a function starts with on ARMv6 (so that ARM code can call it):
     * push {r4, lr}; add lr, pc, #9; blx lr; pop {r4, lr}; bx lr.
     */
    public static final List<Integer> ARM_STATE_STUB = List.of(0xe92d4010, 0xe28fe009, 0xe12fff3e, 0xe8bd4010,
        0xe12fff1e);

    /** movw/movt {@code rd}, #{@code imm} (the low 16 bits of imm): two halfwords. */
    public static int[] movImm16(int op, int rd, int imm) {
        return new int[] {op | (imm >> 1 & 0x0400) | (imm >> 12 & 0xf), (imm << 4 & 0x7000) | rd << 8 | (imm & 0xff)};
    }
}
