package dev.mpt.compiler.nativeasm;

/**
 * x86-64 (System V calling convention) for the native emitter: the encodings MicroPython's
 * py/asmx64.c produces, byte for byte. Registers are numbered as in the ModRM byte (RAX 0 ..
 * R15 15).
 */
public final class X64Assembler extends X86FamilyAssembler {
    public static final int RAX = 0;
    public static final int RCX = 1;
    public static final int RDX = 2;
    public static final int RBX = 3;
    public static final int RSP = 4;
    public static final int RBP = 5;
    public static final int RSI = 6;
    public static final int RDI = 7;
    public static final int R8 = 8;
    public static final int R12 = 12;
    public static final int R13 = 13;

    /** Condition codes of jcc and setcc. */
    static final int CC_JB = 0x2;
    static final int CC_JAE = 0x3;
    static final int CC_JE = 0x4;
    static final int CC_JNE = 0x5;
    static final int CC_JBE = 0x6;
    static final int CC_JA = 0x7;
    static final int CC_JL = 0xc;
    static final int CC_JGE = 0xd;
    static final int CC_JLE = 0xe;
    static final int CC_JG = 0xf;

    /** The setcc condition per comparison (unsigned then signed: <, >, ==, <=, >=, !=). */
    private static final int[] COMPARE_CC = {
        CC_JB, CC_JA, CC_JE, CC_JBE, CC_JAE, CC_JNE,
        CC_JL, CC_JG, CC_JE, CC_JLE, CC_JGE, CC_JNE,
    };

    private static final int REX = 0x40;
    private static final int REX_W = 0x08;

    private int numLocals;

    private static int rexR(int r) {
        return (r >> 1) & 0x04;
    }

    private static int rexB(int r) {
        return (r >> 3) & 0x01;
    }

    /** MicroPython's SIGNED_FIT8 on a 64-bit host: the low 32 bits are a sign-extended byte. */
    static boolean signedFit8(long x) {
        long m = x & 0xffffff80L;
        return m == 0 || m == 0xffffff80L;
    }

    private void word32(long w) {
        data(4, w & 0xffffffffL);
    }

    private void rDisp(int r, int base, int disp) {
        int mod;
        if (disp == 0 && (base & 7) != RBP) {
            mod = 0x00;
        } else if (signedFit8(disp)) {
            mod = 0x40;
        } else {
            mod = 0x80;
        }
        emitBytes(((r & 7) << 3) | mod | (base & 7));
        if ((base & 7) == RSP) {
            emitBytes(0x24);
        }
        if (mod == 0x40) {
            emitBytes(disp & 0xff);
        } else if (mod == 0x80) {
            word32(disp);
        }
    }

    @Override
    void genericRR(int dest, int src, int op) {
        emitBytes(REX | REX_W | rexR(src) | rexB(dest), op, 0xc0 | ((src & 7) << 3) | (dest & 7));
    }

    private void push(int r) {
        if (r < 8) {
            emitBytes(0x50 | r);
        } else {
            emitBytes(REX | 0x01, 0x50 | (r & 7));
        }
    }

    private void pop(int r) {
        if (r < 8) {
            emitBytes(0x58 | r);
        } else {
            emitBytes(REX | 0x01, 0x58 | (r & 7));
        }
    }

    void movMem64ToR64(int src, int disp, int dest) {
        emitBytes(REX | REX_W | rexR(dest) | rexB(src), 0x8b);
        rDisp(dest, src, disp);
    }

    void movR64ToMem64(int src, int dest, int disp) {
        emitBytes(REX | REX_W | rexR(src) | rexB(dest), 0x89);
        rDisp(src, dest, disp);
    }

    private void subR64I32(int dest, int imm) {
        if (signedFit8(imm)) {
            emitBytes(REX | REX_W, 0x83, 0xc0 | (5 << 3) | dest);
            emitBytes(imm & 0xff);
        } else {
            emitBytes(REX | REX_W, 0x81, 0xc0 | (5 << 3) | dest);
            word32(imm);
        }
    }

    private void movI32ToR64(long imm, int dest) {
        if (dest < 8) {
            emitBytes(0xb8 | dest);
        } else {
            emitBytes(REX | 0x01, 0xb8 | (dest & 7));
        }
        word32(imm);
    }

    private void jcc(int cc, int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos();
        if (dest != -1 && rel < 0) {
            rel -= 2;
            if (signedFit8(rel)) {
                emitBytes(0x70 | cc, (int) rel & 0xff);
                return;
            }
            rel += 2;
        }
        rel -= 6;
        emitBytes(0x0f, 0x80 | cc);
        word32(rel);
    }

    private void testR8(int a, int b) {
        emitBytes(0x84, 0xc0 | (a << 3) | b);
    }

    private void testR64(int a, int b) {
        genericRR(b, a, 0x85);
    }

    // ---- facts ----------------------------------------------------------------------------

    @Override
    public int wordSize() {
        return 8;
    }

    @Override
    public int nlrBufWords() {
        return 2 + 10 + 1;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return 5;
    }

    @Override
    public int regRet() {
        return RAX;
    }

    @Override
    public int regArg1() {
        return RDI;
    }

    @Override
    public int regArg2() {
        return RSI;
    }

    @Override
    public int regArg3() {
        return RDX;
    }

    @Override
    public int regArg4() {
        return RCX;
    }

    @Override
    public int regTemp0() {
        return RAX;
    }

    @Override
    public int regTemp1() {
        return RDI;
    }

    @Override
    public int regTemp2() {
        return RSI;
    }

    @Override
    public int regLocal1() {
        return RBX;
    }

    @Override
    public int regLocal2() {
        return R12;
    }

    @Override
    public int regLocal3() {
        return R13;
    }

    @Override
    public int regFunTable() {
        return RBP;
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public void entry(int numLocals) {
        push(RBP);
        push(RBX);
        push(R12);
        push(R13);
        numLocals |= 1;
        subR64I32(RSP, numLocals * 8);
        this.numLocals = numLocals;
    }

    @Override
    public void exit() {
        subR64I32(RSP, -numLocals * 8);
        pop(R13);
        pop(R12);
        pop(RBX);
        pop(RBP);
        emitBytes(0xc3);
    }

    @Override
    public void jump(int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos();
        if (dest != -1 && rel < 0) {
            rel -= 2;
            if (signedFit8(rel)) {
                emitBytes(0xeb, (int) rel & 0xff);
                return;
            }
            rel += 2;
        }
        rel -= 5;
        emitBytes(0xe9);
        word32(rel);
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        if (boolTest) {
            testR8(reg, reg);
        } else {
            testR64(reg, reg);
        }
        jcc(CC_JE, label);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        if (boolTest) {
            testR8(reg, reg);
        } else {
            testR64(reg, reg);
        }
        jcc(CC_JNE, label);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        genericRR(reg2, reg1, 0x39);
        jcc(CC_JE, label);
    }

    @Override
    public void jumpReg(int reg) {
        emitBytes(0xff, 0xc0 | (4 << 3) | reg);
    }

    @Override
    public void callInd(int funId) {
        movMem64ToR64(RBP, funId * 8, RAX);
        emitBytes(0xff, 0xc0 | (2 << 3) | RAX);
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        movR64ToMem64(regSrc, RSP, localNum * 8);
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        if ((imm & 0xffffffff00000000L) == 0) {
            movI32ToR64(imm, regDest);
        } else {
            emitBytes(REX | REX_W | (regDest < 8 ? 0 : 0x01), 0xb8 | (regDest & 7));
            data(8, imm);
        }
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        movMem64ToR64(RSP, localNum * 8, regDest);
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x89);
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        int offset = localNum * 8;
        if (offset == 0) {
            movRegReg(regDest, RSP);
        } else {
            emitBytes(REX | REX_W | rexR(regDest) | rexB(RSP), 0x8d);
            rDisp(regDest, RSP, offset);
        }
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        long dest = labelOffset(label);
        long rel = dest - (codePos() + 7);
        emitBytes(REX | REX_W | rexR(regDest), 0x8d, ((regDest & 7) << 3) | 5);
        word32(rel);
    }

    @Override
    public int shiftCountReg() {
        return RCX;
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        emitBytes(REX | REX_W | rexR(regDest) | rexB(regSrc));
        emitBytes(0x0f, 0xaf, 0xc0 | ((regDest & 7) << 3) | (regSrc & 7));
    }

    @Override
    public void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        movMem64ToR64(regBase, 8 * wordOffset, regDest);
    }

    @Override
    public void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        movR64ToMem64(regSrc, regBase, 8 * wordOffset);
    }

    @Override
    public void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        loadSizedRegRegOffset(1, regDest, regBase, halfwordOffset);
    }

    @Override
    public void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        int disp = (int) (offset << sizeLog2);
        boolean lo = regBase < 8 && regDest < 8;
        switch (sizeLog2) {
            case 0, 1 -> {
                int op = sizeLog2 == 0 ? 0xb6 : 0xb7;
                if (lo) {
                    emitBytes(0x0f, op);
                } else {
                    emitBytes(REX | rexR(regDest) | rexB(regBase), 0x0f, op);
                }
            }
            default -> {
                if (lo) {
                    emitBytes(0x8b);
                } else {
                    emitBytes(REX | rexR(regDest) | rexB(regBase), 0x8b);
                }
            }
        }
        rDisp(regDest, regBase, disp);
    }

    @Override
    public void storeSizedRegRegOffset(int sizeLog2, int regSrc, int regBase, long offset) {
        int disp = (int) (offset << sizeLog2);
        boolean lo = regSrc < 8 && regBase < 8;
        switch (sizeLog2) {
            case 0 -> {
                if (lo) {
                    emitBytes(0x88);
                } else {
                    emitBytes(REX | rexR(regSrc) | rexB(regBase), 0x88);
                }
            }
            case 1 -> {
                if (lo) {
                    emitBytes(0x66, 0x89);
                } else {
                    emitBytes(0x66, REX | rexR(regSrc) | rexB(regBase), 0x89);
                }
            }
            default -> {
                if (lo) {
                    emitBytes(0x89);
                } else {
                    emitBytes(REX | rexR(regSrc) | rexB(regBase), 0x89);
                }
            }
        }
        rDisp(regSrc, regBase, disp);
    }

    @Override
    public void clrReg(int reg) {
        xorRegReg(reg, reg);
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        xorRegReg(regRet, regRet);
        genericRR(regLhs, regRhs, 0x39);
        emitBytes(0x0f, 0x90 | COMPARE_CC[opIdx], 0xc0 | regRet);
    }

    @Override
    public boolean storeValueFixedReg() {
        return true;
    }
}
