package dev.mpt.compiler.nativeasm;

/**
 * 32-bit x86 (cdecl: arguments on the stack) for the native emitter: the encodings
 * MicroPython's py/asmx86.c produces, byte for byte. Registers are numbered as in the ModRM
 * byte (EAX 0 .. EDI 7). Calls through mp_fun_table push their register arguments, keeping
 * the stack 16-byte aligned, so each call needs the callee's argument count.
 */
public final class X86Assembler extends X86FamilyAssembler {
    public static final int EAX = 0;
    public static final int ECX = 1;
    public static final int EDX = 2;
    public static final int EBX = 3;
    public static final int ESP = 4;
    public static final int EBP = 5;
    public static final int ESI = 6;
    public static final int EDI = 7;

    private static final int[] COMPARE_CC = {
        0x2, 0x7, 0x4, 0x6, 0x3, 0x5,
        0xc, 0xf, 0x4, 0xe, 0xd, 0x5,
    };

    /** Arguments of each mp_fun_table entry (py/emitnx86.c), by index; 0 for the constants. */
    private static final int[] FUN_N_ARGS = {
        0, 0, 0, 2, 2, 1, 1, 1, 0, 2, 3, 2, 2, 2, 3, 3, 1, 2, 3, 2, 2, 1, 2, 2, 2, 3, 3, 3, 3, 3, 2, 1, 1, 0, 1,
        3, 2, 1, 3, 3, 3, 1, 1, 3, 3, 4, 2, 2, 3, 1,
    };

    private int numLocals;

    private void word32(long w) {
        data(4, w & 0xffffffffL);
    }

    private void rDisp(int r, int base, int disp) {
        int mod;
        if (disp == 0 && base != EBP) {
            mod = 0x00;
        } else if (X64Assembler.signedFit8(disp)) {
            mod = 0x40;
        } else {
            mod = 0x80;
        }
        emitBytes((r << 3) | mod | base);
        if (base == ESP) {
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
        emitBytes(op, 0xc0 | (src << 3) | dest);
    }

    private void movMem32ToR32(int src, int disp, int dest) {
        emitBytes(0x8b);
        rDisp(dest, src, disp);
    }

    private void movR32ToMem32(int src, int dest, int disp) {
        emitBytes(0x89);
        rDisp(src, dest, disp);
    }

    private void subR32I32(int dest, int imm) {
        if (X64Assembler.signedFit8(imm)) {
            emitBytes(0x83, 0xc0 | (5 << 3) | dest, imm & 0xff);
        } else {
            emitBytes(0x81, 0xc0 | (5 << 3) | dest);
            word32(imm);
        }
    }

    private void addI32ToR32(int imm, int dest) {
        if (X64Assembler.signedFit8(imm)) {
            emitBytes(0x83, 0xc0 | dest, imm & 0xff);
        } else {
            emitBytes(0x81, 0xc0 | dest);
            word32(imm);
        }
    }

    private void jcc(int cc, int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos();
        if (dest != -1 && rel < 0) {
            rel -= 2;
            if (X64Assembler.signedFit8(rel)) {
                emitBytes(0x70 | cc, (int) rel & 0xff);
                return;
            }
            rel += 2;
        }
        rel -= 6;
        emitBytes(0x0f, 0x80 | cc);
        word32(rel);
    }

    private void test(int reg, boolean boolTest) {
        if (boolTest) {
            emitBytes(0x84, 0xc0 | (reg << 3) | reg);
        } else {
            genericRR(reg, reg, 0x85);
        }
    }

    // ---- facts --------------------------------------------------------------------------------

    @Override
    public int wordSize() {
        return 4;
    }

    @Override
    public int nlrBufWords() {
        return 2 + 6 + 1;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return 5;
    }

    @Override
    public int regRet() {
        return EAX;
    }

    @Override
    public int regArg1() {
        return EAX;
    }

    @Override
    public int regArg2() {
        return ECX;
    }

    @Override
    public int regArg3() {
        return EDX;
    }

    @Override
    public int regArg4() {
        return EBX;
    }

    @Override
    public int regTemp0() {
        return EAX;
    }

    @Override
    public int regTemp1() {
        return ECX;
    }

    @Override
    public int regTemp2() {
        return EDX;
    }

    @Override
    public int regLocal1() {
        return EBX;
    }

    @Override
    public int regLocal2() {
        return ESI;
    }

    @Override
    public int regLocal3() {
        return EDI;
    }

    @Override
    public int regFunTable() {
        return EBP;
    }

    // ---- operations ---------------------------------------------------------------------------

    @Override
    public void entry(int numLocals) {
        emitBytes(0x50 | EBP, 0x50 | EBX, 0x50 | ESI, 0x50 | EDI);
        numLocals |= 3;
        subR32I32(ESP, numLocals * 4);
        this.numLocals = numLocals;
    }

    @Override
    public void exit() {
        subR32I32(ESP, -numLocals * 4);
        emitBytes(0x58 | EDI, 0x58 | ESI, 0x58 | EBX, 0x58 | EBP, 0xc3);
    }

    @Override
    public boolean argsOnStack() {
        return true;
    }

    @Override
    public void movArgToReg(int argNum, int reg) {
        movMem32ToR32(ESP, (numLocals + 4 + 1 + argNum) * 4, reg);
    }

    @Override
    public void jump(int label) {
        long dest = labelOffset(label);
        long rel = dest - codePos();
        if (dest != -1 && rel < 0) {
            rel -= 2;
            if (X64Assembler.signedFit8(rel)) {
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
        test(reg, boolTest);
        jcc(0x4, label);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        test(reg, boolTest);
        jcc(0x5, label);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        genericRR(reg2, reg1, 0x39);
        jcc(0x4, label);
    }

    @Override
    public void jumpReg(int reg) {
        emitBytes(0xff, 0xc0 | (4 << 3) | reg);
    }

    @Override
    public void callInd(int funId) {
        int nArgs = FUN_N_ARGS[funId];
        int align = ((nArgs + 3) & ~3) - nArgs;
        if (align != 0) {
            subR32I32(ESP, align * 4);
        }
        if (nArgs > 3) {
            emitBytes(0x50 | EBX);
        }
        if (nArgs > 2) {
            emitBytes(0x50 | EDX);
        }
        if (nArgs > 1) {
            emitBytes(0x50 | ECX);
        }
        if (nArgs > 0) {
            emitBytes(0x50 | EAX);
        }
        movMem32ToR32(EBP, funId * 4, EAX);
        emitBytes(0xff, 0xc0 | (2 << 3) | EAX);
        if (nArgs > 0) {
            addI32ToR32((nArgs + align) * 4, ESP);
        }
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        movR32ToMem32(regSrc, ESP, localNum * 4);
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        emitBytes(0xb8 | regDest);
        word32(imm);
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        movMem32ToR32(ESP, localNum * 4, regDest);
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x89);
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        int offset = localNum * 4;
        if (offset == 0) {
            movRegReg(regDest, ESP);
        } else {
            emitBytes(0x8d);
            rDisp(regDest, ESP, offset);
        }
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        emitBytes(0xe8);
        word32(0);
        long dest = labelOffset(label);
        long rel = dest - codePos();
        emitBytes(0x58 | regDest);
        emitBytes(0x81, 0xc0 | regDest);
        word32(rel);
    }

    @Override
    public int shiftCountReg() {
        return ECX;
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        emitBytes(0x0f, 0xaf, 0xc0 | (regDest << 3) | regSrc);
    }

    @Override
    public void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        movMem32ToR32(regBase, 4 * wordOffset, regDest);
    }

    @Override
    public void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        movR32ToMem32(regSrc, regBase, 4 * wordOffset);
    }

    @Override
    public void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        loadSizedRegRegOffset(1, regDest, regBase, halfwordOffset);
    }

    @Override
    public void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        int disp = (int) (offset << sizeLog2);
        switch (sizeLog2) {
            case 0 -> emitBytes(0x0f, 0xb6);
            case 1 -> emitBytes(0x0f, 0xb7);
            default -> emitBytes(0x8b);
        }
        rDisp(regDest, regBase, disp);
    }

    @Override
    public void storeSizedRegRegOffset(int sizeLog2, int regSrc, int regBase, long offset) {
        int disp = (int) (offset << sizeLog2);
        switch (sizeLog2) {
            case 0 -> emitBytes(0x88);
            case 1 -> emitBytes(0x66, 0x89);
            default -> emitBytes(0x89);
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
