package dev.mpt.compiler;

import dev.mpt.bytecode.Prelude;
import dev.mpt.compiler.nativeasm.NativeAssembler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The native emitter: machine code for {@code @micropython.native} and
 * {@code @micropython.viper} functions (and {@code -X emit=native|viper}), as MicroPython's
 * py/emitnative.c makes it, over a per-architecture {@link NativeAssembler}.
 *
 * <p>It keeps a model of the Python value stack (each entry a settled value in the C stack
 * frame, a register, or an immediate), viper's types for locals and stack entries, and the
 * exception-handler stack; every runtime service is called through mp_fun_table, whose
 * address the function finds in its module's constant table.
 */
final class NativeEmitter implements Emit {

    // ---- mp_fun_table indices (py/nativeglue.h) ----------------------------------------
    static final int F_CONST_NONE_OBJ = 0;
    static final int F_CONST_FALSE_OBJ = 1;
    static final int F_CONVERT_OBJ_TO_NATIVE = 3;
    static final int F_CONVERT_NATIVE_TO_OBJ = 4;
    static final int F_NATIVE_SWAP_GLOBALS = 5;
    static final int F_LOAD_NAME = 6;
    static final int F_LOAD_BUILD_CLASS = 8;
    static final int F_LOAD_ATTR = 9;
    static final int F_LOAD_METHOD = 10;
    static final int F_LOAD_SUPER_METHOD = 11;
    static final int F_STORE_NAME = 12;
    static final int F_STORE_ATTR = 14;
    static final int F_OBJ_SUBSCR = 15;
    static final int F_OBJ_IS_TRUE = 16;
    static final int F_UNARY_OP = 17;
    static final int F_BINARY_OP = 18;
    static final int F_BUILD_TUPLE = 19;
    static final int F_STORE_SET = 23;
    static final int F_LIST_APPEND = 24;
    static final int F_STORE_MAP = 25;
    static final int F_MAKE_FUNCTION_FROM_PROTO_FUN = 26;
    static final int F_NATIVE_CALL_FUNCTION_N_KW = 27;
    static final int F_CALL_METHOD_N_KW = 28;
    static final int F_CALL_METHOD_N_KW_VAR = 29;
    static final int F_NATIVE_GETITER = 30;
    static final int F_NATIVE_ITERNEXT = 31;
    static final int F_NLR_PUSH = 32;
    static final int F_NLR_POP = 33;
    static final int F_NATIVE_RAISE = 34;
    static final int F_IMPORT_NAME = 35;
    static final int F_IMPORT_FROM = 36;
    static final int F_IMPORT_ALL = 37;
    static final int F_NEW_SLICE = 38;
    static final int F_UNPACK_SEQUENCE = 39;
    static final int F_UNPACK_EX = 40;
    static final int F_DELETE_NAME = 41;
    static final int F_NEW_CLOSURE = 43;
    static final int F_ARG_CHECK_NUM_SIG = 44;
    static final int F_SETUP_CODE_STATE = 45;
    static final int F_SMALL_INT_FLOOR_DIVIDE = 46;
    static final int F_SMALL_INT_MODULO = 47;
    static final int F_NATIVE_YIELD_FROM = 48;
    static final int F_SETJMP = 49;

    // ---- viper types -----------------------------------------------------------------------
    static final int VTYPE_PYOBJ = 0;
    static final int VTYPE_BOOL = 1;
    static final int VTYPE_INT = 2;
    static final int VTYPE_UINT = 3;
    static final int VTYPE_PTR = 4;
    static final int VTYPE_PTR8 = 5;
    static final int VTYPE_PTR16 = 6;
    static final int VTYPE_PTR32 = 7;
    static final int VTYPE_PTR_NONE = 0x50 | VTYPE_PTR;
    static final int VTYPE_UNBOUND = 0x60;
    static final int VTYPE_BUILTIN_CAST = 0x70;

    /** The native type a name stands for in viper annotations and casts, or -1. */
    static int nativeTypeFromName(String name) {
        return switch (name) {
            case "object" -> VTYPE_PYOBJ;
            case "bool" -> VTYPE_BOOL;
            case "int" -> VTYPE_INT;
            case "uint" -> VTYPE_UINT;
            case "ptr" -> VTYPE_PTR;
            case "ptr8" -> VTYPE_PTR8;
            case "ptr16" -> VTYPE_PTR16;
            case "ptr32" -> VTYPE_PTR32;
            default -> -1;
        };
    }

    private static String vtypeName(int vtype) {
        return switch (vtype) {
            case VTYPE_PYOBJ -> "object";
            case VTYPE_BOOL -> "bool";
            case VTYPE_INT -> "int";
            case VTYPE_UINT -> "uint";
            case VTYPE_PTR -> "ptr";
            case VTYPE_PTR8 -> "ptr8";
            case VTYPE_PTR16 -> "ptr16";
            case VTYPE_PTR32 -> "ptr32";
            default -> "None";
        };
    }

    // ---- target structure layout (in words) ------------------------------------------------
    private static final int NLR_BUF_IDX_RET_VAL = 1;
    private static final int SIZEOF_CODE_STATE = 5;
    private static final int OFFSETOF_CODE_STATE_STATE = 5;
    private static final int OFFSETOF_CODE_STATE_FUN_BC = 0;
    private static final int OFFSETOF_CODE_STATE_IP = 1;
    private static final int OFFSETOF_CODE_STATE_SP = 2;
    private static final int OFFSETOF_CODE_STATE_N_STATE = 3;
    private static final int OFFSETOF_OBJ_FUN_BC_CONTEXT = 1;
    private static final int OFFSETOF_OBJ_FUN_BC_CHILD_TABLE = 2;
    private static final int OFFSETOF_MODULE_CONTEXT_QSTR_TABLE = 2;
    private static final int OFFSETOF_MODULE_CONTEXT_OBJ_TABLE = 3;
    private static final int OFFSETOF_MODULE_CONTEXT_GLOBALS = 1;
    private static final int ITER_BUF_NSLOTS = 4;
    private static final int MAX_REGS_FOR_LOCAL_VARS = 2;
    private static final int VM_RETURN_NORMAL = 0;
    private static final int VM_RETURN_YIELD = 1;
    private static final int VM_RETURN_EXCEPTION = 2;
    private static final long OBJ_SENTINEL = 4;

    private static final int UNWIND_LABEL_UNUSED = 0x7fff;
    private static final int UNWIND_LABEL_DO_FINAL_UNWIND = 0x7ffe;

    /** The constant that stands for mp_fun_table in the module's constant table. */
    static final Object FUN_TABLE = new Object() {
        @Override
        public String toString() {
            return "mp_fun_table";
        }
    };

    private static final int STACK_VALUE = 0;
    private static final int STACK_REG = 1;
    private static final int STACK_IMM = 2;

    private static final class ExcEntry {
        int label;
        boolean isFinally;
        int unwindLabel;
        boolean isActive;
    }

    private final ModuleContext ctx;
    private final NativeAssembler as;
    private final IntSupplier labelSlot;

    private final int regRet;
    private final int regArg1;
    private final int regArg2;
    private final int regArg3;
    private final int regTemp0;
    private final int regTemp1;
    private final int regTemp2;
    private final int regFunTable;
    private final int regGeneratorState;
    private final int regQstrTable;
    private final int[] regLocalTable;
    private final int regLocalLast;

    private int pass;
    private boolean doViperTypes;
    private Scope scope;
    private int[] localVtype = new int[0];
    private int stackSize;
    private int[] siKind = new int[8];
    private int[] siVtype = new int[8];
    private long[] siData = new long[8];
    private int savedStackVtype;
    private final List<ExcEntry> excStack = new ArrayList<>();
    private int exitLabel;
    private int preludeOffset;
    private int preludePtrIndex;
    private int startOffset;
    private int nState;
    private int codeStateStart;
    private int stackStart;
    private int nInfo;
    private int nCell;
    private int ctCurChild;
    private List<Scope> passChildren = new ArrayList<>();

    /** Where viper type errors go (the compiler keeps the last one and goes on). */
    private final Consumer<String> errorSink;

    /** Whether the emitter's assertions hold (mpy-cross), or are compiled out (the VM, as the unix port). */
    private final boolean assertsEnabled;

    NativeEmitter(ModuleContext ctx, NativeAssembler as, IntSupplier labelSlot, Consumer<String> errorSink) {
        this(ctx, as, labelSlot, errorSink, true);
    }

    NativeEmitter(ModuleContext ctx, NativeAssembler as, IntSupplier labelSlot, Consumer<String> errorSink,
            boolean assertsEnabled) {
        this.assertsEnabled = assertsEnabled;
        this.ctx = ctx;
        this.errorSink = errorSink;
        this.as = as;
        this.labelSlot = labelSlot;
        regRet = as.regRet();
        regArg1 = as.regArg1();
        regArg2 = as.regArg2();
        regArg3 = as.regArg3();
        regTemp0 = as.regTemp0();
        regTemp1 = as.regTemp1();
        regTemp2 = as.regTemp2();
        regFunTable = as.regFunTable();
        regGeneratorState = as.regLocal2();
        regQstrTable = as.regLocal3();
        regLocalTable = new int[] {as.regLocal1(), as.regLocal2()};
        regLocalLast = regLocalTable[MAX_REGS_FOR_LOCAL_VARS - 1];
    }

    private void viperError(String msg) {
        errorSink.accept(msg);
    }

    /** Code the official native emitter cannot compile (it aborts): one clear error instead. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Where MicroPython's emitter asserts that a value is an object: mpy-cross (built with
     * assertions) aborts, here one clear error instead; for the VM, as on the unix port (a
     * release build, without assertions), the native value goes on as it is.
     */
    private int requireObj(int vtype) {
        if (assertsEnabled && vtype != VTYPE_PYOBJ) {
            throw new Unsupported("viper code can't use a value of type '" + vtypeName(vtype) + "' here");
        }
        return vtype;
    }

    private static CompileError notImplemented(String msg) {
        return new CompileError("NotImplementedError", msg, -1);
    }

    // ---- scope predicates ----------------------------------------------------------------

    private boolean isGenerator() {
        return (scope.scopeFlags & Scope.FLAG_GENERATOR) != 0;
    }

    private boolean needFunObj() {
        return scope.excStackSize > 0 || (scope.scopeFlags & (Scope.FLAG_REFGLOBALS | Scope.FLAG_HASCONSTS)) != 0;
    }

    private boolean needGlobalExcHandler() {
        return scope.excStackSize > 0 || (scope.scopeFlags & (Scope.FLAG_GENERATOR | Scope.FLAG_REFGLOBALS)) != 0;
    }

    private boolean needExcHandlerUnwind() {
        return scope.excStackSize > 0;
    }

    private boolean needThrowVal() {
        return isGenerator();
    }

    private boolean canUseRegsForLocals() {
        return scope.excStackSize == 0 && !isGenerator();
    }

    private int localIdxExcVal() {
        return NLR_BUF_IDX_RET_VAL;
    }

    private int localIdxExcHandlerPc() {
        return as.nlrBufIdxLocal1();
    }

    private int localIdxExcHandlerUnwind() {
        return as.nlrBufWords() + 1;
    }

    private int localIdxThrowVal() {
        return as.nlrBufWords() + 2;
    }

    private int localIdxRetVal() {
        return as.nlrBufWords();
    }

    private int localIdxFunObj() {
        return codeStateStart + OFFSETOF_CODE_STATE_FUN_BC;
    }

    private int localIdxOldGlobals() {
        return codeStateStart + OFFSETOF_CODE_STATE_IP;
    }

    private int localIdxGenPc() {
        return codeStateStart + OFFSETOF_CODE_STATE_IP;
    }

    private int localIdxLocalVar(int localNum) {
        return stackStart + nState - 1 - localNum;
    }

    // ---- small helpers ---------------------------------------------------------------------

    private void movLocalMpObjNull(int localNum, int regTemp) {
        int zero = as.regZero();
        if (zero >= 0) {
            as.movLocalReg(localNum, zero);
        } else {
            as.clrReg(regTemp);
            as.movLocalReg(localNum, regTemp);
        }
    }

    private int regZeroOr(int fallback) {
        int zero = as.regZero();
        return zero >= 0 ? zero : fallback;
    }

    private void movRegConst(int regDest, int constVal) {
        as.loadRegRegOffset(regDest, regFunTable, constVal);
    }

    private void movStateReg(int localNum, int regSrc) {
        if (isGenerator()) {
            as.storeRegRegOffset(regSrc, regGeneratorState, localNum);
        } else {
            as.movLocalReg(localNum, regSrc);
        }
    }

    private void movRegState(int regDest, int localNum) {
        if (isGenerator()) {
            as.loadRegRegOffset(regDest, regGeneratorState, localNum);
        } else {
            as.movRegLocal(regDest, localNum);
        }
    }

    private void movRegStateAddr(int regDest, int localNum) {
        if (isGenerator()) {
            as.movRegImm(regDest, (long) localNum * as.wordSize());
            as.addRegReg(regDest, regGeneratorState);
        } else {
            as.movRegLocalAddr(regDest, localNum);
        }
    }

    private void movRegQstr(int argReg, String q) {
        as.load16RegRegOffset(argReg, regQstrTable, ctx.useQstr(q));
    }

    private void movRegQstrObj(int regDest, String q) {
        loadRegWithObject(regDest, q);
    }

    private void movStateImmVia(int localNum, long imm, int regTemp) {
        as.movRegImm(regTemp, imm);
        movStateReg(localNum, regTemp);
    }

    // ---- passes ------------------------------------------------------------------------------

    @Override
    public void startPass(int pass, Scope scope) {
        this.pass = pass;
        this.doViperTypes = scope.emitOptions == Compiler.EMIT_OPT_VIPER;
        this.stackSize = 0;
        this.scope = scope;
        this.ctCurChild = 0;
        this.passChildren = new ArrayList<>();
        excStack.clear();

        if (localVtype.length < scope.numLocals) {
            localVtype = Arrays.copyOf(localVtype, scope.numLocals);
        }
        int numArgs = scope.numPosArgs + scope.numKwonlyArgs;
        if ((scope.scopeFlags & Scope.FLAG_VARARGS) != 0) {
            numArgs++;
        }
        if ((scope.scopeFlags & Scope.FLAG_VARKEYWORDS) != 0) {
            numArgs++;
        }
        for (int i = 0; i < numArgs; i++) {
            localVtype[i] = VTYPE_PYOBJ;
        }
        if (doViperTypes) {
            for (Scope.IdInfo id : scope.ids) {
                if ((id.flags & Scope.FLAG_IS_PARAM) != 0) {
                    localVtype[id.localNum] = id.flags >> Scope.FLAG_VIPER_TYPE_POS;
                }
            }
        }
        for (int i = numArgs; i < localVtype.length; i++) {
            localVtype[i] = doViperTypes ? VTYPE_UNBOUND : VTYPE_PYOBJ;
        }
        for (int i = 0; i < siKind.length; i++) {
            siKind[i] = STACK_VALUE;
            siVtype[i] = VTYPE_UNBOUND;
        }

        as.scopeName(qualifiedName(scope));
        as.startPass(pass == Emitter.PASS_EMIT ? NativeAssembler.PASS_EMIT : NativeAssembler.PASS_COMPUTE);

        codeStateStart = 0;
        if (needGlobalExcHandler()) {
            codeStateStart = as.nlrBufWords();
            codeStateStart += 1;
            if (needThrowVal()) {
                codeStateStart += 2;
            } else if (needExcHandlerUnwind()) {
                codeStateStart += 1;
            }
        }

        int funTableOff = ctx.useConst(FUN_TABLE);
        int slot = labelSlot.getAsInt();

        if (doViperTypes) {
            nState = scope.numLocals + scope.stackSize;
            int numLocalsInRegs = 0;
            if (canUseRegsForLocals()) {
                numLocalsInRegs = Math.min(scope.numLocals, MAX_REGS_FOR_LOCAL_VARS);
                if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1) {
                    numLocalsInRegs--;
                }
            }
            if (needGlobalExcHandler()) {
                stackStart = codeStateStart + 2;
            } else if ((scope.scopeFlags & Scope.FLAG_HASCONSTS) != 0) {
                stackStart = codeStateStart + 1;
            } else {
                stackStart = codeStateStart;
            }
            as.entry(stackStart + nState - numLocalsInRegs);
            if (as.argsOnStack()) {
                as.movArgToReg(0, as.regParentArg1());
            }
            as.loadRegRegOffset(regFunTable, as.regParentArg1(), OFFSETOF_OBJ_FUN_BC_CONTEXT);
            as.loadRegRegOffset(regQstrTable, regFunTable, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
            as.loadRegRegOffset(regFunTable, regFunTable, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
            as.loadRegRegOffset(regFunTable, regFunTable, funTableOff);
            if (needFunObj()) {
                as.movLocalReg(localIdxFunObj(), as.regParentArg1());
            }
            if (as.argsOnStack()) {
                as.movArgToReg(1, regArg1);
                as.movArgToReg(2, regArg2);
                as.movArgToReg(3, regLocalLast);
            } else {
                as.movRegReg(regArg1, as.regParentArg2());
                as.movRegReg(regArg2, as.regParentArg3());
                as.movRegReg(regLocalLast, as.regParentArg4());
            }
            as.jumpIfRegNonzero(regArg2, slot + 4, true);
            as.movRegImm(regArg3, scope.numPosArgs);
            as.jumpIfRegEq(regArg1, regArg3, slot + 5);
            as.labelAssign(slot + 4);
            as.movRegImm(regArg3, ((long) scope.numPosArgs << 17 | (long) scope.numPosArgs << 1) & 0xffffffffL);
            as.callInd(F_ARG_CHECK_NUM_SIG);
            as.labelAssign(slot + 5);

            for (int i = 0; i < scope.numPosArgs; i++) {
                int r = regArg1;
                as.loadRegRegOffset(regArg1, regLocalLast, i);
                if (localVtype[i] != VTYPE_PYOBJ) {
                    callWithImmArg(F_CONVERT_OBJ_TO_NATIVE, localVtype[i], regArg2);
                    r = regRet;
                }
                if (i < MAX_REGS_FOR_LOCAL_VARS && canUseRegsForLocals()
                        && (i != MAX_REGS_FOR_LOCAL_VARS - 1 || scope.numPosArgs == MAX_REGS_FOR_LOCAL_VARS)) {
                    as.movRegReg(regLocalTable[i], r);
                } else {
                    movStateReg(localIdxLocalVar(i), r);
                }
            }
            if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1 && canUseRegsForLocals()) {
                as.movRegLocal(regLocalLast, localIdxLocalVar(MAX_REGS_FOR_LOCAL_VARS - 1));
            }
            globalExcEntry();
        } else {
            nState = scope.numLocals + scope.stackSize;
            as.data(as.wordSize(), preludePtrIndex);
            if (isGenerator()) {
                as.data(as.wordSize(), startOffset);
                as.entry(codeStateStart);
                codeStateStart = 0;
                stackStart = SIZEOF_CODE_STATE;
                if (as.argsOnStack()) {
                    as.movArgToReg(0, regGeneratorState);
                } else {
                    as.movRegReg(regGeneratorState, as.regParentArg1());
                }
                if (as.argsOnStack()) {
                    as.movArgToReg(1, as.regParentArg2());
                }
                as.movLocalReg(localIdxThrowVal(), as.regParentArg2());
                as.loadRegRegOffset(regTemp0, regGeneratorState, localIdxFunObj());
                as.loadRegRegOffset(regTemp0, regTemp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
                as.loadRegRegOffset(regQstrTable, regTemp0, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
                as.loadRegRegOffset(regTemp0, regTemp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
                as.loadRegRegOffset(regFunTable, regTemp0, funTableOff);
            } else {
                stackStart = codeStateStart + SIZEOF_CODE_STATE;
                as.entry(stackStart + nState);
                if (as.argsOnStack()) {
                    as.movArgToReg(0, as.regParentArg1());
                    as.movArgToReg(1, as.regParentArg2());
                    as.movArgToReg(2, as.regParentArg3());
                    as.movArgToReg(3, as.regParentArg4());
                }
                as.loadRegRegOffset(regFunTable, as.regParentArg1(), OFFSETOF_OBJ_FUN_BC_CONTEXT);
                as.loadRegRegOffset(regQstrTable, regFunTable, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
                as.loadRegRegOffset(regFunTable, regFunTable, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
                as.loadRegRegOffset(regFunTable, regFunTable, funTableOff);
                as.movLocalReg(localIdxFunObj(), as.regParentArg1());
                movStateImmVia(codeStateStart + OFFSETOF_CODE_STATE_N_STATE, nState, regArg1);
                as.movRegLocalAddr(regArg1, codeStateStart);
                if (regArg2 != as.regParentArg2()) {
                    as.movRegReg(regArg2, as.regParentArg2());
                }
                if (regArg3 != as.regParentArg3()) {
                    as.movRegReg(regArg3, as.regParentArg3());
                }
                if (as.regArg4() != as.regParentArg4()) {
                    as.movRegReg(as.regArg4(), as.regParentArg4());
                }
                as.callSetupCodeState(F_SETUP_CODE_STATE);
            }
            globalExcEntry();
            if (canUseRegsForLocals()) {
                for (int i = 0; i < MAX_REGS_FOR_LOCAL_VARS && i < scope.numLocals; i++) {
                    as.movRegLocal(regLocalTable[i], localIdxLocalVar(i));
                }
            }
            for (Scope.IdInfo id : scope.ids) {
                if (id.kind == Scope.IdKind.CELL) {
                    localVtype[id.localNum] = VTYPE_PYOBJ;
                }
            }
        }
    }

    @Override
    public boolean endPass() {
        globalExcExit();
        if (!doViperTypes) {
            preludeOffset = as.codePos();
            preludePtrIndex = ctCurChild;
            ByteArrayOutputStream sig = new ByteArrayOutputStream();
            // (n_state is 0 only in the stack-size pass, before the stack is measured: that
            // pass's bytes are discarded, so any encoding will do)
            Prelude.encodeSignature(sig, Math.max(nState, 1), 0, scope.scopeFlags, scope.numPosArgs, scope.numKwonlyArgs,
                scope.numDefPosArgs);
            Prelude.encodeSize(sig, nInfo, nCell);
            for (byte b : sig.toByteArray()) {
                as.data(1, b & 0xff);
            }
            int infoStart = as.codePos();
            as.dataVarUint(ctx.useQstr(scope.simpleName));
            for (int i = 0; i < scope.numPosArgs + scope.numKwonlyArgs; i++) {
                String q = "*";
                for (Scope.IdInfo id : scope.ids) {
                    if ((id.flags & Scope.FLAG_IS_PARAM) != 0 && id.localNum == i) {
                        q = id.name;
                        break;
                    }
                }
                as.dataVarUint(ctx.useQstr(q));
            }
            nInfo = as.codePos() - infoStart;
            int cellStart = as.codePos();
            for (Scope.IdInfo id : scope.ids) {
                if (id.kind == Scope.IdKind.CELL) {
                    as.data(1, id.localNum);
                }
            }
            nCell = as.codePos() - cellStart;
        }
        as.endPass();
        if (pass == Emitter.PASS_EMIT) {
            scope.nativeKind = doViperTypes ? Scope.NATIVE_VIPER : Scope.NATIVE_PY;
            scope.code = as.code();
            scope.preludeOffset = preludeOffset;
            scope.children = passChildren;
        }
        return true;
    }

    // ---- the stack model ---------------------------------------------------------------------

    private void ensureExtraStack(int delta) {
        if (stackSize + delta > siKind.length) {
            int newAlloc = (stackSize + delta + 8) & ~3;
            int old = siKind.length;
            siKind = Arrays.copyOf(siKind, newAlloc);
            siVtype = Arrays.copyOf(siVtype, newAlloc);
            siData = Arrays.copyOf(siData, newAlloc);
            for (int i = old; i < newAlloc; i++) {
                siKind[i] = STACK_VALUE;
                siVtype[i] = VTYPE_UNBOUND;
            }
        }
    }

    private void adjustStack(int delta) {
        stackSize += delta;
        if (stackSize < 0) {
            throw new IllegalStateException("native emitter: stack underflow");
        }
        if (pass > Emitter.PASS_SCOPE && stackSize > scope.stackSize) {
            scope.stackSize = stackSize;
        }
    }

    @Override
    public void adjustStackSize(int delta) {
        if (delta > 0) {
            ensureExtraStack(delta);
        }
        for (int i = 0; i < delta; i++) {
            siKind[stackSize + i] = STACK_VALUE;
            siVtype[stackSize + i] = delta == 1 ? savedStackVtype : VTYPE_PYOBJ;
        }
        adjustStack(delta);
    }

    @Override
    public void setSourceLine(int line) {
    }

    private int peekIndex(int depth) {
        return stackSize - 1 - depth;
    }

    private int peekVtype(int depth) {
        return doViperTypes ? siVtype[peekIndex(depth)] : VTYPE_PYOBJ;
    }

    private void needRegSingle(int regNeeded, int skipStackPos) {
        skipStackPos = stackSize - skipStackPos;
        for (int i = 0; i < stackSize; i++) {
            if (i != skipStackPos && siKind[i] == STACK_REG && siData[i] == regNeeded) {
                siKind[i] = STACK_VALUE;
                movStateReg(stackStart + i, (int) siData[i]);
            }
        }
    }

    private void needRegAll() {
        for (int i = 0; i < stackSize; i++) {
            if (siKind[i] == STACK_REG) {
                siKind[i] = STACK_VALUE;
                movStateReg(stackStart + i, (int) siData[i]);
            }
        }
    }

    private int loadRegStackImm(int regDest, int i, boolean convertToPyobj) {
        long imm = siData[i];
        int vtype = siVtype[i];
        if (!convertToPyobj && doViperTypes) {
            as.movRegImm(regDest, imm);
            return vtype;
        }
        if (vtype == VTYPE_PYOBJ) {
            as.movRegImm(regDest, imm);
        } else if (vtype == VTYPE_BOOL) {
            movRegConst(regDest, F_CONST_FALSE_OBJ + (int) imm);
        } else if (vtype == VTYPE_INT || vtype == VTYPE_UINT) {
            as.movRegImm(regDest, (imm << 1) | 1);
        } else if (vtype == VTYPE_PTR_NONE) {
            movRegConst(regDest, F_CONST_NONE_OBJ);
        } else {
            throw notImplemented("conversion to object");
        }
        return VTYPE_PYOBJ;
    }

    private void needStackSettled() {
        needRegAll();
        for (int i = 0; i < stackSize; i++) {
            if (siKind[i] == STACK_IMM) {
                siKind[i] = STACK_VALUE;
                siVtype[i] = loadRegStackImm(regTemp1, i, false);
                movStateReg(stackStart + i, regTemp1);
            }
        }
    }

    /** Loads the entry {@code pos} from the top (1 is the top) into {@code regDest}; its type. */
    private int accessStack(int pos, int regDest) {
        needRegSingle(regDest, pos);
        int i = stackSize - pos;
        int vtype = siVtype[i];
        switch (siKind[i]) {
            case STACK_VALUE -> movRegState(regDest, stackStart + i);
            case STACK_REG -> {
                if (siData[i] != regDest) {
                    as.movRegReg(regDest, (int) siData[i]);
                }
            }
            default -> vtype = loadRegStackImm(regDest, i, false);
        }
        return vtype;
    }

    private void foldStackTop(int regDest) {
        int i = stackSize - 2;
        siKind[i] = siKind[i + 1];
        siVtype[i] = siVtype[i + 1];
        siData[i] = siData[i + 1];
        if (siKind[i] == STACK_VALUE) {
            movRegState(regDest, stackStart + stackSize - 1);
            siKind[i] = STACK_REG;
            siData[i] = regDest;
        }
        adjustStack(-1);
    }

    /** Pops the top into a register: the one it is in when allowed, else {@code regDest}; returns {type, reg}. */
    private int[] prePopRegFlexible(int regDest, int notR1, int notR2) {
        int i = peekIndex(0);
        int vtype;
        int reg;
        if (siKind[i] == STACK_REG && siData[i] != notR1 && siData[i] != notR2) {
            vtype = siVtype[i];
            reg = (int) siData[i];
            needRegSingle(reg, 1);
        } else {
            vtype = accessStack(1, regDest);
            reg = regDest;
        }
        adjustStack(-1);
        return new int[] {vtype, reg};
    }

    private void prePopDiscard() {
        adjustStack(-1);
    }

    private int prePopReg(int regDest) {
        int vtype = accessStack(1, regDest);
        adjustStack(-1);
        return vtype;
    }

    private void postTopSetVtype(int vtype) {
        siVtype[stackSize - 1] = vtype;
    }

    private void postPushReg(int vtype, int reg) {
        ensureExtraStack(1);
        siVtype[stackSize] = vtype;
        siKind[stackSize] = STACK_REG;
        siData[stackSize] = reg;
        adjustStack(1);
    }

    private void postPushImm(int vtype, long imm) {
        ensureExtraStack(1);
        siVtype[stackSize] = vtype;
        siKind[stackSize] = STACK_IMM;
        siData[stackSize] = imm;
        adjustStack(1);
    }

    private void call(int funKind) {
        needRegAll();
        as.callInd(funKind);
    }

    private void callWithImmArg(int funKind, long argVal, int argReg) {
        needRegAll();
        as.movRegImm(argReg, argVal);
        as.callInd(funKind);
    }

    private void callWith2ImmArgs(int funKind, long argVal1, int argReg1, long argVal2, int argReg2) {
        needRegAll();
        as.movRegImm(argReg1, argVal1);
        as.movRegImm(argReg2, argVal2);
        as.callInd(funKind);
    }

    private void callWithQstrArg(int funKind, String q, int argReg) {
        needRegAll();
        movRegQstr(argReg, q);
        as.callInd(funKind);
    }

    private void getStackPointerToRegForPop(int regDest, int nPop) {
        needRegAll();
        for (int k = 0; k < nPop; k++) {
            int i = stackSize - 1 - k;
            if (siKind[i] == STACK_IMM) {
                siKind[i] = STACK_VALUE;
                siVtype[i] = loadRegStackImm(regDest, i, true);
                movStateReg(stackStart + i, regDest);
            }
        }
        for (int k = 0; k < nPop; k++) {
            int i = stackSize - 1 - k;
            if (siVtype[i] != VTYPE_PYOBJ) {
                int localNum = stackStart + i;
                movRegState(regArg1, localNum);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, siVtype[i], regArg2);
                movStateReg(localNum, regRet);
                siVtype[i] = VTYPE_PYOBJ;
            }
        }
        adjustStack(-nPop);
        movRegStateAddr(regDest, stackStart + stackSize);
    }

    private void getStackPointerToRegForPush(int regDest, int nPush) {
        needRegAll();
        ensureExtraStack(nPush);
        for (int i = 0; i < nPush; i++) {
            siKind[stackSize + i] = STACK_VALUE;
            siVtype[stackSize + i] = VTYPE_PYOBJ;
        }
        movRegStateAddr(regDest, stackStart + stackSize);
        adjustStack(nPush);
    }

    // ---- exception handlers --------------------------------------------------------------------

    private void pushExcStack(int label, boolean isFinally) {
        ExcEntry e = new ExcEntry();
        e.label = label;
        e.isFinally = isFinally;
        e.unwindLabel = UNWIND_LABEL_UNUSED;
        e.isActive = true;
        excStack.add(e);
        as.movRegPcrel(regRet, label);
        as.movLocalReg(localIdxExcHandlerPc(), regRet);
    }

    private void leaveExcStack(boolean startOfHandler) {
        int top = excStack.size() - 1;
        excStack.get(top).isActive = false;
        int e = top - 1;
        while (e >= 0 && !excStack.get(e).isActive) {
            e--;
        }
        if (e < 0) {
            if (startOfHandler) {
                return;
            }
            as.clrReg(regRet);
        } else {
            as.movRegPcrel(regRet, excStack.get(e).label);
        }
        as.movLocalReg(localIdxExcHandlerPc(), regRet);
    }

    private ExcEntry popExcStack() {
        return excStack.remove(excStack.size() - 1);
    }

    private void loadRegWithObject(int reg, Object obj) {
        scope.scopeFlags |= Scope.FLAG_HASCONSTS;
        int tableOff = ctx.useConst(obj);
        movRegState(regTemp0, localIdxFunObj());
        as.loadRegRegOffset(regTemp0, regTemp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        as.loadRegRegOffset(regTemp0, regTemp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        as.loadRegRegOffset(reg, regTemp0, tableOff);
    }

    private void loadRegWithChild(int reg, Scope child) {
        int tableOff = ctCurChild++;
        passChildren.add(child);
        movRegState(regTemp0, localIdxFunObj());
        as.loadRegRegOffset(regTemp0, regTemp0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
        as.loadRegRegOffset(reg, regTemp0, tableOff);
    }

    @Override
    public void labelAssign(int l) {
        boolean isFinally = false;
        if (!excStack.isEmpty()) {
            ExcEntry e = excStack.get(excStack.size() - 1);
            isFinally = e.isFinally && e.label == l;
        }
        if (isFinally) {
            accessStack(1, regTemp0);
            as.movLocalReg(localIdxExcVal(), regTemp0);
        }
        needStackSettled();
        as.labelAssign(l);
        if (isFinally) {
            leaveExcStack(false);
        }
    }

    private void globalExcEntry() {
        int slot = labelSlot.getAsInt();
        exitLabel = slot;
        if (!needGlobalExcHandler()) {
            return;
        }
        int nlrLabel = slot + 1;
        int startLabel = slot + 2;
        int globalExceptLabel = slot + 3;
        if (!isGenerator()) {
            movRegState(regArg1, localIdxFunObj());
            as.loadRegRegOffset(regArg1, regArg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            as.loadRegRegOffset(regArg1, regArg1, OFFSETOF_MODULE_CONTEXT_GLOBALS);
            call(F_NATIVE_SWAP_GLOBALS);
            movStateReg(localIdxOldGlobals(), regRet);
        }
        if (scope.excStackSize == 0) {
            if (!isGenerator()) {
                as.jumpIfRegZero(regRet, startLabel, false);
            }
            as.movRegLocalAddr(regArg1, 0);
            call(F_NLR_PUSH);
            if (as.nlrSetjmp()) {
                as.movRegLocalAddr(regArg1, 2);
                call(F_SETJMP);
            }
            as.jumpIfRegZero(regRet, startLabel, true);
        } else {
            movLocalMpObjNull(localIdxExcHandlerUnwind(), regTemp0);
            as.movLocalReg(localIdxExcVal(), regZeroOr(regTemp0));
            as.movRegPcrel(as.regLocal1(), startLabel);
            labelAssign(nlrLabel);
            as.movRegLocalAddr(regArg1, 0);
            call(F_NLR_PUSH);
            if (as.nlrSetjmp()) {
                as.movRegLocalAddr(regArg1, 2);
                call(F_SETJMP);
            }
            as.jumpIfRegNonzero(regRet, globalExceptLabel, true);
            movLocalMpObjNull(localIdxExcHandlerPc(), regTemp0);
            as.jumpReg(as.regLocal1());
            labelAssign(globalExceptLabel);
            as.movRegLocal(as.regLocal1(), localIdxExcHandlerPc());
            as.jumpIfRegNonzero(as.regLocal1(), nlrLabel, false);
        }
        if (!isGenerator()) {
            movRegState(regArg1, localIdxOldGlobals());
            call(F_NATIVE_SWAP_GLOBALS);
        }
        if (isGenerator()) {
            as.movRegLocal(regTemp0, localIdxExcVal());
            as.storeRegRegOffset(regTemp0, regGeneratorState, OFFSETOF_CODE_STATE_STATE);
            as.movRegImm(as.regParentRet(), VM_RETURN_EXCEPTION);
            as.exit();
        } else {
            as.movRegLocal(regArg1, localIdxExcVal());
            call(F_NATIVE_RAISE);
        }
        labelAssign(startLabel);
        if (isGenerator()) {
            movRegState(regTemp0, localIdxGenPc());
            as.jumpReg(regTemp0);
            startOffset = as.codePos();
            as.movRegLocal(regArg1, localIdxThrowVal());
            movLocalMpObjNull(localIdxThrowVal(), regArg2);
            call(F_NATIVE_RAISE);
        }
    }

    private void globalExcExit() {
        labelAssign(exitLabel);
        if (needGlobalExcHandler()) {
            if (!isGenerator()) {
                movRegState(regArg1, localIdxOldGlobals());
                if (scope.excStackSize == 0) {
                    as.jumpIfRegZero(regArg1, exitLabel + 1, false);
                }
                call(F_NATIVE_SWAP_GLOBALS);
            }
            call(F_NLR_POP);
            if (!isGenerator()) {
                if (scope.excStackSize == 0) {
                    labelAssign(exitLabel + 1);
                }
            }
            as.movRegLocal(as.regParentRet(), localIdxRetVal());
        }
        as.exit();
    }

    // ---- the emit API ---------------------------------------------------------------------------

    @Override
    public void importName(String q, int kind) {
        if (kind == Emitter.IMPORT_NAME) {
            boolean orig = doViperTypes;
            doViperTypes = false;
            int vFromlist = prePopReg(regArg2);
            int vLevel = prePopReg(regArg3);
            requireObj(vFromlist);
            requireObj(vLevel);
            doViperTypes = orig;
            callWithQstrArg(F_IMPORT_NAME, q, regArg1);
            postPushReg(VTYPE_PYOBJ, regRet);
        } else if (kind == Emitter.IMPORT_FROM) {
            requireObj(accessStack(1, regArg1));
            callWithQstrArg(F_IMPORT_FROM, q, regArg2);
            postPushReg(VTYPE_PYOBJ, regRet);
        } else {
            requireObj(prePopReg(regArg1));
            call(F_IMPORT_ALL);
        }
    }

    @Override
    public void loadConstTok(TokenKind tok) {
        switch (tok) {
            case ELLIPSIS -> loadConstObj(ParseNode.Singleton.ELLIPSIS);
            case KW_NONE -> postPushImm(VTYPE_PTR_NONE, 0);
            case KW_FALSE -> postPushImm(VTYPE_BOOL, 0);
            default -> postPushImm(VTYPE_BOOL, 1);
        }
    }

    @Override
    public void loadConstSmallInt(long arg) {
        postPushImm(VTYPE_INT, arg);
    }

    @Override
    public void loadConstStr(String q) {
        needRegSingle(regTemp0, 0);
        movRegQstrObj(regTemp0, q);
        postPushReg(VTYPE_PYOBJ, regTemp0);
    }

    @Override
    public void loadConstObj(Object obj) {
        needRegSingle(regTemp0, 0);
        loadRegWithObject(regTemp0, obj);
        postPushReg(VTYPE_PYOBJ, regTemp0);
    }

    @Override
    public void loadNull() {
        postPushImm(VTYPE_PYOBJ, 0);
    }

    private void loadFast(String q, int localNum) {
        int vtype = localVtype[localNum];
        if (vtype == VTYPE_UNBOUND) {
            viperError("local '" + q + "' used before type known");
        }
        if (localNum < MAX_REGS_FOR_LOCAL_VARS && canUseRegsForLocals()) {
            postPushReg(vtype, regLocalTable[localNum]);
        } else {
            needRegSingle(regTemp0, 0);
            movRegState(regTemp0, localIdxLocalVar(localNum));
            postPushReg(vtype, regTemp0);
        }
    }

    @Override
    public void loadLocal(String name, int localNum, boolean deref) {
        if (!deref) {
            loadFast(name, localNum);
        } else {
            needRegSingle(regRet, 0);
            loadFast(name, localNum);
            int[] p = prePopRegFlexible(regRet, -1, -1);
            as.loadRegRegOffset(regRet, p[1], 1);
            postPushReg(VTYPE_PYOBJ, regRet);
        }
    }

    @Override
    public void loadGlobal(String q, boolean global) {
        if (global && doViperTypes) {
            int nativeType = nativeTypeFromName(q);
            if (nativeType >= VTYPE_BOOL) {
                postPushImm(VTYPE_BUILTIN_CAST, nativeType);
                return;
            }
        }
        callWithQstrArg(F_LOAD_NAME + (global ? 1 : 0), q, regArg1);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void loadMethod(String q, boolean isSuper) {
        if (isSuper) {
            getStackPointerToRegForPop(regArg2, 3);
            getStackPointerToRegForPush(regArg2, 2);
            callWithQstrArg(F_LOAD_SUPER_METHOD, q, regArg1);
        } else {
            requireObj(prePopReg(regArg1));
            getStackPointerToRegForPush(regArg3, 2);
            callWithQstrArg(F_LOAD_METHOD, q, regArg2);
        }
    }

    @Override
    public void loadBuildClass() {
        call(F_LOAD_BUILD_CLASS);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    private static int ptrSizeLog2(int vtype) {
        return switch (vtype) {
            case VTYPE_PTR8 -> 0;
            case VTYPE_PTR16 -> 1;
            case VTYPE_PTR32 -> 2;
            default -> -1;
        };
    }

    private void loadSubscr() {
        int vtypeBase = peekVtype(1);
        if (vtypeBase == VTYPE_PYOBJ) {
            int vtypeIndex = peekVtype(0);
            if (vtypeIndex == VTYPE_PYOBJ) {
                prePopReg(regArg2);
            } else {
                vtypeIndex = prePopReg(regArg1);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeIndex, regArg2);
                as.movRegReg(regArg2, regRet);
            }
            prePopReg(regArg1);
            callWithImmArg(F_OBJ_SUBSCR, OBJ_SENTINEL, regArg3);
            postPushReg(VTYPE_PYOBJ, regRet);
            return;
        }
        int top = peekIndex(0);
        if (siVtype[top] == VTYPE_INT && siKind[top] == STACK_IMM) {
            long indexValue = siData[top];
            prePopDiscard();
            int regIndex = regArg2;
            int[] p = prePopRegFlexible(regArg1, regIndex, regIndex);
            vtypeBase = p[0];
            int regBase = p[1];
            needRegSingle(regRet, 0);
            int sz = ptrSizeLog2(vtypeBase);
            if (sz < 0) {
                viperError("can't load from '" + vtypeName(vtypeBase) + "'");
            } else if (as.hasLoadOffset(sz)) {
                as.loadSizedRegRegOffset(sz, regRet, regBase, indexValue);
            } else {
                if (indexValue != 0) {
                    needRegSingle(regIndex, 0);
                    as.movRegImm(regIndex, indexValue << sz);
                    as.addRegReg(regIndex, regBase);
                    regBase = regIndex;
                }
                as.loadSizedRegReg(sz, regRet, regBase);
            }
        } else {
            int regIndex = regArg2;
            int[] p = prePopRegFlexible(regIndex, regArg1, regArg1);
            int vtypeIndex = p[0];
            regIndex = p[1];
            vtypeBase = prePopReg(regArg1);
            needRegSingle(regRet, 0);
            if (vtypeIndex != VTYPE_INT && vtypeIndex != VTYPE_UINT) {
                viperError("can't load with '" + vtypeName(vtypeIndex) + "' index");
            }
            int sz = ptrSizeLog2(vtypeBase);
            if (sz < 0) {
                viperError("can't load from '" + vtypeName(vtypeBase) + "'");
            } else if (as.hasLoadRegRegReg(sz)) {
                as.loadSizedRegRegReg(sz, regRet, regArg1, regIndex);
            } else {
                for (int k = 0; k < (1 << sz); k++) {
                    as.addRegReg(regArg1, regIndex);
                }
                as.loadSizedRegReg(sz, regRet, regArg1);
            }
        }
        postPushReg(VTYPE_INT, regRet);
    }

    private void storeFast(String q, int localNum) {
        int vtype;
        if (localNum < MAX_REGS_FOR_LOCAL_VARS && canUseRegsForLocals()) {
            vtype = prePopReg(regLocalTable[localNum]);
        } else {
            vtype = prePopReg(regTemp0);
            movStateReg(localIdxLocalVar(localNum), regTemp0);
        }
        if (localVtype[localNum] == VTYPE_UNBOUND) {
            localVtype[localNum] = vtype;
        } else if (localVtype[localNum] != vtype) {
            viperError("local '" + q + "' has type '" + vtypeName(localVtype[localNum]) + "' but source is '"
                + vtypeName(vtype) + "'");
        }
    }

    @Override
    public void storeLocal(String name, int localNum, boolean deref) {
        if (!deref) {
            storeFast(name, localNum);
        } else {
            needRegSingle(regTemp0, 0);
            needRegSingle(regTemp1, 0);
            loadFast(name, localNum);
            int[] b = prePopRegFlexible(regTemp0, -1, -1);
            int regBase = b[1];
            int[] s = prePopRegFlexible(regTemp1, regBase, regBase);
            as.storeRegRegOffset(s[1], regBase, 1);
        }
    }

    @Override
    public void storeGlobal(String q, boolean global) {
        if (!global) {
            requireObj(prePopReg(regArg2));
        } else {
            int vtype = peekVtype(0);
            if (vtype == VTYPE_PYOBJ) {
                prePopReg(regArg2);
            } else {
                vtype = prePopReg(regArg1);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtype, regArg2);
                as.movRegReg(regArg2, regRet);
            }
        }
        callWithQstrArg(F_STORE_NAME + (global ? 1 : 0), q, regArg1);
    }

    private void storeAttr(String q) {
        int vtypeVal = peekVtype(1);
        int vtypeBase;
        if (vtypeVal == VTYPE_PYOBJ) {
            vtypeBase = prePopReg(regArg1);
            prePopReg(regArg3);
        } else {
            vtypeVal = accessStack(2, regArg1);
            callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeVal, regArg2);
            as.movRegReg(regArg3, regRet);
            vtypeBase = prePopReg(regArg1);
            adjustStack(-1);
        }
        requireObj(vtypeBase);
        callWithQstrArg(F_STORE_ATTR, q, regArg2);
    }

    private void storeSubscr() {
        int vtypeBase = peekVtype(1);
        if (vtypeBase == VTYPE_PYOBJ) {
            int vtypeIndex = peekVtype(0);
            int vtypeValue = peekVtype(2);
            if (vtypeIndex != VTYPE_PYOBJ || vtypeValue != VTYPE_PYOBJ) {
                getStackPointerToRegForPop(regArg1, 3);
                adjustStack(3);
            }
            prePopReg(regArg2);
            prePopReg(regArg1);
            prePopReg(regArg3);
            call(F_OBJ_SUBSCR);
            return;
        }
        int top = peekIndex(0);
        if (siVtype[top] == VTYPE_INT && siKind[top] == STACK_IMM) {
            long indexValue = siData[top];
            prePopDiscard();
            int regIndex = regArg2;
            int regValue = regArg3;
            int[] b = prePopRegFlexible(regArg1, regIndex, regValue);
            vtypeBase = b[0];
            int regBase = b[1];
            int vtypeValue;
            if (as.storeValueFixedReg()) {
                vtypeValue = prePopReg(regValue);
            } else {
                int[] v = prePopRegFlexible(regValue, regBase, regIndex);
                vtypeValue = v[0];
                regValue = v[1];
            }
            if (vtypeValue != VTYPE_BOOL && vtypeValue != VTYPE_INT && vtypeValue != VTYPE_UINT) {
                viperError("can't store '" + vtypeName(vtypeValue) + "'");
            }
            int sz = ptrSizeLog2(vtypeBase);
            if (sz < 0) {
                viperError("can't store to '" + vtypeName(vtypeBase) + "'");
            } else if (as.hasStoreOffset(sz)) {
                as.storeSizedRegRegOffset(sz, regValue, regBase, indexValue);
            } else {
                if (indexValue != 0) {
                    as.movRegImm(regIndex, indexValue << sz);
                    as.addRegReg(regIndex, regBase);
                    regBase = regIndex;
                }
                as.storeSizedRegReg(sz, regValue, regBase);
            }
        } else {
            int regIndex = regArg2;
            int regValue = regArg3;
            int[] ix = prePopRegFlexible(regIndex, regArg1, regValue);
            int vtypeIndex = ix[0];
            regIndex = ix[1];
            vtypeBase = prePopReg(regArg1);
            if (vtypeIndex != VTYPE_INT && vtypeIndex != VTYPE_UINT) {
                viperError("can't store with '" + vtypeName(vtypeIndex) + "' index");
            }
            int vtypeValue;
            if (as.storeValueFixedReg()) {
                vtypeValue = prePopReg(regValue);
            } else {
                int[] v = prePopRegFlexible(regValue, regArg1, regIndex);
                vtypeValue = v[0];
                regValue = v[1];
            }
            if (vtypeValue != VTYPE_BOOL && vtypeValue != VTYPE_INT && vtypeValue != VTYPE_UINT) {
                viperError("can't store '" + vtypeName(vtypeValue) + "'");
            }
            int sz = ptrSizeLog2(vtypeBase);
            if (sz < 0) {
                viperError("can't store to '" + vtypeName(vtypeBase) + "'");
            } else if (as.hasStoreRegRegReg(sz)) {
                as.storeSizedRegRegReg(sz, regValue, regArg1, regIndex);
            } else {
                for (int k = 0; k < (1 << sz); k++) {
                    as.addRegReg(regArg1, regIndex);
                }
                as.storeSizedRegReg(sz, regValue, regArg1);
            }
        }
    }

    @Override
    public void deleteLocal(String name, int localNum, boolean deref) {
        if (!deref) {
            loadConstTok(TokenKind.KW_NONE);
            storeFast(name, localNum);
        }
    }

    @Override
    public void deleteGlobal(String q, boolean global) {
        callWithQstrArg(F_DELETE_NAME + (global ? 1 : 0), q, regArg1);
    }

    @Override
    public void subscr(int kind) {
        if (kind == Emitter.SUBSCR_LOAD) {
            loadSubscr();
        } else if (kind == Emitter.SUBSCR_STORE) {
            storeSubscr();
        } else {
            int vIndex = prePopReg(regArg2);
            int vBase = prePopReg(regArg1);
            requireObj(vIndex);
            requireObj(vBase);
            callWithImmArg(F_OBJ_SUBSCR, 0, regArg3);
        }
    }

    @Override
    public void attr(String q, int kind) {
        if (kind == Emitter.ATTR_LOAD) {
            requireObj(prePopReg(regArg1));
            callWithQstrArg(F_LOAD_ATTR, q, regArg2);
            postPushReg(VTYPE_PYOBJ, regRet);
        } else if (kind == Emitter.ATTR_STORE) {
            storeAttr(q);
        } else {
            requireObj(prePopReg(regArg1));
            as.clrReg(regArg3);
            callWithQstrArg(F_STORE_ATTR, q, regArg2);
        }
    }

    @Override
    public void dupTop() {
        int[] p = prePopRegFlexible(regTemp0, -1, -1);
        postPushReg(p[0], p[1]);
        postPushReg(p[0], p[1]);
    }

    @Override
    public void dupTopTwo() {
        int vtype0 = prePopReg(regTemp0);
        int vtype1 = prePopReg(regTemp1);
        postPushReg(vtype1, regTemp1);
        postPushReg(vtype0, regTemp0);
        postPushReg(vtype1, regTemp1);
        postPushReg(vtype0, regTemp0);
    }

    @Override
    public void popTop() {
        prePopDiscard();
    }

    @Override
    public void rotTwo() {
        int vtype0 = prePopReg(regTemp0);
        int vtype1 = prePopReg(regTemp1);
        postPushReg(vtype0, regTemp0);
        postPushReg(vtype1, regTemp1);
    }

    @Override
    public void rotThree() {
        int vtype0 = prePopReg(regTemp0);
        int vtype1 = prePopReg(regTemp1);
        int vtype2 = prePopReg(regTemp2);
        postPushReg(vtype0, regTemp0);
        postPushReg(vtype2, regTemp2);
        postPushReg(vtype1, regTemp1);
    }

    @Override
    public void jump(int label) {
        needStackSettled();
        as.jump(label);
        as.suppressCode();
    }

    private void jumpHelper(boolean cond, int label, boolean pop) {
        int vtype = peekVtype(0);
        if (vtype == VTYPE_PYOBJ) {
            prePopReg(regArg1);
            if (!pop) {
                adjustStack(1);
            }
            call(F_OBJ_IS_TRUE);
        } else {
            vtype = prePopReg(regRet);
            if (!pop) {
                adjustStack(1);
            }
            if (!(vtype == VTYPE_BOOL || vtype == VTYPE_INT || vtype == VTYPE_UINT)) {
                viperError("can't implicitly convert '" + vtypeName(vtype) + "' to 'bool'");
            }
        }
        if (!pop) {
            savedStackVtype = vtype;
        }
        needStackSettled();
        if (cond) {
            as.jumpIfRegNonzero(regRet, label, vtype == VTYPE_PYOBJ);
        } else {
            as.jumpIfRegZero(regRet, label, vtype == VTYPE_PYOBJ);
        }
        if (!pop) {
            adjustStack(-1);
        }
    }

    @Override
    public void popJumpIf(boolean cond, int label) {
        jumpHelper(cond, label, true);
    }

    @Override
    public void jumpIfOrPop(boolean cond, int label) {
        jumpHelper(cond, label, false);
    }

    @Override
    public void unwindJump(int label, int exceptDepth) {
        if (exceptDepth > 0) {
            ExcEntry firstFinally = null;
            ExcEntry prevFinally = null;
            int e = excStack.size() - 1;
            for (; exceptDepth > 0; exceptDepth--, e--) {
                ExcEntry x = excStack.get(e);
                if (x.isFinally && x.isActive) {
                    if (firstFinally == null) {
                        firstFinally = x;
                    }
                    if (prevFinally != null) {
                        prevFinally.unwindLabel = x.label;
                    }
                    prevFinally = x;
                }
            }
            if (prevFinally == null) {
                if (e < 0) {
                    as.clrReg(regRet);
                } else {
                    as.movRegPcrel(regRet, excStack.get(e).label);
                }
                as.movLocalReg(localIdxExcHandlerPc(), regRet);
            } else {
                prevFinally.unwindLabel = UNWIND_LABEL_DO_FINAL_UNWIND;
                as.movRegPcrel(regRet, label & ~Emitter.BREAK_FROM_FOR);
                as.movLocalReg(localIdxExcHandlerUnwind(), regRet);
                as.movRegImm(regRet, 0);
                as.movLocalReg(localIdxExcVal(), regRet);
                label = firstFinally.label;
            }
        }
        jump(label & ~Emitter.BREAK_FROM_FOR);
    }

    @Override
    public void setupBlock(int label, int kind) {
        if (kind == Emitter.SETUP_WITH) {
            requireObj(accessStack(1, regArg1));
            getStackPointerToRegForPush(regArg3, 2);
            callWithQstrArg(F_LOAD_METHOD, "__exit__", regArg2);
            prePopReg(regArg3);
            prePopReg(regArg2);
            int vtype = prePopReg(regArg1);
            postPushReg(vtype, regArg2);
            postPushReg(vtype, regArg3);
            getStackPointerToRegForPush(regArg3, 2);
            callWithQstrArg(F_LOAD_METHOD, "__enter__", regArg2);
            getStackPointerToRegForPop(regArg3, 2);
            callWith2ImmArgs(F_CALL_METHOD_N_KW, 0, regArg1, 0, regArg2);
            postPushReg(VTYPE_PYOBJ, regRet);
            needStackSettled();
            pushExcStack(label, true);
            dupTop();
        } else {
            needStackSettled();
            pushExcStack(label, kind == Emitter.SETUP_FINALLY);
        }
    }

    @Override
    public void withCleanup(int label) {
        int slot = labelSlot.getAsInt();
        leaveExcStack(false);
        adjustStack(-1);
        labelAssign(slot + 2);
        postPushImm(VTYPE_PTR_NONE, 0);
        postPushImm(VTYPE_PTR_NONE, 0);
        postPushImm(VTYPE_PTR_NONE, 0);
        getStackPointerToRegForPop(regArg3, 5);
        callWith2ImmArgs(F_CALL_METHOD_N_KW, 3, regArg1, 0, regArg2);
        jump(slot);
        as.labelAssign(label);
        leaveExcStack(true);
        adjustStackSize(2);
        as.movRegLocal(regArg1, localIdxExcVal());
        as.jumpIfRegZero(regArg1, slot + 2, false);
        as.loadRegRegOffset(regArg2, regArg1, 0);
        postPushReg(VTYPE_PYOBJ, regArg2);
        postPushReg(VTYPE_PYOBJ, regArg1);
        postPushImm(VTYPE_PTR_NONE, 0);
        getStackPointerToRegForPop(regArg3, 5);
        callWith2ImmArgs(F_CALL_METHOD_N_KW, 3, regArg1, 0, regArg2);
        if (regArg1 != regRet) {
            as.movRegReg(regArg1, regRet);
        }
        call(F_OBJ_IS_TRUE);
        as.jumpIfRegZero(regRet, slot + 1, true);
        labelAssign(slot);
        movLocalMpObjNull(localIdxExcVal(), regTemp0);
        labelAssign(slot + 1);
        adjustStack(1);
    }

    @Override
    public void asyncWithSetupFinally(int labelAexitNoExc, int labelFinallyBlock, int labelRetUnwindJump) {
        adjustStackSize(1);
        rotTwo();
        loadConstTok(TokenKind.KW_NONE);
        rotTwo();
        jump(labelAexitNoExc);
        adjustStackSize(-1);
        labelAssign(labelFinallyBlock);
        prePopDiscard();
        as.movRegLocal(regArg1, localIdxExcVal());
        postPushReg(VTYPE_PYOBJ, regArg1);
        as.jumpIfRegZero(regArg1, labelRetUnwindJump, false);
    }

    @Override
    public void endFinally() {
        int slot = labelSlot.getAsInt();
        prePopDiscard();
        as.movRegLocal(regArg1, localIdxExcVal());
        call(F_NATIVE_RAISE);
        ExcEntry e = popExcStack();
        if (e.unwindLabel != UNWIND_LABEL_UNUSED) {
            as.movRegLocal(regRet, localIdxExcHandlerUnwind());
            as.jumpIfRegZero(regRet, slot, false);
            if (e.unwindLabel == UNWIND_LABEL_DO_FINAL_UNWIND) {
                as.jumpReg(regRet);
            } else {
                jump(e.unwindLabel);
            }
            labelAssign(slot);
        }
    }

    @Override
    public void getIter(boolean useStack) {
        requireObj(prePopReg(regArg1));
        if (useStack) {
            getStackPointerToRegForPush(regArg2, ITER_BUF_NSLOTS);
            call(F_NATIVE_GETITER);
        } else {
            as.movRegImm(regArg2, 0);
            call(F_NATIVE_GETITER);
            postPushReg(VTYPE_PYOBJ, regRet);
        }
    }

    @Override
    public void forIter(int label) {
        getStackPointerToRegForPop(regArg1, ITER_BUF_NSLOTS);
        adjustStack(ITER_BUF_NSLOTS);
        call(F_NATIVE_ITERNEXT);
        as.jumpIfRegZero(regRet, label, false);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void forIterEnd() {
        adjustStack(-ITER_BUF_NSLOTS);
    }

    @Override
    public void popExceptJump(int label, boolean withinExcHandler) {
        if (withinExcHandler) {
            movLocalMpObjNull(localIdxExcVal(), regTemp0);
        } else {
            leaveExcStack(false);
        }
        jump(label);
    }

    @Override
    public void unaryOp(int op) {
        int vtype = peekVtype(0);
        if (vtype == VTYPE_INT || vtype == VTYPE_UINT) {
            if (op == Emitter.UNARY_POSITIVE) {
                return;
            }
            if (op == Emitter.UNARY_NEGATIVE) {
                int[] p = prePopRegFlexible(regRet, regRet, regRet);
                as.negReg(p[1]);
                postPushReg(p[0], p[1]);
            } else if (op == Emitter.UNARY_INVERT) {
                if (as.hasNotReg()) {
                    int[] p = prePopRegFlexible(regRet, regRet, regRet);
                    as.notReg(p[1]);
                    postPushReg(p[0], p[1]);
                } else {
                    int[] p = prePopRegFlexible(regRet, regArg1, regRet);
                    as.movRegImm(regArg1, -1);
                    as.xorRegReg(p[1], regArg1);
                    postPushReg(p[0], p[1]);
                }
            } else {
                viperError("'not' not implemented");
            }
        } else if (vtype == VTYPE_PYOBJ) {
            prePopReg(regArg2);
            callWithImmArg(F_UNARY_OP, op, regArg1);
            postPushReg(VTYPE_PYOBJ, regRet);
        } else {
            viperError("can't do unary op of '" + vtypeName(vtype) + "'");
        }
    }

    // MicroPython's binary operator numbering (py/runtime0.h)
    private static final int OP_LESS = 0;
    private static final int OP_NOT_EQUAL = 5;
    private static final int OP_INPLACE_OR = 9;
    private static final int OP_INPLACE_POWER = 21;
    private static final int OP_OR = 22;
    private static final int OP_XOR = 23;
    private static final int OP_AND = 24;
    private static final int OP_LSHIFT = 25;
    private static final int OP_RSHIFT = 26;
    private static final int OP_ADD = 27;
    private static final int OP_SUBTRACT = 28;
    private static final int OP_MULTIPLY = 29;
    private static final int OP_FLOOR_DIVIDE = 31;
    private static final int OP_MODULO = 33;

    /** The method names mpy-cross knows for binary operators (a build without all special methods). */
    private static String binaryOpMethodName(int op) {
        return switch (op) {
            case 0 -> "__lt__";
            case 1 -> "__gt__";
            case 2 -> "__eq__";
            case 3 -> "__le__";
            case 4 -> "__ge__";
            case 5 -> "__ne__";
            case 14 -> "__iadd__";
            case 15 -> "__isub__";
            case 27 -> "__add__";
            case 28 -> "__sub__";
            // 'not in' is past the end of MicroPython's name table: v1.28.0's mpy-cross reads the
            // byte after it, the qstr __complex__ ('is not' reads a 0, no name)
            case Emitter.BINARY_NOT_IN -> "__complex__";
            default -> "";
        };
    }

    @Override
    public void binaryOp(int op) {
        int vtypeLhs = peekVtype(1);
        int vtypeRhs = peekVtype(0);
        if ((vtypeLhs == VTYPE_INT || vtypeLhs == VTYPE_UINT) && (vtypeRhs == VTYPE_INT || vtypeRhs == VTYPE_UINT)) {
            if (OP_INPLACE_OR <= op && op <= OP_INPLACE_POWER) {
                op += OP_OR - OP_INPLACE_OR;
            }
            int countReg = as.shiftCountReg();
            if (countReg >= 0 && (op == OP_LSHIFT || op == OP_RSHIFT)) {
                vtypeRhs = prePopReg(countReg);
                vtypeLhs = prePopReg(regRet);
                if (op == OP_LSHIFT) {
                    as.lslReg(regRet);
                } else if (vtypeLhs == VTYPE_UINT) {
                    as.lsrReg(regRet);
                } else {
                    as.asrReg(regRet);
                }
                postPushReg(vtypeLhs, regRet);
                return;
            }
            if (op == OP_FLOOR_DIVIDE || op == OP_MODULO) {
                vtypeRhs = prePopReg(regArg2);
                vtypeLhs = prePopReg(regArg1);
                if (vtypeLhs != VTYPE_INT) {
                    viperError("div/mod not implemented for uint");
                }
                call(op == OP_FLOOR_DIVIDE ? F_SMALL_INT_FLOOR_DIVIDE : F_SMALL_INT_MODULO);
                postPushReg(VTYPE_INT, regRet);
                return;
            }
            int[] r = prePopRegFlexible(regArg3, regRet, regArg2);
            vtypeRhs = r[0];
            int regRhs = r[1];
            vtypeLhs = prePopReg(regArg2);
            if (countReg < 0 && (op == OP_LSHIFT || op == OP_RSHIFT)) {
                if (op == OP_LSHIFT) {
                    as.lslRegReg(regArg2, regRhs);
                } else if (vtypeLhs == VTYPE_UINT) {
                    as.lsrRegReg(regArg2, regRhs);
                } else {
                    as.asrRegReg(regArg2, regRhs);
                }
                postPushReg(vtypeLhs, regArg2);
                return;
            }
            switch (op) {
                case OP_OR -> as.orRegReg(regArg2, regRhs);
                case OP_XOR -> as.xorRegReg(regArg2, regRhs);
                case OP_AND -> as.andRegReg(regArg2, regRhs);
                case OP_ADD -> as.addRegReg(regArg2, regRhs);
                case OP_SUBTRACT -> as.subRegReg(regArg2, regRhs);
                case OP_MULTIPLY -> as.mulRegReg(regArg2, regRhs);
                default -> {
                    if (op >= OP_LESS && op <= OP_NOT_EQUAL) {
                        if (vtypeLhs != vtypeRhs) {
                            viperError("comparison of int and uint");
                        }
                        int opIdx = op - OP_LESS + (vtypeLhs == VTYPE_UINT ? 0 : 6);
                        needRegSingle(regRet, 0);
                        as.compareToBool(opIdx, regRet, regArg2, regRhs);
                        postPushReg(VTYPE_BOOL, regRet);
                    } else {
                        adjustStack(1);
                        viperError("binary op " + binaryOpMethodName(op) + " not implemented");
                    }
                    return;
                }
            }
            postPushReg(vtypeLhs, regArg2);
        } else if (vtypeLhs == VTYPE_PYOBJ && vtypeRhs == VTYPE_PYOBJ) {
            prePopReg(regArg3);
            prePopReg(regArg2);
            boolean invert = false;
            if (op == Emitter.BINARY_NOT_IN) {
                invert = true;
                op = Emitter.BINARY_IN;
            } else if (op == Emitter.BINARY_IS_NOT) {
                invert = true;
                op = Emitter.BINARY_IS;
            }
            callWithImmArg(F_BINARY_OP, op, regArg1);
            if (invert) {
                as.movRegReg(regArg2, regRet);
                callWithImmArg(F_UNARY_OP, Emitter.UNARY_NOT, regArg1);
            }
            postPushReg(VTYPE_PYOBJ, regRet);
        } else {
            adjustStack(-1);
            viperError("can't do binary op between '" + vtypeName(vtypeLhs) + "' and '" + vtypeName(vtypeRhs) + "'");
        }
    }

    @Override
    public void build(int nArgs, int kind) {
        if (kind == Emitter.BUILD_SLICE) {
            if (nArgs == 2) {
                int vStop = prePopReg(regArg2);
                int vStart = prePopReg(regArg1);
                requireObj(vStart);
                requireObj(vStop);
                movRegConst(regArg3, F_CONST_NONE_OBJ);
            } else {
                int vStep = prePopReg(regArg3);
                int vStop = prePopReg(regArg2);
                int vStart = prePopReg(regArg1);
                requireObj(vStart);
                requireObj(vStop);
                requireObj(vStep);
            }
            call(F_NEW_SLICE);
            postPushReg(VTYPE_PYOBJ, regRet);
            return;
        }
        if (kind == Emitter.BUILD_TUPLE || kind == Emitter.BUILD_LIST || kind == Emitter.BUILD_SET) {
            getStackPointerToRegForPop(regArg2, nArgs);
        }
        callWithImmArg(F_BUILD_TUPLE + kind, nArgs, regArg1);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void storeMap() {
        int vKey = prePopReg(regArg2);
        int vValue = prePopReg(regArg3);
        int vMap = prePopReg(regArg1);
        requireObj(vKey);
        requireObj(vValue);
        requireObj(vMap);
        call(F_STORE_MAP);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void storeComp(Scope.Kind kind, int collectionIndex) {
        int f;
        if (kind == Scope.Kind.LIST_COMP) {
            requireObj(prePopReg(regArg2));
            f = F_LIST_APPEND;
        } else if (kind == Scope.Kind.SET_COMP) {
            requireObj(prePopReg(regArg2));
            f = F_STORE_SET;
        } else {
            int vKey = prePopReg(regArg2);
            int vValue = prePopReg(regArg3);
            requireObj(vKey);
            requireObj(vValue);
            f = F_STORE_MAP;
        }
        requireObj(accessStack(collectionIndex, regArg1));
        call(f);
    }

    @Override
    public void unpackSequence(int nArgs) {
        requireObj(prePopReg(regArg1));
        getStackPointerToRegForPush(regArg3, nArgs);
        callWithImmArg(F_UNPACK_SEQUENCE, nArgs, regArg2);
    }

    @Override
    public void unpackEx(int nLeft, int nRight) {
        requireObj(prePopReg(regArg1));
        getStackPointerToRegForPush(regArg3, nLeft + nRight + 1);
        callWithImmArg(F_UNPACK_EX, nLeft | (nRight << 8), regArg2);
    }

    @Override
    public void makeFunction(Scope s, int nPosDefaults, int nKwDefaults) {
        movRegState(regArg2, localIdxFunObj());
        as.loadRegRegOffset(regArg2, regArg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            needRegAll();
            as.movRegImm(regArg3, 0);
        } else {
            getStackPointerToRegForPop(regArg3, 2);
            needRegAll();
        }
        loadRegWithChild(regArg1, s);
        as.callInd(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void makeClosure(Scope s, int nClosedOver, int nPosDefaults, int nKwDefaults) {
        movRegState(regArg2, localIdxFunObj());
        as.loadRegRegOffset(regArg2, regArg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            needRegAll();
            as.movRegImm(regArg3, 0);
        } else {
            getStackPointerToRegForPop(regArg3, 2 + nClosedOver);
            adjustStack(2 + nClosedOver);
            needRegAll();
        }
        loadRegWithChild(regArg1, s);
        as.callInd(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        if (as.closureMovesRet()) {
            as.movRegReg(regArg1, regRet);
        }
        as.movRegImm(regArg2, nClosedOver);
        getStackPointerToRegForPop(regArg3, nClosedOver);
        if (nPosDefaults != 0 || nKwDefaults != 0) {
            adjustStack(-2);
        }
        as.callInd(F_NEW_CLOSURE);
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void callFunction(int nPositional, int nKeyword, int starFlags) {
        int vtypeFun = peekVtype(nPositional + 2 * nKeyword);
        if (vtypeFun == VTYPE_BUILTIN_CAST) {
            if (nPositional != 1 || nKeyword != 0 || starFlags != 0) {
                throw new Unsupported("a viper cast takes one positional argument");
            }
            int vtypeCast = (int) siData[peekIndex(1)];
            switch (peekVtype(0)) {
                case VTYPE_PYOBJ -> {
                    prePopReg(regArg1);
                    prePopDiscard();
                    callWithImmArg(F_CONVERT_OBJ_TO_NATIVE, vtypeCast, regArg2);
                    postPushReg(vtypeCast, regRet);
                }
                case VTYPE_BOOL, VTYPE_INT, VTYPE_UINT, VTYPE_PTR, VTYPE_PTR8, VTYPE_PTR16, VTYPE_PTR32,
                        VTYPE_PTR_NONE -> {
                    foldStackTop(regArg1);
                    postTopSetVtype(vtypeCast);
                }
                default -> throw notImplemented("casting");
            }
        } else {
            requireObj(vtypeFun);
            if (starFlags != 0) {
                getStackPointerToRegForPop(regArg3, nPositional + 2 * nKeyword + 2);
                callWith2ImmArgs(F_CALL_METHOD_N_KW_VAR, 0, regArg1, nPositional | (nKeyword << 8), regArg2);
            } else {
                if (nPositional != 0 || nKeyword != 0) {
                    getStackPointerToRegForPop(regArg3, nPositional + 2 * nKeyword);
                }
                prePopReg(regArg1);
                callWithImmArg(F_NATIVE_CALL_FUNCTION_N_KW, nPositional | (nKeyword << 8), regArg2);
            }
            postPushReg(VTYPE_PYOBJ, regRet);
        }
    }

    @Override
    public void callMethod(int nPositional, int nKeyword, int starFlags) {
        if (starFlags != 0) {
            getStackPointerToRegForPop(regArg3, nPositional + 2 * nKeyword + 3);
            callWith2ImmArgs(F_CALL_METHOD_N_KW_VAR, 1, regArg1, nPositional | (nKeyword << 8), regArg2);
        } else {
            getStackPointerToRegForPop(regArg3, 2 + nPositional + 2 * nKeyword);
            callWith2ImmArgs(F_CALL_METHOD_N_KW, nPositional, regArg1, nKeyword, regArg2);
        }
        postPushReg(VTYPE_PYOBJ, regRet);
    }

    @Override
    public void returnValue() {
        if (isGenerator()) {
            getStackPointerToRegForPop(regTemp0, 1);
            movStateReg(OFFSETOF_CODE_STATE_SP, regTemp0);
            as.movRegImm(regTemp0, VM_RETURN_NORMAL);
            as.movLocalReg(localIdxRetVal(), regTemp0);
            unwindJump(exitLabel, excStack.size());
            return;
        }
        if (doViperTypes) {
            int returnVtype = (scope.scopeFlags >> Scope.FLAG_VIPERRET_POS) & 7;
            if (peekVtype(0) == VTYPE_PTR_NONE) {
                prePopDiscard();
                if (returnVtype == VTYPE_PYOBJ) {
                    movRegConst(as.regParentRet(), F_CONST_NONE_OBJ);
                } else {
                    as.movRegImm(regArg1, 0);
                }
            } else {
                int vtype = prePopReg(returnVtype == VTYPE_PYOBJ ? as.regParentRet() : regArg1);
                if (vtype != returnVtype) {
                    viperError("return expected '" + vtypeName(returnVtype) + "' but got '" + vtypeName(vtype) + "'");
                }
            }
            if (returnVtype != VTYPE_PYOBJ) {
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, returnVtype, regArg2);
                if (regRet != as.regParentRet()) {
                    as.movRegReg(as.regParentRet(), regRet);
                }
            }
        } else {
            requireObj(prePopReg(as.regParentRet()));
        }
        if (needGlobalExcHandler()) {
            as.movLocalReg(localIdxRetVal(), as.regParentRet());
        }
        unwindJump(exitLabel, excStack.size());
    }

    @Override
    public void raiseVarargs(int nArgs) {
        if (nArgs != 1) {
            // MicroPython's native emitter fails an assertion here (raise without an
            // exception, or raise ... from ...); this is its one clear error instead
            throw new Unsupported(nArgs == 0 ? "native code doesn't support a bare 'raise'"
                : "native code doesn't support 'raise ... from ...'");
        }
        int vtype = prePopReg(regArg1);
        if (vtype != VTYPE_PYOBJ) {
            viperError("must raise an object");
        }
        call(F_NATIVE_RAISE);
        as.suppressCode();
    }

    @Override
    public void yield(int kind) {
        int slot = labelSlot.getAsInt();
        if (doViperTypes) {
            throw notImplemented("native yield");
        }
        scope.scopeFlags |= Scope.FLAG_GENERATOR;
        needStackSettled();
        if (kind == Emitter.YIELD_FROM) {
            jump(slot + 2);
            labelAssign(slot + 1);
        }
        getStackPointerToRegForPop(regTemp0, 1);
        movStateReg(OFFSETOF_CODE_STATE_SP, regTemp0);
        as.movRegImm(regTemp0, VM_RETURN_YIELD);
        as.movLocalReg(localIdxRetVal(), regTemp0);
        as.movRegPcrel(regTemp0, slot);
        movStateReg(localIdxGenPc(), regTemp0);
        as.jump(exitLabel);
        as.labelAssign(slot);
        for (int e = excStack.size() - 1; e >= 0; e--) {
            if (excStack.get(e).isActive) {
                as.movRegPcrel(regRet, excStack.get(e).label);
                as.movLocalReg(localIdxExcHandlerPc(), regRet);
                break;
            }
        }
        adjustStackSize(1);
        if (kind == Emitter.YIELD_VALUE) {
            as.movRegLocal(regArg1, localIdxThrowVal());
            movLocalMpObjNull(localIdxThrowVal(), regArg2);
            call(F_NATIVE_RAISE);
        } else {
            labelAssign(slot + 2);
            as.movRegLocal(regArg3, localIdxThrowVal());
            as.movRegImm(regArg2, 0);
            as.movLocalReg(localIdxThrowVal(), regArg2);
            prePopReg(regArg2);
            accessStack(1, regArg1);
            postPushReg(VTYPE_PYOBJ, regArg3);
            getStackPointerToRegForPop(regArg3, 1);
            call(F_NATIVE_YIELD_FROM);
            as.jumpIfRegNonzero(regRet, slot + 1, true);
            adjustStackSize(1);
            foldStackTop(regArg1);
        }
    }

    @Override
    public void startExceptHandler() {
        leaveExcStack(true);
        as.movRegLocal(regTemp0, localIdxExcVal());
        postPushReg(VTYPE_PYOBJ, regTemp0);
    }

    @Override
    public void endExceptHandler() {
    }

    /** {@code Outer.inner}: the scope's name after its enclosing ones up to the module (-march=debug's ENTRY). */
    private static String qualifiedName(Scope scope) {
        StringBuilder sb = new StringBuilder(scope.simpleName);
        for (Scope s = scope; s.parent != null && !s.parent.simpleName.equals("<module>"); s = s.parent) {
            sb.insert(0, '.').insert(0, s.parent.simpleName);
        }
        return sb.toString();
    }
}
