package dev.mpt.compiler.nativeasm;

import java.util.Arrays;

/**
 * What the native emitter needs of a target: a code buffer with labels (sized in a compute
 * pass, written in the emit pass, as MicroPython's asmbase) and the small, generic set of
 * operations its asm*.h files offer as ASM_* macros. One subclass per architecture; where a
 * target does something its own way (x86 shifts by CL, Thumb compares with IT blocks), the
 * emitter asks through a hook here.
 */
public abstract class NativeAssembler {
    public static final int PASS_COMPUTE = 1;
    public static final int PASS_EMIT = 2;

    private int pass;
    private boolean suppress;
    private int codeOffset;
    private byte[] code = new byte[0];
    private long[] labelOffsets = new long[16];

    // ---- the code buffer (asmbase) ------------------------------------------------------

    public void startPass(int pass) {
        if (pass < PASS_EMIT) {
            Arrays.fill(labelOffsets, -1);
        } else {
            code = new byte[codeOffset];
        }
        this.pass = pass;
        this.suppress = false;
        this.codeOffset = 0;
    }

    public int pass() {
        return pass;
    }

    /** Reserves {@code n} bytes at the current position: their index, or -1 when nothing is written. */
    protected final int reserve(int n) {
        if (suppress) {
            return -1;
        }
        int at = -1;
        if (pass == PASS_EMIT) {
            at = codeOffset;
        }
        codeOffset += n;
        return at;
    }

    protected final void emitBytes(int... bytes) {
        int at = reserve(bytes.length);
        if (at >= 0) {
            for (int i = 0; i < bytes.length; i++) {
                code[at + i] = (byte) bytes[i];
            }
        }
    }

    /** Writes {@code n} little-endian bytes of {@code val}. */
    public final void data(int n, long val) {
        int at = reserve(n);
        if (at >= 0) {
            for (int i = 0; i < n; i++) {
                code[at + i] = (byte) val;
                val >>= 8;
            }
        }
    }

    public final void align(int align) {
        codeOffset = (codeOffset + align - 1) & ~(align - 1);
    }

    /** Writes an unsigned var-uint (as the .mpy format and the bytecode prelude encode them). */
    public final void dataVarUint(long v) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (v & 0x7f);
        v >>>= 7;
        while (v != 0) {
            buf[--p] = (byte) (0x80 | (v & 0x7f));
            v >>>= 7;
        }
        for (int i = p; i < buf.length; i++) {
            data(1, buf[i] & 0xff);
        }
    }

    public final void labelAssign(int label) {
        suppress = false;
        ensureLabel(label);
        if (pass < PASS_EMIT) {
            labelOffsets[label] = codeOffset;
        } else if (labelOffsets[label] != codeOffset) {
            throw new IllegalStateException("label " + label + " moved between passes");
        } else {
            labelPlaced(label);
        }
    }

    /** Called when {@code label} is placed in the emit pass (the debug listing prints it). */
    protected void labelPlaced(int label) {
    }

    /**
     * The qualified name ({@code Class.method}) of the function whose code the next pass
     * emits; only the debug listing shows it.
     */
    public void scopeName(String qualifiedName) {
    }

    private void ensureLabel(int label) {
        if (label >= labelOffsets.length) {
            int old = labelOffsets.length;
            labelOffsets = Arrays.copyOf(labelOffsets, Math.max(label + 1, old * 2));
            Arrays.fill(labelOffsets, old, labelOffsets.length, -1);
        }
    }

    /** The offset of {@code label}, or -1 when it is not yet known. */
    protected final long labelOffset(int label) {
        ensureLabel(label);
        return labelOffsets[label];
    }

    public final void suppressCode() {
        suppress = true;
    }

    /** Whether the code being emitted is dead (after a jump, until the next label). */
    protected final boolean suppressed() {
        return suppress;
    }

    public final int codePos() {
        return codeOffset;
    }

    /** The machine code of the emit pass. */
    public final byte[] code() {
        return code.clone();
    }

    /** Patches a byte already written (emit pass). */
    protected final void patch(int at, int b) {
        code[at] = (byte) b;
    }

    protected final int codeByte(int at) {
        return code[at] & 0xff;
    }

    // ---- target facts -------------------------------------------------------------------

    /** Bytes in a machine word. */
    public abstract int wordSize();

    /** Words in the target's nlr_buf_t as mpy-cross sizes it (2 + registers + 1). */
    public abstract int nlrBufWords();

    /** The word of nlr_buf_t that holds the register the emitter keeps the handler PC in. */
    public abstract int nlrBufIdxLocal1();

    /** Whether nlr_push must be followed by a setjmp call (xtensawin). */
    public boolean nlrSetjmp() {
        return false;
    }

    public abstract int regRet();

    public abstract int regArg1();

    public abstract int regArg2();

    public abstract int regArg3();

    public abstract int regArg4();

    public int regParentRet() {
        return regRet();
    }

    public int regParentArg1() {
        return regArg1();
    }

    public int regParentArg2() {
        return regArg2();
    }

    public int regParentArg3() {
        return regArg3();
    }

    public int regParentArg4() {
        return regArg4();
    }

    public abstract int regTemp0();

    public abstract int regTemp1();

    public abstract int regTemp2();

    public abstract int regLocal1();

    public abstract int regLocal2();

    public abstract int regLocal3();

    public abstract int regFunTable();

    /**
     * Whether a closure moves the new function from the return register to the first
     * argument: emitnative.c tests {@code #if REG_ARG_1 != REG_RET}, which the preprocessor
     * reads as false where the register names are enum constants (the debug target).
     */
    public boolean closureMovesRet() {
        return regArg1() != regRet();
    }

    /** A register that always reads zero, or -1 when the target has none. */
    public int regZero() {
        return -1;
    }

    // ---- generic operations (the ASM_* macros) --------------------------------------------

    public void endPass() {
    }

    public abstract void entry(int numLocals);

    public abstract void exit();

    public abstract void jump(int label);

    public abstract void jumpIfRegZero(int reg, int label, boolean boolTest);

    public abstract void jumpIfRegNonzero(int reg, int label, boolean boolTest);

    public abstract void jumpIfRegEq(int reg1, int reg2, int label);

    public abstract void jumpReg(int reg);

    public abstract void callInd(int funId);

    public abstract void movLocalReg(int localNum, int regSrc);

    public abstract void movRegImm(int regDest, long imm);

    public abstract void movRegLocal(int regDest, int localNum);

    public abstract void movRegReg(int regDest, int regSrc);

    public abstract void movRegLocalAddr(int regDest, int localNum);

    public abstract void movRegPcrel(int regDest, int label);

    /** Whether the target has a one-instruction NOT (ASM_NOT_REG). */
    public boolean hasNotReg() {
        return true;
    }

    public void notReg(int reg) {
        throw new UnsupportedOperationException("not");
    }

    public abstract void negReg(int reg);

    public abstract void orRegReg(int regDest, int regSrc);

    public abstract void xorRegReg(int regDest, int regSrc);

    public abstract void andRegReg(int regDest, int regSrc);

    public abstract void addRegReg(int regDest, int regSrc);

    public abstract void subRegReg(int regDest, int regSrc);

    public abstract void mulRegReg(int regDest, int regSrc);

    /** Shifts by a register: {@code regDest} by {@code regShift} (not used on x86, see {@link #shiftCountReg()}). */
    public void lslRegReg(int regDest, int regShift) {
        throw new UnsupportedOperationException("lsl");
    }

    public void lsrRegReg(int regDest, int regShift) {
        throw new UnsupportedOperationException("lsr");
    }

    public void asrRegReg(int regDest, int regShift) {
        throw new UnsupportedOperationException("asr");
    }

    /**
     * The register a shift count must be in when the target shifts only by a fixed register
     * (x86's CL), or -1 when shifts take any register.
     */
    public int shiftCountReg() {
        return -1;
    }

    public void lslReg(int reg) {
        throw new UnsupportedOperationException("lsl");
    }

    public void lsrReg(int reg) {
        throw new UnsupportedOperationException("lsr");
    }

    public void asrReg(int reg) {
        throw new UnsupportedOperationException("asr");
    }

    /** Loads a word at {@code reg_base + wordOffset * wordSize}. */
    public abstract void loadRegRegOffset(int regDest, int regBase, int wordOffset);

    public abstract void storeRegRegOffset(int regSrc, int regBase, int wordOffset);

    /** Loads a 16-bit value at {@code regBase + 2 * halfwordOffset} (the qstr table). */
    public abstract void load16RegRegOffset(int regDest, int regBase, int halfwordOffset);

    /** Whether ASM_LOADn_REG_REG_OFFSET exists for n = 8, 16, 32 (index 0, 1, 2). */
    public boolean hasLoadOffset(int sizeLog2) {
        return true;
    }

    public boolean hasStoreOffset(int sizeLog2) {
        return true;
    }

    /** Whether ASM_LOADn_REG_REG_REG / ASM_STOREn_REG_REG_REG exist. */
    public boolean hasLoadRegRegReg(int sizeLog2) {
        return false;
    }

    public boolean hasStoreRegRegReg(int sizeLog2) {
        return false;
    }

    /** Loads a value of 1 << sizeLog2 bytes at {@code regBase + offset * size}, zero-extended. */
    public void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        throw new UnsupportedOperationException("load offset");
    }

    public void storeSizedRegRegOffset(int sizeLog2, int regSrc, int regBase, long offset) {
        throw new UnsupportedOperationException("store offset");
    }

    /** Loads from {@code regBase} (no offset). */
    public void loadSizedRegReg(int sizeLog2, int regDest, int regBase) {
        loadSizedRegRegOffset(sizeLog2, regDest, regBase, 0);
    }

    public void storeSizedRegReg(int sizeLog2, int regSrc, int regBase) {
        storeSizedRegRegOffset(sizeLog2, regSrc, regBase, 0);
    }

    public void loadSizedRegRegReg(int sizeLog2, int regDest, int regBase, int regIndex) {
        throw new UnsupportedOperationException("load reg reg reg");
    }

    public void storeSizedRegRegReg(int sizeLog2, int regSrc, int regBase, int regIndex) {
        throw new UnsupportedOperationException("store reg reg reg");
    }

    public abstract void clrReg(int reg);

    /**
     * Sets {@code regRet} to 1 or 0 by comparing {@code regLhs} with {@code regRhs}:
     * {@code opIdx} is 0..5 for unsigned less, more, equal, less-equal, more-equal, not-equal,
     * 6..11 for the same signed.
     */
    public abstract void compareToBool(int opIdx, int regRet, int regLhs, int regRhs);

    /** Whether byte stores need the value in one of the first four registers (x86: popped, not flexible). */
    public boolean storeValueFixedReg() {
        return false;
    }

    /** Whether arguments arrive on the stack (x86) rather than in registers. */
    public boolean argsOnStack() {
        return false;
    }

    /** x86: loads incoming argument {@code argNum} into {@code reg}. */
    public void movArgToReg(int argNum, int reg) {
        throw new UnsupportedOperationException("args in registers");
    }

    /** The call of mp_setup_code_state (Thumb and ARM use a branch-with-link through r4). */
    public void callSetupCodeState(int funId) {
        callInd(funId);
    }
}
