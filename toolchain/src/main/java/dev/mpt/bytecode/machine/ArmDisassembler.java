package dev.mpt.bytecode.machine;

/**
 * ARM state (A32) as the native emitter writes it for armv6 (MicroPython's py/asmarm.c), as
 * GNU objdump prints it with {@code -m arm}: data processing (with objdump's shift aliases,
 * {@code nop}, and its spelling of immediates), multiply, word, byte and halfword loads and
 * stores, load/store multiple ({@code push}/{@code pop}), branches and {@code bx}/{@code blx}.
 * The rest (coprocessor, media, the unconditional space, forms objdump calls unpredictable)
 * is shown as {@code .word}.
 */
final class ArmDisassembler extends MachineDisassembler {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "", ""};
    private static final String[] REG = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip",
        "sp", "lr", "pc"};
    private static final String[] DP = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp",
        "cmn", "orr", "mov", "bic", "mvn"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final int PC = 15;

    private static String r(int n) {
        return REG[n & 15];
    }

    /** objdump's comment with an immediate's value in hex: only beyond -16..32. */
    private static String comment(int value) {
        return value > 32 || value < -16 ? "  @ " + hex(value & 0xffffffffL) : "";
    }

    @Override
    protected MachineInstruction decodeOne(byte[] c, int at, int end) {
        if (end - at < 4 || (at & 3) != 0) {
            return new MachineInstruction(at, 1, ".byte " + hex(u8(c, at)));
        }
        int w = u32(c, at);
        String t = decode(w, at);
        return new MachineInstruction(at, 4, t != null ? t : ".word " + hex(w & 0xffffffffL));
    }

    /** The text of {@code w} at {@code pc}, or null when it is not one of the forms decoded here. */
    static String decode(int w, int pc) {
        int cond = w >>> 28;
        if (cond == 0xf) {
            return null;
        }
        String cc = COND[cond];
        switch (w >>> 25 & 7) {
            case 0:
                if ((w & 0x90) == 0x90) {
                    return (w & 0x60) == 0 ? multiply(w, cc) : extraLoadStore(w, cc, pc);
                }
                if ((w & 0x01900000) == 0x01000000) {
                    return misc(w, cc);
                }
                return dataProcessing(w, cc);
            case 1:
                if ((w & 0x01900000) == 0x01000000) {
                    return null; // movw, movt, msr immediate, hints
                }
                return dataProcessing(w, cc);
            case 2:
                return loadStore(w, cc, pc);
            case 3:
                return (w & 0x10) != 0 ? null : loadStore(w, cc, pc);
            case 4:
                return blockTransfer(w, cc);
            case 5:
                return ((w & 0x01000000) != 0 ? "bl" : "b") + cc + " " + target(pc + 8 + ((long) sext(w, 24) << 2));
            default:
                return null;
        }
    }

    /** objdump's immediate: the rotated value in decimal, or {@code #imm8, rot} when a smaller rotation would do. */
    private static String rotatedImmediate(int w) {
        int rot = (w >>> 7) & 0x1e;
        int imm = w & 0xff;
        int value = Integer.rotateRight(imm, rot);
        int i = 0;
        while (i < 32 && Integer.compareUnsigned(Integer.rotateLeft(value, i), 0xff) > 0) {
            i += 2;
        }
        return (i != rot ? "#" + imm + ", " + rot : "#" + value) + comment(value);
    }

    /** The shifted-register operand ({@code rm, lsl #n}, {@code rm, rrx}, {@code rm, lsl rs}). */
    private static String shiftedRegister(int w) {
        int rm = w & 15;
        int type = w >>> 5 & 3;
        if ((w & 0x10) != 0) {
            return r(rm) + ", " + SHIFT[type] + " " + r(w >>> 8);
        }
        int amount = w >>> 7 & 31;
        if (amount == 0) {
            if (type == 0) {
                return r(rm);
            }
            if (type == 3) {
                return r(rm) + ", rrx";
            }
            amount = 32;
        }
        return r(rm) + ", " + SHIFT[type] + " #" + amount;
    }

    private static String dataProcessing(int w, String cc) {
        int op = w >>> 21 & 15;
        boolean s = (w & 0x00100000) != 0;
        boolean imm = (w & 0x02000000) != 0;
        int rn = w >>> 16 & 15;
        int rd = w >>> 12 & 15;
        if (!imm && (w & 0x10) != 0 && (rd == PC || rn == PC || (w & 15) == PC || (w >>> 8 & 15) == PC)) {
            return null; // register-shifted register with pc: unpredictable
        }
        String sfx = (s && (op < 8 || op > 11) ? "s" : "") + cc;
        if (op >= 8 && op <= 11) {
            if (rd != 0 && !(rd == PC && s)) {
                return null; // (should-be-zero bits set; and the "p" forms)
            }
            if (rd == PC) {
                return null;
            }
            return DP[op] + cc + " " + r(rn) + ", " + (imm ? rotatedImmediate(w) : shiftedRegister(w));
        }
        if (op == 13 || op == 15) {
            if (rn != 0) {
                return null;
            }
            if (op == 13 && !imm) {
                int type = w >>> 5 & 3;
                int rm = w & 15;
                if ((w & 0x10) != 0) {
                    return SHIFT[type] + sfx + " " + r(rd) + ", " + r(rm) + ", " + r(w >>> 8);
                }
                int amount = w >>> 7 & 31;
                if (amount == 0 && type == 0) {
                    if (w == 0xe1a00000) {
                        return "nop";
                    }
                    return "mov" + sfx + " " + r(rd) + ", " + r(rm);
                }
                if (amount == 0 && type == 3) {
                    return "rrx" + sfx + " " + r(rd) + ", " + r(rm);
                }
                return SHIFT[type] + sfx + " " + r(rd) + ", " + r(rm) + ", #" + (amount == 0 ? 32 : amount);
            }
            return DP[op] + sfx + " " + r(rd) + ", " + (imm ? rotatedImmediate(w) : shiftedRegister(w));
        }
        return DP[op] + sfx + " " + r(rd) + ", " + r(rn) + ", " + (imm ? rotatedImmediate(w) : shiftedRegister(w));
    }

    private static String misc(int w, String cc) {
        if ((w & 0x0ffffff0) == 0x012fff10) {
            return "bx" + cc + " " + r(w);
        }
        if ((w & 0x0ffffff0) == 0x012fff30 && (w & 15) != PC) {
            return "blx" + cc + " " + r(w);
        }
        return null;
    }

    private static String multiply(int w, String cc) {
        int op = w >>> 21 & 15;
        String s = (w & 0x00100000) != 0 ? "s" : "";
        int rd = w >>> 16 & 15;
        int rn = w >>> 12 & 15;
        int rs = w >>> 8 & 15;
        int rm = w & 15;
        if (rd == PC || rm == PC || rs == PC) {
            return null;
        }
        if (op == 0 && rn == 0) {
            return "mul" + s + cc + " " + r(rd) + ", " + r(rm) + ", " + r(rs);
        }
        if (op == 1 && rn != PC) {
            return "mla" + s + cc + " " + r(rd) + ", " + r(rm) + ", " + r(rs) + ", " + r(rn);
        }
        return null;
    }

    /** ldrh, strh, ldrsb, ldrsh (not ldrd/strd, nor the unprivileged forms). */
    private static String extraLoadStore(int w, String cc, int pc) {
        boolean p = (w & 0x01000000) != 0;
        boolean u = (w & 0x00800000) != 0;
        boolean immForm = (w & 0x00400000) != 0;
        boolean wb = (w & 0x00200000) != 0;
        boolean load = (w & 0x00100000) != 0;
        int rn = w >>> 16 & 15;
        int rt = w >>> 12 & 15;
        int op = w >>> 5 & 3;
        String name;
        if (op == 1) {
            name = load ? "ldrh" : "strh";
        } else if (load) {
            name = op == 2 ? "ldrsb" : "ldrsh";
        } else {
            return null; // ldrd, strd
        }
        if (!p && wb) {
            return null; // ldrht & co.
        }
        if (rt == PC || (wb || !p) && (rn == PC || rn == rt)) {
            return null;
        }
        String offset;
        String note = "";
        if (immForm) {
            int imm = (w >>> 4 & 0xf0) | (w & 15);
            offset = p && imm == 0 && u ? null : "#" + (u ? "" : "-") + imm;
            note = immediateNote(rn, u ? imm : -imm, pc);
        } else {
            if ((w & 0xf00) != 0 || (w & 15) == PC) {
                return null;
            }
            offset = (u ? "" : "-") + r(w);
        }
        return name + cc + " " + r(rt) + ", " + address(rn, offset, p, wb) + note;
    }

    /** The comment after an immediate offset: the address it reads when based on pc, else the offset. */
    private static String immediateNote(int rn, int offset, int pc) {
        return rn == PC ? "  @ " + target(pc + 8L + offset) : comment(offset);
    }

    private static String address(int rn, String offset, boolean pre, boolean wb) {
        if (!pre) {
            return "[" + r(rn) + "], " + offset;
        }
        return "[" + r(rn) + (offset == null ? "" : ", " + offset) + "]" + (wb ? "!" : "");
    }

    private static String loadStore(int w, String cc, int pc) {
        boolean reg = (w & 0x02000000) != 0;
        boolean p = (w & 0x01000000) != 0;
        boolean u = (w & 0x00800000) != 0;
        boolean b = (w & 0x00400000) != 0;
        boolean wb = (w & 0x00200000) != 0;
        boolean load = (w & 0x00100000) != 0;
        int rn = w >>> 16 & 15;
        int rt = w >>> 12 & 15;
        if (!p && wb) {
            return null; // ldrt & co.
        }
        if ((wb || !p) && (rn == PC || rn == rt)) {
            return null;
        }
        if (b && rt == PC) {
            return null;
        }
        String name = (load ? "ldr" : "str") + (b ? "b" : "");
        if (!reg && rn == 13 && rt != 13 && (w & 0xfff) == 4) {
            // objdump's aliases for one register on the stack
            if (!load && p && !u && wb && !b) {
                return "push" + cc + " {" + r(rt) + "}";
            }
            if (load && !p && u && !b) {
                return "pop" + cc + " {" + r(rt) + "}";
            }
        }
        String offset;
        String note = "";
        if (!reg) {
            int imm = w & 0xfff;
            offset = p && imm == 0 && u ? null : "#" + (u ? "" : "-") + imm;
            note = immediateNote(rn, u ? imm : -imm, pc);
        } else {
            int rm = w & 15;
            if (rm == PC) {
                return null;
            }
            String shift = shiftedRegister(w & ~0xf | rm);
            offset = (u ? "" : "-") + shift;
        }
        return name + cc + " " + r(rt) + ", " + address(rn, offset, p, wb) + note;
    }

    private static String blockTransfer(int w, String cc) {
        boolean p = (w & 0x01000000) != 0;
        boolean u = (w & 0x00800000) != 0;
        boolean sBit = (w & 0x00400000) != 0;
        boolean wb = (w & 0x00200000) != 0;
        boolean load = (w & 0x00100000) != 0;
        int rn = w >>> 16 & 15;
        int list = w & 0xffff;
        if (sBit || list == 0 || rn == PC || wb && (list & (1 << rn)) != 0) {
            return null;
        }
        StringBuilder regs = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                regs.append(regs.length() > 1 ? ", " : "").append(r(i));
            }
        }
        regs.append('}');
        boolean many = Integer.bitCount(list) > 1;
        if (rn == 13 && wb && many && (load ? !p && u : p && !u)) {
            return (load ? "pop" : "push") + cc + " " + regs;
        }
        String mode = (p ? (u ? "ib" : "db") : (u ? (!load && wb ? "ia" : "") : "da"));
        if (rn == 13 && wb && (load ? !p && u : p && !u)) {
            mode = "fd";
        }
        return (load ? "ldm" : "stm") + mode + cc + " " + r(rn) + (wb ? "!" : "") + ", " + regs;
    }
}
