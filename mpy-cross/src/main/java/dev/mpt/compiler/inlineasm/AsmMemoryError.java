package dev.mpt.compiler.inlineasm;

/**
 * The function's machine code is larger than the official mpy-cross can allocate in its GC
 * heap; it then prints {@code MemoryError: } followed by {@link #getMessage()} (no traceback)
 * and exits with status 1. The exact limit depends on the heap's state in the official tool;
 * {@code ThumbAssembler.DEFAULT_MAX_CODE_SIZE} is the one measured for the default heap.
 */
public final class AsmMemoryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsmMemoryError(long bytes) {
        super("memory allocation failed, allocating " + bytes + " bytes", null, false, false);
    }
}
