package dev.mpt.bytecode.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Thumb-2 (ARMv6-M and ARMv7-M: all 16-bit instructions, the 32-bit ones MicroPython's
 * assemblers produce), as GNU objdump prints it with {@code -M force-thumb}: unified syntax,
 * condition suffixes inside IT blocks, {@code .n}/{@code .w} where objdump writes them,
 * branch targets as addresses. On armv6 a function starts with five ARM-state words
 * (MicroPython's entry stub), shown as such.
 */
final class ThumbDisassembler extends MachineDisassembler {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "", ""};
    private static final String[] REG = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip",
        "sp", "lr", "pc"};

    private final boolean armStub;
    /** The IT block being decoded: its condition mask and first condition; 0 when none. */
    private int itMask;
    private int itCond;

    ThumbDisassembler(boolean armStub) {
        this.armStub = armStub;
    }

    private static String r(int n) {
        return REG[n & 15];
    }

    private static String list(int bits) {
        List<String> regs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            if ((bits & (1 << i)) != 0) {
                regs.add(r(i));
            }
        }
        return "{" + String.join(", ", regs) + "}";
    }

    /** Called once at the start of each listing: no IT block is open there. */
    @Override
    protected int[] literalPool(byte[] code) {
        itMask = 0;
        return null;
    }

    /** The condition suffix for the current instruction (inside an IT block), and advances it. */
    private String cond() {
        if (itMask == 0) {
            return "";
        }
        String c = COND[itCond];
        itCond = (itCond & 0xe) | (itMask >> 3 & 1);
        itMask = (itMask << 1) & 0xf;
        return c;
    }

    private boolean inIt() {
        return itMask != 0;
    }

    @Override
    protected MachineInstruction decodeOne(byte[] c, int at, int end) {
        if (armStub && at < 20 && (at & 3) == 0 && end - at >= 4) {
            String t = arm(u32(c, at));
            if (t != null) {
                return new MachineInstruction(at, 4, t);
            }
        }
        if (end - at < 2) {
            return new MachineInstruction(at, 1, ".byte " + hex(u8(c, at)));
        }
        int h = u16(c, at);
        if ((h >>> 11) >= 0x1d) {
            if (end - at < 4) {
                return new MachineInstruction(at, 2, ".short " + hex(h));
            }
            int h2 = u16(c, at + 2);
            boolean wasIt = inIt();
            String sfx = cond();
            String t = wide(h, h2, at, sfx, wasIt);
            return new MachineInstruction(at, 4, t != null ? t : ".word " + hex(((long) h << 16 | h2) & 0xffffffffL));
        }
        String t = narrow(h, at);
        return new MachineInstruction(at, 2, t != null ? t : ".short " + hex(h));
    }

    /** The five ARM words of MicroPython's armv6 entry stub. */
    private static String arm(int w) {
        return switch (w) {
            case 0xe92d4010 -> "push {r4, lr}";
            case 0xe28fe009 -> "add lr, pc, #9";
            case 0xe12fff3e -> "blx lr";
            case 0xe8bd4010 -> "pop {r4, lr}";
            case 0xe12fff1e -> "bx lr";
            default -> null;
        };
    }

    private String narrow(int h, int pc) {
        int top5 = h >>> 11;
        int rd = h & 7;
        int rn = h >>> 3 & 7;
        boolean it = inIt();
        if ((h & 0xff00) == 0xbf00 && (h & 0xf) != 0 && (h >>> 4 & 0xf) < 14) {
            // IT: starts a block (decoded before the suffix state advances)
            int firstCond = h >>> 4 & 0xf;
            int mask = h & 0xf;
            StringBuilder xyz = new StringBuilder();
            int n = 4 - Integer.numberOfTrailingZeros(mask);
            for (int i = 1; i < n; i++) {
                boolean bit = (mask >> (4 - i) & 1) == (firstCond & 1);
                xyz.append(bit ? 't' : 'e');
            }
            itCond = firstCond;
            itMask = mask;
            return "it" + xyz + " " + COND[firstCond];
        }
        String cc = cond();
        String s = it ? cc : "s";
        switch (top5) {
            case 0, 1, 2: {
                int imm = h >>> 6 & 31;
                int op = top5;
                if (op == 0 && imm == 0) {
                    return "mov" + s + " " + r(rd) + ", " + r(rn);
                }
                String name = new String[] {"lsl", "lsr", "asr"}[op];
                return name + s + " " + r(rd) + ", " + r(rn) + ", #" + (op != 0 && imm == 0 ? 32 : imm);
            }
            case 3: {
                int op = h >>> 9 & 3;
                int x = h >>> 6 & 7;
                String name = (op & 1) == 0 ? "add" : "sub";
                return name + s + " " + r(rd) + ", " + r(rn) + ", " + (op < 2 ? r(x) : "#" + x);
            }
            case 4: return "mov" + s + " " + r(h >>> 8 & 7) + ", #" + (h & 0xff);
            case 5: return "cmp" + cc + " " + r(h >>> 8 & 7) + ", #" + (h & 0xff);
            case 6: return "add" + s + " " + r(h >>> 8 & 7) + ", #" + (h & 0xff);
            case 7: return "sub" + s + " " + r(h >>> 8 & 7) + ", #" + (h & 0xff);
            case 8: {
                if ((h & 0x0400) == 0) {
                    int op = h >>> 6 & 15;
                    String[] names = {"and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "rsb", "cmp",
                        "cmn", "orr", "mul", "bic", "mvn"};
                    String name = names[op];
                    if (op == 8 || op == 10 || op == 11) {
                        return name + cc + " " + r(rd) + ", " + r(rn);
                    }
                    if (op == 9) {
                        return (it ? "neg" + cc : "negs") + " " + r(rd) + ", " + r(rn);
                    }
                    return name + s + " " + r(rd) + ", " + r(rn);
                }
                int op = h >>> 8 & 3;
                int d = (h >>> 4 & 8) | rd;
                int m = h >>> 3 & 15;
                switch (op) {
                    case 0: return "add" + cc + " " + r(d) + ", " + r(m);
                    case 1: return "cmp" + cc + " " + r(d) + ", " + r(m);
                    case 2: return "mov" + cc + " " + r(d) + ", " + r(m);
                    default:
                        if ((h & 7) != 0) {
                            return null;
                        }
                        return ((h & 0x80) == 0 ? "bx" : "blx") + cc + " " + r(m);
                }
            }
            case 9: {
                int imm = (h & 0xff) * 4;
                long target = ((pc + 4) & ~3L) + imm;
                return "ldr" + cc + " " + r(h >>> 8 & 7) + ", [pc, #" + imm + "]  @ (" + target(target) + ")";
            }
            case 10, 11: {
                String[] names = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};
                return names[h >>> 9 & 7] + cc + " " + r(rd) + ", [" + r(rn) + ", " + r(h >>> 6 & 7) + "]";
            }
            case 12, 13, 14, 15, 16, 17: {
                int imm = h >>> 6 & 31;
                String name;
                if (top5 <= 13) {
                    name = top5 == 12 ? "str" : "ldr";
                    imm *= 4;
                } else if (top5 <= 15) {
                    name = top5 == 14 ? "strb" : "ldrb";
                } else {
                    name = top5 == 16 ? "strh" : "ldrh";
                    imm *= 2;
                }
                return name + cc + " " + r(rd) + ", [" + r(rn) + ", #" + imm + "]";
            }
            case 18, 19: {
                int imm = (h & 0xff) * 4;
                return (top5 == 18 ? "str" : "ldr") + cc + " " + r(h >>> 8 & 7) + ", [sp, #" + imm + "]";
            }
            case 20: return "add" + cc + " " + r(h >>> 8 & 7) + ", pc, #" + (h & 0xff) * 4;
            case 21: return "add" + cc + " " + r(h >>> 8 & 7) + ", sp, #" + (h & 0xff) * 4;
            case 22, 23: return misc(h, pc, cc);
            case 24, 25: {
                int regs = h & 0xff;
                int base = h >>> 8 & 7;
                boolean load = top5 == 25;
                boolean wb = !load || (regs & (1 << base)) == 0;
                return (load ? "ldmia" : "stmia") + cc + " " + r(base) + (wb ? "!" : "") + ", " + list(regs);
            }
            case 26, 27: {
                int cond = h >>> 8 & 15;
                if (cond == 14) {
                    return null; // udf
                }
                if (cond == 15) {
                    return "svc" + cc + " " + (h & 0xff);
                }
                return "b" + COND[cond] + ".n " + target(pc + 4 + sext(h & 0xff, 8) * 2);
            }
            case 28: return "b" + cc + ".n " + target(pc + 4 + sext(h & 0x7ff, 11) * 2);
            default: return null;
        }
    }

    private static String misc(int h, int pc, String cc) {
        int op = h >>> 5 & 0x7f;
        if ((op & 0x7c) == 0) {
            return "add" + cc + " sp, #" + (h & 0x7f) * 4;
        }
        if ((op & 0x7c) == 4) {
            return "sub" + cc + " sp, #" + (h & 0x7f) * 4;
        }
        if ((op & 0x28) == 8) {
            int imm = ((h >>> 9 & 1) << 6) | ((h >>> 3 & 31) << 1);
            return ((h & 0x800) == 0 ? "cbz" : "cbnz") + " " + r(h & 7) + ", " + target(pc + 4 + imm);
        }
        if ((op & 0x78) == 0x10) {
            String[] names = {"sxth", "sxtb", "uxth", "uxtb"};
            return names[h >>> 6 & 3] + cc + " " + r(h & 7) + ", " + r(h >>> 3 & 7);
        }
        if ((op & 0x70) == 0x20) {
            int regs = h & 0xff | (h & 0x100) << 6;
            return "push" + cc + " " + list(regs);
        }
        if ((op & 0x70) == 0x60) {
            int regs = h & 0xff | (h & 0x100) << 7;
            return "pop" + cc + " " + list(regs);
        }
        if ((op & 0x78) == 0x70) {
            return "bkpt 0x" + String.format("%04x", h & 0xff);
        }
        if ((h & 0xff0f) == 0xbf00) {
            String[] hints = {"nop", "yield", "wfe", "wfi", "sev"};
            int k = h >>> 4 & 15;
            return k < hints.length ? hints[k] + cc : null;
        }
        if ((op & 0x78) == 0x50) {
            String[] names = {"rev", "rev16", null, "revsh"};
            String n = names[h >>> 6 & 3];
            return n == null ? null : n + cc + " " + r(h & 7) + ", " + r(h >>> 3 & 7);
        }
        return null;
    }

    private static String wide(int h1, int h2, int pc, String cc, boolean inIt) {
        // load/store multiple: push.w / pop.w as objdump writes them
        if ((h1 & 0xffc0) == 0xe900 || (h1 & 0xffc0) == 0xe880) {
            boolean load = (h1 & 0x10) != 0;
            boolean wb = (h1 & 0x20) != 0;
            int rn = h1 & 15;
            String name = (h1 & 0x0180) == 0x0100 ? (load ? "ldmdb" : "stmdb") : (load ? "ldmia" : "stmia");
            String w = name.endsWith("ia") ? ".w" : "";
            return name + cc + w + " " + r(rn) + (wb ? "!" : "") + ", " + list(h2);
        }
        // movw / movt
        if ((h1 & 0xfb70) == 0xf240 || (h1 & 0xfb70) == 0xf2c0) {
            if ((h2 & 0x8000) != 0) {
                return null;
            }
            int imm = (h1 & 15) << 12 | (h1 >>> 10 & 1) << 11 | (h2 >>> 12 & 7) << 8 | (h2 & 0xff);
            String name = (h1 & 0x0080) == 0 ? "movw" : "movt";
            return name + cc + " " + r(h2 >>> 8) + ", #" + imm + (imm > 9 ? "  @ " + hex(imm) : "");
        }
        // b.w, bl, b<c>.w
        if ((h1 & 0xf800) == 0xf000 && (h2 & 0x8000) != 0) {
            int s = h1 >>> 10 & 1;
            int j1 = h2 >>> 13 & 1;
            int j2 = h2 >>> 11 & 1;
            int kind = h2 >>> 12 & 5;
            if (kind == 0) {
                int cond = h1 >>> 6 & 15;
                if (cond >= 14) {
                    return null;
                }
                int imm = s << 20 | j2 << 19 | j1 << 18 | (h1 & 0x3f) << 12 | (h2 & 0x7ff) << 1;
                return "b" + COND[cond] + ".w " + target(pc + 4 + sext(imm, 21));
            }
            int i1 = ~(j1 ^ s) & 1;
            int i2 = ~(j2 ^ s) & 1;
            int imm = s << 24 | i1 << 23 | i2 << 22 | (h1 & 0x3ff) << 12 | (h2 & 0x7ff) << 1;
            long t = pc + 4 + sext(imm, 25);
            if (kind == 1) {
                return "b" + cc + ".w " + target(t);
            }
            if (kind == 5) {
                return "bl" + cc + " " + target(t);
            }
            return null;
        }
        // ldr/str (immediate, 12-bit and 8-bit forms)
        if ((h1 & 0xfe00) == 0xf800 && (h1 & 0x0f) != 15) {
            int size = h1 >>> 5 & 3;
            boolean load = (h1 & 0x10) != 0;
            boolean signed = (h1 & 0x100) != 0;
            if (signed && (!load || size == 2) || size == 3) {
                return null;
            }
            String name = (load ? "ldr" : "str") + (signed ? "s" : "") + new String[] {"b", "h", "", ""}[size];
            int rn = h1 & 15;
            int rt = h2 >>> 12;
            if (load && size != 2 && rt == 15) {
                return null; // pld, pli
            }
            if ((h1 & 0x80) != 0) {
                int imm = h2 & 0xfff;
                return name + cc + ".w " + r(rt) + ", [" + r(rn) + (imm == 0 ? "" : ", #" + imm) + "]"
                    + (imm > 9 ? "  @ " + hex(imm) : "");
            }
            if ((h2 & 0x800) != 0) {
                int imm = h2 & 0xff;
                boolean p = (h2 & 0x400) != 0;
                boolean u = (h2 & 0x200) != 0;
                boolean w = (h2 & 0x100) != 0;
                String off = "#" + (u ? "" : "-") + imm;
                if (p && u && !w) {
                    return name + "t" + cc + " " + r(rt) + ", [" + r(rn) + ", " + off + "]";
                }
                if (!p && !w) {
                    return null;
                }
                String at = p && imm == 0 ? "[" + r(rn) + "]" : "[" + r(rn) + ", " + off + "]";
                String body = p ? at + (w ? "!" : "") : "[" + r(rn) + "], " + off;
                return name + cc + ".w " + r(rt) + ", " + body;
            }
            if ((h2 & 0xfc0) == 0) {
                int sh = h2 >>> 4 & 3;
                return name + cc + ".w " + r(rt) + ", [" + r(rn) + ", " + r(h2 & 15) + (sh != 0 ? ", lsl #" + sh : "")
                    + "]";
            }
            return null;
        }
        // sdiv / udiv / mul / mla / mls
        if ((h1 & 0xfff0) == 0xfb90 && (h2 & 0xf0f0) == 0xf0f0) {
            return "sdiv" + cc + " " + r(h2 >>> 8) + ", " + r(h1) + ", " + r(h2);
        }
        if ((h1 & 0xfff0) == 0xfbb0 && (h2 & 0xf0f0) == 0xf0f0) {
            return "udiv" + cc + " " + r(h2 >>> 8) + ", " + r(h1) + ", " + r(h2);
        }
        if ((h1 & 0xfff0) == 0xfb00 && (h2 & 0xf0) == 0) {
            if ((h2 & 0xf000) == 0xf000) {
                return "mul" + cc + ".w " + r(h2 >>> 8) + ", " + r(h1) + ", " + r(h2);
            }
            return "mla" + cc + " " + r(h2 >>> 8) + ", " + r(h1) + ", " + r(h2) + ", " + r(h2 >>> 12);
        }
        if ((h1 & 0xfff0) == 0xfb00 && (h2 & 0xf0) == 0x10) {
            return "mls" + cc + " " + r(h2 >>> 8) + ", " + r(h1) + ", " + r(h2) + ", " + r(h2 >>> 12);
        }
        return null;
    }
}
