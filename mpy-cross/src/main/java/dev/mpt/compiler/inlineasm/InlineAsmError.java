package dev.mpt.compiler.inlineasm;

/**
 * A {@code SyntaxError} raised while assembling an inline-assembler function, with the source
 * line mpy-cross reports for it (already resolved: never 0).
 */
public final class InlineAsmError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public InlineAsmError(String message, int line) {
        super(message, null, false, false);
        this.line = line;
    }

    /** Always {@code "SyntaxError"}: the only exception type the inline assembler raises. */
    public String type() {
        return "SyntaxError";
    }

    public int line() {
        return line;
    }
}
