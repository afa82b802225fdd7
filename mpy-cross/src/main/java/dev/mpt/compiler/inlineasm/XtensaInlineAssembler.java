package dev.mpt.compiler.inlineasm;

import dev.mpt.compiler.CompileError;
import java.util.List;

/**
 * The Xtensa inline assembler ({@code @micropython.asm_xtensa}, targets xtensa and xtensawin):
 * the instructions, operand checks, messages and entry/exit code of MicroPython v1.28.0's
 * mpy-cross, byte for byte.
 *
 * <p>The function is framed as a native function of the target's ABI: call0 (xtensa) saves
 * a0 and a12..a15 below a 16-byte-aligned stack adjustment, windowed (xtensawin) uses
 * {@code entry}/{@code retw.n}. {@code movi} always loads its value from a constant table
 * at the start of the function (read with {@code l32r}), which is why the code size is
 * computed twice: the first pass counts the constants. The count carries over from one
 * function to the next, as in MicroPython, where one emitter serves the whole module.
 *
 * <p>The branch instructions with a label take the short form only for a backward target in
 * range; otherwise they become the inverted branch over a {@code j}. The official tool's
 * {@code RuntimeError}s for targets out of range or misaligned are reproduced (message only,
 * no traceback).
 */
public final class XtensaInlineAssembler extends InlineAssembler {
    private static final int A0 = 0;
    private static final int A1 = 1;
    private static final int A11 = 11;
    private static final int NUM_REGS_SAVED = 5;
    private static final int NUM_REGS_SAVED_WIN = 1;

    private static final int RRR = 0;
    private static final int RRI8 = 1;
    private static final int RRRN = 2;
    /** In a field of {@link Op}: the field takes operand 0, 1 or 2 (a register). */
    private static final int R0 = 16;
    private static final int R1 = 32;
    private static final int R2 = 48;

    /**
     * A table instruction: fixed fields, which fields take which register operand, and for
     * RRI8 the scale of the immediate (operand 2): 0 signed byte, 1 byte, 3 halfword, 5 word.
     */
    private record Op(String name, int operands, int op2, int op1, int op0, int r, int s, int t, int shift,
                      int kind) {
    }

    private static final List<Op> TABLE = List.of(
        new Op("abs_", 2, 6, 0, 0, R0, 1, R1, 0, RRR),
        new Op("add", 3, 8, 0, 0, R0, R1, R2, 0, RRR),
        new Op("add_n", 3, 0, 0, 10, R0, R1, R2, 0, RRRN),
        new Op("addi", 3, 0, 0, 2, 12, R1, R0, 0, RRI8),
        new Op("addx2", 3, 9, 0, 0, R0, R1, R2, 0, RRR),
        new Op("addx4", 3, 10, 0, 0, R0, R1, R2, 0, RRR),
        new Op("addx8", 3, 11, 0, 0, R0, R1, R2, 0, RRR),
        new Op("and_", 3, 1, 0, 0, R0, R1, R2, 0, RRR),
        new Op("callx0", 1, 0, 0, 0, 0, R0, 12, 0, RRR),
        new Op("jx", 1, 0, 0, 0, 0, R0, 10, 0, RRR),
        new Op("l16si", 3, 0, 0, 2, 9, R1, R0, 3, RRI8),
        new Op("l16ui", 3, 0, 0, 2, 1, R1, R0, 3, RRI8),
        new Op("l32i", 3, 0, 0, 2, 2, R1, R0, 5, RRI8),
        new Op("l8ui", 3, 0, 0, 2, 0, R1, R0, 1, RRI8),
        new Op("mov", 2, 0, 0, 13, 0, R1, R0, 0, RRRN),
        new Op("mov_n", 2, 0, 0, 13, 0, R1, R0, 0, RRRN),
        new Op("mull", 3, 8, 2, 0, R0, R1, R2, 0, RRR),
        new Op("neg", 2, 6, 0, 0, R0, 0, R1, 0, RRR),
        new Op("nop", 0, 0, 0, 0, 2, 0, 15, 0, RRR),
        new Op("nop_n", 0, 0, 0, 13, 15, 0, 3, 0, RRRN),
        new Op("nsa", 2, 4, 0, 0, 14, R1, R0, 0, RRR),
        new Op("nsau", 2, 4, 0, 0, 15, R1, R0, 0, RRR),
        new Op("or_", 3, 2, 0, 0, R0, R1, R2, 0, RRR),
        new Op("ret", 0, 0, 0, 13, 15, 0, 0, 0, RRRN),
        new Op("ret_n", 0, 0, 0, 13, 15, 0, 0, 0, RRRN),
        new Op("s16i", 3, 0, 0, 2, 5, R1, R0, 3, RRI8),
        new Op("s32i", 3, 0, 0, 2, 6, R1, R0, 5, RRI8),
        new Op("s8i", 3, 0, 0, 2, 4, R1, R0, 1, RRI8),
        new Op("sll", 2, 10, 1, 0, R0, R1, 0, 0, RRR),
        new Op("sra", 2, 11, 1, 0, R0, 0, R1, 0, RRR),
        new Op("src", 3, 8, 1, 0, R0, R1, R2, 0, RRR),
        new Op("srl", 2, 9, 1, 0, R0, 0, R1, 0, RRR),
        new Op("ssa8b", 1, 4, 0, 0, 3, R0, 0, 0, RRR),
        new Op("ssa8l", 1, 4, 0, 0, 2, R0, 0, 0, RRR),
        new Op("ssl", 1, 4, 0, 0, 1, R0, 0, 0, RRR),
        new Op("ssr", 1, 4, 0, 0, 0, R0, 0, 0, RRR),
        new Op("sub", 3, 12, 0, 0, R0, R1, R2, 0, RRR),
        new Op("subx2", 3, 13, 0, 0, R0, R1, R2, 0, RRR),
        new Op("subx4", 3, 14, 0, 0, R0, R1, R2, 0, RRR),
        new Op("subx8", 3, 15, 0, 0, R0, R1, R2, 0, RRR),
        new Op("xor", 3, 3, 0, 0, R0, R1, R2, 0, RRR));

    /** Branches on two registers, by condition number (empty names are not instructions). */
    private static final List<String> BRANCHES = List.of("bnone", "beq", "blt", "bltu", "ball", "bbc", "", "",
        "bany", "bne", "bge", "bgeu", "bnall", "bbs");

    /** Branches on one register; the low two bits of the index are the condition. */
    private static final List<String> BRANCHES_Z = List.of("beqz", "bnez", "bltz", "bgez", "beqz_n", "bnez_n");

    private final boolean windowed;
    /** Constants counted by the previous pass (of this function or, first, of the one before). */
    private int numConst;
    private int curConst;
    private long constTable = -1;
    private int stackAdjust;

    /** @param windowed the windowed ABI (xtensawin) rather than call0 (xtensa) */
    public XtensaInlineAssembler(boolean windowed, long maxCodeSize) {
        super(maxCodeSize);
        this.windowed = windowed;
    }

    public XtensaInlineAssembler(boolean windowed) {
        this(windowed, DEFAULT_MAX_CODE_SIZE);
    }

    @Override
    protected boolean twoCodeSizePasses() {
        return true;
    }

    // ---- encodings

    static int rrr(int op0, int op1, int op2, int r, int s, int t) {
        return op2 << 20 | op1 << 16 | r << 12 | s << 8 | t << 4 | op0;
    }

    static int rri8(int op0, int r, int s, int t, int imm8) {
        return imm8 << 16 | r << 12 | s << 8 | t << 4 | op0;
    }

    static int rrrn(int op0, int r, int s, int t) {
        return r << 12 | s << 8 | t << 4 | op0;
    }

    private static int bri12(int op0, int s, int m, int n, int imm12) {
        return imm12 << 12 | s << 8 | m << 6 | n << 4 | op0;
    }

    private static int call(int op0, int n, int offset) {
        return offset << 6 | n << 4 | op0;
    }

    private static void op16(Pass p, int op) {
        p.data(2, op & 0xffff);
    }

    private static void op24(Pass p, int op) {
        p.data(3, op & 0xffffff);
    }

    /** asmxtensa.c's SIGNED_FITn: the low 32 bits are a sign-extended n-bit number. */
    private static boolean signedFit(long x, int bits) {
        long mask = 0xffffffffL & ~((1L << (bits - 1)) - 1);
        long m = x & mask;
        return m == 0 || m == mask;
    }

    private static void j(Pass p, long rel) {
        op24(p, call(6, 0, (int) rel & 0x3ffff));
    }

    private static void bccz(Pass p, int cond, int reg, long rel) {
        op24(p, bri12(6, reg, cond, 1, (int) rel & 0xfff));
    }

    private static void bcc(Pass p, int cond, int r1, int r2, long rel) {
        op24(p, rri8(7, cond, r1, r2, (int) rel & 0xff));
    }

    private static void l32r(Pass p, int reg, long at, long dest) {
        op24(p, ((int) ((dest - ((at + 3) & ~3)) >> 2) & 0xffff) << 8 | reg << 4 | 1);
    }

    // ---- entry and exit

    @Override
    protected void entry(Pass p) {
        curConst = 0;
        if (numConst > 0) {
            j(p, numConst * 4L);
            p.skip(1);
            constTable = p.offset();
            p.skip(numConst * 4L);
        }
        if (windowed) {
            stackAdjust = 32 + ((NUM_REGS_SAVED_WIN * 4 + 15) & ~15);
            op24(p, bri12(6, A1, 0, 3, (stackAdjust / 8) & 0xfff));
            op16(p, rrrn(9, 0, A1, A0));
        } else {
            stackAdjust = (NUM_REGS_SAVED * 4 + 15) & ~15;
            op24(p, rri8(2, 12, A1, A1, -stackAdjust & 0xff));
            op16(p, rrrn(9, 0, A1, A0));
            for (int i = 1; i < NUM_REGS_SAVED; i++) {
                op16(p, rrrn(9, i, A1, A11 + i));
            }
        }
    }

    @Override
    protected void exit(Pass p) {
        if (windowed) {
            op16(p, rrrn(8, 0, A1, A0));
            op16(p, rrrn(13, 15, 0, 1));
        } else {
            for (int i = NUM_REGS_SAVED - 1; i >= 1; i--) {
                op16(p, rrrn(8, i, A1, A11 + i));
            }
            op16(p, rrrn(8, 0, A1, A0));
            op24(p, rri8(2, 12, A1, A1, stackAdjust & 0xff));
            op16(p, rrrn(13, 15, 0, 0));
        }
        numConst = curConst;
        curConst = 0;
    }

    @Override
    protected int countParams(Pass p, List<AsmNode> params) {
        if (params.size() > 4) {
            p.error("can only have up to 4 parameters to Xtensa assembly");
            return 0;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!(params.get(i) instanceof AsmNode.Id id && id.name().equals("a" + (2 + i)))) {
                p.error("parameters must be registers in sequence a2 to a5");
                return 0;
            }
        }
        return params.size();
    }

    // ---- operands

    private static int reg(Pass p, String op, AsmNode a) {
        if (a instanceof AsmNode.Id id) {
            String n = id.name();
            if (n.length() >= 2 && n.length() <= 3 && n.charAt(0) == 'a') {
                try {
                    int r = Integer.parseInt(n.substring(1));
                    if (r >= 0 && r <= 15 && n.equals("a" + r)) {
                        return r;
                    }
                } catch (NumberFormatException e) {
                    // not a register
                }
            }
        }
        p.error("'" + op + "' expects a register");
        return 0;
    }

    /** An integer operand, truncated to 32 bits; range-checked unless min == max. */
    private static int imm(Pass p, String op, AsmNode a, int min, int max) {
        if (!(a instanceof AsmNode.Int v)) {
            p.error("'" + op + "' expects an integer");
            return 0;
        }
        int i = v.value().intValue();
        if (min != max && (i < min || i > max)) {
            p.error("'" + op + "' integer " + i + " isn't within range " + min + ".." + max);
            return 0;
        }
        return i;
    }

    /** A label's number; 0 while it is not known (and an error in the emit pass). */
    private static int label(Pass p, String op, AsmNode a) {
        if (!(a instanceof AsmNode.Id id)) {
            p.error("'" + op + "' expects a label");
            return 0;
        }
        int n = p.labelNumber(id.name());
        if (n >= 0) {
            return n;
        }
        if (p.emitting()) {
            p.error("label '" + id.name() + "' not defined");
        }
        return 0;
    }

    /** The label's offset as asmxtensa.c reads it: a 32-bit unsigned value, all ones when unset. */
    private static long dest(Pass p, int label) {
        return p.labelOffset(label) & 0xffffffffL;
    }

    private static void outOfRange(Pass p, String what) {
        throw new CompileError("RuntimeError", "ERROR: xtensa " + what + " out of range", -1);
    }

    private static void notAligned(String op, String what) {
        throw new CompileError("RuntimeError", "ERROR: " + op + " " + what + " not word-aligned", -1);
    }

    // ---- instructions

    @Override
    protected void instruction(Pass p, String op, List<AsmNode> args) {
        int n = args.size();
        for (Op e : TABLE) {
            if (!e.name().equals(op)) {
                continue;
            }
            if (n != e.operands()) {
                unknown(p, op, n);
                return;
            }
            int code = (e.r() & 15) << 12 | (e.s() & 15) << 8 | (e.t() & 15) << 4 | e.op0();
            if (e.kind() == RRR) {
                code |= e.op2() << 20 | e.op1() << 16;
            } else if (e.kind() == RRI8) {
                int shift = e.shift();
                int min = 0;
                int max;
                if (shift > 0) {
                    shift >>= 1;
                    max = 0xff << shift;
                } else {
                    min = -128;
                    max = 127;
                }
                int imm = imm(p, op, args.get(2), min, max);
                code |= ((imm >>> shift) & 0xff) << 16;
            }
            if (e.r() >= R0) {
                code |= reg(p, op, args.get((e.r() >> 4) - 1)) << 12;
            }
            if (e.s() >= R0) {
                code |= reg(p, op, args.get((e.s() >> 4) - 1)) << 8;
            }
            if (e.t() >= R0) {
                code |= reg(p, op, args.get((e.t() >> 4) - 1)) << 4;
            }
            if (e.kind() == RRRN) {
                op16(p, code);
            } else {
                op24(p, code);
            }
            return;
        }
        if (n == 1) {
            switch (op) {
                case "j" -> {
                    int label = label(p, op, args.get(0));
                    j(p, (int) (dest(p, label) - p.offset() - 4));
                }
                case "ssai" -> {
                    int sa = imm(p, op, args.get(0), 0, 31);
                    op24(p, rrr(0, 0, 4, 4, sa & 15, (sa >> 4) & 1));
                }
                case "call0" -> call0(p, label(p, op, args.get(0)));
                default -> unknown(p, op, n);
            }
        } else if (n == 2) {
            int r0 = reg(p, op, args.get(0));
            int z = BRANCHES_Z.indexOf(op);
            if (z >= 0) {
                branchZ(p, z & 3, r0, label(p, op, args.get(1)));
                return;
            }
            switch (op) {
                case "movi" -> movi(p, r0, imm(p, op, args.get(1), 0, 0));
                case "l32r" -> l32rLabel(p, r0, label(p, op, args.get(1)));
                case "movi_n" -> {
                    int imm = imm(p, op, args.get(1), -32, 95);
                    op16(p, (imm & 15) << 12 | r0 << 8 | (imm & 0x70) | 12);
                }
                default -> unknown(p, op, n);
            }
        } else if (n == 3) {
            int b = op.isEmpty() ? -1 : BRANCHES.indexOf(op);
            if (b >= 0) {
                int r0 = reg(p, op, args.get(0));
                int r1 = reg(p, op, args.get(1));
                branch(p, b, r0, r1, label(p, op, args.get(2)));
                return;
            }
            switch (op) {
                case "addi_n" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int imm4 = imm(p, op, args.get(2), -1, 15);
                    op16(p, rrrn(11, r0, r1, imm4 != 0 ? imm4 : -1));
                }
                case "addmi" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int imm = imm(p, op, args.get(2), -128 * 256, 127 * 256);
                    if ((imm & 0xff) != 0) {
                        p.error(imm + " is not a multiple of 256");
                    } else {
                        op24(p, rri8(2, 13, r1, r0, (imm >> 8) & 0xff));
                    }
                }
                case "bbci", "bbsi" -> {
                    int r0 = reg(p, op, args.get(0));
                    int bit = imm(p, op, args.get(1), 0, 31);
                    int label = label(p, op, args.get(2));
                    long rel = (int) (dest(p, label) - p.offset() - 4);
                    if (p.emitting() && !signedFit(rel, 8)) {
                        outOfRange(p, "bit_branch");
                    }
                    int cond = op.equals("bbci") ? 6 : 14;
                    op24(p, rri8(7, cond | ((bit >> 4) & 1), r0, bit & 15, (int) rel & 0xff));
                }
                case "slli" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int bits = 32 - imm(p, op, args.get(2), 1, 31);
                    op24(p, rrr(0, 1, (bits >> 4) & 1, r0, r1, bits & 15));
                }
                case "srai" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int bits = imm(p, op, args.get(2), 0, 31);
                    op24(p, rrr(0, 1, 2 | ((bits >> 4) & 1), r0, bits & 15, r1));
                }
                case "srli" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int bits = imm(p, op, args.get(2), 0, 15);
                    op24(p, rrr(0, 1, 4, r0, bits, r1));
                }
                case "l32i_n", "s32i_n" -> {
                    int r0 = reg(p, op, args.get(0));
                    int r1 = reg(p, op, args.get(1));
                    int imm = imm(p, op, args.get(2), 0, 60);
                    if ((imm & 3) != 0) {
                        p.error(imm + " is not a multiple of 4");
                    } else {
                        op16(p, rrrn(op.equals("l32i_n") ? 8 : 9, (imm >> 2) & 15, r1, r0));
                    }
                }
                default -> unknown(p, op, n);
            }
        } else {
            unknown(p, op, n);
        }
    }

    private static void unknown(Pass p, String op, int n) {
        p.error("unsupported Xtensa instruction '" + op + "' with " + n + " arguments");
    }

    /** movi: always an l32r from the constant table (MicroPython does not shorten it). */
    private void movi(Pass p, int reg, int value) {
        long loc = constTable + curConst * 4L;
        l32r(p, reg, p.offset(), loc);
        if (p.emitting() && curConst < numConst) {
            for (int k = 0; k < 4; k++) {
                p.patch(loc + k, value >> (8 * k));
            }
        }
        curConst++;
    }

    private static boolean shortBranch(Pass p, int label, long rel) {
        return dest(p, label) != 0xffffffffL && rel < 0;
    }

    private static void branchZ(Pass p, int cond, int reg, int label) {
        long rel = dest(p, label) - p.offset() - 4;
        if (shortBranch(p, label, rel) && signedFit(rel, 12)) {
            bccz(p, cond, reg, rel);
            return;
        }
        if (p.emitting() && !signedFit(rel - 6, 18)) {
            outOfRange(p, "bccz");
        }
        bccz(p, cond ^ 1, reg, 6 - 4);
        j(p, rel - 3);
    }

    private static void branch(Pass p, int cond, int r1, int r2, int label) {
        long rel = dest(p, label) - p.offset() - 4;
        if (shortBranch(p, label, rel) && signedFit(rel, 8)) {
            bcc(p, cond, r1, r2, rel);
            return;
        }
        if (p.emitting() && !signedFit(rel - 6, 18)) {
            outOfRange(p, "bcc");
        }
        bcc(p, cond ^ 8, r1, r2, 6 - 4);
        j(p, rel - 3);
    }

    private static void call0(Pass p, int label) {
        long dest = dest(p, label);
        long rel = (int) (dest - p.offset() - 3);
        if (p.emitting()) {
            if ((dest & 3) != 0) {
                notAligned("call0", "target");
            }
            if ((rel & 3) != 0) {
                notAligned("call0", "location");
            }
            if (!signedFit(rel, 18)) {
                outOfRange(p, "call0");
            }
        }
        op24(p, call(5, 0, (int) rel & 0x3ffff));
    }

    private static void l32rLabel(Pass p, int reg, int label) {
        long dest = dest(p, label);
        long rel = (int) (dest - p.offset());
        if (p.emitting()) {
            if ((dest & 3) != 0) {
                notAligned("l32r", "target");
            }
            if ((rel & 3) != 0) {
                notAligned("l32r", "location");
            }
            if (!signedFit(rel, 18) || rel >= 0) {
                outOfRange(p, "l32r");
            }
        }
        l32r(p, reg, p.offset(), dest);
    }
}
