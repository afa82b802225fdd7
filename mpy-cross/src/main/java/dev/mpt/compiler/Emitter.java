package dev.mpt.compiler;

import dev.mpt.bytecode.LineTable;
import dev.mpt.bytecode.VarUint;

import dev.mpt.bytecode.Opcode;
import dev.mpt.bytecode.Prelude;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The bytecode emitter: run once per compiler pass over a scope. The scope pass only
 * registers names and sets flags; the stack-size pass measures the stack; the code-size pass
 * sizes the code with jumps sized from the previous pass; emit passes repeat until the code
 * stops shrinking. The output of a scope is its prelude (signature, sizes, name, argument
 * names, line-number table, cells) followed by its bytecode.
 */
final class Emitter implements Emit {
    static final int PASS_SCOPE = 1;
    static final int PASS_STACK_SIZE = 2;
    static final int PASS_CODE_SIZE = 3;
    static final int PASS_EMIT = 4;

    static final int BREAK_FROM_FOR = 0x8000;

    private final ModuleContext ctx;
    private final int optimise;

    int pass;
    /** A jump in this emit pass did not fit in 2 bytes. */
    private boolean overflow;
    private boolean suppress;
    private int stackSize;
    private Scope scope;
    private int lastSourceLineOffset;
    private int lastSourceLine;
    private int[] labelOffsets = new int[16];
    private ByteArrayOutputStream codeInfo = new ByteArrayOutputStream();
    private ByteArrayOutputStream bytecode = new ByteArrayOutputStream();
    private int codeInfoSize;
    private int bytecodeSize;
    private int nInfo;
    private int nCell;
    private java.util.List<Scope> passChildren = new java.util.ArrayList<>();

    Emitter(ModuleContext ctx, int optimise) {
        this.ctx = ctx;
        this.optimise = optimise;
    }

    // ---- low-level writers --------------------------------------------------------------

    private void codeInfoQstr(String q) {
        VarUint.write(codeInfo, ctx.useQstr(q));
    }

    private void codeInfoBytesLines(int bytesToSkip, int linesToSkip) {
        LineTable.encodeStep(codeInfo, bytesToSkip, linesToSkip);
    }

    private int bytecodeOffset() {
        return bytecode.size();
    }

    private void rawByte(int b) {
        if (!suppress) {
            bytecode.write(b);
        }
    }

    private void op(int stackAdj, Opcode op) {
        adjustStackSize(stackAdj);
        rawByte(op.code());
    }

    private void op(int stackAdj, int code) {
        adjustStackSize(stackAdj);
        rawByte(code);
    }

    private void opUint(int stackAdj, Opcode op, long val) {
        op(stackAdj, op);
        if (!suppress) {
            VarUint.write(bytecode, val);
        }
    }

    private void opInt(int stackAdj, Opcode op, long num) {
        op(stackAdj, op);
        byte[] buf = new byte[12];
        int p = buf.length;
        do {
            buf[--p] = (byte) (num & 0x7f);
            num >>= 7;
        } while (num != 0 && num != -1);
        if (num == -1 && (buf[p] & 0x40) == 0) {
            buf[--p] = 0x7f;
        } else if (num == 0 && (buf[p] & 0x40) != 0) {
            buf[--p] = 0;
        }
        if (!suppress) {
            for (int i = p; i < buf.length - 1; i++) {
                bytecode.write(buf[i] | 0x80);
            }
            bytecode.write(buf[buf.length - 1]);
        }
    }

    private void opQstr(int stackAdj, Opcode op, String q) {
        opUint(stackAdj, op, ctx.useQstr(q));
    }

    private void opObj(int stackAdj, Object obj) {
        opUint(stackAdj, Opcode.LOAD_CONST_OBJ, ctx.useConst(obj));
    }

    private void opChild(int stackAdj, Opcode op, Scope child) {
        passChildren.add(child);
        opUint(stackAdj, op, passChildren.size() - 1);
    }

    private void opLabel(int stackAdj, Opcode op, int label) {
        adjustStackSize(stackAdj);
        if (suppress) {
            return;
        }
        boolean signed = op.code() <= Opcode.POP_JUMP_IF_FALSE.code();
        int encSize = 1;
        int offset = 0;
        if (pass >= PASS_CODE_SIZE) {
            offset = labelOffsets[label] - bytecodeOffset() - 2;
            if ((signed && -64 <= offset && offset <= 63) || (!signed && offset >= 0 && offset <= 127)) {
                encSize = 0;
            }
            offset -= encSize;
        }
        bytecode.write(op.code());
        if (encSize == 0) {
            if (signed) {
                offset += 0x40;
            }
            bytecode.write(offset);
        } else {
            if (signed) {
                offset += 0x4000;
            }
            if (pass == PASS_EMIT && !(0 <= offset && offset <= 0x7fff)) {
                // only an error if the jumps have stopped shrinking (checked at the end of the pass)
                overflow = true;
            }
            bytecode.write(0x80 | (offset & 0x7f));
            bytecode.write((offset >> 7) & 0xff);
        }
    }

    // ---- passes -------------------------------------------------------------------------

    public void startPass(int pass, Scope scope) {
        this.pass = pass;
        this.overflow = false;
        this.stackSize = 0;
        this.suppress = false;
        this.scope = scope;
        this.lastSourceLineOffset = 0;
        this.lastSourceLine = 1;
        this.codeInfo = new ByteArrayOutputStream();
        this.bytecode = new ByteArrayOutputStream();
        this.passChildren = new java.util.ArrayList<>();
        int nState = scope.numLocals + scope.stackSize;
        if (nState == 0) {
            nState = 1;
        }
        Prelude.encodeSignature(codeInfo, nState, scope.excStackSize, scope.scopeFlags,
            scope.numPosArgs, scope.numKwonlyArgs, scope.numDefPosArgs);
        if (pass >= PASS_CODE_SIZE) {
            Prelude.encodeSize(codeInfo, nInfo, nCell);
        }
        nInfo = codeInfo.size();
        codeInfoQstr(scope.simpleName);
        for (int i = 0; i < scope.numPosArgs + scope.numKwonlyArgs; i++) {
            String q = "*";
            for (Scope.IdInfo id : scope.ids) {
                if ((id.flags & Scope.FLAG_IS_PARAM) != 0 && id.localNum == i) {
                    q = id.name;
                    break;
                }
            }
            codeInfoQstr(q);
        }
    }

    /** Ends a pass; false if another emit pass is needed because the code changed size. */
    public boolean endPass() {
        if (pass == PASS_SCOPE) {
            return true;
        }
        nInfo = codeInfo.size() - nInfo;
        nCell = 0;
        for (Scope.IdInfo id : scope.ids) {
            if (id.kind == Scope.IdKind.CELL) {
                codeInfo.write(id.localNum);
                nCell++;
            }
        }
        if (pass == PASS_CODE_SIZE) {
            codeInfoSize = codeInfo.size();
            bytecodeSize = bytecode.size();
        } else if (pass == PASS_EMIT) {
            if (codeInfo.size() != codeInfoSize || bytecode.size() != bytecodeSize) {
                codeInfoSize = codeInfo.size();
                bytecodeSize = bytecode.size();
                return false;
            }
            if (overflow) {
                // raised as a plain RuntimeError, with no source line (no traceback), as MicroPython does
                throw new CompileError("RuntimeError", "bytecode overflow", -1);
            }
            byte[] out = Arrays.copyOf(codeInfo.toByteArray(), codeInfoSize + bytecodeSize);
            System.arraycopy(bytecode.toByteArray(), 0, out, codeInfoSize, bytecodeSize);
            scope.code = out;
            scope.children = passChildren;
        }
        return true;
    }

    public void adjustStackSize(int delta) {
        if (pass == PASS_SCOPE) {
            return;
        }
        stackSize += delta;
        if (stackSize > scope.stackSize) {
            scope.stackSize = stackSize;
        }
    }

    public void setSourceLine(int line) {
        if (optimise >= 3) {
            return;
        }
        if (line > lastSourceLine) {
            int bytesToSkip = bytecodeOffset() - lastSourceLineOffset;
            int linesToSkip = line - lastSourceLine;
            codeInfoBytesLines(bytesToSkip, linesToSkip);
            lastSourceLineOffset = bytecodeOffset();
            lastSourceLine = line;
        }
    }

    public void labelAssign(int l) {
        suppress = false;
        if (pass == PASS_SCOPE) {
            return;
        }
        if (l >= labelOffsets.length) {
            labelOffsets = Arrays.copyOf(labelOffsets, Math.max(l + 1, labelOffsets.length * 2));
        }
        labelOffsets[l] = bytecodeOffset();
    }

    // ---- the emit API, as the compiler uses it ------------------------------------------

    static final int IMPORT_NAME = 0;
    static final int IMPORT_FROM = 1;
    static final int IMPORT_STAR = 2;

    public void importName(String q, int kind) {
        int adj = kind == IMPORT_FROM ? 1 : -1;
        if (kind == IMPORT_STAR) {
            op(adj, Opcode.IMPORT_STAR);
        } else {
            opQstr(adj, kind == IMPORT_NAME ? Opcode.IMPORT_NAME : Opcode.IMPORT_FROM, q);
        }
    }

    public void loadConstTok(TokenKind tok) {
        switch (tok) {
            case ELLIPSIS -> opObj(1, ParseNode.Singleton.ELLIPSIS);
            case KW_FALSE -> op(1, Opcode.LOAD_CONST_FALSE);
            case KW_NONE -> op(1, Opcode.LOAD_CONST_NONE);
            case KW_TRUE -> op(1, Opcode.LOAD_CONST_TRUE);
            default -> throw new IllegalStateException("not a constant token: " + tok);
        }
    }

    public void loadConstSmallInt(long arg) {
        if (-16 <= arg && arg < 48) {
            op(1, Opcode.LOAD_CONST_SMALL_INT_MULTI.code() + 16 + (int) arg);
        } else {
            opInt(1, Opcode.LOAD_CONST_SMALL_INT, arg);
        }
    }

    public void loadConstStr(String q) {
        opQstr(1, Opcode.LOAD_CONST_STRING, q);
    }

    public void loadConstObj(Object obj) {
        opObj(1, obj);
    }

    public void loadNull() {
        op(1, Opcode.LOAD_NULL);
    }

    public void loadLocal(String name, int localNum, boolean deref) {
        if (!deref && localNum <= 15) {
            op(1, Opcode.LOAD_FAST_MULTI.code() + localNum);
        } else {
            opUint(1, deref ? Opcode.LOAD_DEREF : Opcode.LOAD_FAST_N, localNum);
        }
    }

    public void loadGlobal(String q, boolean global) {
        opQstr(1, global ? Opcode.LOAD_GLOBAL : Opcode.LOAD_NAME, q);
    }

    public void loadMethod(String q, boolean isSuper) {
        opQstr(isSuper ? -1 : 1, isSuper ? Opcode.LOAD_SUPER_METHOD : Opcode.LOAD_METHOD, q);
    }

    public void loadBuildClass() {
        op(1, Opcode.LOAD_BUILD_CLASS);
    }

    static final int SUBSCR_LOAD = 0;
    static final int SUBSCR_STORE = 1;
    static final int SUBSCR_DELETE = 2;

    public void subscr(int kind) {
        if (kind == SUBSCR_LOAD) {
            op(-1, Opcode.LOAD_SUBSCR);
        } else {
            if (kind == SUBSCR_DELETE) {
                loadNull();
                rotThree();
            }
            op(-3, Opcode.STORE_SUBSCR);
        }
    }

    static final int ATTR_LOAD = 0;
    static final int ATTR_STORE = 1;
    static final int ATTR_DELETE = 2;

    public void attr(String q, int kind) {
        if (kind == ATTR_LOAD) {
            opQstr(0, Opcode.LOAD_ATTR, q);
        } else {
            if (kind == ATTR_DELETE) {
                loadNull();
                rotTwo();
            }
            opQstr(-2, Opcode.STORE_ATTR, q);
        }
    }

    public void storeLocal(String name, int localNum, boolean deref) {
        if (!deref && localNum <= 15) {
            op(-1, Opcode.STORE_FAST_MULTI.code() + localNum);
        } else {
            opUint(-1, deref ? Opcode.STORE_DEREF : Opcode.STORE_FAST_N, localNum);
        }
    }

    public void storeGlobal(String q, boolean global) {
        opQstr(-1, global ? Opcode.STORE_GLOBAL : Opcode.STORE_NAME, q);
    }

    public void deleteLocal(String name, int localNum, boolean deref) {
        opUint(0, deref ? Opcode.DELETE_DEREF : Opcode.DELETE_FAST, localNum);
    }

    public void deleteGlobal(String q, boolean global) {
        opQstr(0, global ? Opcode.DELETE_GLOBAL : Opcode.DELETE_NAME, q);
    }

    public void dupTop() {
        op(1, Opcode.DUP_TOP);
    }

    public void dupTopTwo() {
        op(2, Opcode.DUP_TOP_TWO);
    }

    public void popTop() {
        op(-1, Opcode.POP_TOP);
    }

    public void rotTwo() {
        op(0, Opcode.ROT_TWO);
    }

    public void rotThree() {
        op(0, Opcode.ROT_THREE);
    }

    public void jump(int label) {
        opLabel(0, Opcode.JUMP, label);
        suppress = true;
    }

    public void popJumpIf(boolean cond, int label) {
        opLabel(-1, cond ? Opcode.POP_JUMP_IF_TRUE : Opcode.POP_JUMP_IF_FALSE, label);
    }

    public void jumpIfOrPop(boolean cond, int label) {
        opLabel(-1, cond ? Opcode.JUMP_IF_TRUE_OR_POP : Opcode.JUMP_IF_FALSE_OR_POP, label);
    }

    public void unwindJump(int label, int exceptDepth) {
        if (exceptDepth == 0) {
            if ((label & BREAK_FROM_FOR) != 0) {
                for (int i = 0; i < 4; i++) {
                    rawByte(Opcode.POP_TOP.code());
                }
            }
            opLabel(0, Opcode.JUMP, label & ~BREAK_FROM_FOR);
        } else {
            opLabel(0, Opcode.UNWIND_JUMP, label & ~BREAK_FROM_FOR);
            rawByte(((label & BREAK_FROM_FOR) != 0 ? 0x80 : 0) | exceptDepth);
        }
        suppress = true;
    }

    static final int SETUP_WITH = 0;
    static final int SETUP_EXCEPT = 1;
    static final int SETUP_FINALLY = 2;

    public void setupBlock(int label, int kind) {
        Opcode op = switch (kind) {
            case SETUP_WITH -> Opcode.SETUP_WITH;
            case SETUP_EXCEPT -> Opcode.SETUP_EXCEPT;
            default -> Opcode.SETUP_FINALLY;
        };
        opLabel(kind == SETUP_WITH ? 2 : 0, op, label);
    }

    public void withCleanup(int label) {
        loadConstTok(TokenKind.KW_NONE);
        labelAssign(label);
        op(2, Opcode.WITH_CLEANUP);
        adjustStackSize(-4);
    }

    public void asyncWithSetupFinally(int labelAexitNoExc, int labelFinallyBlock, int labelRetUnwindJump) {
        loadConstTok(TokenKind.KW_NONE);
        rotTwo();
        jump(labelAexitNoExc);
        labelAssign(labelFinallyBlock);
        dupTop();
        loadGlobal("BaseException", true);
        binaryOp(BINARY_EXCEPTION_MATCH);
        popJumpIf(false, labelRetUnwindJump);
    }

    public void endFinally() {
        op(-1, Opcode.END_FINALLY);
    }

    public void getIter(boolean useStack) {
        op(useStack ? 3 : 0, useStack ? Opcode.GET_ITER_STACK : Opcode.GET_ITER);
    }

    public void forIter(int label) {
        opLabel(1, Opcode.FOR_ITER, label);
    }

    public void forIterEnd() {
        adjustStackSize(-4);
    }

    public void popExceptJump(int label, boolean withinExcHandler) {
        opLabel(0, Opcode.POP_EXCEPT_JUMP, label);
        suppress = true;
    }

    static final int UNARY_POSITIVE = 0;
    static final int UNARY_NEGATIVE = 1;
    static final int UNARY_INVERT = 2;
    static final int UNARY_NOT = 3;

    public void unaryOp(int op) {
        op(0, Opcode.UNARY_OP_MULTI.code() + op);
    }

    static final int BINARY_LESS = 0;
    static final int BINARY_MORE = 1;
    static final int BINARY_IN = 6;
    static final int BINARY_IS = 7;
    static final int BINARY_EXCEPTION_MATCH = 8;
    static final int BINARY_INPLACE_OR = 9;
    static final int BINARY_INPLACE_ADD = 14;
    static final int BINARY_OR = 22;
    static final int BINARY_LSHIFT = 25;
    static final int BINARY_POWER = 34;
    static final int BINARY_NOT_IN = 35;
    static final int BINARY_IS_NOT = 36;

    public void binaryOp(int op) {
        boolean invert = false;
        if (op == BINARY_NOT_IN) {
            invert = true;
            op = BINARY_IN;
        } else if (op == BINARY_IS_NOT) {
            invert = true;
            op = BINARY_IS;
        }
        op(-1, Opcode.BINARY_OP_MULTI.code() + op);
        if (invert) {
            op(0, Opcode.UNARY_OP_MULTI.code() + UNARY_NOT);
        }
    }

    static final int BUILD_TUPLE = 0;
    static final int BUILD_LIST = 1;
    static final int BUILD_MAP = 2;
    static final int BUILD_SET = 3;
    static final int BUILD_SLICE = 4;

    public void build(int nArgs, int kind) {
        Opcode op = switch (kind) {
            case BUILD_TUPLE -> Opcode.BUILD_TUPLE;
            case BUILD_LIST -> Opcode.BUILD_LIST;
            case BUILD_MAP -> Opcode.BUILD_MAP;
            case BUILD_SET -> Opcode.BUILD_SET;
            default -> Opcode.BUILD_SLICE;
        };
        opUint(kind == BUILD_MAP ? 1 : 1 - nArgs, op, nArgs);
    }

    public void storeMap() {
        op(-2, Opcode.STORE_MAP);
    }

    public void storeComp(Scope.Kind kind, int collectionStackIndex) {
        int t;
        int n;
        if (kind == Scope.Kind.LIST_COMP) {
            n = 0;
            t = 0;
        } else if (kind == Scope.Kind.DICT_COMP) {
            n = 1;
            t = 1;
        } else {
            n = 0;
            t = 2;
        }
        opUint(-1 - n, Opcode.STORE_COMP, ((long) (collectionStackIndex + n) << 2) | t);
    }

    public void unpackSequence(int nArgs) {
        opUint(-1 + nArgs, Opcode.UNPACK_SEQUENCE, nArgs);
    }

    public void unpackEx(int nLeft, int nRight) {
        opUint(-1 + nLeft + nRight + 1, Opcode.UNPACK_EX, nLeft | (nRight << 8));
    }

    public void makeFunction(Scope s, int nPosDefaults, int nKwDefaults) {
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            opChild(1, Opcode.MAKE_FUNCTION, s);
        } else {
            opChild(-1, Opcode.MAKE_FUNCTION_DEFARGS, s);
        }
    }

    public void makeClosure(Scope s, int nClosedOver, int nPosDefaults, int nKwDefaults) {
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            opChild(-nClosedOver + 1, Opcode.MAKE_CLOSURE, s);
        } else {
            opChild(-2 - nClosedOver + 1, Opcode.MAKE_CLOSURE_DEFARGS, s);
        }
        rawByte(nClosedOver);
    }

    private void callHelper(int stackAdj, Opcode base, Opcode varKw, int nPositional, int nKeyword, int starFlags) {
        if (starFlags != 0) {
            stackAdj -= nPositional + 2 * nKeyword + 1;
            opUint(stackAdj, varKw, ((long) nKeyword << 8) | nPositional);
        } else {
            stackAdj -= nPositional + 2 * nKeyword;
            opUint(stackAdj, base, ((long) nKeyword << 8) | nPositional);
        }
    }

    public void callFunction(int nPositional, int nKeyword, int starFlags) {
        callHelper(0, Opcode.CALL_FUNCTION, Opcode.CALL_FUNCTION_VAR_KW, nPositional, nKeyword, starFlags);
    }

    public void callMethod(int nPositional, int nKeyword, int starFlags) {
        callHelper(-1, Opcode.CALL_METHOD, Opcode.CALL_METHOD_VAR_KW, nPositional, nKeyword, starFlags);
    }

    public void returnValue() {
        op(-1, Opcode.RETURN_VALUE);
        suppress = true;
    }

    public void raiseVarargs(int nArgs) {
        op(-nArgs, Opcode.RAISE_LAST.code() + nArgs);
        suppress = true;
    }

    static final int YIELD_VALUE = 0;
    static final int YIELD_FROM = 1;

    public void yield(int kind) {
        op(-kind, kind == YIELD_VALUE ? Opcode.YIELD_VALUE : Opcode.YIELD_FROM);
        scope.scopeFlags |= Scope.FLAG_GENERATOR;
    }

    public void startExceptHandler() {
        adjustStackSize(4);
    }

    public void endExceptHandler() {
        adjustStackSize(-3);
    }
}
