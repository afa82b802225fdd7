package dev.mpt.compiler.nativeasm;

/**
 * ARM (A32) for the native emitter on ARMv6: the encodings MicroPython's py/asmarm.c
 * produces, byte for byte. Every instruction is one little-endian word; constants that do
 * not fit an 8-bit immediate are placed inline after a branch over them.
 */
public final class ArmAssembler extends NativeAssembler {
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R7 = 7;
    private static final int R8 = 8;
    private static final int SP = 13;
    private static final int LR = 14;
    private static final int PC = 15;
    private static final int REG_TEMP = R8;

    private static final int CC_AL = 0xe << 28;

    /** Conditions per comparison (unsigned then signed: <, >, ==, <=, >=, !=). */
    private static final int[] COMPARE_CC = {
        0x3 << 28, 0x8 << 28, 0x0, 0x9 << 28, 0x2 << 28, 0x1 << 28,
        0xb << 28, 0xc << 28, 0x0, 0xd << 28, 0xa << 28, 0x1 << 28,
    };

    private int pushReglist;
    private int stackAdjust;

    private void emit(int op) {
        data(4, op & 0xffffffffL);
    }

    private void emitAl(int op) {
        emit(op | CC_AL);
    }

    private static int movImm(int rd, int imm) {
        return 0x3a00000 | rd << 12 | imm;
    }

    private static int addImm(int rd, int rn, int imm) {
        return 0x2800000 | rn << 16 | rd << 12 | (imm & 0xff);
    }

    private static int addReg(int rd, int rn, int rm) {
        return 0x0800000 | rn << 16 | rd << 12 | rm;
    }

    private static int subImm(int rd, int rn, int imm) {
        return 0x2400000 | rn << 16 | rd << 12 | (imm & 0xff);
    }

    private static int subReg(int rd, int rn, int rm) {
        return 0x0400000 | rn << 16 | rd << 12 | rm;
    }

    private void movRegI32(int rd, int imm) {
        emitAl(0x59f0000 | rd << 12);
        emitAl(0xa000000);
        emit(imm);
    }

    private void movRegI32Optimised(int rd, int imm) {
        if ((imm & 0xff) == imm) {
            emitAl(movImm(rd, imm));
        } else if (imm < 0 && imm >= -256) {
            emitAl(0x3e00000 | rd << 12 | ~imm);
        } else {
            movRegI32(rd, imm);
        }
    }

    private void bccLabel(int cond, int label) {
        long rel = labelOffset(label) - codePos();
        rel -= 8;
        rel >>= 2;
        long mask = 0xffffffffL & ~((1L << 23) - 1);
        long m = rel & mask;
        if (m == 0 || m == mask) {
            emit(cond | 0xa000000 | (int) (rel & 0xffffff));
        }
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

    // ---- operations -------------------------------------------------------------------------

    @Override
    public void entry(int numLocals) {
        stackAdjust = 0;
        pushReglist = 0x1fe;
        if (numLocals > 3) {
            stackAdjust = numLocals * 4;
            if ((numLocals & 1) != 0) {
                stackAdjust += 4;
            }
        }
        emitAl(0x92d0000 | ((pushReglist | 1 << LR) & 0xffff));
        if (stackAdjust > 0) {
            if (stackAdjust < 0x100) {
                emitAl(subImm(SP, SP, stackAdjust));
            } else {
                movRegI32Optimised(REG_TEMP, stackAdjust);
                emitAl(subReg(SP, SP, REG_TEMP));
            }
        }
    }

    @Override
    public void exit() {
        if (stackAdjust > 0) {
            if (stackAdjust < 0x100) {
                emitAl(addImm(SP, SP, stackAdjust));
            } else {
                movRegI32Optimised(REG_TEMP, stackAdjust);
                emitAl(addReg(SP, SP, REG_TEMP));
            }
        }
        emitAl(0x8bd0000 | ((pushReglist | 1 << PC) & 0xffff));
    }

    @Override
    public void jump(int label) {
        bccLabel(CC_AL, label);
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        emitAl(0x3500000 | reg << 16);
        bccLabel(0, label);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        emitAl(0x3500000 | reg << 16);
        bccLabel(0x1 << 28, label);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        emitAl(0x1500000 | reg1 << 16 | reg2);
        bccLabel(0, label);
    }

    @Override
    public void jumpReg(int reg) {
        emitAl(0x012fff10 | reg);
    }

    @Override
    public void callInd(int funId) {
        emitAl(0x1a00000 | LR << 12 | PC);
        emitAl(0x597f000 | funId << 2);
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        emitAl(0x58d0000 | regSrc << 12 | localNum << 2);
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        movRegI32Optimised(regDest, (int) imm);
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        emitAl(0x59d0000 | regDest << 12 | localNum << 2);
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        emitAl(0x1a00000 | regDest << 12 | regSrc);
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        if (localNum >= 0x40) {
            movRegI32Optimised(REG_TEMP, localNum << 2);
            emitAl(addReg(regDest, SP, REG_TEMP));
        } else {
            emitAl(addImm(regDest, SP, localNum << 2));
        }
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        long rel = labelOffset(label) - codePos();
        rel -= 12 + 8;
        emitAl(0x59f0000 | regDest << 12);
        emitAl(0xa000000);
        emit((int) rel);
        emitAl(addReg(regDest, regDest, PC));
    }

    @Override
    public void notReg(int reg) {
        emitAl(0x1e00000 | reg << 12 | reg);
    }

    @Override
    public void negReg(int reg) {
        emitAl(0x2600000 | reg << 16 | reg << 12);
    }

    @Override
    public void lslRegReg(int rd, int rs) {
        emitAl(0x1a00010 | rd << 12 | rs << 8 | rd);
    }

    @Override
    public void lsrRegReg(int rd, int rs) {
        emitAl(0x1a00030 | rd << 12 | rs << 8 | rd);
    }

    @Override
    public void asrRegReg(int rd, int rs) {
        emitAl(0x1a00050 | rd << 12 | rs << 8 | rd);
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        emitAl(0x1800000 | regDest << 16 | regDest << 12 | regSrc);
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        emitAl(0x0200000 | regDest << 16 | regDest << 12 | regSrc);
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        emitAl(regDest << 16 | regDest << 12 | regSrc);
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        emitAl(addReg(regDest, regDest, regSrc));
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        emitAl(subReg(regDest, regDest, regSrc));
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        emitAl(0x0000090 | regDest << 16 | regDest << 8 | regSrc);
    }

    private void ldrOffset(int rd, int rn, int byteOffset) {
        if (Integer.compareUnsigned(byteOffset, 0x1000) < 0) {
            emitAl(0x5900000 | rn << 16 | rd << 12 | byteOffset);
        } else {
            movRegI32Optimised(REG_TEMP, byteOffset);
            emitAl(0x7900000 | rn << 16 | rd << 12 | REG_TEMP);
        }
    }

    private void strOffset(int rd, int rm, int byteOffset) {
        if (Integer.compareUnsigned(byteOffset, 0x1000) < 0) {
            emitAl(0x5800000 | rm << 16 | rd << 12 | byteOffset);
        } else {
            movRegI32Optimised(REG_TEMP, byteOffset);
            emitAl(0x7800000 | rm << 16 | rd << 12 | REG_TEMP);
        }
    }

    @Override
    public void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        ldrOffset(regDest, regBase, 4 * wordOffset);
    }

    @Override
    public void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        strOffset(regSrc, regBase, 4 * wordOffset);
    }

    @Override
    public void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        loadSizedRegRegOffset(1, regDest, regBase, halfwordOffset);
    }

    @Override
    public void loadSizedRegRegOffset(int sizeLog2, int rd, int rn, long offset) {
        int byteOffset = (int) offset << sizeLog2;
        switch (sizeLog2) {
            case 0 -> {
                if (Integer.compareUnsigned(byteOffset, 0x1000) < 0) {
                    emitAl(0x5d00000 | rn << 16 | rd << 12 | byteOffset);
                } else {
                    movRegI32Optimised(REG_TEMP, byteOffset);
                    emitAl(0x7d00000 | rn << 16 | rd << 12 | REG_TEMP);
                }
            }
            case 1 -> {
                if (Integer.compareUnsigned(byteOffset, 0x100) < 0) {
                    emitAl(0x1d000b0 | rn << 16 | rd << 12 | (byteOffset & 0xf0) << 4 | (byteOffset & 0xf));
                } else {
                    movRegI32Optimised(REG_TEMP, byteOffset);
                    emitAl(0x19000b0 | rn << 16 | rd << 12 | REG_TEMP);
                }
            }
            default -> ldrOffset(rd, rn, byteOffset);
        }
    }

    @Override
    public void storeSizedRegRegOffset(int sizeLog2, int rd, int rn, long offset) {
        int byteOffset = (int) offset << sizeLog2;
        switch (sizeLog2) {
            case 0 -> {
                if (Integer.compareUnsigned(byteOffset, 0x1000) < 0) {
                    emitAl(0x5c00000 | rn << 16 | rd << 12 | byteOffset);
                } else {
                    movRegI32Optimised(REG_TEMP, byteOffset);
                    emitAl(0x7c00000 | rn << 16 | rd << 12 | REG_TEMP);
                }
            }
            case 1 -> {
                if (Integer.compareUnsigned(byteOffset, 0x100) < 0) {
                    emitAl(0x1c000b0 | rn << 16 | rd << 12 | (byteOffset & 0xf0) << 4 | (byteOffset & 0xf));
                } else {
                    movRegI32Optimised(REG_TEMP, byteOffset);
                    emitAl(0x18000b0 | rn << 16 | rd << 12 | REG_TEMP);
                }
            }
            default -> strOffset(rd, rn, byteOffset);
        }
    }

    @Override
    public boolean hasLoadRegRegReg(int sizeLog2) {
        return true;
    }

    @Override
    public boolean hasStoreRegRegReg(int sizeLog2) {
        return true;
    }

    @Override
    public void loadSizedRegRegReg(int sizeLog2, int rd, int rm, int rn) {
        switch (sizeLog2) {
            case 0 -> emitAl(0x7d00000 | rm << 16 | rd << 12 | rn);
            case 1 -> {
                emitAl(0x1a00080 | REG_TEMP << 12 | rn);
                emitAl(0x19000b0 | rm << 16 | rd << 12 | REG_TEMP);
            }
            default -> emitAl(0x7900100 | rm << 16 | rd << 12 | rn);
        }
    }

    @Override
    public void storeSizedRegRegReg(int sizeLog2, int rd, int rm, int rn) {
        switch (sizeLog2) {
            case 0 -> emitAl(0x7c00000 | rm << 16 | rd << 12 | rn);
            case 1 -> {
                emitAl(0x1a00080 | REG_TEMP << 12 | rn);
                emitAl(0x18000b0 | rm << 16 | rd << 12 | REG_TEMP);
            }
            default -> emitAl(0x7800100 | rm << 16 | rd << 12 | rn);
        }
    }

    @Override
    public void clrReg(int reg) {
        xorRegReg(reg, reg);
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        emitAl(0x1500000 | regLhs << 16 | regRhs);
        int cond = COMPARE_CC[opIdx];
        emit(movImm(regRet, 1) | cond);
        emit(movImm(regRet, 0) | (cond ^ (1 << 28)));
    }
}
