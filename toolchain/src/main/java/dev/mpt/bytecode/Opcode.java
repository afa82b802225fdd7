package dev.mpt.bytecode;

/**
 * MicroPython's bytecode opcodes (.mpy v6), one table. Each opcode has a first byte and an
 * argument format; the five "multi" opcodes cover a range of first bytes that carry their
 * argument in the opcode byte itself (e.g. {@code LOAD_FAST 0..15} is 0xb0..0xbf).
 *
 * <p>The argument formats follow from the high nibble of the opcode byte (0x1_ qstr,
 * 0x2_/0x3_ var-uint, 0x4_ jump offset, everything else a bare byte); a few opcodes are
 * followed by one extra byte. The table states both per opcode, and a test checks it
 * against the nibble rule.
 */
public enum Opcode {
    // qstr argument
    LOAD_CONST_STRING(0x10, Format.QSTR),
    LOAD_NAME(0x11, Format.QSTR),
    LOAD_GLOBAL(0x12, Format.QSTR),
    LOAD_ATTR(0x13, Format.QSTR),
    LOAD_METHOD(0x14, Format.QSTR),
    LOAD_SUPER_METHOD(0x15, Format.QSTR),
    STORE_NAME(0x16, Format.QSTR),
    STORE_GLOBAL(0x17, Format.QSTR),
    STORE_ATTR(0x18, Format.QSTR),
    DELETE_NAME(0x19, Format.QSTR),
    DELETE_GLOBAL(0x1a, Format.QSTR),
    IMPORT_NAME(0x1b, Format.QSTR),
    IMPORT_FROM(0x1c, Format.QSTR),

    // var-uint argument
    MAKE_CLOSURE(0x20, Format.VAR_UINT, true),
    MAKE_CLOSURE_DEFARGS(0x21, Format.VAR_UINT, true),
    LOAD_CONST_SMALL_INT(0x22, Format.VAR_UINT),
    LOAD_CONST_OBJ(0x23, Format.VAR_UINT),
    LOAD_FAST_N(0x24, Format.VAR_UINT),
    LOAD_DEREF(0x25, Format.VAR_UINT),
    STORE_FAST_N(0x26, Format.VAR_UINT),
    STORE_DEREF(0x27, Format.VAR_UINT),
    DELETE_FAST(0x28, Format.VAR_UINT),
    DELETE_DEREF(0x29, Format.VAR_UINT),
    BUILD_TUPLE(0x2a, Format.VAR_UINT),
    BUILD_LIST(0x2b, Format.VAR_UINT),
    BUILD_MAP(0x2c, Format.VAR_UINT),
    BUILD_SET(0x2d, Format.VAR_UINT),
    BUILD_SLICE(0x2e, Format.VAR_UINT),
    STORE_COMP(0x2f, Format.VAR_UINT),
    UNPACK_SEQUENCE(0x30, Format.VAR_UINT),
    UNPACK_EX(0x31, Format.VAR_UINT),
    MAKE_FUNCTION(0x32, Format.VAR_UINT),
    MAKE_FUNCTION_DEFARGS(0x33, Format.VAR_UINT),
    CALL_FUNCTION(0x34, Format.VAR_UINT),
    CALL_FUNCTION_VAR_KW(0x35, Format.VAR_UINT),
    CALL_METHOD(0x36, Format.VAR_UINT),
    CALL_METHOD_VAR_KW(0x37, Format.VAR_UINT),

    // relative jump offset argument
    UNWIND_JUMP(0x40, Format.OFFSET, true),
    JUMP(0x42, Format.OFFSET),
    POP_JUMP_IF_TRUE(0x43, Format.OFFSET),
    POP_JUMP_IF_FALSE(0x44, Format.OFFSET),
    JUMP_IF_TRUE_OR_POP(0x45, Format.OFFSET),
    JUMP_IF_FALSE_OR_POP(0x46, Format.OFFSET),
    SETUP_WITH(0x47, Format.OFFSET),
    SETUP_EXCEPT(0x48, Format.OFFSET),
    SETUP_FINALLY(0x49, Format.OFFSET),
    POP_EXCEPT_JUMP(0x4a, Format.OFFSET),
    FOR_ITER(0x4b, Format.OFFSET),

    // no argument
    LOAD_CONST_FALSE(0x50, Format.BYTE),
    LOAD_CONST_NONE(0x51, Format.BYTE),
    LOAD_CONST_TRUE(0x52, Format.BYTE),
    LOAD_NULL(0x53, Format.BYTE),
    LOAD_BUILD_CLASS(0x54, Format.BYTE),
    LOAD_SUBSCR(0x55, Format.BYTE),
    STORE_SUBSCR(0x56, Format.BYTE),
    DUP_TOP(0x57, Format.BYTE),
    DUP_TOP_TWO(0x58, Format.BYTE),
    POP_TOP(0x59, Format.BYTE),
    ROT_TWO(0x5a, Format.BYTE),
    ROT_THREE(0x5b, Format.BYTE),
    WITH_CLEANUP(0x5c, Format.BYTE),
    END_FINALLY(0x5d, Format.BYTE),
    GET_ITER(0x5e, Format.BYTE),
    GET_ITER_STACK(0x5f, Format.BYTE),
    STORE_MAP(0x62, Format.BYTE),
    RETURN_VALUE(0x63, Format.BYTE),
    RAISE_LAST(0x64, Format.BYTE),
    RAISE_OBJ(0x65, Format.BYTE),
    RAISE_FROM(0x66, Format.BYTE),
    YIELD_VALUE(0x67, Format.BYTE),
    YIELD_FROM(0x68, Format.BYTE),
    IMPORT_STAR(0x69, Format.BYTE),

    // argument carried in the opcode byte: first byte + count
    LOAD_CONST_SMALL_INT_MULTI(0x70, 64),
    LOAD_FAST_MULTI(0xb0, 16),
    STORE_FAST_MULTI(0xc0, 16),
    UNARY_OP_MULTI(0xd0, UnaryOp.BYTECODE_COUNT),
    BINARY_OP_MULTI(0xd7, BinaryOp.BYTECODE_COUNT);

    /** How the argument that follows the opcode byte is encoded. */
    public enum Format {
        /** No argument (or, for the multi opcodes, the argument is in the opcode byte). */
        BYTE,
        /** A var-uint index into the module's qstr table. */
        QSTR,
        /** A var-uint (signed for {@code LOAD_CONST_SMALL_INT}). */
        VAR_UINT,
        /** A relative jump: 1 byte, or 2 when the first has its top bit set. */
        OFFSET
    }

    /** How many small ints below zero the {@code LOAD_CONST_SMALL_INT_MULTI} range starts at. */
    public static final int SMALL_INT_MULTI_EXCESS = 16;

    private static final Opcode[] BY_BYTE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            for (int b = op.code; b < op.code + op.count; b++) {
                if (BY_BYTE[b] != null) {
                    throw new AssertionError("opcode table overlaps at 0x" + Integer.toHexString(b));
                }
                BY_BYTE[b] = op;
            }
        }
    }

    private final int code;
    private final int count;
    private final Format format;
    private final boolean extraByte;

    Opcode(int code, Format format) {
        this(code, format, false);
    }

    Opcode(int code, Format format, boolean extraByte) {
        this.code = code;
        this.count = 1;
        this.format = format;
        this.extraByte = extraByte;
    }

    Opcode(int code, int count) {
        this.code = code;
        this.count = count;
        this.format = Format.BYTE;
        this.extraByte = false;
    }

    /** The opcode byte (the first one, for a multi opcode). */
    public int code() {
        return code;
    }

    /** How many opcode bytes this opcode covers: 1, or the size of a multi range. */
    public int count() {
        return count;
    }

    public Format format() {
        return format;
    }

    /** Whether one more byte follows the argument (closure cell count, unwind depth). */
    public boolean hasExtraByte() {
        return extraByte;
    }

    public boolean isMulti() {
        return count > 1;
    }

    /** Whether the jump offset is signed (backwards jumps possible). */
    public boolean hasSignedOffset() {
        return this == UNWIND_JUMP || this == JUMP || this == POP_JUMP_IF_TRUE || this == POP_JUMP_IF_FALSE;
    }

    /** Whether the argument is an index into the raw code's children. */
    public boolean makesFunction() {
        return this == MAKE_FUNCTION || this == MAKE_FUNCTION_DEFARGS
                || this == MAKE_CLOSURE || this == MAKE_CLOSURE_DEFARGS;
    }

    /** The name as MicroPython's tools print it, e.g. {@code LOAD_FAST} for the multi form. */
    public String mnemonic() {
        return switch (this) {
            case LOAD_CONST_SMALL_INT_MULTI -> "LOAD_CONST_SMALL_INT";
            case LOAD_FAST_MULTI -> "LOAD_FAST";
            case STORE_FAST_MULTI -> "STORE_FAST";
            case UNARY_OP_MULTI -> "UNARY_OP";
            case BINARY_OP_MULTI -> "BINARY_OP";
            default -> name();
        };
    }

    /** The opcode a byte starts, or {@code null} for a byte that starts none. */
    public static Opcode ofByte(int b) {
        return BY_BYTE[b & 0xff];
    }

    /** The format MicroPython derives from the opcode byte's high nibble. */
    static Format formatByNibble(int b) {
        return Format.values()[(0x000003a4 >> (2 * ((b & 0xff) >> 4))) & 3];
    }

    /** MicroPython's rule for which opcode bytes are followed by one extra byte. */
    static boolean extraByteByMask(int b) {
        return ((b & 0xff) & 0x9e) == 0;
    }
}
