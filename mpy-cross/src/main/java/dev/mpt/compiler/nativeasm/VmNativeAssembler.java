package dev.mpt.compiler.nativeasm;

import static dev.mpt.vm.VmNativeCode.*;

/**
 * The native emitter's assembler for our own VM ({@link dev.mpt.vm.VmNativeCode}): what
 * {@code @micropython.viper} functions become when the VM runs them. Each ASM_* operation is
 * one fixed-size instruction that {@link dev.mpt.vm.NativeMachine} interprets, so the code
 * follows the emitter exactly as machine code for a real CPU would. Never written to a .mpy.
 */
public final class VmNativeAssembler extends NativeAssembler {

    private void insn(int op, int a, int b, int c, long imm) {
        data(1, op);
        data(1, a);
        data(1, b);
        data(1, c);
        data(8, imm);
    }

    /** A jump target: the label's offset, or 0 while it is not yet known (first pass). */
    private long target(int label) {
        long off = labelOffset(label);
        return off < 0 ? 0 : off;
    }

    @Override
    public void startPass(int pass) {
        super.startPass(pass);
        insn(MAGIC, 0, 0, 0, VERSION);
    }

    @Override
    public int wordSize() {
        return WORD_SIZE;
    }

    @Override
    public int nlrBufWords() {
        return NLR_BUF_WORDS;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return NLR_BUF_IDX_LOCAL1;
    }

    @Override
    public int regRet() {
        return R_RET;
    }

    @Override
    public int regArg1() {
        return R_ARG1;
    }

    @Override
    public int regArg2() {
        return R_ARG2;
    }

    @Override
    public int regArg3() {
        return R_ARG3;
    }

    @Override
    public int regArg4() {
        return R_ARG4;
    }

    @Override
    public int regTemp0() {
        return R_TEMP0;
    }

    @Override
    public int regTemp1() {
        return R_TEMP1;
    }

    @Override
    public int regTemp2() {
        return R_TEMP2;
    }

    @Override
    public int regLocal1() {
        return R_LOCAL1;
    }

    @Override
    public int regLocal2() {
        return R_LOCAL2;
    }

    @Override
    public int regLocal3() {
        return R_LOCAL3;
    }

    @Override
    public int regFunTable() {
        return R_FUN_TABLE;
    }

    @Override
    public void entry(int numLocals) {
        insn(ENTRY, 0, 0, 0, numLocals);
    }

    @Override
    public void exit() {
        insn(EXIT, 0, 0, 0, 0);
    }

    @Override
    public void jump(int label) {
        insn(JUMP, 0, 0, 0, target(label));
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        insn(JUMP_IF_ZERO, reg, 0, 0, target(label));
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        insn(JUMP_IF_NONZERO, reg, 0, 0, target(label));
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        insn(JUMP_IF_EQ, reg1, reg2, 0, target(label));
    }

    @Override
    public void jumpReg(int reg) {
        insn(JUMP_REG, reg, 0, 0, 0);
    }

    @Override
    public void callInd(int funId) {
        insn(CALL, 0, 0, 0, funId);
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        insn(MOV_LOCAL_REG, regSrc, 0, 0, localNum);
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        insn(MOV_REG_IMM, regDest, 0, 0, imm);
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        insn(MOV_REG_LOCAL, regDest, 0, 0, localNum);
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        insn(MOV_REG_REG, regDest, regSrc, 0, 0);
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        insn(MOV_REG_LOCAL_ADDR, regDest, 0, 0, localNum);
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        insn(MOV_REG_PCREL, regDest, 0, 0, target(label));
    }

    @Override
    public void notReg(int reg) {
        insn(NOT, reg, 0, 0, 0);
    }

    @Override
    public void negReg(int reg) {
        insn(NEG, reg, 0, 0, 0);
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        insn(OR, regDest, regSrc, 0, 0);
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        insn(XOR, regDest, regSrc, 0, 0);
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        insn(AND, regDest, regSrc, 0, 0);
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        insn(ADD, regDest, regSrc, 0, 0);
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        insn(SUB, regDest, regSrc, 0, 0);
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        insn(MUL, regDest, regSrc, 0, 0);
    }

    @Override
    public void lslRegReg(int regDest, int regShift) {
        insn(LSL, regDest, regShift, 0, 0);
    }

    @Override
    public void lsrRegReg(int regDest, int regShift) {
        insn(LSR, regDest, regShift, 0, 0);
    }

    @Override
    public void asrRegReg(int regDest, int regShift) {
        insn(ASR, regDest, regShift, 0, 0);
    }

    @Override
    public void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        insn(LOAD_WORD, regDest, regBase, 0, wordOffset);
    }

    @Override
    public void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        insn(STORE_WORD, regSrc, regBase, 0, wordOffset);
    }

    @Override
    public void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        insn(LOAD16, regDest, regBase, 0, halfwordOffset);
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
    public void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        insn(LOAD_SIZED, regDest, regBase, sizeLog2, offset);
    }

    @Override
    public void storeSizedRegRegOffset(int sizeLog2, int regSrc, int regBase, long offset) {
        insn(STORE_SIZED, regSrc, regBase, sizeLog2, offset);
    }

    @Override
    public void loadSizedRegRegReg(int sizeLog2, int regDest, int regBase, int regIndex) {
        insn(LOAD_SIZED_INDEXED, regDest, regBase, sizeLog2, regIndex);
    }

    @Override
    public void storeSizedRegRegReg(int sizeLog2, int regSrc, int regBase, int regIndex) {
        insn(STORE_SIZED_INDEXED, regSrc, regBase, sizeLog2, regIndex);
    }

    @Override
    public void clrReg(int reg) {
        insn(CLEAR, reg, 0, 0, 0);
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        insn(COMPARE, regRet, regLhs, opIdx, regRhs);
    }
}
