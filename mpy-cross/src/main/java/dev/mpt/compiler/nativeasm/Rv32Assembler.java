package dev.mpt.compiler.nativeasm;

/**
 * RV32IMC for the native emitter: the instruction choices MicroPython's py/asmrv32.c makes
 * (compressed forms where operands allow), byte for byte, with the optional Zba (shifted
 * adds) and Zcmp (push/pop) extensions of {@code -march-flags}.
 *
 * <p>The set of callee-saved registers a function saves only grows while a module compiles
 * (calls add the return address and a scratch register), as in MicroPython, where one
 * assembler serves every function of the module.
 */
public final class Rv32Assembler extends SizedOffsetAssembler {
    public static final int EXT_ZBA = 1;
    public static final int EXT_ZCMP = 2;

    private static final int ZERO = 0;
    private static final int RA = 1;
    private static final int SP = 2;
    private static final int T1 = 6;
    private static final int T2 = 7;
    private static final int S0 = 8;
    private static final int S1 = 9;
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A2 = 12;
    private static final int A3 = 13;
    private static final int S2 = 18;
    private static final int S3 = 19;
    private static final int S4 = 20;
    private static final int T3 = 28;

    private static final int REG_TEMP2 = T3;
    private static final int REG_FUN_TABLE = S1;
    private static final int INTERNAL_TEMPORARY = S0;

    private final boolean zba;
    private final boolean zcmp;
    private int savedRegistersMask;
    private int localsCount;
    private long stackSize;
    private int localsStackOffset;

    /** @param extensions the allowed extensions ({@link #EXT_ZBA}, {@link #EXT_ZCMP}) */
    public Rv32Assembler(long extensions) {
        this.zba = (extensions & EXT_ZBA) != 0;
        this.zcmp = (extensions & EXT_ZCMP) != 0;
    }

    /** asmrv32.c's FIT_SIGNED: the low 32 bits are a sign-extended {@code bits}-bit number. */
    static boolean fitSigned(long value, int bits) {
        long mask = 0xffffffffL & ~((1L << (bits - 1)) - 1);
        long m = value & mask;
        return m == 0 || m == mask;
    }

    /** asmrv32.c's FIT_UNSIGNED: the low 32 bits are below 2^bits. */
    static boolean fitUnsigned(long value, int bits) {
        return (value & (0xffffffffL & ~((1L << bits) - 1))) == 0;
    }

    private static boolean inCWindow(int reg) {
        return reg >= 8 && reg <= 15;
    }

    // ---- encodings -------------------------------------------------------------------------

    private void word(int w) {
        data(4, w & 0xffffffffL);
    }

    private void half(int h) {
        data(2, h & 0xffff);
    }

    private static int typeR(int op, int f3, int f7, int rd, int rs1, int rs2) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (f3 & 7) << 12 | (rs1 & 0x1f) << 15 | (rs2 & 0x1f) << 20
            | (f7 & 0x7f) << 25;
    }

    private static int typeI(int op, int f3, int rd, int rs, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (f3 & 7) << 12 | (rs & 0x1f) << 15 | (int) (imm & 0xfff) << 20;
    }

    private static int typeS(int op, int f3, int rs1, int rs2, long imm) {
        int i = (int) imm;
        return (op & 0x7f) | (i & 0x1f) << 7 | (f3 & 7) << 12 | (rs1 & 0x1f) << 15 | (rs2 & 0x1f) << 20
            | (i & 0xfe0) << 20;
    }

    private static int typeB(int op, int f3, int rs1, int rs2, long imm) {
        int i = (int) imm;
        return (op & 0x7f) | (f3 & 7) << 12 | (i & 0x800) >> 4 | (i & 0x1e) << 7 | (rs1 & 0x1f) << 15
            | (rs2 & 0x1f) << 20 | (i & 0x7e0) << 20 | (i & 0x1000) << 19;
    }

    private static int typeU(int op, int rd, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (int) (imm & 0xfffff000L);
    }

    private static int typeCR(int op, int f4, int rs1, int rs2) {
        return (op & 3) | (rs2 & 0x1f) << 2 | (rs1 & 0x1f) << 7 | (f4 & 0xf) << 12;
    }

    private static int typeCI(int op, int f3, int rd, long imm) {
        int i = (int) imm;
        return (op & 3) | (f3 & 7) << 13 | (rd & 0x1f) << 7 | (i & 0x20) << 7 | (i & 0x1f) << 2;
    }

    private static int typeCIW(int op, int f3, int rd, long imm) {
        int i = (int) imm;
        return (op & 3) | (f3 & 7) << 13 | (rd & 7) << 2 | (i & 0x3c0) << 1 | (i & 0x30) << 7 | (i & 0x08) << 2
            | (i & 0x04) << 4;
    }

    private static int typeCJ(int op, int f3, long imm) {
        int i = (int) imm;
        return (op & 3) | (f3 & 7) << 13 | (i & 0x0e) << 2 | (i & 0x300) << 1 | (i & 0x800) << 1 | (i & 0x400) >> 2
            | (i & 0x80) >> 1 | (i & 0x40) << 1 | (i & 0x20) >> 3 | (i & 0x10) << 7;
    }

    private static int typeCL(int op, int f3, int rd, int rs, long imm) {
        int i = (int) imm;
        return (op & 3) | (f3 & 7) << 13 | (rd & 7) << 2 | (rs & 7) << 7 | (i & 0x40) >> 1 | (i & 0x38) << 7
            | (i & 0x04) << 4;
    }

    private static int typeCSS(int op, int f3, int rs, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rs & 0x1f) << 2 | ((int) imm & 0x3f) << 7;
    }

    private static int typeCB(int op, int f3, int rs, int imm) {
        return (op & 3) | (f3 & 7) << 13 | (rs & 7) << 7 | (imm & 0xe0) << 5 | (imm & 0x1f) << 2;
    }

    private static int typeCMPP(int op, int f6, int f2, int rlist, int imm) {
        return (op & 3) | (f6 & 0x3f) << 10 | (f2 & 3) << 8 | (rlist & 0xf) << 4 | (imm & 3) << 2;
    }

    private void add(int rd, int rs1, int rs2) {
        word(typeR(0x33, 0, 0, rd, rs1, rs2));
    }

    private void addi(int rd, int rs, long imm) {
        word(typeI(0x13, 0, rd, rs, imm));
    }

    private void auipc(int rd, long imm) {
        word(typeU(0x17, rd, imm));
    }

    private void beq(int rs1, int rs2, long offset) {
        word(typeB(0x63, 0, rs1, rs2, offset));
    }

    private void bne(int rs1, int rs2, long offset) {
        word(typeB(0x63, 1, rs1, rs2, offset));
    }

    private void cadd(int rd, int rs) {
        half(typeCR(2, 9, rd, rs));
    }

    private void caddi(int rd, long imm) {
        half(typeCI(1, 0, rd, imm));
    }

    private static int branchImm(long offset) {
        int o = (int) offset;
        return (o & 0x100) >> 1 | (o & 0xc0) >> 3 | (o & 0x20) >> 5 | (o & 0x18) << 2 | (o & 0x06);
    }

    private void cbeqz(int rs, long offset) {
        half(typeCB(1, 6, rs, branchImm(offset)));
    }

    private void cbnez(int rs, long offset) {
        half(typeCB(1, 7, rs, branchImm(offset)));
    }

    private void cj(long offset) {
        half(typeCJ(1, 5, offset));
    }

    private void cjalr(int rs) {
        half(typeCR(2, 9, rs, 0));
    }

    private void cjr(int rs) {
        half(typeCR(2, 8, rs, 0));
    }

    private void cli(int rd, long imm) {
        half(typeCI(1, 2, rd, imm));
    }

    private void clui(int rd, long imm) {
        half(typeCI(1, 3, rd, imm >> 12));
    }

    private void clw(int rd, int rs, long offset) {
        half(typeCL(0, 2, rd, rs, offset));
    }

    private void clwsp(int rd, long offset) {
        half(typeCI(2, 2, rd, ((offset & 0xc0) >> 6) | (offset & 0x3c)));
    }

    private void csw(int rs1, int rs2, long offset) {
        half(typeCL(0, 6, rs1, rs2, offset));
    }

    private void cswsp(int rs, long offset) {
        half(typeCSS(2, 6, rs, ((offset & 0xc0) >> 6) | (offset & 0x3c)));
    }

    private void jalr(int rd, int rs, long offset) {
        word(typeI(0x67, 0, rd, rs, offset));
    }

    private void lui(int rd, long imm) {
        word(typeU(0x37, rd, imm));
    }

    private void lw(int rd, int rs, long offset) {
        word(typeI(0x03, 2, rd, rs, offset));
    }

    private void sw(int rs2, int rs1, long offset) {
        word(typeS(0x23, 2, rs1, rs2, offset));
    }

    private void sub(int rd, int rs1, int rs2) {
        word(typeR(0x33, 0, 0x20, rd, rs1, rs2));
    }

    private void xori(int rd, int rs, long imm) {
        word(typeI(0x13, 4, rd, rs, imm));
    }

    // ---- immediates --------------------------------------------------------------------------

    /** {upper, lower}: lower is the sign-corrected low 12 bits, upper the rest (low 32 bits only). */
    private static long[] split(long immediate) {
        long upper = immediate & 0xfffff000L;
        long lower = immediate & 0xfffL;
        if ((lower & 0x800) != 0) {
            upper += 0x1000;
        }
        return new long[] {upper, lower};
    }

    private void loadUpperImmediate(int rd, long immediate) {
        if (fitSigned(immediate, 17) && (immediate >> 12) != 0) {
            clui(rd, immediate);
        } else {
            lui(rd, immediate);
        }
    }

    private void loadLowerImmediate(int rd, long immediate) {
        if (immediate == 0) {
            return;
        }
        if (fitSigned(immediate, 6)) {
            caddi(rd, immediate);
        } else {
            addi(rd, rd, immediate);
        }
    }

    private void loadFullImmediate(int rd, long immediate) {
        long[] ul = split(immediate);
        loadUpperImmediate(rd, ul[0]);
        loadLowerImmediate(rd, ul[1]);
    }

    private void adjustStack(long size) {
        if (size == 0) {
            return;
        }
        if (fitSigned(size, 6)) {
            caddi(SP, size);
        } else if (fitSigned(size, 12)) {
            addi(SP, SP, size);
        } else {
            loadFullImmediate(T1, size);
            cadd(SP, T1);
        }
    }

    private long labelDisplacement(int label) {
        return labelOffset(label) - codePos();
    }

    private boolean shortJump(int label) {
        return labelOffset(label) != -1 && labelDisplacement(label) < 0;
    }

    // ---- facts ---------------------------------------------------------------------------------

    @Override
    public int wordSize() {
        return 4;
    }

    @Override
    public int nlrBufWords() {
        return 2 + 14 + 1;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return 6;
    }

    @Override
    public int regRet() {
        return A0;
    }

    @Override
    public int regArg1() {
        return A0;
    }

    @Override
    public int regArg2() {
        return A1;
    }

    @Override
    public int regArg3() {
        return A2;
    }

    @Override
    public int regArg4() {
        return A3;
    }

    @Override
    public int regTemp0() {
        return T1;
    }

    @Override
    public int regTemp1() {
        return T2;
    }

    @Override
    public int regTemp2() {
        return T3;
    }

    @Override
    public int regLocal1() {
        return S3;
    }

    @Override
    public int regLocal2() {
        return S2;
    }

    @Override
    public int regLocal3() {
        return S4;
    }

    @Override
    public int regFunTable() {
        return REG_FUN_TABLE;
    }

    @Override
    public int regZero() {
        return ZERO;
    }

    // ---- operations ----------------------------------------------------------------------------

    private static int zcmpSequenceLength(int registers) {
        int packed = ((registers & 0x00000002) >>> 1) | ((registers & 0x00000300) >>> 7)
            | ((registers & 0x0ffc0000) >>> 15);
        int length = 32 - Integer.numberOfLeadingZeros(packed);
        return length == 12 ? 13 : length;
    }

    @Override
    public void entry(int numLocals) {
        localsCount = numLocals;
        savedRegistersMask |= 1 << REG_FUN_TABLE | 1 << S3 | 1 << S2 | 1 << S4;
        if (zcmp) {
            int sequenceLength = zcmpSequenceLength(savedRegistersMask);
            int allocated = (sequenceLength + 3) & -4;
            int tailSlack = allocated - sequenceLength;
            int localsLeft = localsCount < tailSlack ? 0 : localsCount - tailSlack;
            int chunks = Math.min(3, localsLeft / 4);
            localsLeft -= chunks * 4;
            long size = (long) localsLeft * 4;
            half(typeCMPP(2, 0x2e, 0, Math.min(3 + sequenceLength, 15), chunks));
            adjustStack(-size);
            stackSize = size | chunks;
        } else {
            int count = Integer.bitCount(savedRegistersMask);
            stackSize = (long) (count + localsCount) * 4;
            adjustStack(-stackSize);
            int offset = 0;
            for (int r = 0; r < 32; r++) {
                if ((savedRegistersMask & (1 << r)) != 0) {
                    cswsp(r, offset);
                    offset += 4;
                }
            }
            localsStackOffset = count * 4;
        }
    }

    @Override
    public void exit() {
        if (zcmp) {
            int sequenceLength = zcmpSequenceLength(savedRegistersMask);
            adjustStack(stackSize & ~3L);
            half(typeCMPP(2, 0x2f, 2, Math.min(3 + sequenceLength, 15), (int) (stackSize & 3)));
        } else {
            int offset = 0;
            for (int r = 0; r < 32; r++) {
                if ((savedRegistersMask & (1 << r)) != 0) {
                    clwsp(r, offset);
                    offset += 4;
                }
            }
            adjustStack(stackSize);
            cjr(RA);
        }
    }

    @Override
    public void jump(int label) {
        boolean isShort = shortJump(label);
        long d = labelDisplacement(label);
        if (isShort && fitSigned(d, 12)) {
            cj(d);
            return;
        }
        long[] ul = split(d);
        auipc(REG_TEMP2, ul[0]);
        jalr(ZERO, REG_TEMP2, ul[1]);
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        jumpIfRegEq(reg, ZERO, label);
    }

    @Override
    public void jumpIfRegNonzero(int rs, int label, boolean boolTest) {
        boolean isShort = shortJump(label);
        long d = labelDisplacement(label);
        if (isShort && fitSigned(d, 8) && inCWindow(rs)) {
            cbnez(rs - 8, d);
            return;
        }
        if (isShort && fitSigned(d, 13)) {
            bne(rs, ZERO, d);
            return;
        }
        if (isShort && inCWindow(rs)) {
            cbeqz(rs - 8, 10);
            d -= 2;
        } else {
            beq(rs, ZERO, 12);
            d -= 4;
        }
        long[] ul = split(d);
        auipc(REG_TEMP2, ul[0]);
        jalr(ZERO, REG_TEMP2, ul[1]);
    }

    @Override
    public void jumpIfRegEq(int rs1, int rs2, int label) {
        boolean isShort = shortJump(label);
        long d = labelDisplacement(label);
        if (isShort && fitSigned(d, 13)) {
            beq(rs1, rs2, d);
            return;
        }
        d -= 4;
        long[] ul = split(d);
        bne(rs1, rs2, 12);
        auipc(REG_TEMP2, ul[0]);
        jalr(ZERO, REG_TEMP2, ul[1]);
    }

    @Override
    public void jumpReg(int reg) {
        cjr(reg);
    }

    @Override
    public void callInd(int funId) {
        long offset = (long) funId * 4;
        savedRegistersMask |= 1 << RA;
        if (fitUnsigned(offset, 6)) {
            savedRegistersMask |= 1 << INTERNAL_TEMPORARY;
            clw(INTERNAL_TEMPORARY - 8, REG_FUN_TABLE - 8, offset);
            cjalr(INTERNAL_TEMPORARY);
            return;
        }
        if (fitUnsigned(offset, 11)) {
            lw(REG_TEMP2, REG_FUN_TABLE, offset);
            cjalr(REG_TEMP2);
            return;
        }
        long[] ul = split(offset);
        loadUpperImmediate(REG_TEMP2, ul[0]);
        cadd(REG_TEMP2, REG_FUN_TABLE);
        lw(REG_TEMP2, REG_TEMP2, ul[1]);
        cjalr(REG_TEMP2);
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        long offset = localsStackOffset + (long) localNum * 4;
        if (fitUnsigned(offset >> 2, 6)) {
            cswsp(regSrc, offset);
        } else if (fitUnsigned(offset, 11)) {
            sw(regSrc, SP, offset);
        } else {
            long[] ul = split(offset);
            loadUpperImmediate(REG_TEMP2, ul[0]);
            cadd(REG_TEMP2, SP);
            sw(regSrc, REG_TEMP2, ul[1]);
        }
    }

    @Override
    public void movRegImm(int rd, long imm) {
        if (fitSigned(imm, 6)) {
            cli(rd, imm);
        } else if (fitSigned(imm, 12)) {
            addi(rd, ZERO, imm);
        } else {
            loadFullImmediate(rd, imm);
        }
    }

    @Override
    public void movRegLocal(int rd, int localNum) {
        long offset = localsStackOffset + (long) localNum * 4;
        if (fitUnsigned(offset >> 2, 6)) {
            clwsp(rd, offset);
        } else if (fitUnsigned(offset, 11)) {
            lw(rd, SP, offset);
        } else {
            long[] ul = split(offset);
            loadUpperImmediate(rd, ul[0]);
            cadd(rd, SP);
            lw(rd, rd, ul[1]);
        }
    }

    @Override
    public void movRegReg(int rd, int rs) {
        half(typeCR(2, 8, rd, rs));
    }

    @Override
    public void movRegLocalAddr(int rd, int localNum) {
        long offset = localsStackOffset + (long) localNum * 4;
        if (fitUnsigned(offset, 10) && offset != 0 && inCWindow(rd)) {
            half(typeCIW(0, 0, rd - 8, offset));
        } else if (fitUnsigned(offset, 11)) {
            addi(rd, SP, offset);
        } else {
            loadFullImmediate(rd, offset);
            cadd(rd, SP);
        }
    }

    @Override
    public void movRegPcrel(int rd, int label) {
        long[] ul = split(labelDisplacement(label));
        auipc(rd, ul[0]);
        addi(rd, rd, ul[1]);
    }

    @Override
    public void notReg(int reg) {
        xori(reg, reg, -1);
    }

    @Override
    public void negReg(int reg) {
        sub(reg, ZERO, reg);
    }

    @Override
    public void lslRegReg(int rd, int rs) {
        word(typeR(0x33, 1, 0, rd, rd, rs));
    }

    @Override
    public void lsrRegReg(int rd, int rs) {
        word(typeR(0x33, 5, 0, rd, rd, rs));
    }

    @Override
    public void asrRegReg(int rd, int rs) {
        word(typeR(0x33, 5, 0x20, rd, rd, rs));
    }

    @Override
    public void orRegReg(int rd, int rs) {
        word(typeR(0x33, 6, 0, rd, rd, rs));
    }

    @Override
    public void xorRegReg(int rd, int rs) {
        if (rs == rd) {
            cli(rd, 0);
        } else {
            word(typeR(0x33, 4, 0, rd, rd, rs));
        }
    }

    @Override
    public void andRegReg(int rd, int rs) {
        word(typeR(0x33, 7, 0, rd, rs, rd));
    }

    @Override
    public void addRegReg(int rd, int rs) {
        cadd(rd, rs);
    }

    @Override
    public void subRegReg(int rd, int rs) {
        sub(rd, rd, rs);
    }

    @Override
    public void mulRegReg(int rd, int rs) {
        word(typeR(0x33, 0, 1, rd, rd, rs));
    }

    private static final int[] LOAD_F3 = {4, 5, 2};

    @Override
    void loadOffset(int rd, int rs, int offset, int size) {
        int scaled = offset << size;
        if (scaled >= 0 && size == 2 && inCWindow(rd) && inCWindow(rs) && (scaled & ~0x3f) == 0) {
            clw(rd - 8, rs - 8, scaled);
        } else if (fitSigned(scaled, 12)) {
            word(typeI(0x03, LOAD_F3[size], rd, rs, scaled));
        } else {
            long[] ul = split(scaled);
            loadUpperImmediate(rd, ul[0]);
            cadd(rd, rs);
            word(typeI(0x03, LOAD_F3[size], rd, rd, ul[1]));
        }
    }

    @Override
    void storeOffset(int rd, int rs, int offset, int size) {
        int scaled = offset << size;
        if (scaled >= 0 && size == 2 && inCWindow(rd) && inCWindow(rs) && (scaled & ~0x3f) == 0) {
            csw(rd - 8, rs - 8, scaled);
        } else if (fitSigned(scaled, 12)) {
            word(typeS(0x23, size, rs, rd, scaled));
        } else {
            long[] ul = split(scaled);
            loadUpperImmediate(REG_TEMP2, ul[0]);
            cadd(REG_TEMP2, rs);
            word(typeS(0x23, size, REG_TEMP2, rd, ul[1]));
        }
    }

    private void scaledIndex(int rs1, int rs2, int size) {
        if (size > 0 && zba) {
            word(typeR(0x33, 1 << size, 0x10, REG_TEMP2, rs2, rs1));
        } else if (size > 0) {
            word(typeI(0x13, 1, REG_TEMP2, rs2, size & 0x1f));
            cadd(REG_TEMP2, rs1);
        } else {
            add(REG_TEMP2, rs1, rs2);
        }
    }

    @Override
    public void loadSizedRegRegReg(int sizeLog2, int regDest, int regBase, int regIndex) {
        scaledIndex(regBase, regIndex, sizeLog2);
        loadOffset(regDest, REG_TEMP2, 0, sizeLog2);
    }

    @Override
    public void storeSizedRegRegReg(int sizeLog2, int regSrc, int regBase, int regIndex) {
        scaledIndex(regBase, regIndex, sizeLog2);
        storeOffset(regSrc, REG_TEMP2, 0, sizeLog2);
    }

    @Override
    public void clrReg(int reg) {
        xorRegReg(reg, reg);
    }

    private void lessThan(int rs1, int rs2, int rd, boolean unsigned) {
        word(typeR(0x33, 2 | (unsigned ? 1 : 0), 0, rd, rs1, rs2));
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        boolean unsigned = opIdx < 6;
        switch (opIdx % 6) {
            case 0 -> lessThan(regLhs, regRhs, regRet, unsigned);
            case 1 -> lessThan(regRhs, regLhs, regRet, unsigned);
            case 2 -> {
                sub(regRet, regLhs, regRhs);
                word(typeI(0x13, 3, regRet, regRet, 1));
            }
            case 3 -> {
                lessThan(regRhs, regLhs, regRet, unsigned);
                xori(regRet, regRet, 1);
            }
            case 4 -> {
                lessThan(regLhs, regRhs, regRet, unsigned);
                xori(regRet, regRet, 1);
            }
            default -> {
                sub(regRet, regRhs, regLhs);
                word(typeR(0x33, 3, 0, regRet, ZERO, regRet));
            }
        }
    }
}
