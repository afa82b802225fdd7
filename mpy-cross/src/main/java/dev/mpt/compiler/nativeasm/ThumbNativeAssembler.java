package dev.mpt.compiler.nativeasm;

import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.thumb.ThumbOps;

/**
 * Thumb and Thumb-2 for the native emitter (armv6m, armv7m, armv7em*): the sequences
 * MicroPython's py/asmthumb.c produces, byte for byte. ARMv6-M lacks the 32-bit Thumb-2
 * forms, so constants, long branches and large offsets take longer sequences there.
 */
public final class ThumbNativeAssembler extends SizedOffsetAssembler {
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R7 = 7;
    private static final int SP = 13;
    private static final int PC = 15;

    static final int CC_EQ = 0x0;
    static final int CC_NE = 0x1;
    static final int CC_CS = 0x2;
    static final int CC_CC = 0x3;
    static final int CC_HI = 0x8;
    static final int CC_LS = 0x9;
    static final int CC_GE = 0xa;
    static final int CC_LT = 0xb;
    static final int CC_GT = 0xc;
    static final int CC_LE = 0xd;

    private static final int OP_NOP = 0xbf00;

    /** Comparison conditions (unsigned then signed: <, >, ==, <=, >=, !=). */
    private static final int[] COMPARE_CC = {
        CC_CC, CC_HI, CC_EQ, CC_LS, CC_CS, CC_NE,
        CC_LT, CC_GT, CC_EQ, CC_LE, CC_GE, CC_NE,
    };

    private final boolean armv7m;
    private int pushReglist;
    private int stackAdjust;

    /** @param armv7m whether Thumb-2 (ARMv7-M) instructions may be used (not on ARMv6-M) */
    public ThumbNativeAssembler(boolean armv7m) {
        this.armv7m = armv7m;
    }

    /** The low 32 bits of {@code x} are a sign-extended {@code bits}-bit number (asmthumb.c's SIGNED_FITn). */
    static boolean signedFit(long x, int bits) {
        long mask = 0xffffffffL & ~((1L << (bits - 1)) - 1);
        long m = x & mask;
        return m == 0 || m == mask;
    }

    private static boolean unsignedFit(int bits, int value) {
        return (value & (0xffffffff << bits)) == 0;
    }

    // ---- raw instructions -------------------------------------------------------------------

    private void op16(int op) {
        data(2, op & 0xffff);
    }

    private void op32(int op1, int op2) {
        data(2, op1 & 0xffff);
        data(2, op2 & 0xffff);
    }

    private void format4(int op, int rloDest, int rloSrc) {
        op16(op | rloSrc << 3 | rloDest);
    }

    private void movRloI8(int rlo, int i8) {
        op16(0x2000 | rlo << 8 | i8);
    }

    private void addRloI8(int rlo, int i8) {
        op16(0x3000 | rlo << 8 | i8);
    }

    private void cmpRloI8(int rlo, int i8) {
        op16(0x2800 | rlo << 8 | i8);
    }

    private void ldrRloPcrelI8(int rlo, int i8) {
        op16(0x4800 | rlo << 8 | i8);
    }

    private void lslRloRloI5(int rloDest, int rloSrc, int shift) {
        op16(shift << 6 | rloSrc << 3 | rloDest);
    }

    private void addRloRloRlo(int dest, int a, int b) {
        op16(0x1800 | b << 6 | a << 3 | dest);
    }

    private void subRloRloRlo(int dest, int a, int b) {
        op16(0x1a00 | b << 6 | a << 3 | dest);
    }

    /** add with a high register (format 5). */
    private void addHiRegReg(int rDest, int rSrc) {
        op16(0x4400 | (rDest << 4 & 0x0080) | rSrc << 3 | (rDest & 7));
    }

    private void sxthRloRlo(int dest, int src) {
        op16(0xb200 | src << 3 | dest);
    }

    private void movRegI16(int movOp, int regDest, int i16) {
        int[] hw = ThumbOps.movImm16(movOp, regDest, i16);
        op32(hw[0], hw[1]);
    }

    private void movRloI16(int rloDest, int i16) {
        movRloI8(rloDest, (i16 >> 8) & 0xff);
        lslRloRloI5(rloDest, rloDest, 8);
        addRloI8(rloDest, i16 & 0xff);
    }

    private void bN(long rel) {
        op16(0xe000 | (int) ((rel >> 1) & 0x07ff));
    }

    private void bccN(int cond, long rel) {
        op16(0xd000 | cond << 8 | (int) ((rel >> 1) & 0x00ff));
    }

    private void movRegI32(int regDest, int i32) {
        if (armv7m) {
            movRegI16(ThumbOps.OP_MOVW, regDest, i32);
            movRegI16(ThumbOps.OP_MOVT, regDest, i32 >>> 16);
        } else {
            if ((codePos() & 2) != 0) {
                op16(OP_NOP);
            }
            ldrRloPcrelI8(regDest, 0);
            bN(2);
            op16(i32 & 0xffff);
            op16(i32 >>> 16);
        }
    }

    private void movRegI32Optimised(int regDest, int i32) {
        if (regDest < 8 && (i32 & 0xffffff00) == 0) {
            movRloI8(regDest, i32);
        } else if (armv7m) {
            if ((i32 & 0xffff0000) == 0) {
                movRegI16(ThumbOps.OP_MOVW, regDest, i32);
            } else {
                movRegI32(regDest, i32);
            }
        } else {
            boolean negate = i32 < 0 && (i32 + i32) != 0;
            if (negate) {
                i32 = -i32;
            }
            int clz = Integer.numberOfLeadingZeros(i32);
            int ctz = i32 != 0 ? Integer.numberOfTrailingZeros(i32) : 0;
            if (clz + ctz >= 24) {
                movRloI8(regDest, (i32 >> ctz) & 0xff);
                lslRloRloI5(regDest, regDest, ctz);
            } else if ((i32 & 0xffff0000) == 0) {
                movRloI16(regDest, i32);
            } else {
                if (negate) {
                    negate = false;
                    i32 = -i32;
                }
                movRegI32(regDest, i32);
            }
            if (negate) {
                format4(0x4240, regDest, regDest);
            }
        }
    }

    private void movLocalCheck(int wordOffset) {
        if (pass() >= PASS_EMIT && (wordOffset & 0xffffff00) != 0) {
            throw new CompileError("NotImplementedError", "too many locals for native method", -1);
        }
    }

    /** reg_dest = reg_base + offset << shift. */
    private void addRegRegOffset(int regDest, int regBase, int offset, int shift) {
        if (Integer.compareUnsigned(offset << shift, 256) < 0) {
            if (regDest != regBase) {
                movRegReg(regDest, regBase);
            }
            addRloI8(regDest, offset << shift);
        } else if ((offset & 0xffffff00) == 0 && regDest != regBase) {
            movRloI8(regDest, offset);
            lslRloRloI5(regDest, regDest, shift);
            addRloRloRlo(regDest, regDest, regBase);
        } else if (regDest != regBase) {
            movRegI32Optimised(regDest, offset << shift);
            addRloRloRlo(regDest, regDest, regBase);
        } else {
            int regOther = regDest ^ 7;
            op16(0xb400 | 1 << regOther);
            movRegI32Optimised(regOther, offset << shift);
            addRloRloRlo(regDest, regDest, regOther);
            op16(0xbc00 | 1 << regOther);
        }
    }

    private static final int[] LDR_STR_TABLE = {0x0e, 0x10, 0x0c};

    @Override
    void loadOffset(int regDest, int regBase, int offset, int size) {
        if (unsignedFit(5, offset) && regDest < 8 && regBase < 8) {
            op16((LDR_STR_TABLE[size] | 1) << 11 | offset << 6 | regBase << 3 | regDest);
        } else if (armv7m && unsignedFit(12, offset << size)) {
            op32(0xf880 | size << 5 | regBase | 0x10, regDest << 12 | offset << size);
        } else {
            addRegRegOffset(regDest, regBase, offset - 31, size);
            op16((LDR_STR_TABLE[size] | 1) << 11 | 31 << 6 | regDest << 3 | regDest);
        }
    }

    @Override
    void storeOffset(int regSrc, int regBase, int offset, int size) {
        if (unsignedFit(5, offset) && regSrc < 8 && regBase < 8) {
            op16(LDR_STR_TABLE[size] << 11 | offset << 6 | regBase << 3 | regSrc);
        } else if (armv7m && unsignedFit(12, offset << size)) {
            op32(0xf880 | size << 5 | regBase, regSrc << 12 | offset << size);
        } else {
            op16(0xb400 | 1 << regBase);
            addRegRegOffset(regBase, regBase, offset - 31, size);
            op16(LDR_STR_TABLE[size] << 11 | 31 << 6 | regBase << 3 | regSrc);
            op16(0xbc00 | 1 << regBase);
        }
    }

    private void bLabel(int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos() - 4;
        if (dest != -1 && rel <= -4 && signedFit(rel, 12)) {
            bN(rel);
            return;
        }
        if (armv7m) {
            op32(0xf000 | (int) ((rel >> 12) & 0x07ff), 0xb800 | (int) ((rel >> 1) & 0x07ff));
        } else {
            boolean needAlign = (codePos() & 2) != 0;
            if (signedFit(rel, 12)) {
                bN(rel);
                op16(OP_NOP);
                op16(OP_NOP);
                op16(OP_NOP);
                if (needAlign) {
                    op16(OP_NOP);
                }
            } else {
                rel -= 2;
                if (needAlign) {
                    op16(OP_NOP);
                    rel -= 2;
                }
                ldrRloPcrelI8(R1, 0);
                addHiRegReg(PC, R1);
                op16((int) rel & 0xffff);
                op16((int) (rel >> 16) & 0xffff);
            }
        }
    }

    private void bccLabel(int cond, int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos() - 4;
        if (dest != -1 && rel <= -4 && signedFit(rel, 9)) {
            bccN(cond, rel);
            return;
        }
        if (armv7m) {
            op32(0xf000 | cond << 6 | (int) ((rel >> 10) & 0x0400) | (int) ((rel >> 12) & 0x003f),
                0x8000 | (int) ((rel >> 5) & 0x2000) | (int) ((rel >> 8) & 0x0800) | (int) ((rel >> 1) & 0x07ff));
        } else {
            int start = codePos();
            int at = reserve(2);
            bLabel(label);
            int bytesToSkip = codePos() - start;
            int op = 0xd000 | (cond ^ 1) << 8 | ((bytesToSkip - 4) >> 1 & 0xff);
            if (at >= 0) {
                patch(at, op);
                patch(at + 1, op >> 8);
            }
        }
    }

    private void blInd(int funId, int regTemp) {
        loadOffset(regTemp, R7, funId, 2);
        op16(0x4780 | regTemp << 3);
    }

    // ---- facts ------------------------------------------------------------------------------

    @Override
    public int wordSize() {
        return 4;
    }

    @Override
    public int nlrBufWords() {
        return 2 + 16 + 1;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return 3;
    }

    @Override
    public int regRet() {
        return R0;
    }

    @Override
    public int regArg1() {
        return R0;
    }

    @Override
    public int regArg2() {
        return R1;
    }

    @Override
    public int regArg3() {
        return R2;
    }

    @Override
    public int regArg4() {
        return R3;
    }

    @Override
    public int regTemp0() {
        return R0;
    }

    @Override
    public int regTemp1() {
        return R1;
    }

    @Override
    public int regTemp2() {
        return R2;
    }

    @Override
    public int regLocal1() {
        return 4;
    }

    @Override
    public int regLocal2() {
        return 5;
    }

    @Override
    public int regLocal3() {
        return 6;
    }

    @Override
    public int regFunTable() {
        return R7;
    }

    // ---- operations ---------------------------------------------------------------------------

    @Override
    public void entry(int numLocals) {
        int reglist;
        int adjust;
        switch (numLocals) {
            case 0, 1 -> {
                reglist = 0xf2;
                adjust = 0;
            }
            case 2, 3 -> {
                reglist = 0xfe;
                adjust = 0;
            }
            default -> {
                reglist = 0xfe;
                adjust = ((numLocals - 3) + 1) & ~1;
            }
        }
        op16(0xb400 | 0x0100 | reglist);
        adjustSp(adjust, 0xb080, 0xf2a0);
        pushReglist = reglist;
        stackAdjust = adjust;
    }

    private void adjustSp(int adjust, int op16Form, int op32Hi) {
        if (adjust <= 0) {
            return;
        }
        if (armv7m) {
            if (adjust < 128) {
                op16(op16Form | adjust);
            } else {
                int imm = adjust * 4;
                op32(op32Hi | SP, (imm << 4 & 0x7000) | SP << 8 | (imm & 0xff));
            }
        } else {
            int adj = adjust;
            while (adj >= 128) {
                op16(op16Form | 127);
                adj -= 127;
            }
            op16(op16Form | adj);
        }
    }

    @Override
    public void exit() {
        adjustSp(stackAdjust, 0xb000, 0xf200);
        op16(0xbc00 | 0x0100 | pushReglist);
    }

    @Override
    public void jump(int label) {
        bLabel(label);
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        cmpRloI8(reg, 0);
        bccLabel(CC_EQ, label);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        cmpRloI8(reg, 0);
        bccLabel(CC_NE, label);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        format4(0x4280, reg1, reg2);
        bccLabel(CC_EQ, label);
    }

    @Override
    public void jumpReg(int reg) {
        op16(0x4700 | reg << 3);
    }

    @Override
    public void callInd(int funId) {
        blInd(funId, R3);
    }

    @Override
    public void callSetupCodeState(int funId) {
        blInd(funId, R4);
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        movLocalCheck(localNum);
        op16(0x9000 | regSrc << 8 | (localNum & 0xff));
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        movRegI32Optimised(regDest, (int) imm);
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        movLocalCheck(localNum);
        op16(0x9800 | regDest << 8 | (localNum & 0xff));
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        int opLo = regSrc < 8 ? regSrc << 3 : 0x40 | (regSrc - 8) << 3;
        opLo |= regDest < 8 ? regDest : 0x80 | (regDest - 8);
        op16(0x4600 | opLo);
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        op16(0xa800 | regDest << 8 | (localNum & 0xff));
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos();
        rel |= 1;
        if (armv7m) {
            rel -= 6 + 4;
            movRegI16(ThumbOps.OP_MOVW, regDest, (int) rel);
            sxthRloRlo(regDest, regDest);
        } else {
            rel -= 8 + 4;
            movRloI16(regDest, (int) rel);
            sxthRloRlo(regDest, regDest);
        }
        addHiRegReg(regDest, PC);
    }

    @Override
    public void notReg(int reg) {
        format4(0x43c0, reg, reg);
    }

    @Override
    public void negReg(int reg) {
        format4(0x4240, reg, reg);
    }

    @Override
    public void lslRegReg(int regDest, int regShift) {
        format4(0x4080, regDest, regShift);
    }

    @Override
    public void lsrRegReg(int regDest, int regShift) {
        format4(0x40c0, regDest, regShift);
    }

    @Override
    public void asrRegReg(int regDest, int regShift) {
        format4(0x4100, regDest, regShift);
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        format4(0x4300, regDest, regSrc);
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        format4(0x4040, regDest, regSrc);
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        format4(0x4000, regDest, regSrc);
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        addRloRloRlo(regDest, regDest, regSrc);
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        subRloRloRlo(regDest, regDest, regSrc);
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        format4(0x4340, regDest, regSrc);
    }

    @Override
    public void loadSizedRegRegReg(int sizeLog2, int regDest, int regBase, int regIndex) {
        switch (sizeLog2) {
            case 0 -> op16(0x5c00 | regIndex << 6 | regBase << 3 | regDest);
            case 1 -> {
                lslRloRloI5(R2, regIndex, 1);
                op16(0x5a00 | R2 << 6 | regBase << 3 | regDest);
            }
            default -> {
                lslRloRloI5(R2, regIndex, 2);
                op16(0x5800 | R2 << 6 | regBase << 3 | regDest);
            }
        }
    }

    @Override
    public void storeSizedRegRegReg(int sizeLog2, int regSrc, int regBase, int regIndex) {
        switch (sizeLog2) {
            case 0 -> op16(0x5400 | regIndex << 6 | regBase << 3 | regSrc);
            case 1 -> {
                op16(0xb400 | 1 << regIndex);
                lslRloRloI5(regIndex, regIndex, 1);
                op16(0x5200 | regIndex << 6 | regBase << 3 | regSrc);
                op16(0xbc00 | 1 << regIndex);
            }
            default -> {
                op16(0xb400 | 1 << regIndex);
                lslRloRloI5(regIndex, regIndex, 2);
                op16(0x5000 | regIndex << 6 | regBase << 3 | regSrc);
                op16(0xbc00 | 1 << regIndex);
            }
        }
    }

    @Override
    public void clrReg(int reg) {
        movRloI8(reg, 0);
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        format4(0x4280, regLhs, regRhs);
        int cc = COMPARE_CC[opIdx];
        if (armv7m) {
            // ITE cc: the mask selects then (1) / else (0)
            op16(0xbf00 | cc << 4 | ((cc & 1) != 0 ? 0x4 : 0xc));
            movRloI8(regRet, 1);
            movRloI8(regRet, 0);
        } else {
            bccN(cc, 6 - 4);
            movRloI8(regRet, 0);
            bN(4 - 4);
            movRloI8(regRet, 1);
        }
    }
}
