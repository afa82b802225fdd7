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
    LOAD_CONST_STRING(Code.LOAD_CONST_STRING, Format.QSTR),
    LOAD_NAME(Code.LOAD_NAME, Format.QSTR),
    LOAD_GLOBAL(Code.LOAD_GLOBAL, Format.QSTR),
    LOAD_ATTR(Code.LOAD_ATTR, Format.QSTR),
    LOAD_METHOD(Code.LOAD_METHOD, Format.QSTR),
    LOAD_SUPER_METHOD(Code.LOAD_SUPER_METHOD, Format.QSTR),
    STORE_NAME(Code.STORE_NAME, Format.QSTR),
    STORE_GLOBAL(Code.STORE_GLOBAL, Format.QSTR),
    STORE_ATTR(Code.STORE_ATTR, Format.QSTR),
    DELETE_NAME(Code.DELETE_NAME, Format.QSTR),
    DELETE_GLOBAL(Code.DELETE_GLOBAL, Format.QSTR),
    IMPORT_NAME(Code.IMPORT_NAME, Format.QSTR),
    IMPORT_FROM(Code.IMPORT_FROM, Format.QSTR),

    // var-uint argument
    MAKE_CLOSURE(Code.MAKE_CLOSURE, Format.VAR_UINT, true),
    MAKE_CLOSURE_DEFARGS(Code.MAKE_CLOSURE_DEFARGS, Format.VAR_UINT, true),
    LOAD_CONST_SMALL_INT(Code.LOAD_CONST_SMALL_INT, Format.VAR_UINT),
    LOAD_CONST_OBJ(Code.LOAD_CONST_OBJ, Format.VAR_UINT),
    LOAD_FAST_N(Code.LOAD_FAST_N, Format.VAR_UINT),
    LOAD_DEREF(Code.LOAD_DEREF, Format.VAR_UINT),
    STORE_FAST_N(Code.STORE_FAST_N, Format.VAR_UINT),
    STORE_DEREF(Code.STORE_DEREF, Format.VAR_UINT),
    DELETE_FAST(Code.DELETE_FAST, Format.VAR_UINT),
    DELETE_DEREF(Code.DELETE_DEREF, Format.VAR_UINT),
    BUILD_TUPLE(Code.BUILD_TUPLE, Format.VAR_UINT),
    BUILD_LIST(Code.BUILD_LIST, Format.VAR_UINT),
    BUILD_MAP(Code.BUILD_MAP, Format.VAR_UINT),
    BUILD_SET(Code.BUILD_SET, Format.VAR_UINT),
    BUILD_SLICE(Code.BUILD_SLICE, Format.VAR_UINT),
    STORE_COMP(Code.STORE_COMP, Format.VAR_UINT),
    UNPACK_SEQUENCE(Code.UNPACK_SEQUENCE, Format.VAR_UINT),
    UNPACK_EX(Code.UNPACK_EX, Format.VAR_UINT),
    MAKE_FUNCTION(Code.MAKE_FUNCTION, Format.VAR_UINT),
    MAKE_FUNCTION_DEFARGS(Code.MAKE_FUNCTION_DEFARGS, Format.VAR_UINT),
    CALL_FUNCTION(Code.CALL_FUNCTION, Format.VAR_UINT),
    CALL_FUNCTION_VAR_KW(Code.CALL_FUNCTION_VAR_KW, Format.VAR_UINT),
    CALL_METHOD(Code.CALL_METHOD, Format.VAR_UINT),
    CALL_METHOD_VAR_KW(Code.CALL_METHOD_VAR_KW, Format.VAR_UINT),

    // relative jump offset argument
    UNWIND_JUMP(Code.UNWIND_JUMP, Format.OFFSET, true),
    JUMP(Code.JUMP, Format.OFFSET),
    POP_JUMP_IF_TRUE(Code.POP_JUMP_IF_TRUE, Format.OFFSET),
    POP_JUMP_IF_FALSE(Code.POP_JUMP_IF_FALSE, Format.OFFSET),
    JUMP_IF_TRUE_OR_POP(Code.JUMP_IF_TRUE_OR_POP, Format.OFFSET),
    JUMP_IF_FALSE_OR_POP(Code.JUMP_IF_FALSE_OR_POP, Format.OFFSET),
    SETUP_WITH(Code.SETUP_WITH, Format.OFFSET),
    SETUP_EXCEPT(Code.SETUP_EXCEPT, Format.OFFSET),
    SETUP_FINALLY(Code.SETUP_FINALLY, Format.OFFSET),
    POP_EXCEPT_JUMP(Code.POP_EXCEPT_JUMP, Format.OFFSET),
    FOR_ITER(Code.FOR_ITER, Format.OFFSET),

    // no argument
    LOAD_CONST_FALSE(Code.LOAD_CONST_FALSE, Format.BYTE),
    LOAD_CONST_NONE(Code.LOAD_CONST_NONE, Format.BYTE),
    LOAD_CONST_TRUE(Code.LOAD_CONST_TRUE, Format.BYTE),
    LOAD_NULL(Code.LOAD_NULL, Format.BYTE),
    LOAD_BUILD_CLASS(Code.LOAD_BUILD_CLASS, Format.BYTE),
    LOAD_SUBSCR(Code.LOAD_SUBSCR, Format.BYTE),
    STORE_SUBSCR(Code.STORE_SUBSCR, Format.BYTE),
    DUP_TOP(Code.DUP_TOP, Format.BYTE),
    DUP_TOP_TWO(Code.DUP_TOP_TWO, Format.BYTE),
    POP_TOP(Code.POP_TOP, Format.BYTE),
    ROT_TWO(Code.ROT_TWO, Format.BYTE),
    ROT_THREE(Code.ROT_THREE, Format.BYTE),
    WITH_CLEANUP(Code.WITH_CLEANUP, Format.BYTE),
    END_FINALLY(Code.END_FINALLY, Format.BYTE),
    GET_ITER(Code.GET_ITER, Format.BYTE),
    GET_ITER_STACK(Code.GET_ITER_STACK, Format.BYTE),
    STORE_MAP(Code.STORE_MAP, Format.BYTE),
    RETURN_VALUE(Code.RETURN_VALUE, Format.BYTE),
    RAISE_LAST(Code.RAISE_LAST, Format.BYTE),
    RAISE_OBJ(Code.RAISE_OBJ, Format.BYTE),
    RAISE_FROM(Code.RAISE_FROM, Format.BYTE),
    YIELD_VALUE(Code.YIELD_VALUE, Format.BYTE),
    YIELD_FROM(Code.YIELD_FROM, Format.BYTE),
    IMPORT_STAR(Code.IMPORT_STAR, Format.BYTE),

    // argument carried in the opcode byte: first byte + count
    LOAD_CONST_SMALL_INT_MULTI(Code.LOAD_CONST_SMALL_INT_MULTI, 64),
    LOAD_FAST_MULTI(Code.LOAD_FAST_MULTI, 16),
    STORE_FAST_MULTI(Code.STORE_FAST_MULTI, 16),
    UNARY_OP_MULTI(Code.UNARY_OP_MULTI, UnaryOp.BYTECODE_COUNT),
    BINARY_OP_MULTI(Code.BINARY_OP_MULTI, BinaryOp.BYTECODE_COUNT);

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

    /**
     * The first byte of each opcode as a compile-time constant, for code that dispatches on
     * bytes with a {@code switch} (the VM's loop, tests that assemble bytecode).
     */
    public static final class Code {
        private Code() {}

        public static final int LOAD_CONST_STRING = 0x10;
        public static final int LOAD_NAME = 0x11;
        public static final int LOAD_GLOBAL = 0x12;
        public static final int LOAD_ATTR = 0x13;
        public static final int LOAD_METHOD = 0x14;
        public static final int LOAD_SUPER_METHOD = 0x15;
        public static final int STORE_NAME = 0x16;
        public static final int STORE_GLOBAL = 0x17;
        public static final int STORE_ATTR = 0x18;
        public static final int DELETE_NAME = 0x19;
        public static final int DELETE_GLOBAL = 0x1a;
        public static final int IMPORT_NAME = 0x1b;
        public static final int IMPORT_FROM = 0x1c;
        public static final int MAKE_CLOSURE = 0x20;
        public static final int MAKE_CLOSURE_DEFARGS = 0x21;
        public static final int LOAD_CONST_SMALL_INT = 0x22;
        public static final int LOAD_CONST_OBJ = 0x23;
        public static final int LOAD_FAST_N = 0x24;
        public static final int LOAD_DEREF = 0x25;
        public static final int STORE_FAST_N = 0x26;
        public static final int STORE_DEREF = 0x27;
        public static final int DELETE_FAST = 0x28;
        public static final int DELETE_DEREF = 0x29;
        public static final int BUILD_TUPLE = 0x2a;
        public static final int BUILD_LIST = 0x2b;
        public static final int BUILD_MAP = 0x2c;
        public static final int BUILD_SET = 0x2d;
        public static final int BUILD_SLICE = 0x2e;
        public static final int STORE_COMP = 0x2f;
        public static final int UNPACK_SEQUENCE = 0x30;
        public static final int UNPACK_EX = 0x31;
        public static final int MAKE_FUNCTION = 0x32;
        public static final int MAKE_FUNCTION_DEFARGS = 0x33;
        public static final int CALL_FUNCTION = 0x34;
        public static final int CALL_FUNCTION_VAR_KW = 0x35;
        public static final int CALL_METHOD = 0x36;
        public static final int CALL_METHOD_VAR_KW = 0x37;
        public static final int UNWIND_JUMP = 0x40;
        public static final int JUMP = 0x42;
        public static final int POP_JUMP_IF_TRUE = 0x43;
        public static final int POP_JUMP_IF_FALSE = 0x44;
        public static final int JUMP_IF_TRUE_OR_POP = 0x45;
        public static final int JUMP_IF_FALSE_OR_POP = 0x46;
        public static final int SETUP_WITH = 0x47;
        public static final int SETUP_EXCEPT = 0x48;
        public static final int SETUP_FINALLY = 0x49;
        public static final int POP_EXCEPT_JUMP = 0x4a;
        public static final int FOR_ITER = 0x4b;
        public static final int LOAD_CONST_FALSE = 0x50;
        public static final int LOAD_CONST_NONE = 0x51;
        public static final int LOAD_CONST_TRUE = 0x52;
        public static final int LOAD_NULL = 0x53;
        public static final int LOAD_BUILD_CLASS = 0x54;
        public static final int LOAD_SUBSCR = 0x55;
        public static final int STORE_SUBSCR = 0x56;
        public static final int DUP_TOP = 0x57;
        public static final int DUP_TOP_TWO = 0x58;
        public static final int POP_TOP = 0x59;
        public static final int ROT_TWO = 0x5a;
        public static final int ROT_THREE = 0x5b;
        public static final int WITH_CLEANUP = 0x5c;
        public static final int END_FINALLY = 0x5d;
        public static final int GET_ITER = 0x5e;
        public static final int GET_ITER_STACK = 0x5f;
        public static final int STORE_MAP = 0x62;
        public static final int RETURN_VALUE = 0x63;
        public static final int RAISE_LAST = 0x64;
        public static final int RAISE_OBJ = 0x65;
        public static final int RAISE_FROM = 0x66;
        public static final int YIELD_VALUE = 0x67;
        public static final int YIELD_FROM = 0x68;
        public static final int IMPORT_STAR = 0x69;
        public static final int LOAD_CONST_SMALL_INT_MULTI = 0x70;
        public static final int LOAD_FAST_MULTI = 0xb0;
        public static final int STORE_FAST_MULTI = 0xc0;
        public static final int UNARY_OP_MULTI = 0xd0;
        public static final int BINARY_OP_MULTI = 0xd7;
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
