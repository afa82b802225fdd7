package dev.mpt.bytecode;

/** The unary operators that appear in bytecode ({@code UNARY_OP n}), in opcode order. */
public enum UnaryOp {
    POSITIVE("__pos__"),
    NEGATIVE("__neg__"),
    INVERT("__invert__"),
    NOT("<not>");

    /** How many unary operators bytecode can encode. */
    public static final int BYTECODE_COUNT = 4;

    private final String methodName;

    UnaryOp(String methodName) {
        this.methodName = methodName;
    }

    /** The special method that implements it, or {@code <not>} for the built-in {@code not}. */
    public String methodName() {
        return methodName;
    }
}
