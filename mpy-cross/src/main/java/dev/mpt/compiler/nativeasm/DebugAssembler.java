package dev.mpt.compiler.nativeasm;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code -march=debug}: no machine code, a text listing of the generic operations the native
 * emitter asks for (one line each, in the emit pass), as the official mpy-cross prints it on
 * its standard output. The .mpy it goes with holds only what the emitter writes as data (the
 * prelude, the code info). Twelve symbolic registers, 8-byte words, a three-word nlr buffer.
 */
public final class DebugAssembler extends NativeAssembler {
    private static final String[] REGS = {
        "r_ret", "r_arg1", "r_arg2", "r_arg3", "r_arg4", "r_temp0", "r_temp1", "r_temp2",
        "r_local1", "r_local2", "r_local3", "r_fun_table",
    };

    /** The mp_fun_table entries by index (the first three are constants, never called). */
    private static final String[] FUNS = {
        null, null, null, "CONVERT_OBJ_TO_NATIVE", "CONVERT_NATIVE_TO_OBJ", "NATIVE_SWAP_GLOBALS",
        "LOAD_NAME", "LOAD_GLOBAL", "LOAD_BUILD_CLASS", "LOAD_ATTR", "LOAD_METHOD", "LOAD_SUPER_METHOD",
        "STORE_NAME", "STORE_GLOBAL", "STORE_ATTR", "OBJ_SUBSCR", "OBJ_IS_TRUE", "UNARY_OP", "BINARY_OP",
        "BUILD_TUPLE", "BUILD_LIST", "BUILD_MAP", "BUILD_SET", "STORE_SET", "LIST_APPEND", "STORE_MAP",
        "MAKE_FUNCTION_FROM_PROTO_FUN", "NATIVE_CALL_FUNCTION_N_KW", "CALL_METHOD_N_KW",
        "CALL_METHOD_N_KW_VAR", "NATIVE_GETITER", "NATIVE_ITERNEXT", "NLR_PUSH", "NLR_POP", "NATIVE_RAISE",
        "IMPORT_NAME", "IMPORT_FROM", "IMPORT_ALL", "NEW_SLICE", "UNPACK_SEQUENCE", "UNPACK_EX",
        "DELETE_NAME", "DELETE_GLOBAL", "NEW_CLOSURE", "ARG_CHECK_NUM_SIG", "SETUP_CODE_STATE",
        "SMALL_INT_FLOOR_DIVIDE", "SMALL_INT_MODULO", "NATIVE_YIELD_FROM", "SETJMP",
    };

    private final Consumer<String> listing;
    private String name = "?";

    /** {@code listing} receives the text, a line (with its newline) at a time. */
    public DebugAssembler(Consumer<String> listing) {
        this.listing = listing;
    }

    private void print(String line) {
        if (pass() != PASS_EMIT) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (line.charAt(0) != 'E') {
            sb.append("    ");
        }
        if (suppressed()) {
            sb.append("dead_code ");
        }
        listing.accept(sb.append(line).append('\n').toString());
    }

    private void op(String op, Object... operands) {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (int i = 0; i < operands.length; i++) {
            sb.append(i > 0 ? ", " : "").append(operands[i]);
        }
        print(sb.append(')').toString());
    }

    private static String reg(int r) {
        return REGS[r];
    }

    private static String label(int label) {
        return "label_" + label;
    }

    private static String local(int local) {
        return "local_" + local;
    }

    @Override
    protected void labelPlaced(int label) {
        listing.accept("label(" + label(label) + ")\n");
    }

    @Override
    public void scopeName(String qualifiedName) {
        name = qualifiedName;
    }

    @Override
    public int wordSize() {
        return 8;
    }

    @Override
    public int nlrBufWords() {
        return 3;
    }

    @Override
    public int nlrBufIdxLocal1() {
        return 5;
    }

    @Override
    public int regRet() {
        return 0;
    }

    @Override
    public int regArg1() {
        return 1;
    }

    @Override
    public int regArg2() {
        return 2;
    }

    @Override
    public int regArg3() {
        return 3;
    }

    @Override
    public int regArg4() {
        return 4;
    }

    @Override
    public int regTemp0() {
        return 5;
    }

    @Override
    public int regTemp1() {
        return 6;
    }

    @Override
    public int regTemp2() {
        return 7;
    }

    @Override
    public int regLocal1() {
        return 8;
    }

    @Override
    public int regLocal2() {
        return 9;
    }

    @Override
    public int regLocal3() {
        return 10;
    }

    @Override
    public int regFunTable() {
        return 11;
    }

    /** Its register names are enum constants: {@code #if REG_ARG_1 != REG_RET} is false. */
    @Override
    public boolean closureMovesRet() {
        return false;
    }

    @Override
    public void entry(int numLocals) {
        print("ENTRY(" + name + ", num_locals=" + numLocals + ")");
    }

    @Override
    public void exit() {
        print("EXIT(0)");
    }

    @Override
    public void jump(int label) {
        op("jump", label(label));
    }

    @Override
    public void jumpIfRegZero(int reg, int label, boolean boolTest) {
        op("jump_if_reg_zero", reg(reg), label(label), boolTest);
    }

    @Override
    public void jumpIfRegNonzero(int reg, int label, boolean boolTest) {
        op("jump_if_reg_nonzero", reg(reg), label(label), boolTest);
    }

    @Override
    public void jumpIfRegEq(int reg1, int reg2, int label) {
        op("jump_if_reg_eq", reg(reg1), reg(reg2), label(label));
    }

    @Override
    public void jumpReg(int reg) {
        op("jump_reg", reg(reg));
    }

    @Override
    public void callInd(int funId) {
        op("call_ind", FUNS[funId].toLowerCase(Locale.ROOT));
    }

    @Override
    public void movLocalReg(int localNum, int regSrc) {
        op("mov_local_reg", local(localNum), reg(regSrc));
    }

    @Override
    public void movRegImm(int regDest, long imm) {
        int v = (int) imm; // the official listing prints the value as a C int
        op("mov_reg_imm", reg(regDest), v + "=0x" + Integer.toHexString(v));
    }

    @Override
    public void movRegLocal(int regDest, int localNum) {
        op("mov_reg_local", reg(regDest), local(localNum));
    }

    @Override
    public void movRegReg(int regDest, int regSrc) {
        op("mov_reg_reg", reg(regDest), reg(regSrc));
    }

    @Override
    public void movRegLocalAddr(int regDest, int localNum) {
        op("mov_reg_local_addr", reg(regDest), local(localNum));
    }

    @Override
    public void movRegPcrel(int regDest, int label) {
        op("mov_reg_pcrel", reg(regDest), label(label));
    }

    @Override
    public void notReg(int reg) {
        op("not", reg(reg));
    }

    @Override
    public void negReg(int reg) {
        op("neg", reg(reg));
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        op("or", reg(regDest), reg(regSrc));
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        op("xor", reg(regDest), reg(regSrc));
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        op("and", reg(regDest), reg(regSrc));
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        op("add", reg(regDest), reg(regSrc));
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        op("sub", reg(regDest), reg(regSrc));
    }

    @Override
    public void mulRegReg(int regDest, int regSrc) {
        op("mul", reg(regDest), reg(regSrc));
    }

    @Override
    public void lslRegReg(int regDest, int regShift) {
        op("lsl", reg(regDest), reg(regShift));
    }

    @Override
    public void lsrRegReg(int regDest, int regShift) {
        op("lsr", reg(regDest), reg(regShift));
    }

    @Override
    public void asrRegReg(int regDest, int regShift) {
        op("asr", reg(regDest), reg(regShift));
    }

    @Override
    public void loadRegRegOffset(int regDest, int regBase, int wordOffset) {
        op("load", reg(regDest), reg(regBase), wordOffset);
    }

    @Override
    public void storeRegRegOffset(int regSrc, int regBase, int wordOffset) {
        op("store", reg(regSrc), reg(regBase), wordOffset);
    }

    @Override
    public void load16RegRegOffset(int regDest, int regBase, int halfwordOffset) {
        op("load16", reg(regDest), reg(regBase), halfwordOffset);
    }

    /** Only the 16-bit load has an offset form (ASM_LOAD16_REG_REG_OFFSET); no store does. */
    @Override
    public boolean hasLoadOffset(int sizeLog2) {
        return sizeLog2 == 1;
    }

    @Override
    public boolean hasStoreOffset(int sizeLog2) {
        return false;
    }

    @Override
    public void loadSizedRegRegOffset(int sizeLog2, int regDest, int regBase, long offset) {
        op("load" + (8 << sizeLog2), reg(regDest), reg(regBase), (int) offset);
    }

    @Override
    public void loadSizedRegReg(int sizeLog2, int regDest, int regBase) {
        op("load" + (8 << sizeLog2), reg(regDest), reg(regBase));
    }

    @Override
    public void storeSizedRegReg(int sizeLog2, int regSrc, int regBase) {
        op("store" + (8 << sizeLog2), reg(regSrc), reg(regBase));
    }

    @Override
    public void clrReg(int reg) {
        op("clr", reg(reg));
    }

    @Override
    public void compareToBool(int opIdx, int regRet, int regLhs, int regRhs) {
        op("setcc", opIdx, reg(regRet), reg(regLhs), reg(regRhs));
    }
}
