package dev.mpt.bytecode.machine;

import dev.mpt.bytecode.NativeArch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the machine code of a native, viper or inline-assembler function back into
 * instructions: Thumb-2 (armv6m..armv7emdp, and armv6's inline assembler after its ARM-state
 * entry stub), ARM state (armv6 native code), x86 and x64, Xtensa (both ABIs) and RV32IMC
 * (with Zba and Zcmp). Data inside the code (Xtensa's constant table, literal words) is
 * decoded as if it were code, as objdump does.
 */
public abstract class MachineDisassembler {

    /** The disassembler for native and viper code of {@code arch}, if there is one. */
    public static Optional<MachineDisassembler> of(NativeArch arch) {
        return of(arch, false);
    }

    /**
     * The disassembler for {@code arch}, if there is one; {@code inlineAsm} for the code of an
     * inline-assembler function, which differs on armv6: Thumb there (after an ARM-state stub),
     * while the native emitter writes ARM code.
     */
    public static Optional<MachineDisassembler> of(NativeArch arch, boolean inlineAsm) {
        return Optional.ofNullable(switch (arch) {
            case ARMV6 -> inlineAsm ? new ThumbDisassembler(true) : new ArmDisassembler();
            case ARMV6M, ARMV7M, ARMV7EM, ARMV7EMSP, ARMV7EMDP -> new ThumbDisassembler(false);
            case X86 -> new X86Disassembler(false);
            case X64 -> new X86Disassembler(true);
            case XTENSA, XTENSAWIN -> new XtensaDisassembler();
            case RV32IMC -> new Rv32Disassembler();
            default -> null;
        });
    }

    /** The instruction at {@code offset} (never past {@code end}). */
    protected abstract MachineInstruction decodeOne(byte[] code, int offset, int end);

    /** All instructions of {@code code[from..to)}, offsets counted from {@code from}. */
    public final List<MachineInstruction> decode(byte[] code, int from, int to) {
        byte[] c = java.util.Arrays.copyOfRange(code, from, to);
        List<MachineInstruction> out = new ArrayList<>();
        int at = 0;
        int[] pool = literalPool(c);
        while (at < c.length) {
            if (pool != null && at >= pool[0] && at < pool[1]) {
                if ((at & 3) != 0 || at + 4 > pool[1]) {
                    out.add(new MachineInstruction(at, 1, ".byte " + hex(u8(c, at))));
                    at++;
                } else {
                    out.add(new MachineInstruction(at, 4, ".word " + hex(u32(c, at) & 0xffffffffL)));
                    at += 4;
                }
                continue;
            }
            MachineInstruction ins = decodeOne(c, at, c.length);
            out.add(ins);
            at += ins.size();
        }
        return out;
    }

    /**
     * Where the code holds data rather than instructions, as {start, end}, or null: shown as
     * {@code .word}s (and {@code .byte}s up to a word boundary) instead of being decoded.
     */
    protected int[] literalPool(byte[] code) {
        return null;
    }

    /** The whole of {@code code}. */
    public final List<MachineInstruction> decode(byte[] code) {
        return decode(code, 0, code.length);
    }

    // ---- helpers for the decoders

    protected static int u8(byte[] c, int at) {
        return c[at] & 0xff;
    }

    protected static int u16(byte[] c, int at) {
        return (c[at] & 0xff) | (c[at + 1] & 0xff) << 8;
    }

    protected static int u32(byte[] c, int at) {
        return u16(c, at) | u16(c, at + 2) << 16;
    }

    /** Sign-extends the low {@code bits} bits of {@code v}. */
    protected static int sext(int v, int bits) {
        return v << (32 - bits) >> (32 - bits);
    }

    protected static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A branch target as objdump shows it: the address, 32-bit, in hex. */
    protected static String target(long address) {
        return hex(address & 0xffffffffL);
    }
}
