package dev.mpt.bytecode.machine;

/**
 * Xtensa core instructions with the code-density, multiply and windowed-register options, as
 * GNU objdump prints them: registers a0..a15, immediates in decimal when small (|v| < 256),
 * else as 32-bit hex, branch and l32r targets as addresses.
 */
final class XtensaDisassembler extends MachineDisassembler {

    private static String a(int n) {
        return "a" + (n & 15);
    }

    /** An immediate as xtensa-dis prints it. */
    private static String imm(int v) {
        return v > -256 && v < 256 ? Integer.toString(v) : hex(v & 0xffffffffL);
    }

    private static final int[] B4CONST = {-1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256};
    private static final int[] B4CONSTU = {32768, 65536, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256};

    /**
     * MicroPython starts a function that needs 32-bit constants with {@code j} over a padding
     * byte and the constant table (read by {@code l32r}): that table is data.
     */
    @Override
    protected int[] literalPool(byte[] c) {
        if (c.length >= 3 && (u8(c, 0) & 0x3f) == 6) {
            int off = sext((u16(c, 0) | u8(c, 2) << 16) >>> 6, 18);
            int end = 4 + off;
            if (off > 0 && end <= c.length && (end & 3) == 0) {
                return new int[] {3, end};
            }
        }
        return null;
    }

    @Override
    protected MachineInstruction decodeOne(byte[] c, int at, int end) {
        int op0 = u8(c, at) & 15;
        if (op0 >= 8) {
            if (op0 >= 14 || end - at < 2) {
                return new MachineInstruction(at, 1, ".byte " + hex(u8(c, at)));
            }
            String t = narrow(u16(c, at), at);
            return new MachineInstruction(at, 2, t != null ? t : ".short " + hex(u16(c, at)));
        }
        if (end - at < 3) {
            return new MachineInstruction(at, 1, ".byte " + hex(u8(c, at)));
        }
        int w = u16(c, at) | u8(c, at + 2) << 16;
        String t = wide(w, at);
        if ((w & 15) == 1) {
            // as objdump: the literal l32r loads, when it lies inside the code
            long addr = ((at + 3) & ~3L) + ((long) ((w >>> 8) | 0xffff0000) << 2);
            if (addr >= 0 && addr + 4 <= end) {
                t += " (" + hex(u32(c, (int) addr) & 0xffffffffL) + ")";
            }
        }
        if (t == null) {
            t = ".byte " + hex(u8(c, at)) + ", " + hex(u8(c, at + 1)) + ", " + hex(u8(c, at + 2));
        }
        return new MachineInstruction(at, 3, t);
    }

    private static String narrow(int h, int pc) {
        int op0 = h & 15;
        int t = h >>> 4 & 15;
        int s = h >>> 8 & 15;
        int r = h >>> 12 & 15;
        switch (op0) {
            case 8:
                return "l32i.n " + a(t) + ", " + a(s) + ", " + imm(r * 4);
            case 9:
                return "s32i.n " + a(t) + ", " + a(s) + ", " + imm(r * 4);
            case 10:
                return "add.n " + a(r) + ", " + a(s) + ", " + a(t);
            case 11:
                return "addi.n " + a(r) + ", " + a(s) + ", " + imm(t == 0 ? -1 : t);
            case 12: {
                if ((t & 8) == 0) {
                    int v = r | (t & 7) << 4;
                    return "movi.n " + a(s) + ", " + imm(v >= 96 ? v - 128 : v);
                }
                int off = r | (t & 3) << 4;
                return ((t & 4) == 0 ? "beqz.n " : "bnez.n ") + a(s) + ", " + target(pc + 4 + off);
            }
            default: // 13
                if (r == 0) {
                    return "mov.n " + a(t) + ", " + a(s);
                }
                if (r == 15 && s == 0) {
                    return switch (t) {
                        case 0 -> "ret.n";
                        case 1 -> "retw.n";
                        case 3 -> "nop.n";
                        case 6 -> "ill.n";
                        default -> null;
                    };
                }
                if (r == 15 && t == 2) {
                    return "break.n " + s;
                }
                return null;
        }
    }

    private static String wide(int w, int pc) {
        int op0 = w & 15;
        int t = w >>> 4 & 15;
        int s = w >>> 8 & 15;
        int r = w >>> 12 & 15;
        int op1 = w >>> 16 & 15;
        int op2 = w >>> 20 & 15;
        int imm8 = w >>> 16 & 0xff;
        switch (op0) {
            case 0:
                return qrst(op1, op2, r, s, t);
            case 1: {
                long base = (pc + 3) & ~3L;
                long addr = base + ((long) ((w >>> 8) | 0xffff0000) << 2);
                return "l32r " + a(t) + ", " + target(addr);
            }
            case 2:
                switch (r) {
                    case 0: return "l8ui " + a(t) + ", " + a(s) + ", " + imm(imm8);
                    case 1: return "l16ui " + a(t) + ", " + a(s) + ", " + imm(imm8 * 2);
                    case 2: return "l32i " + a(t) + ", " + a(s) + ", " + imm(imm8 * 4);
                    case 4: return "s8i " + a(t) + ", " + a(s) + ", " + imm(imm8);
                    case 5: return "s16i " + a(t) + ", " + a(s) + ", " + imm(imm8 * 2);
                    case 6: return "s32i " + a(t) + ", " + a(s) + ", " + imm(imm8 * 4);
                    case 9: return "l16si " + a(t) + ", " + a(s) + ", " + imm(imm8 * 2);
                    case 10: return "movi " + a(t) + ", " + imm(sext(s << 8 | imm8, 12));
                    case 12: return "addi " + a(t) + ", " + a(s) + ", " + imm(sext(imm8, 8));
                    case 13: return "addmi " + a(t) + ", " + a(s) + ", " + imm(sext(imm8, 8) * 256);
                    default: return null;
                }
            case 5: {
                int off = sext(w >>> 6, 18);
                int n = t & 3;
                String name = new String[] {"call0", "call4", "call8", "call12"}[n];
                return name + " " + target((pc & ~3L) + 4 + ((long) off << 2));
            }
            case 6: {
                int n = t & 3;
                int m = t >>> 2;
                if (n == 0) {
                    return "j " + target(pc + 4 + sext(w >>> 6, 18));
                }
                if (n == 1) {
                    String name = new String[] {"beqz", "bnez", "bltz", "bgez"}[m];
                    return name + " " + a(s) + ", " + target(pc + 4 + sext(w >>> 12, 12));
                }
                if (n == 2) {
                    String name = new String[] {"beqi", "bnei", "blti", "bgei"}[m];
                    return name + " " + a(s) + ", " + imm(B4CONST[r]) + ", " + target(pc + 4 + sext(imm8, 8));
                }
                if (m == 0) {
                    return "entry " + a(s) + ", " + imm((w >>> 12) * 8);
                }
                if (m == 2 || m == 3) {
                    return (m == 2 ? "bltui " : "bgeui ") + a(s) + ", " + imm(B4CONSTU[r]) + ", "
                        + target(pc + 4 + sext(imm8, 8));
                }
                return null;
            }
            case 7: {
                String tgt = target(pc + 4 + sext(imm8, 8));
                if ((r & 7) == 6) {
                    return ((r & 8) == 0 ? "bbci " : "bbsi ") + a(s) + ", " + (t | (r & 1) << 4) + ", " + tgt;
                }
                if ((r & 7) == 7) {
                    return ((r & 8) == 0 ? "bbci " : "bbsi ") + a(s) + ", " + (t | 16) + ", " + tgt;
                }
                String name = new String[] {"bnone", "beq", "blt", "bltu", "ball", "bbc", null, null, "bany", "bne",
                    "bge", "bgeu", "bnall", "bbs", null, null}[r];
                return name + " " + a(s) + ", " + a(t) + ", " + tgt;
            }
            default:
                return null;
        }
    }

    private static String qrst(int op1, int op2, int r, int s, int t) {
        if (op1 == 0) {
            switch (op2) {
                case 0:
                    if (r == 0) {
                        int m = t >>> 2;
                        int n = t & 3;
                        if (m == 0 && n == 0 && s == 0) {
                            return "ill";
                        }
                        if (m == 2) {
                            return switch (n) {
                                case 0 -> s == 0 ? "ret" : null;
                                case 1 -> s == 0 ? "retw" : null;
                                case 2 -> "jx " + a(s);
                                default -> null;
                            };
                        }
                        if (m == 3) {
                            return new String[] {"callx0 ", "callx4 ", "callx8 ", "callx12 "}[n] + a(s);
                        }
                        return null;
                    }
                    if (r == 2 && s == 0) {
                        return switch (t) {
                            case 0 -> "isync";
                            case 1 -> "rsync";
                            case 2 -> "esync";
                            case 3 -> "dsync";
                            case 8 -> "excw";
                            case 12 -> "memw";
                            case 13 -> "extw";
                            case 15 -> "nop";
                            default -> null;
                        };
                    }
                    return null;
                case 1: return "and " + a(r) + ", " + a(s) + ", " + a(t);
                case 2: return "or " + a(r) + ", " + a(s) + ", " + a(t);
                case 3: return "xor " + a(r) + ", " + a(s) + ", " + a(t);
                case 4:
                    switch (r) {
                        case 0: return t == 0 ? "ssr " + a(s) : null;
                        case 1: return t == 0 ? "ssl " + a(s) : null;
                        case 2: return t == 0 ? "ssa8l " + a(s) : null;
                        case 3: return t == 0 ? "ssa8b " + a(s) : null;
                        case 4: return (t & 14) == 0 ? "ssai " + (s | (t & 1) << 4) : null;
                        case 14: return "nsa " + a(t) + ", " + a(s);
                        case 15: return "nsau " + a(t) + ", " + a(s);
                        default: return null;
                    }
                case 6:
                    if (s == 0) {
                        return "neg " + a(r) + ", " + a(t);
                    }
                    return s == 1 ? "abs " + a(r) + ", " + a(t) : null;
                case 8: return "add " + a(r) + ", " + a(s) + ", " + a(t);
                case 9: return "addx2 " + a(r) + ", " + a(s) + ", " + a(t);
                case 10: return "addx4 " + a(r) + ", " + a(s) + ", " + a(t);
                case 11: return "addx8 " + a(r) + ", " + a(s) + ", " + a(t);
                case 12: return "sub " + a(r) + ", " + a(s) + ", " + a(t);
                case 13: return "subx2 " + a(r) + ", " + a(s) + ", " + a(t);
                case 14: return "subx4 " + a(r) + ", " + a(s) + ", " + a(t);
                case 15: return "subx8 " + a(r) + ", " + a(s) + ", " + a(t);
                default: return null;
            }
        }
        if (op1 == 1) {
            switch (op2) {
                case 0, 1: return "slli " + a(r) + ", " + a(s) + ", " + (32 - (t | (op2 & 1) << 4));
                case 2, 3: return "srai " + a(r) + ", " + a(t) + ", " + (s | (op2 & 1) << 4);
                case 4: return "srli " + a(r) + ", " + a(t) + ", " + s;
                case 8: return "src " + a(r) + ", " + a(s) + ", " + a(t);
                case 9: return s == 0 ? "srl " + a(r) + ", " + a(t) : null;
                case 10: return t == 0 ? "sll " + a(r) + ", " + a(s) : null;
                case 11: return s == 0 ? "sra " + a(r) + ", " + a(t) : null;
                case 12: return "mul16u " + a(r) + ", " + a(s) + ", " + a(t);
                case 13: return "mul16s " + a(r) + ", " + a(s) + ", " + a(t);
                default: return null;
            }
        }
        if (op1 == 2) {
            String name = switch (op2) {
                case 8 -> "mull";
                case 10 -> "muluh";
                case 11 -> "mulsh";
                case 12 -> "quou";
                case 13 -> "quos";
                case 14 -> "remu";
                case 15 -> "rems";
                default -> null;
            };
            return name == null ? null : name + " " + a(r) + ", " + a(s) + ", " + a(t);
        }
        return null;
    }
}
