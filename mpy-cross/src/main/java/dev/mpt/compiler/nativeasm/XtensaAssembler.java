package dev.mpt.compiler.nativeasm;

import dev.mpt.compiler.CompileError;

/**
 * Xtensa for the native emitter, with the call0 ABI (xtensa, ESP8266) or the windowed ABI
 * (xtensawin, ESP32): the encodings MicroPython's py/asmxtensa.c produces, byte for byte.
 * 32-bit constants that do not fit an instruction go into a table at the start of the
 * function, read with l32r; the table is sized from the previous pass.
 */
public final class XtensaAssembler extends SizedOffsetAssembler {
    private static final int A0 = 0;
    private static final int A1 = 1;
    private static final int A8 = 8;
    private static final int A9 = 9;
    private static final int A11 = 11;

    static final int CCZ_EQ = 0;
    static final int CCZ_NE = 1;
    static final int CC_EQ = 1;
    static final int CC_LT = 2;
    static final int CC_LTU = 3;
    static final int CC_NE = 9;
    static final int CC_GE = 10;
    static final int CC_GEU = 11;

    /** The condition per comparison; 0x80 marks "swap the operands". */
    private static final int[] COMPARE_CC = {
        CC_LTU, 0x80 | CC_LTU, CC_EQ, 0x80 | CC_GEU, CC_GEU, CC_NE,
        CC_LT, 0x80 | CC_LT, CC_EQ, 0x80 | CC_GE, CC_GE, CC_NE,
    };

    private static final int NUM_REGS_SAVED = 5;
    private static final int NUM_REGS_SAVED_WIN = 1;

    private final boolean windowed;
    private int curConst;
    private int numConst;
    /** Where the constant table starts in the code. */
    private int constTablePos = -1;
    private int stackAdjust;
    /** Whether this pass laid out a constant table (else constants are only counted). */
    private boolean tableThisPass;

    /** @param windowed the windowed register ABI (xtensawin) rather than call0 (xtensa) */
    public XtensaAssembler(boolean windowed) {
        this.windowed = windowed;
    }

    private static boolean signedFit(long x, int bits) {
        long mask = 0xffffffffL & ~((1L << (bits - 1)) - 1);
        long m = x & mask;
        return m == 0 || m == mask;
    }

    // ---- encodings ------------------------------------------------------------------------

    private static int rrr(int op0, int op1, int op2, int r, int s, int t) {
        return op2 << 20 | op1 << 16 | r << 12 | s << 8 | t << 4 | op0;
    }

    private static int rri8(int op0, int r, int s, int t, int imm8) {
        return imm8 << 16 | r << 12 | s << 8 | t << 4 | op0;
    }

    private static int bri12(int op0, int s, int m, int n, int imm12) {
        return imm12 << 12 | s << 8 | m << 6 | n << 4 | op0;
    }

    private static int call(int op0, int n, int offset) {
        return offset << 6 | n << 4 | op0;
    }

    private static int callx(int op0, int op1, int op2, int r, int s, int m, int n) {
        return op2 << 20 | op1 << 16 | r << 12 | s << 8 | m << 6 | n << 4 | op0;
    }

    private static int rrrn(int op0, int r, int s, int t) {
        return r << 12 | s << 8 | t << 4 | op0;
    }

    private void op16(int op) {
        data(2, op & 0xffff);
    }

    private void op24(int op) {
        data(3, op & 0xffffff);
    }

    private void addN(int dest, int a, int b) {
        op16(rrrn(10, dest, a, b));
    }

    private void addi(int dest, int src, int imm8) {
        op24(rri8(2, 12, src, dest, imm8 & 0xff));
    }

    private void bcc(int cond, int r1, int r2, int rel8) {
        op24(rri8(7, cond, r1, r2, rel8 & 0xff));
    }

    private void bccz(int cond, int reg, int rel12) {
        op24(bri12(6, reg, cond, 1, rel12 & 0xfff));
    }

    private void j(int rel18) {
        op24(call(6, 0, rel18 & 0x3ffff));
    }

    private void l32iN(int dest, int base, int wordOffset) {
        op16(rrrn(8, wordOffset & 0xf, base, dest));
    }

    private void l32i(int dest, int base, int wordOffset) {
        op24(rri8(2, 2, base, dest, wordOffset & 0xff));
    }

    private void s32iN(int src, int base, int wordOffset) {
        op16(rrrn(9, wordOffset & 0xf, base, src));
    }

    private void movi(int dest, int imm12) {
        op24(rri8(2, 10, (imm12 >> 8) & 0xf, dest, imm12 & 0xff));
    }

    private void moviN(int dest, int imm7) {
        op16(((imm7 & 0xf) << 12) | dest << 8 | (imm7 & 0x70) | 12);
    }

    private void rangeError(String what) {
        if (pass() == PASS_EMIT) {
            throw new CompileError("RuntimeError", "ERROR: xtensa " + what + " out of range", -1);
        }
    }

    private void movRegI32(int dest, int i32) {
        int loc = constTablePos + curConst * 4;
        int opOff = codePos();
        op24(loc - ((opOff + 3) & ~3) >>> 2 << 8 & 0xffff00 | dest << 4 | 1);
        if (tableThisPass && pass() == PASS_EMIT && curConst < numConst) {
            for (int k = 0; k < 4; k++) {
                patch(loc + k, i32 >> (8 * k));
            }
        }
        curConst++;
    }

    private void movRegI32Optimised(int dest, int i32) {
        if (-32 <= i32 && i32 <= 95) {
            moviN(dest, i32);
        } else if (signedFit(i32, 12)) {
            movi(dest, i32);
        } else {
            movRegI32(dest, i32);
        }
    }

    private void l32iOptimised(int dest, int base, int wordOffset) {
        if (Integer.compareUnsigned(wordOffset, 16) < 0) {
            l32iN(dest, base, wordOffset);
        } else if (Integer.compareUnsigned(wordOffset, 256) < 0) {
            l32i(dest, base, wordOffset);
        } else {
            movRegI32Optimised(dest, wordOffset * 4);
            addN(dest, base, dest);
            l32iN(dest, dest, 0);
        }
    }

    private long branchDisplacement(int label) {
        long dest = labelOffset(label) & 0xffffffffL;
        return (int) (dest - codePos() - 4);
    }

    private boolean shortBranch(int label) {
        return labelOffset(label) != -1 && branchDisplacement(label) < 0;
    }

    @Override
    public void startPass(int pass) {
        super.startPass(pass);
        tableThisPass = false;
    }

    // ---- facts --------------------------------------------------------------------------------

    @Override
    public int wordSize() {
        return 4;
    }

    @Override
    public int nlrBufWords() {
        return 2 + (windowed ? 17 : 10) + 1;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return windowed ? 2 + 4 : 8;
    }

    @Override
    public boolean nlrSetjmp() {
        return windowed;
    }

    @Override
    public int regRet() {
        return windowed ? 10 : 2;
    }

    @Override
    public int regArg1() {
        return windowed ? 10 : 2;
    }

    @Override
    public int regArg2() {
        return windowed ? 11 : 3;
    }

    @Override
    public int regArg3() {
        return windowed ? 12 : 4;
    }

    @Override
    public int regArg4() {
        return windowed ? 13 : 5;
    }

    @Override
    public int regParentRet() {
        return 2;
    }

    @Override
    public int regParentArg1() {
        return 2;
    }

    @Override
    public int regParentArg2() {
        return 3;
    }

    @Override
    public int regParentArg3() {
        return 4;
    }

    @Override
    public int regParentArg4() {
        return 5;
    }

    @Override
    public int regTemp0() {
        return windowed ? 10 : 2;
    }

    @Override
    public int regTemp1() {
        return windowed ? 11 : 3;
    }

    @Override
    public int regTemp2() {
        return windowed ? 12 : 4;
    }

    @Override
    public int regLocal1() {
        return windowed ? 4 : 12;
    }

    @Override
    public int regLocal2() {
        return windowed ? 5 : 13;
    }

    @Override
    public int regLocal3() {
        return windowed ? 6 : 14;
    }

    @Override
    public int regFunTable() {
        return windowed ? 7 : 15;
    }

    private int regTemp() {
        return windowed ? 12 : 6;
    }

    private int numRegsSaved() {
        return windowed ? NUM_REGS_SAVED_WIN : NUM_REGS_SAVED;
    }

    // ---- operations ---------------------------------------------------------------------------

    @Override
    public void endPass() {
        numConst = curConst;
        curConst = 0;
    }

    @Override
    public void entry(int numLocals) {
        if (numConst > 0) {
            j(numConst * 4 + 4 - 4);
            reserve(1);
            constTablePos = codePos();
            tableThisPass = true;
            reserve(numConst * 4);
        }
        if (windowed) {
            stackAdjust = 32 + (((NUM_REGS_SAVED_WIN + numLocals) * 4 + 15) & ~15);
            op24(bri12(6, A1, 0, 3, (stackAdjust / 8) & 0xfff));
            s32iN(A0, A1, 0);
        } else {
            stackAdjust = ((NUM_REGS_SAVED + numLocals) * 4 + 15) & ~15;
            if (signedFit(-stackAdjust, 8)) {
                addi(A1, A1, -stackAdjust);
            } else {
                movi(A9, stackAdjust);
                op24(rrr(0, 0, 12, A1, A1, A9));
            }
            s32iN(A0, A1, 0);
            for (int i = 1; i < NUM_REGS_SAVED; i++) {
                s32iN(A11 + i, A1, i);
            }
        }
    }

    @Override
    public void exit() {
        if (windowed) {
            l32iN(A0, A1, 0);
            op16(rrrn(13, 15, 0, 1));
        } else {
            for (int i = NUM_REGS_SAVED - 1; i >= 1; i--) {
                l32iN(A11 + i, A1, i);
            }
            l32iN(A0, A1, 0);
            if (signedFit(stackAdjust, 8)) {
                addi(A1, A1, stackAdjust);
            } else {
                movi(A9, stackAdjust);
                addN(A1, A1, A9);
            }
            op16(rrrn(13, 15, 0, 0));
        }
    }

    @Override
    public void jump(int label) {
        long dest = labelOffset(label) & 0xffffffffL;
        j((int) (dest - codePos() - 4));
    }

    private void bcczLabel(int cond, int reg, int label) {
        boolean isShort = shortBranch(label);
        int rel = (int) branchDisplacement(label);
        if (isShort && signedFit(rel, 12)) {
            bccz(cond, reg, rel);
            return;
        }
        if (!signedFit(rel - 6, 18)) {
            rangeError("bccz");
        }
        bccz(cond ^ 1, reg, 6 - 4);
        j(rel - 3);
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        bcczLabel(CCZ_EQ, reg, label);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        bcczLabel(CCZ_NE, reg, label);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        boolean isShort = shortBranch(label);
        int rel = (int) branchDisplacement(label);
        if (isShort && signedFit(rel, 8)) {
            bcc(CC_EQ, reg1, reg2, rel);
            return;
        }
        if (!signedFit(rel - 6, 18)) {
            rangeError("bcc");
        }
        bcc(CC_EQ ^ 8, reg1, reg2, 6 - 4);
        j(rel - 3);
    }

    @Override
    public void jumpReg(int reg) {
        op24(callx(0, 0, 0, 0, reg, 2, 2));
    }

    @Override
    public void callInd(int funId) {
        if (windowed) {
            l32iOptimised(A8, 7, funId);
            op24(callx(0, 0, 0, 0, A8, 3, 2));
        } else {
            l32iOptimised(A0, 15, funId);
            op24(callx(0, 0, 0, 0, A0, 3, 0));
        }
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        op24(rri8(2, 6, A1, regSrc, (numRegsSaved() + localNum) & 0xff));
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        movRegI32Optimised(regDest, (int) imm);
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        l32i(regDest, A1, numRegsSaved() + localNum);
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        op16(rrrn(13, 0, regSrc, regDest));
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        int off = (numRegsSaved() + localNum) * 4;
        if (signedFit(off, 8)) {
            addi(regDest, A1, off);
        } else {
            movi(regDest, off);
            addN(regDest, regDest, A1);
        }
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        long dest = labelOffset(label) & 0xffffffffL;
        int rel = (int) (dest - codePos());
        rel -= 3 + 3;
        movi(regDest, rel);
        int off = codePos() >> 1 & 1;
        int pad = (5 - codePos()) & 3;
        op24(call(5, 0, off & 0x3ffff));
        reserve(pad);
        addN(regDest, regDest, A0);
    }

    @Override
    public boolean hasNotReg() {
        return false;
    }

    @Override
    public void negReg(int reg) {
        op24(rrr(0, 0, 6, reg, 0, reg));
    }

    @Override
    public void lslRegReg(int regDest, int regShift) {
        op24(rrr(0, 0, 4, 1, regShift, 0));
        op24(rrr(0, 1, 10, regDest, regDest, 0));
    }

    @Override
    public void lsrRegReg(int regDest, int regShift) {
        op24(rrr(0, 0, 4, 0, regShift, 0));
        op24(rrr(0, 1, 9, regDest, 0, regDest));
    }

    @Override
    public void asrRegReg(int regDest, int regShift) {
        op24(rrr(0, 0, 4, 0, regShift, 0));
        op24(rrr(0, 1, 11, regDest, 0, regDest));
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        op24(rrr(0, 0, 2, regDest, regDest, regSrc));
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        op24(rrr(0, 0, 3, regDest, regDest, regSrc));
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        op24(rrr(0, 0, 1, regDest, regDest, regSrc));
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        addN(regDest, regDest, regSrc);
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        op24(rrr(0, 0, 12, regDest, regDest, regSrc));
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        op24(rrr(0, 2, 8, regDest, regDest, regSrc));
    }

    @Override
    void loadOffset(int dest, int base, int offset, int size) {
        if (size == 2 && (offset & ~0xf) == 0) {
            l32iN(dest, base, offset);
        } else if ((offset & ~0xff) == 0) {
            op24(rri8(2, size, base, dest, offset));
        } else {
            movRegI32Optimised(dest, offset << size);
            addN(dest, base, dest);
            if (size == 2) {
                l32iN(dest, dest, 0);
            } else {
                op24(rri8(2, size, dest, dest, 0));
            }
        }
    }

    @Override
    void storeOffset(int src, int base, int offset, int size) {
        if (size == 2 && (offset & ~0xf) == 0) {
            s32iN(src, base, offset);
        } else if ((offset & ~0xff) == 0) {
            op24(rri8(2, 4 | size, base, src, offset));
        } else {
            int temp = regTemp();
            movRegI32Optimised(temp, offset << size);
            addN(temp, base, temp);
            if (size == 2) {
                s32iN(src, temp, 0);
            } else {
                op24(rri8(2, 4 | size, temp, src, 0));
            }
        }
    }

    /** base += index << size (add.n, addx2, addx4). */
    private void scaleInto(int base, int index, int size) {
        switch (size) {
            case 0 -> addN(base, index, base);
            case 1 -> op24(rrr(0, 0, 9, base, index, base));
            default -> op24(rrr(0, 0, 10, base, index, base));
        }
    }

    @Override
    public void loadSizedRegRegReg(int sizeLog2, int regDest, int regBase, int regIndex) {
        scaleInto(regBase, regIndex, sizeLog2);
        if (sizeLog2 == 2) {
            l32iN(regDest, regBase, 0);
        } else {
            op24(rri8(2, sizeLog2, regBase, regDest, 0));
        }
    }

    @Override
    public void storeSizedRegRegReg(int sizeLog2, int regSrc, int regBase, int regIndex) {
        scaleInto(regBase, regIndex, sizeLog2);
        if (sizeLog2 == 2) {
            s32iN(regSrc, regBase, 0);
        } else {
            op24(rri8(2, 4 | sizeLog2, regBase, regSrc, 0));
        }
    }

    @Override
    public void clrReg(int reg) {
        moviN(reg, 0);
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        int cc = COMPARE_CC[opIdx];
        int a = regLhs;
        int b = regRhs;
        if ((cc & 0x80) != 0) {
            a = regRhs;
            b = regLhs;
        }
        moviN(regRet, 1);
        bcc(cc & ~0x80, a, b, 1);
        moviN(regRet, 0);
    }
}
