package dev.mpt.compiler.nativeasm;

/**
 * A 32-bit target (Thumb, RV32, Xtensa) whose loads and stores at an offset, of every size,
 * go through one sized form each, and which also loads and stores at base + index registers:
 * the word, halfword (qstr table) and viper pointer accesses the emitter asks for are the
 * same two calls on each of them.
 */
abstract class SizedOffsetAssembler extends NativeAssembler {
    /** Loads {@code 1 << sizeLog2} bytes at {@code regBase + offset * (1 << sizeLog2)}, zero-extended. */
    abstract void loadOffset(int regDest, int regBase, int offset, int sizeLog2);

    /** Stores {@code 1 << sizeLog2} bytes of {@code regSrc} at {@code regBase + offset * (1 << sizeLog2)}. */
    abstract void storeOffset(int regSrc, int regBase, int offset, int sizeLog2);

    @Override
    public final void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        loadOffset(regDest, regBase, wordOffset, 2);
    }

    @Override
    public final void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        storeOffset(regSrc, regBase, wordOffset, 2);
    }

    @Override
    public final void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        loadOffset(regDest, regBase, halfwordOffset, 1);
    }

    @Override
    public final void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        loadOffset(regDest, regBase, (int) offset, sizeLog2);
    }

    @Override
    public final void storeSizedRegRegOffset(int sizeLog2, int regSrc, int regBase, long offset) {
        storeOffset(regSrc, regBase, (int) offset, sizeLog2);
    }

    @Override
    public final boolean hasLoadRegRegReg(int sizeLog2) {
        return true;
    }

    @Override
    public final boolean hasStoreRegRegReg(int sizeLog2) {
        return true;
    }
}
