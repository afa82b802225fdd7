package dev.mpt.bytecode;

/**
 * The binary operators that appear in bytecode ({@code BINARY_OP n}), in opcode order:
 * 9 comparisons, 13 in-place operators, then the 13 plain operators in the same order.
 */
public enum BinaryOp {
    LESS("__lt__"),
    MORE("__gt__"),
    EQUAL("__eq__"),
    LESS_EQUAL("__le__"),
    MORE_EQUAL("__ge__"),
    NOT_EQUAL("__ne__"),
    IN("<in>"),
    IS("<is>"),
    EXCEPTION_MATCH("<exception match>"),
    INPLACE_OR("__ior__"),
    INPLACE_XOR("__ixor__"),
    INPLACE_AND("__iand__"),
    INPLACE_LSHIFT("__ilshift__"),
    INPLACE_RSHIFT("__irshift__"),
    INPLACE_ADD("__iadd__"),
    INPLACE_SUBTRACT("__isub__"),
    INPLACE_MULTIPLY("__imul__"),
    INPLACE_MAT_MULTIPLY("__imatmul__"),
    INPLACE_FLOOR_DIVIDE("__ifloordiv__"),
    INPLACE_TRUE_DIVIDE("__itruediv__"),
    INPLACE_MODULO("__imod__"),
    INPLACE_POWER("__ipow__"),
    OR("__or__"),
    XOR("__xor__"),
    AND("__and__"),
    LSHIFT("__lshift__"),
    RSHIFT("__rshift__"),
    ADD("__add__"),
    SUBTRACT("__sub__"),
    MULTIPLY("__mul__"),
    MAT_MULTIPLY("__matmul__"),
    FLOOR_DIVIDE("__floordiv__"),
    TRUE_DIVIDE("__truediv__"),
    MODULO("__mod__"),
    POWER("__pow__");

    /** How many binary operators bytecode can encode. */
    public static final int BYTECODE_COUNT = 35;

    private static final int INPLACE_DELTA = OR.ordinal() - INPLACE_OR.ordinal();

    private final String methodName;

    BinaryOp(String methodName) {
        this.methodName = methodName;
    }

    /** The special method that implements it, or a {@code <...>} description for built-ins. */
    public String methodName() {
        return methodName;
    }

    public boolean isInplace() {
        return ordinal() >= INPLACE_OR.ordinal() && ordinal() <= INPLACE_POWER.ordinal();
    }

    /** For an in-place operator, the plain one ({@code +=} to {@code +}); otherwise itself. */
    public BinaryOp plain() {
        return isInplace() ? values()[ordinal() + INPLACE_DELTA] : this;
    }
}
