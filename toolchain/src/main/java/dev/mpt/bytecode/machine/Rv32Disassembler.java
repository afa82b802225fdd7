package dev.mpt.bytecode.machine;

/**
 * RV32IMC with Zba and Zcmp, printed as GNU objdump prints it with {@code -M no-aliases}
 * (ABI register names, compressed instructions under their own {@code c.} names).
 */
final class Rv32Disassembler extends MachineDisassembler {
    private static final String[] REG = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };

    private static String r(int n) {
        return REG[n & 31];
    }

    /** A compressed register field (3 bits: x8..x15). */
    private static String rc(int n) {
        return REG[8 + (n & 7)];
    }

    @Override
    protected MachineInstruction decodeOne(byte[] c, int at, int end) {
        if (end - at < 2) {
            return new MachineInstruction(at, end - at, ".byte " + hex(u8(c, at)));
        }
        int h = u16(c, at);
        if ((h & 3) != 3) {
            String t = compressed(h, at);
            return new MachineInstruction(at, 2, t != null ? t : ".short " + hex(h));
        }
        if (end - at < 4) {
            return new MachineInstruction(at, end - at, ".short " + hex(h));
        }
        int w = u32(c, at);
        String t = (w & 0x1f) == 0x1f ? null : full(w, at);
        return new MachineInstruction(at, 4, t != null ? t : ".word " + hex(w & 0xffffffffL));
    }

    // ---- 32-bit instructions

    private static String full(int w, int pc) {
        int op = w & 0x7f;
        int rd = w >>> 7 & 31;
        int f3 = w >>> 12 & 7;
        int rs1 = w >>> 15 & 31;
        int rs2 = w >>> 20 & 31;
        int f7 = w >>> 25;
        int immI = w >> 20;
        switch (op) {
            case 0x37:
                return "lui " + r(rd) + "," + hex(w >>> 12);
            case 0x17:
                return "auipc " + r(rd) + "," + hex(w >>> 12);
            case 0x6f: {
                int imm = (w >> 31) << 20 | (w >>> 12 & 0xff) << 12 | (w >>> 20 & 1) << 11 | (w >>> 21 & 0x3ff) << 1;
                return "jal " + r(rd) + "," + target(pc + imm);
            }
            case 0x67:
                return f3 == 0 ? "jalr " + r(rd) + "," + immI + "(" + r(rs1) + ")" : null;
            case 0x63: {
                String[] names = {"beq", "bne", null, null, "blt", "bge", "bltu", "bgeu"};
                if (names[f3] == null) {
                    return null;
                }
                int imm = (w >> 31) << 12 | (w >>> 7 & 1) << 11 | (w >>> 25 & 0x3f) << 5 | (w >>> 8 & 0xf) << 1;
                return names[f3] + " " + r(rs1) + "," + r(rs2) + "," + target(pc + imm);
            }
            case 0x03: {
                String[] names = {"lb", "lh", "lw", null, "lbu", "lhu", null, null};
                return names[f3] == null ? null : names[f3] + " " + r(rd) + "," + immI + "(" + r(rs1) + ")";
            }
            case 0x23: {
                String[] names = {"sb", "sh", "sw", null, null, null, null, null};
                int imm = (w >> 25) << 5 | rd;
                return names[f3] == null ? null : names[f3] + " " + r(rs2) + "," + imm + "(" + r(rs1) + ")";
            }
            case 0x13: {
                switch (f3) {
                    case 1:
                        return f7 == 0 ? "slli " + r(rd) + "," + r(rs1) + "," + hex(rs2) : null;
                    case 5:
                        if (f7 == 0) {
                            return "srli " + r(rd) + "," + r(rs1) + "," + hex(rs2);
                        }
                        return f7 == 0x20 ? "srai " + r(rd) + "," + r(rs1) + "," + hex(rs2) : null;
                    default: {
                        String[] names = {"addi", null, "slti", "sltiu", "xori", null, "ori", "andi"};
                        return names[f3] + " " + r(rd) + "," + r(rs1) + "," + immI;
                    }
                }
            }
            case 0x33: {
                String name = null;
                if (f7 == 0) {
                    name = new String[] {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"}[f3];
                } else if (f7 == 0x20) {
                    name = f3 == 0 ? "sub" : f3 == 5 ? "sra" : null;
                } else if (f7 == 1) {
                    name = new String[] {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"}[f3];
                } else if (f7 == 0x10) {
                    name = f3 == 2 ? "sh1add" : f3 == 4 ? "sh2add" : f3 == 6 ? "sh3add" : null;
                }
                return name == null ? null : name + " " + r(rd) + "," + r(rs1) + "," + r(rs2);
            }
            case 0x73: {
                if (f3 == 0) {
                    if (w == 0x73) {
                        return "ecall";
                    }
                    return w == 0x100073 ? "ebreak" : null;
                }
                String[] names = {null, "csrrw", "csrrs", "csrrc", null, "csrrwi", "csrrsi", "csrrci"};
                if (names[f3] == null) {
                    return null;
                }
                String csr = hex(w >>> 20);
                return names[f3] + " " + r(rd) + "," + csr + "," + (f3 >= 5 ? Integer.toString(rs1) : r(rs1));
            }
            default:
                return null;
        }
    }

    // ---- 16-bit instructions

    private static String compressed(int h, int pc) {
        int op = h & 3;
        int f3 = h >>> 13;
        int rd = h >>> 7 & 31;
        int rs2 = h >>> 2 & 31;
        int ciImm = sext((h >>> 12 & 1) << 5 | (h >>> 2 & 31), 6);
        if (op == 0) {
            switch (f3) {
                case 0: {
                    int imm = (h >>> 7 & 0xf) << 6 | (h >>> 11 & 3) << 4 | (h >>> 5 & 1) << 3 | (h >>> 6 & 1) << 2;
                    return imm == 0 ? null : "c.addi4spn " + rc(h >>> 2) + ",sp," + imm;
                }
                case 2:
                case 6: {
                    int imm = (h >>> 10 & 7) << 3 | (h >>> 6 & 1) << 2 | (h >>> 5 & 1) << 6;
                    return (f3 == 2 ? "c.lw " : "c.sw ") + rc(h >>> 2) + "," + imm + "(" + rc(h >>> 7) + ")";
                }
                default:
                    return null;
            }
        }
        if (op == 1) {
            switch (f3) {
                case 0:
                    if (rd == 0) {
                        return ciImm == 0 ? "c.nop" : null;
                    }
                    return ciImm == 0 ? null : "c.addi " + r(rd) + "," + ciImm;
                case 1:
                case 5: {
                    int imm = sext((h >>> 12 & 1) << 11 | (h >>> 11 & 1) << 4 | (h >>> 9 & 3) << 8 | (h >>> 8 & 1) << 10
                        | (h >>> 7 & 1) << 6 | (h >>> 6 & 1) << 7 | (h >>> 3 & 7) << 1 | (h >>> 2 & 1) << 5, 12);
                    return (f3 == 1 ? "c.jal " : "c.j ") + target(pc + imm);
                }
                case 2:
                    return rd == 0 ? null : "c.li " + r(rd) + "," + ciImm;
                case 3: {
                    if (rd == 2) {
                        int imm = sext((h >>> 12 & 1) << 9 | (h >>> 6 & 1) << 4 | (h >>> 5 & 1) << 6 | (h >>> 3 & 3) << 7
                            | (h >>> 2 & 1) << 5, 10);
                        return imm == 0 ? null : "c.addi16sp sp," + imm;
                    }
                    return rd == 0 || ciImm == 0 ? null : "c.lui " + r(rd) + "," + hex(ciImm & 0xfffff);
                }
                case 4: {
                    int f2 = h >>> 10 & 3;
                    String d = rc(h >>> 7);
                    if (f2 == 0 || f2 == 1) {
                        int sh = (h >>> 12 & 1) << 5 | (h >>> 2 & 31);
                        if ((h >>> 12 & 1) != 0 || sh == 0) {
                            return null;
                        }
                        return (f2 == 0 ? "c.srli " : "c.srai ") + d + "," + hex(sh);
                    }
                    if (f2 == 2) {
                        return "c.andi " + d + "," + ciImm;
                    }
                    if ((h >>> 12 & 1) != 0) {
                        return null;
                    }
                    String[] names = {"c.sub", "c.xor", "c.or", "c.and"};
                    return names[h >>> 5 & 3] + " " + d + "," + rc(h >>> 2);
                }
                default: {
                    int imm = sext((h >>> 12 & 1) << 8 | (h >>> 10 & 3) << 3 | (h >>> 5 & 3) << 6 | (h >>> 3 & 3) << 1
                        | (h >>> 2 & 1) << 5, 9);
                    return (f3 == 6 ? "c.beqz " : "c.bnez ") + rc(h >>> 7) + "," + target(pc + imm);
                }
            }
        }
        if (op == 2) {
            switch (f3) {
                case 0: {
                    int sh = (h >>> 12 & 1) << 5 | rs2;
                    if (rd == 0 || (h >>> 12 & 1) != 0 || sh == 0) {
                        return null;
                    }
                    return "c.slli " + r(rd) + "," + hex(sh);
                }
                case 2: {
                    int imm = (h >>> 12 & 1) << 5 | (h >>> 4 & 7) << 2 | (h >>> 2 & 3) << 6;
                    return rd == 0 ? null : "c.lwsp " + r(rd) + "," + imm + "(sp)";
                }
                case 4:
                    if ((h >>> 12 & 1) == 0) {
                        if (rs2 == 0) {
                            return rd == 0 ? null : "c.jr " + r(rd);
                        }
                        return rd == 0 ? null : "c.mv " + r(rd) + "," + r(rs2);
                    }
                    if (rs2 == 0) {
                        return rd == 0 ? "c.ebreak" : "c.jalr " + r(rd);
                    }
                    return rd == 0 ? null : "c.add " + r(rd) + "," + r(rs2);
                case 5:
                    return zcmp(h);
                case 6: {
                    int imm = (h >>> 9 & 0xf) << 2 | (h >>> 7 & 3) << 6;
                    return "c.swsp " + r(rs2) + "," + imm + "(sp)";
                }
                default:
                    return null;
            }
        }
        return null;
    }

    /** Zcmp's push and pop (they reuse C.FSDSP's encoding space). */
    private static String zcmp(int h) {
        int f5 = h >>> 8 & 0x1f;
        int rlist = h >>> 4 & 0xf;
        if (rlist < 4) {
            return null;
        }
        String name = switch (f5) {
            case 0x18 -> "cm.push";
            case 0x1a -> "cm.pop";
            case 0x1c -> "cm.popretz";
            case 0x1e -> "cm.popret";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        int nregs = rlist == 15 ? 13 : rlist - 3;
        String list = rlist == 4 ? "{ra}" : rlist == 5 ? "{ra,s0}" : rlist == 15 ? "{ra,s0-s11}"
            : "{ra,s0-s" + (rlist - 5) + "}";
        int base = ((nregs * 4) + 15) & ~15;
        int adj = base + (h >>> 2 & 3) * 16;
        return name + " " + list + "," + (name.equals("cm.push") ? "-" : "") + adj;
    }
}
