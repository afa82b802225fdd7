package dev.mpt.compiler;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.compiler.ParseNode.Const;
import dev.mpt.compiler.ParseNode.Id;
import dev.mpt.compiler.ParseNode.SmallInt;
import dev.mpt.compiler.ParseNode.Str;
import dev.mpt.compiler.ParseNode.Struct;
import dev.mpt.compiler.ParseNode.Tok;
import dev.mpt.compiler.Scope.IdInfo;
import dev.mpt.compiler.Scope.IdKind;
import dev.mpt.compiler.inlineasm.AsmMemoryError;
import dev.mpt.compiler.inlineasm.InlineAsmError;
import dev.mpt.compiler.inlineasm.InlineAssembler;
import dev.mpt.compiler.inlineasm.Rv32InlineAssembler;
import dev.mpt.compiler.inlineasm.XtensaInlineAssembler;
import dev.mpt.compiler.nativeasm.VmNativeAssembler;
import dev.mpt.compiler.thumb.ThumbAssembler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The compiler: walks the parse tree rule by rule, as MicroPython's compiler does, once per
 * pass and scope. The scope pass creates scopes and decides identifiers; then every scope is
 * compiled again to measure its stack, size its code and emit it.
 */
public final class Compiler {
    private static final int INVALID_LABEL = 0xffff;

    static final int EMIT_OPT_NONE = 0;
    static final int EMIT_OPT_BYTECODE = 1;
    static final int EMIT_OPT_NATIVE_PYTHON = 2;
    static final int EMIT_OPT_VIPER = 3;
    static final int EMIT_OPT_ASM = 4;

    /**
     * The compiled module: its scope tree (each scope holding its code) and shared tables;
     * {@code hasNative} when machine code (an inline-assembler function) was generated.
     */
    public record Result(Scope module, List<String> qstrs, List<Object> consts, boolean hasNative) {}

    private final Emitter bytecodeEmit;
    private Emit emit;
    private final ModuleContext ctx;
    private final int optimise;
    private final int smallIntBits;
    private final List<Scope> scopes = new ArrayList<>();
    private Scope scopeCur;
    private int pass;
    private int nextLabel;
    private boolean haveStar;
    private int numDictParams;
    private int numDefaultParams;
    private int breakLabel = INVALID_LABEL;
    private int continueLabel = INVALID_LABEL;
    private int curExceptLevel;
    private int breakContinueExceptLevel;

    /** The -march target, or null when there is none. */
    private final NativeArch nativeArch;
    /** Compiling for our VM: see {@link CrossCompiler.Options#withForVm()}. */
    private boolean forVm;
    /** The inline assembler of the target, or null when it has none here. */
    private InlineAssembler assembler;
    private final long maxAsmCodeSize;
    private boolean hasNative;
    private boolean isRepl;
    /** The native emitter, made when the first native or viper scope is compiled. */
    private NativeEmitter nativeEmit;
    /**
     * An error that does not stop compiling at once (viper type errors): MicroPython keeps
     * compiling the scope, skipping the rest of the innermost block, and a later such error
     * replaces the message while the line stays the first one found.
     */
    private String pendingType;
    private String pendingMessage;
    private int pendingLine;
    /** The default emitter of the module ({@code -X emit=...}). */
    private int defaultEmit = EMIT_OPT_NONE;
    private long archFlags;
    private Consumer<String> debugListing;

    private Compiler(String sourceFile, int optimise, int smallIntBits, NativeArch nativeArch, long maxAsmCodeSize) {
        this.nativeArch = nativeArch;
        this.maxAsmCodeSize = maxAsmCodeSize;
        this.ctx = new ModuleContext(sourceFile);
        this.bytecodeEmit = new Emitter(ctx, optimise);
        this.emit = bytecodeEmit;
        this.optimise = optimise;
        this.smallIntBits = smallIntBits;
    }

    /** A syntax error found while compiling; line 0 until a rule node supplies one. */
    private static final class Failure extends RuntimeException {
        final String type;
        int line;

        Failure(String type, String message, int line) {
            super(message, null, false, false);
            this.type = type;
            this.line = line;
        }
    }

    private static int lineOf(ParseNode pn) {
        if (pn instanceof Const c) {
            return c.line();
        }
        return pn instanceof Struct s ? s.line : 0;
    }

    private Failure syntaxError(ParseNode pn, String msg) {
        return new Failure("SyntaxError", msg, lineOf(pn));
    }

    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch) {
        return compile(root, sourceFile, optimise, smallIntBits, nativeArch, false);
    }

    /**
     * Compiles a parse tree for the -march target {@code nativeArch} (null for none);
     * {@code isRepl} for single (interactive) input, whose expression values are printed.
     */
    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch, boolean isRepl) {
        return compile(root, sourceFile, optimise, smallIntBits, nativeArch, ThumbAssembler.DEFAULT_MAX_CODE_SIZE,
            isRepl);
    }

    /**
     * As {@link #compile(ParseNode, String, int, int, NativeArch, boolean)}, with the largest
     * inline-assembler function the official tool could allocate ({@code -X heapsize}).
     */
    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch, long maxAsmCodeSize, boolean isRepl) {
        return compile(root, sourceFile, optimise, smallIntBits, nativeArch, maxAsmCodeSize, isRepl, false);
    }

    /**
     * As above; {@code forVm}: native and viper functions compile to bytecode and the inline
     * assemblers are an invalid decorator (see {@link CrossCompiler.Options#withForVm()}).
     */
    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch, long maxAsmCodeSize, boolean isRepl, boolean forVm) {
        return compile(root, sourceFile, optimise, smallIntBits, nativeArch, maxAsmCodeSize, isRepl, forVm,
            EMIT_OPT_NONE, 0);
    }

    /**
     * As above, with the module's default emitter: {@link #EMIT_OPT_NATIVE_PYTHON} or
     * {@link #EMIT_OPT_VIPER} for {@code -X emit=native|viper}, else {@link #EMIT_OPT_NONE}; and
     * the architecture flags of {@code -march-flags} (the RV32 extensions).
     */
    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch, long maxAsmCodeSize, boolean isRepl, boolean forVm, int defaultEmit,
            long archFlags) {
        return compile(root, sourceFile, optimise, smallIntBits, nativeArch, maxAsmCodeSize, isRepl, forVm,
            defaultEmit, archFlags, null);
    }

    /**
     * As above; {@code debugListing} receives the text of {@code -march=debug} (the native
     * emitter's operations, a line at a time); null to drop it.
     */
    public static Result compile(ParseNode root, String sourceFile, int optimise, int smallIntBits,
            NativeArch nativeArch, long maxAsmCodeSize, boolean isRepl, boolean forVm, int defaultEmit,
            long archFlags, Consumer<String> debugListing) {
        Compiler c = new Compiler(sourceFile, optimise, smallIntBits, nativeArch, maxAsmCodeSize);
        c.archFlags = archFlags;
        c.debugListing = debugListing != null ? debugListing : line -> { };
        c.assembler = inlineAssembler(nativeArch, archFlags, maxAsmCodeSize);
        c.isRepl = isRepl;
        c.forVm = forVm;
        c.defaultEmit = defaultEmit;
        Scope module = c.newScope(Scope.Kind.MODULE, root, defaultEmit);
        try {
            for (int i = 0; i < c.scopes.size(); i++) {
                Scope s = c.scopes.get(i);
                if (s.emitOptions == EMIT_OPT_ASM) {
                    c.compileScopeInlineAsm(s, Emitter.PASS_SCOPE);
                    continue;
                }
                c.compileScope(s, Emitter.PASS_SCOPE);
                for (IdInfo id : new ArrayList<>(s.ids)) {
                    if (id.kind == IdKind.GLOBAL_IMPLICIT) {
                        s.checkToCloseOver(id);
                    }
                }
            }
            for (Scope s : c.scopes) {
                s.computeThings();
            }
            for (Scope s : c.scopes) {
                if (s.emitOptions == EMIT_OPT_ASM) {
                    c.compileScopeInlineAsm(s, Emitter.PASS_EMIT);
                    continue;
                }
                c.chooseEmitter(s);
                c.compileScope(s, Emitter.PASS_STACK_SIZE);
                c.compileScope(s, Emitter.PASS_CODE_SIZE);
                while (!c.compileScope(s, Emitter.PASS_EMIT)) {
                    // repeat until the code size is stable
                }
            }
        } catch (AsmMemoryError e) {
            throw new CompileError("MemoryError", e.getMessage(), -1);
        } catch (NativeEmitter.Unsupported e) {
            throw new CompileError("NotImplementedError", e.getMessage(), lineOf(c.scopeCur.pn), c.scopeCur.simpleName);
        } catch (Failure e) {
            int line = e.line;
            if (line == 0) {
                line = lineOf(c.scopeCur.pn);
            }
            throw new CompileError(e.type, e.getMessage(), line, c.scopeCur.simpleName);
        }
        return new Result(module, c.ctx.qstrs(), c.ctx.consts(), c.hasNative);
    }

    /** The inline assembler mpy-cross uses for {@code arch}, or null when it has none. */
    private static InlineAssembler inlineAssembler(NativeArch arch, long archFlags, long maxCodeSize) {
        if (arch == null) {
            return null;
        }
        if (ThumbAssembler.supports(arch)) {
            return new ThumbAssembler(arch, maxCodeSize);
        }
        return switch (arch) {
            case XTENSA -> new XtensaInlineAssembler(false, maxCodeSize);
            case XTENSAWIN -> new XtensaInlineAssembler(true, maxCodeSize);
            case RV32IMC -> new Rv32InlineAssembler(archFlags, maxCodeSize);
            default -> null;
        };
    }

    /**
     * An inline-assembler scope: its checks in the scope pass, its machine code (size and emit
     * passes, both run by the assembler) at code generation.
     */
    private void compileScopeInlineAsm(Scope scope, int pass) {
        this.pass = pass;
        this.scopeCur = scope;
        this.nextLabel = 0;
        if (scope.kind != Scope.Kind.FUNCTION) {
            throw new Failure("SyntaxError", "inline assembler must be a function", 0);
        }
        try {
            if (pass == Emitter.PASS_SCOPE) {
                assembler.checkScope(InlineAsmReader.read((Struct) scope.pn));
            } else {
                hasNative = true;
                scope.asm = assembler.assemble(InlineAsmReader.read((Struct) scope.pn)).toRawCode();
            }
        } catch (InlineAsmError e) {
            throw new Failure(e.type(), e.getMessage(), e.line());
        }
    }

    /** The bytecode emitter, or the native one for a native or viper scope. */
    private void chooseEmitter(Scope s) {
        if (s.emitOptions == EMIT_OPT_NATIVE_PYTHON || s.emitOptions == EMIT_OPT_VIPER) {
            if (nativeEmit == null) {
                if (NativeTargets.hasNoNativeEmitter(nativeArch)) {
                    throw new Failure("NotImplementedError", "cannot emit native code for this architecture", 0);
                }
                // for the VM: its own architecture, code that stays in memory (the file's
                // header names no native architecture)
                nativeEmit = new NativeEmitter(ctx,
                    forVm ? new VmNativeAssembler() : NativeTargets.assembler(nativeArch, archFlags, debugListing), () -> nextLabel,
                    msg -> recordError("ViperTypeError", msg), !forVm);
                hasNative = !forVm;
            }
            emit = nativeEmit;
        } else {
            emit = bytecodeEmit;
        }
    }

    /** MicroPython keeps label numbers free for the native emitter's own use. */
    private void reserveLabelsForNative(int n) {
        if (scopeCur.emitOptions != EMIT_OPT_BYTECODE) {
            nextLabel += n;
        }
    }

    private void recordError(String type, String message) {
        pendingType = type;
        pendingMessage = message;
    }

    /** Ends a pass that recorded an error. */
    private void throwPendingError() {
        if (pendingType != null) {
            throw new Failure(pendingType, pendingMessage, pendingLine);
        }
    }

    private int viperTypeAnnotation(ParseNode pn) {
        if (pn == null) {
            return NativeEmitter.VTYPE_PYOBJ;
        }
        if (pn instanceof Id id) {
            int t = NativeEmitter.nativeTypeFromName(id.name());
            if (t < 0) {
                recordError("ViperTypeError", "unknown type '" + id.name() + "'");
                t = 0;
            }
            return t;
        }
        // a syntax error that, as in MicroPython, does not stop the scope from compiling: only
        // the first is kept, and its line is the annotation's, or else the first statement's
        if (pendingType == null) {
            pendingType = "SyntaxError";
            pendingMessage = "annotation must be an identifier";
            pendingLine = pn instanceof Struct st ? st.line : 0;
        }
        return NativeEmitter.VTYPE_PYOBJ;
    }

    private Scope newScope(Scope.Kind kind, ParseNode pn, int emitOptions) {
        Scope s = new Scope(kind, pn, emitOptions);
        s.parent = scopeCur;
        scopes.add(s);
        return s;
    }

    private int newLabel() {
        return nextLabel++;
    }

    private void increaseExceptLevel(int label, int kind) {
        emit.setupBlock(label, kind);
        curExceptLevel++;
        if (curExceptLevel > scopeCur.excStackSize) {
            scopeCur.excStackSize = curExceptLevel;
        }
    }

    private void decreaseExceptLevel() {
        curExceptLevel--;
        emit.endFinally();
        reserveLabelsForNative(1);
    }

    // ---- identifiers ----------------------------------------------------------------------

    private void idOp(String name, int op) {
        IdInfo id = scopeCur.find(name);
        switch (id.kind) {
            case GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED, GLOBAL_EXPLICIT -> {
                boolean global = id.kind == IdKind.GLOBAL_EXPLICIT;
                switch (op) {
                    case 0 -> emit.loadGlobal(name, global);
                    case 1 -> emit.storeGlobal(name, global);
                    default -> emit.deleteGlobal(name, global);
                }
            }
            default -> {
                boolean deref = id.kind != IdKind.LOCAL;
                switch (op) {
                    case 0 -> emit.loadLocal(name, id.localNum, deref);
                    case 1 -> emit.storeLocal(name, id.localNum, deref);
                    default -> emit.deleteLocal(name, id.localNum, deref);
                }
            }
        }
    }

    private void loadId(String name) {
        if (pass == Emitter.PASS_SCOPE) {
            scopeCur.idForLoad(name);
        } else {
            idOp(name, 0);
        }
    }

    private void storeId(String name) {
        if (pass == Emitter.PASS_SCOPE) {
            scopeCur.idForModification(name);
        } else {
            idOp(name, 1);
        }
    }

    private void deleteId(String name) {
        if (pass == Emitter.PASS_SCOPE) {
            scopeCur.idForModification(name);
        } else {
            idOp(name, 2);
        }
    }

    // ---- generic ----------------------------------------------------------------------------

    private static String idName(ParseNode pn) {
        return ((Id) pn).name();
    }

    private void compileGenericAllNodes(Struct pns) {
        for (ParseNode n : pns.nodes) {
            try {
                try {
                    compileNode(n);
                } catch (NativeEmitter.Unsupported e) {
                    throw new Failure("NotImplementedError", e.getMessage(), lineOf(n));
                } catch (RuntimeException e) {
                    if (pendingType == null || e instanceof Failure || e instanceof CompileError) {
                        throw e;
                    }
                    // the code after a recorded error need not make sense to the emitter
                    throwPendingError();
                }
                if (pendingType != null) {
                    if (pendingLine == 0 && n instanceof Struct st) {
                        pendingLine = st.line;
                    }
                    return;
                }
            } catch (Failure e) {
                if (e.line == 0) {
                    e.line = lineOf(n);
                }
                throw e;
            }
        }
    }

    private void compileGenericTuple(Struct pns) {
        for (ParseNode n : pns.nodes) {
            compileNode(n);
        }
        emit.build(pns.nodes.length, Emitter.BUILD_TUPLE);
    }

    private void cIfCond(ParseNode pn, boolean jumpIf, int label) {
        if (Parser.isConstBool(pn, false)) {
            if (!jumpIf) {
                emit.jump(label);
            }
            return;
        } else if (Parser.isConstBool(pn, true)) {
            if (jumpIf) {
                emit.jump(label);
            }
            return;
        } else if (pn instanceof Struct pns) {
            int n = pns.nodes.length;
            if (pns.rule == Rule.or_test || pns.rule == Rule.and_test) {
                boolean logic1 = (pns.rule == Rule.or_test) != jumpIf;
                if (logic1) {
                    int label2 = newLabel();
                    for (int i = 0; i < n - 1; i++) {
                        cIfCond(pns.nodes[i], !jumpIf, label2);
                    }
                    cIfCond(pns.nodes[n - 1], jumpIf, label);
                    emit.labelAssign(label2);
                } else {
                    for (int i = 0; i < n; i++) {
                        cIfCond(pns.nodes[i], jumpIf, label);
                    }
                }
                return;
            } else if (pns.rule == Rule.not_test_2) {
                cIfCond(pns.nodes[0], !jumpIf, label);
                return;
            }
        }
        compileNode(pn);
        emit.popJumpIf(jumpIf, label);
    }

    // ---- assignment -------------------------------------------------------------------------

    private static final int ASSIGN_STORE = 0;
    private static final int ASSIGN_AUG_LOAD = 1;
    private static final int ASSIGN_AUG_STORE = 2;

    private void cAssignAtomExpr(Struct pns, int kind) {
        if (kind != ASSIGN_AUG_STORE) {
            compileNode(pns.nodes[0]);
        }
        if (pns.nodes[1] instanceof Struct pns1) {
            if (pns1.rule == Rule.atom_expr_trailers) {
                int n = pns1.nodes.length;
                if (kind != ASSIGN_AUG_STORE) {
                    for (int i = 0; i < n - 1; i++) {
                        compileNode(pns1.nodes[i]);
                    }
                }
                pns1 = (Struct) pns1.nodes[n - 1];
            }
            if (pns1.rule == Rule.trailer_bracket) {
                if (kind == ASSIGN_AUG_STORE) {
                    emit.rotThree();
                    emit.subscr(Emitter.SUBSCR_STORE);
                } else {
                    compileNode(pns1.nodes[0]);
                    if (kind == ASSIGN_AUG_LOAD) {
                        emit.dupTopTwo();
                        emit.subscr(Emitter.SUBSCR_LOAD);
                    } else {
                        emit.subscr(Emitter.SUBSCR_STORE);
                    }
                }
                return;
            } else if (pns1.rule == Rule.trailer_period) {
                String attr = idName(pns1.nodes[0]);
                if (kind == ASSIGN_AUG_LOAD) {
                    emit.dupTop();
                    emit.attr(attr, Emitter.ATTR_LOAD);
                } else {
                    if (kind == ASSIGN_AUG_STORE) {
                        emit.rotTwo();
                    }
                    emit.attr(attr, Emitter.ATTR_STORE);
                }
                return;
            }
        }
        throw syntaxError(pns, "can't assign to expression");
    }

    private void cAssignTuple(ParseNode[] nodes) {
        int haveStarIndex = -1;
        for (int i = 0; i < nodes.length; i++) {
            if (ParseNode.isStruct(nodes[i], Rule.star_expr)) {
                if (haveStarIndex == -1) {
                    emit.unpackEx(i, nodes.length - i - 1);
                    haveStarIndex = i;
                } else {
                    throw syntaxError(nodes[i], "multiple *x in assignment");
                }
            }
        }
        if (haveStarIndex == -1) {
            emit.unpackSequence(nodes.length);
        }
        for (int i = 0; i < nodes.length; i++) {
            if (i == haveStarIndex) {
                cAssign(((Struct) nodes[i]).nodes[0], ASSIGN_STORE);
            } else {
                cAssign(nodes[i], ASSIGN_STORE);
            }
        }
    }

    private static boolean testlistCompHasCompFor(Struct pns) {
        return pns.nodes.length == 2 && ParseNode.isStruct(pns.nodes[1], Rule.comp_for);
    }

    private void cAssign(ParseNode pn, int kind) {
        if (pn instanceof Id id) {
            if (kind == ASSIGN_AUG_LOAD) {
                loadId(id.name());
            } else {
                storeId(id.name());
            }
            return;
        }
        if (pn instanceof Struct pns) {
            switch (pns.rule) {
                case atom_expr_normal -> {
                    cAssignAtomExpr(pns, kind);
                    return;
                }
                case testlist_star_expr, exprlist -> {
                    if (kind != ASSIGN_STORE) {
                        break;
                    }
                    cAssignTuple(pns.nodes);
                    return;
                }
                case atom_paren -> {
                    if (pns.nodes[0] == null || kind != ASSIGN_STORE) {
                        break;
                    }
                    Struct tc = (Struct) pns.nodes[0];
                    if (testlistCompHasCompFor(tc)) {
                        break;
                    }
                    cAssignTuple(tc.nodes);
                    return;
                }
                case atom_bracket -> {
                    if (kind != ASSIGN_STORE) {
                        break;
                    }
                    if (pns.nodes[0] == null) {
                        cAssignTuple(new ParseNode[0]);
                    } else if (ParseNode.isStruct(pns.nodes[0], Rule.testlist_comp)) {
                        Struct tc = (Struct) pns.nodes[0];
                        if (testlistCompHasCompFor(tc)) {
                            break;
                        }
                        cAssignTuple(tc.nodes);
                    } else {
                        cAssignTuple(new ParseNode[] {pns.nodes[0]});
                    }
                    return;
                }
                default -> { }
            }
        }
        throw syntaxError(pn, "can't assign to expression");
    }

    // ---- functions, lambdas, classes --------------------------------------------------------

    private void closeOverVariablesEtc(Scope thisScope, int nPosDefaults, int nKwDefaults) {
        if (nKwDefaults > 0) {
            thisScope.scopeFlags |= Scope.FLAG_DEFKWARGS;
        }
        thisScope.numDefPosArgs = nPosDefaults;
        scopeCur.scopeFlags |= Scope.FLAG_REFGLOBALS | Scope.FLAG_HASCONSTS;
        int nfree = 0;
        if (scopeCur.kind != Scope.Kind.MODULE) {
            for (IdInfo id : scopeCur.ids) {
                if (id.kind == IdKind.CELL || id.kind == IdKind.FREE) {
                    for (IdInfo id2 : thisScope.ids) {
                        if (id2.kind == IdKind.FREE && id.name.equals(id2.name)) {
                            emit.loadLocal(id.name, id.localNum, false);
                            nfree++;
                        }
                    }
                }
            }
        }
        if (nfree == 0) {
            emit.makeFunction(thisScope, nPosDefaults, nKwDefaults);
        } else {
            emit.makeClosure(thisScope, nfree, nPosDefaults, nKwDefaults);
        }
    }

    private void compileFuncdefLambdefParam(ParseNode pn) {
        Rule kind = pn instanceof Struct s ? s.rule : null;
        if (kind == Rule.typedargslist_star || kind == Rule.varargslist_star) {
            haveStar = true;
        } else if (kind == Rule.typedargslist_dbl_star || kind == Rule.varargslist_dbl_star) {
            // nothing to do
        } else {
            ParseNode pnId;
            ParseNode pnEqual;
            if (kind == null) {
                pnId = pn;
                pnEqual = null;
            } else if (kind == Rule.typedargslist_name) {
                pnId = ((Struct) pn).nodes[0];
                pnEqual = ((Struct) pn).nodes[2];
            } else {
                pnId = ((Struct) pn).nodes[0];
                pnEqual = ((Struct) pn).nodes[1];
            }
            if (pnEqual == null) {
                if (!haveStar && numDefaultParams != 0) {
                    throw syntaxError(pn, "non-default argument follows default argument");
                }
            } else {
                if (haveStar) {
                    numDictParams++;
                    if (numDictParams == 1) {
                        if (numDefaultParams > 0) {
                            emit.build(numDefaultParams, Emitter.BUILD_TUPLE);
                        } else {
                            emit.loadNull();
                        }
                        emit.build(0, Emitter.BUILD_MAP);
                    }
                    compileNode(pnEqual);
                    emit.loadConstStr(idName(pnId));
                    emit.storeMap();
                } else {
                    numDefaultParams++;
                    compileNode(pnEqual);
                }
            }
        }
    }

    private void compileFuncdefLambdef(Scope scope, ParseNode params, Rule listKind) {
        boolean origHaveStar = haveStar;
        int origNumDictParams = numDictParams;
        int origNumDefaultParams = numDefaultParams;
        haveStar = false;
        numDictParams = 0;
        numDefaultParams = 0;
        for (ParseNode p : applyList(params, listKind)) {
            compileFuncdefLambdefParam(p);
        }
        if (numDefaultParams > 0 && numDictParams == 0) {
            emit.build(numDefaultParams, Emitter.BUILD_TUPLE);
            emit.loadNull();
        }
        closeOverVariablesEtc(scope, numDefaultParams, numDictParams);
        haveStar = origHaveStar;
        numDictParams = origNumDictParams;
        numDefaultParams = origNumDefaultParams;
    }

    private static ParseNode[] applyList(ParseNode pn, Rule listKind) {
        if (pn == null) {
            return new ParseNode[0];
        }
        if (pn instanceof Struct s && s.rule == listKind) {
            return s.nodes;
        }
        return new ParseNode[] {pn};
    }

    private String compileFuncdefHelper(Struct pns, int emitOptions) {
        if (pass == Emitter.PASS_SCOPE) {
            pns.data = newScope(Scope.Kind.FUNCTION, pns, emitOptions);
        }
        Scope fscope = (Scope) pns.data;
        compileFuncdefLambdef(fscope, pns.nodes[1], Rule.typedargslist);
        return fscope.simpleName;
    }

    private String compileClassdefHelper(Struct pns, int emitOptions) {
        if (pass == Emitter.PASS_SCOPE) {
            pns.data = newScope(Scope.Kind.CLASS, pns, emitOptions);
        }
        emit.loadBuildClass();
        Scope cscope = (Scope) pns.data;
        closeOverVariablesEtc(cscope, 0, 0);
        emit.loadConstStr(cscope.simpleName);
        ParseNode parents = pns.nodes[1];
        if (ParseNode.isStruct(parents, Rule.classdef_2)) {
            parents = null;
        }
        compileTrailerParenHelper(parents, false, 2);
        return cscope.simpleName;
    }

    private int[] builtInDecorator(ParseNode[] nameNodes, int emitOptions) {
        if (!idName(nameNodes[0]).equals("micropython")) {
            return null;
        }
        if (nameNodes.length != 2) {
            throw syntaxError(nameNodes[0], "invalid micropython decorator");
        }
        String attr = idName(nameNodes[1]);
        if (forVm) {
            return switch (attr) {
                // (native functions run as bytecode; viper ones as the VM's own machine code,
                // which keeps viper's types, word arithmetic and pointers)
                case "bytecode" -> new int[] {EMIT_OPT_BYTECODE};
                case "native" -> new int[] {EMIT_OPT_BYTECODE, 1};
                case "viper" -> new int[] {EMIT_OPT_VIPER};
                default -> throw syntaxError(nameNodes[1], "invalid micropython decorator");
            };
        }
        switch (attr) {
            case "bytecode" -> emitOptions = EMIT_OPT_BYTECODE;
            case "native" -> emitOptions = EMIT_OPT_NATIVE_PYTHON;
            case "viper" -> emitOptions = EMIT_OPT_VIPER;
            case "asm_thumb", "asm_xtensa", "asm_rv32" -> emitOptions = EMIT_OPT_ASM;
            default -> throw syntaxError(nameNodes[1], "invalid micropython decorator");
        }
        if (emitOptions == EMIT_OPT_ASM && assembler == null) {
            throw syntaxError(nameNodes[1], "invalid arch");
        }
        if (emitOptions == EMIT_OPT_ASM && assembler != null) {
            return new int[] {emitOptions};
        }
        if ((emitOptions == EMIT_OPT_NATIVE_PYTHON || emitOptions == EMIT_OPT_VIPER) && nativeArch != null
                && NativeTargets.supports(nativeArch)) {
            return new int[] {emitOptions};
        }
        if (emitOptions != EMIT_OPT_BYTECODE) {
            if (nativeArch == null || (emitOptions != EMIT_OPT_ASM && NativeTargets.hasNoNativeEmitter(nativeArch))) {
                throw syntaxError(nameNodes[1], "invalid arch");
            }
            throw new Failure("NotImplementedError",
                "native code generation (@micropython." + attr + ") is not supported yet", lineOf(nameNodes[1]));
        }
        return new int[] {emitOptions};
    }

    private void compileDecorated(Struct pns) {
        ParseNode[] nodes = ParseNode.extractList(pns.nodes[0], Rule.decorators);
        int emitOptions = scopeCur.emitOptions;
        int numBuiltIn = 0;
        boolean askedNative = false;
        for (ParseNode node : nodes) {
            Struct dec = (Struct) node;
            ParseNode[] nameNodes = ParseNode.extractList(dec.nodes[0], Rule.dotted_name);
            int[] opt = builtInDecorator(nameNodes, emitOptions);
            if (opt != null) {
                emitOptions = opt[0];
                askedNative = opt.length > 1;
                numBuiltIn++;
            } else {
                compileNode(nameNodes[0]);
                for (int j = 1; j < nameNodes.length; j++) {
                    emit.attr(idName(nameNodes[j]), Emitter.ATTR_LOAD);
                }
                if (dec.nodes[1] != null) {
                    compileNode(dec.nodes[1]);
                }
            }
        }
        Struct body = (Struct) pns.nodes[1];
        String name;
        if (body.rule == Rule.funcdef) {
            name = compileFuncdefHelper(body, emitOptions);
            ((Scope) body.data).askedNative = askedNative;
        } else if (body.rule == Rule.async_funcdef) {
            Struct pns0 = (Struct) body.nodes[0];
            name = compileFuncdefHelper(pns0, emitOptions);
            ((Scope) pns0.data).scopeFlags |= Scope.FLAG_GENERATOR;
            ((Scope) pns0.data).askedNative = askedNative;
        } else {
            name = compileClassdefHelper(body, emitOptions);
        }
        for (int i = 0; i < nodes.length - numBuiltIn; i++) {
            emit.callFunction(1, 0, 0);
        }
        storeId(name);
    }

    // ---- statements -------------------------------------------------------------------------

    private void cDelStmt(ParseNode pn) {
        if (pn instanceof Id id) {
            deleteId(id.name());
        } else if (ParseNode.isStruct(pn, Rule.atom_expr_normal)) {
            Struct pns = (Struct) pn;
            compileNode(pns.nodes[0]);
            if (pns.nodes[1] instanceof Struct pns1) {
                if (pns1.rule == Rule.atom_expr_trailers) {
                    int n = pns1.nodes.length;
                    for (int i = 0; i < n - 1; i++) {
                        compileNode(pns1.nodes[i]);
                    }
                    pns1 = (Struct) pns1.nodes[n - 1];
                }
                if (pns1.rule == Rule.trailer_bracket) {
                    compileNode(pns1.nodes[0]);
                    emit.subscr(Emitter.SUBSCR_DELETE);
                } else if (pns1.rule == Rule.trailer_period) {
                    emit.attr(idName(pns1.nodes[0]), Emitter.ATTR_DELETE);
                } else {
                    throw syntaxError(pn, "can't delete expression");
                }
            } else {
                throw syntaxError(pn, "can't delete expression");
            }
        } else if (ParseNode.isStruct(pn, Rule.atom_paren)) {
            ParseNode inner = ((Struct) pn).nodes[0];
            if (inner == null) {
                throw syntaxError(inner, "can't delete expression");
            }
            Struct pns = (Struct) inner;
            if (testlistCompHasCompFor(pns)) {
                throw syntaxError(inner, "can't delete expression");
            }
            for (ParseNode n : pns.nodes) {
                cDelStmt(n);
            }
        } else {
            throw syntaxError(pn, "can't delete expression");
        }
    }

    private void compileBreakContStmt(Struct pns) {
        int label = pns.rule == Rule.break_stmt ? breakLabel : continueLabel;
        if (label == INVALID_LABEL) {
            throw syntaxError(pns, "'break'/'continue' outside loop");
        }
        emit.unwindJump(label, curExceptLevel - breakContinueExceptLevel);
    }

    private void compileReturnStmt(Struct pns) {
        if (scopeCur.kind != Scope.Kind.FUNCTION) {
            throw syntaxError(pns, "'return' outside function");
        }
        if (pns.nodes[0] == null) {
            emit.loadConstTok(TokenKind.KW_NONE);
        } else if (ParseNode.isStruct(pns.nodes[0], Rule.test_if_expr)) {
            Struct ifExpr = (Struct) pns.nodes[0];
            Struct ifElse = (Struct) ifExpr.nodes[1];
            int lFail = newLabel();
            cIfCond(ifElse.nodes[0], false, lFail);
            compileNode(ifExpr.nodes[0]);
            emit.returnValue();
            emit.labelAssign(lFail);
            compileNode(ifElse.nodes[1]);
        } else {
            compileNode(pns.nodes[0]);
        }
        emit.returnValue();
    }

    private void compileRaiseStmt(Struct pns) {
        if (pns.nodes[0] == null) {
            emit.raiseVarargs(0);
        } else if (ParseNode.isStruct(pns.nodes[0], Rule.raise_stmt_arg)) {
            Struct arg = (Struct) pns.nodes[0];
            compileNode(arg.nodes[0]);
            compileNode(arg.nodes[1]);
            emit.raiseVarargs(2);
        } else {
            compileNode(pns.nodes[0]);
            emit.raiseVarargs(1);
        }
    }

    /** Emits the import of one name; returns the base name to store. */
    private String doImportName(ParseNode pn) {
        boolean isAs = false;
        String qBase = null;
        if (ParseNode.isStruct(pn, Rule.dotted_as_name)) {
            Struct pns = (Struct) pn;
            qBase = idName(pns.nodes[1]);
            pn = pns.nodes[0];
            isAs = true;
        }
        if (pn == null) {
            emit.importName("", Emitter.IMPORT_NAME);
            return "";
        } else if (pn instanceof Id id) {
            if (!isAs) {
                qBase = id.name();
            }
            emit.importName(id.name(), Emitter.IMPORT_NAME);
        } else {
            Struct pns = (Struct) pn;
            if (!isAs) {
                qBase = idName(pns.nodes[0]);
            }
            StringBuilder full = new StringBuilder();
            for (int i = 0; i < pns.nodes.length; i++) {
                if (i > 0) {
                    full.append('.');
                }
                full.append(idName(pns.nodes[i]));
            }
            emit.importName(Qstrs.checkLength(full.toString()), Emitter.IMPORT_NAME);
            if (isAs) {
                for (int i = 1; i < pns.nodes.length; i++) {
                    emit.attr(idName(pns.nodes[i]), Emitter.ATTR_LOAD);
                }
            }
        }
        return qBase;
    }

    private void compileDottedAsName(ParseNode pn) {
        emit.loadConstSmallInt(0);
        emit.loadConstTok(TokenKind.KW_NONE);
        storeId(doImportName(pn));
    }

    private void compileImportFrom(Struct pns) {
        ParseNode source = pns.nodes[0];
        int level = 0;
        ParseNode rel = null;
        boolean relative = false;
        if (source instanceof Tok || ParseNode.isStruct(source, Rule.one_or_more_period_or_ellipsis)) {
            rel = source;
            source = null;
            relative = true;
        } else if (ParseNode.isStruct(source, Rule.import_from_2b)) {
            Struct s2b = (Struct) source;
            rel = s2b.nodes[0];
            source = s2b.nodes[1];
            relative = true;
        }
        if (relative) {
            for (ParseNode n : ParseNode.extractList(rel, Rule.one_or_more_period_or_ellipsis)) {
                level += ParseNode.isToken(n, TokenKind.DEL_PERIOD) ? 1 : 3;
            }
        }
        if (ParseNode.isToken(pns.nodes[1], TokenKind.OP_STAR)) {
            if (scopeCur.kind != Scope.Kind.MODULE) {
                throw syntaxError(pns, "import * not at module level");
            }
            emit.loadConstSmallInt(level);
            emit.loadConstStr("*");
            emit.build(1, Emitter.BUILD_TUPLE);
            doImportName(source);
            emit.importName(null, Emitter.IMPORT_STAR);
        } else {
            emit.loadConstSmallInt(level);
            ParseNode[] names = ParseNode.extractList(pns.nodes[1], Rule.import_as_names);
            for (ParseNode n : names) {
                emit.loadConstStr(idName(((Struct) n).nodes[0]));
            }
            emit.build(names.length, Emitter.BUILD_TUPLE);
            doImportName(source);
            for (ParseNode n : names) {
                Struct s3 = (Struct) n;
                String id2 = idName(s3.nodes[0]);
                emit.importName(id2, Emitter.IMPORT_FROM);
                storeId(s3.nodes[1] == null ? id2 : idName(s3.nodes[1]));
            }
            emit.popTop();
        }
    }

    private void declareGlobal(ParseNode pn, IdInfo id) {
        if (id.kind != IdKind.UNDECIDED && id.kind != IdKind.GLOBAL_EXPLICIT) {
            throw syntaxError(pn, "identifier redefined as global");
        }
        id.kind = IdKind.GLOBAL_EXPLICIT;
        IdInfo g = scopeCur.findGlobal(id.name);
        if (g != null) {
            g.kind = IdKind.GLOBAL_EXPLICIT;
        }
    }

    private void declareNonlocal(ParseNode pn, IdInfo id) {
        if (id.kind == IdKind.UNDECIDED) {
            id.kind = IdKind.GLOBAL_IMPLICIT;
            scopeCur.checkToCloseOver(id);
            if (id.kind == IdKind.GLOBAL_IMPLICIT) {
                throw syntaxError(pn, "no binding for nonlocal found");
            }
        } else if (id.kind != IdKind.FREE) {
            throw syntaxError(pn, "identifier redefined as nonlocal");
        }
    }

    private void compileGlobalNonlocalStmt(Struct pns) {
        if (pass != Emitter.PASS_SCOPE) {
            return;
        }
        boolean isGlobal = pns.rule == Rule.global_stmt;
        if (!isGlobal && scopeCur.kind == Scope.Kind.MODULE) {
            throw syntaxError(pns, "can't declare nonlocal in outer code");
        }
        for (ParseNode n : ParseNode.extractList(pns.nodes[0], Rule.name_list)) {
            IdInfo id = scopeCur.findOrAdd(idName(n), IdKind.UNDECIDED);
            if (isGlobal) {
                declareGlobal(pns, id);
            } else {
                declareNonlocal(pns, id);
            }
        }
    }

    private void compileAssertStmt(Struct pns) {
        if (optimise != 0) {
            return;
        }
        int lEnd = newLabel();
        cIfCond(pns.nodes[0], true, lEnd);
        emit.loadGlobal("AssertionError", true);
        if (pns.nodes[1] != null) {
            compileNode(pns.nodes[1]);
            emit.callFunction(1, 0, 0);
        }
        emit.raiseVarargs(1);
        emit.labelAssign(lEnd);
    }

    private void compileIfStmt(Struct pns) {
        int lEnd = newLabel();
        if (!Parser.isConstBool(pns.nodes[0], false)) {
            int lFail = newLabel();
            cIfCond(pns.nodes[0], false, lFail);
            compileNode(pns.nodes[1]);
            if (Parser.isConstBool(pns.nodes[0], true)) {
                emit.labelAssign(lEnd);
                return;
            }
            if (!(pns.nodes[2] == null && pns.nodes[3] == null)) {
                emit.jump(lEnd);
            }
            emit.labelAssign(lFail);
        }
        for (ParseNode e : ParseNode.extractList(pns.nodes[2], Rule.if_stmt_elif_list)) {
            Struct elif = (Struct) e;
            if (!Parser.isConstBool(elif.nodes[0], false)) {
                int lFail = newLabel();
                cIfCond(elif.nodes[0], false, lFail);
                compileNode(elif.nodes[1]);
                if (Parser.isConstBool(elif.nodes[0], true)) {
                    emit.labelAssign(lEnd);
                    return;
                }
                emit.jump(lEnd);
                emit.labelAssign(lFail);
            }
        }
        compileNode(pns.nodes[3]);
        emit.labelAssign(lEnd);
    }

    private int[] startBreakContinueBlock() {
        int[] saved = {breakLabel, continueLabel, breakContinueExceptLevel};
        int bl = newLabel();
        int cl = newLabel();
        breakLabel = bl;
        continueLabel = cl;
        breakContinueExceptLevel = curExceptLevel;
        return new int[] {saved[0], saved[1], saved[2], bl, cl};
    }

    private void endBreakContinueBlock(int[] saved) {
        breakLabel = saved[0];
        continueLabel = saved[1];
        breakContinueExceptLevel = saved[2];
    }

    private void compileWhileStmt(Struct pns) {
        int[] blk = startBreakContinueBlock();
        int breakL = blk[3];
        int continueL = blk[4];
        if (!Parser.isConstBool(pns.nodes[0], false)) {
            int top = newLabel();
            if (!Parser.isConstBool(pns.nodes[0], true)) {
                emit.jump(continueL);
            }
            emit.labelAssign(top);
            compileNode(pns.nodes[1]);
            emit.labelAssign(continueL);
            cIfCond(pns.nodes[0], true, top);
        }
        endBreakContinueBlock(blk);
        compileNode(pns.nodes[2]);
        emit.labelAssign(breakL);
    }

    private static boolean isStarOrKwArg(ParseNode pn) {
        return pn instanceof Struct s && (s.rule == Rule.arglist_star || s.rule == Rule.arglist_dbl_star
            || s.rule == Rule.argument);
    }

    private void compileForStmtOptimisedRange(ParseNode var, ParseNode start, ParseNode end, ParseNode step,
            ParseNode body, ParseNode orelse) {
        int[] blk = startBreakContinueBlock();
        int breakL = blk[3];
        int continueL = blk[4];
        int top = newLabel();
        int entry = newLabel();
        boolean endOnStack = !(end instanceof SmallInt);
        if (endOnStack) {
            compileNode(end);
        }
        compileNode(start);
        emit.jump(entry);
        emit.labelAssign(top);
        emit.dupTop();
        cAssign(var, ASSIGN_STORE);
        compileNode(body);
        emit.labelAssign(continueL);
        compileNode(step);
        emit.binaryOp(Emitter.BINARY_INPLACE_ADD);
        emit.labelAssign(entry);
        if (endOnStack) {
            emit.dupTopTwo();
            emit.rotTwo();
        } else {
            emit.dupTop();
            compileNode(end);
        }
        if (((SmallInt) step).value() >= 0) {
            emit.binaryOp(Emitter.BINARY_LESS);
        } else {
            emit.binaryOp(Emitter.BINARY_MORE);
        }
        emit.popJumpIf(true, top);
        endBreakContinueBlock(blk);
        int endLabel = 0;
        if (orelse != null) {
            emit.popTop();
            if (endOnStack) {
                emit.popTop();
            }
            compileNode(orelse);
            endLabel = newLabel();
            emit.jump(endLabel);
            emit.adjustStackSize(1 + (endOnStack ? 1 : 0));
        }
        emit.labelAssign(breakL);
        emit.popTop();
        if (endOnStack) {
            emit.popTop();
        }
        if (orelse != null) {
            emit.labelAssign(endLabel);
        }
    }

    private void compileForStmt(Struct pns) {
        if (pns.nodes[0] instanceof Id && ParseNode.isStruct(pns.nodes[1], Rule.atom_expr_normal)) {
            Struct it = (Struct) pns.nodes[1];
            if (it.nodes[0] instanceof Id rid && rid.name().equals("range")
                    && ParseNode.isStruct(it.nodes[1], Rule.trailer_paren)) {
                ParseNode[] args = ParseNode.extractList(((Struct) it.nodes[1]).nodes[0], Rule.arglist);
                ParseNode start = null;
                ParseNode end = null;
                ParseNode step = null;
                boolean optimize = false;
                if (args.length >= 1 && args.length <= 3) {
                    optimize = true;
                    if (args.length == 1) {
                        start = new SmallInt(0);
                        end = args[0];
                        step = new SmallInt(1);
                    } else if (args.length == 2) {
                        start = args[0];
                        end = args[1];
                        step = new SmallInt(1);
                    } else {
                        start = args[0];
                        end = args[1];
                        step = args[2];
                        if (!(step instanceof SmallInt si) || si.value() == 0) {
                            optimize = false;
                        }
                    }
                    if (optimize && isStarOrKwArg(start)) {
                        optimize = false;
                    }
                    if (optimize && isStarOrKwArg(end)) {
                        optimize = false;
                    }
                }
                if (optimize) {
                    compileForStmtOptimisedRange(pns.nodes[0], start, end, step, pns.nodes[2], pns.nodes[3]);
                    return;
                }
            }
        }
        int[] blk = startBreakContinueBlock();
        int breakL = blk[3];
        int continueL = blk[4];
        breakLabel |= Emitter.BREAK_FROM_FOR;
        int popLabel = newLabel();
        compileNode(pns.nodes[1]);
        emit.getIter(true);
        emit.labelAssign(continueL);
        emit.forIter(popLabel);
        cAssign(pns.nodes[0], ASSIGN_STORE);
        compileNode(pns.nodes[2]);
        emit.jump(continueL);
        emit.labelAssign(popLabel);
        emit.forIterEnd();
        endBreakContinueBlock(blk);
        compileNode(pns.nodes[3]);
        emit.labelAssign(breakL);
    }

    private void compileTryExcept(ParseNode body, ParseNode[] excepts, ParseNode orelse) {
        int l1 = newLabel();
        int successLabel = newLabel();
        increaseExceptLevel(l1, Emitter.SETUP_EXCEPT);
        compileNode(body);
        emit.popExceptJump(successLabel, false);
        emit.labelAssign(l1);
        emit.startExceptHandler();
        int l2 = newLabel();
        for (int i = 0; i < excepts.length; i++) {
            Struct ex = (Struct) excepts[i];
            String local = null;
            int endFinallyLabel = newLabel();
            if (ex.nodes[0] == null) {
                if (i + 1 != excepts.length) {
                    throw syntaxError(excepts[i], "default 'except' must be last");
                }
            } else {
                ParseNode exprNode = ex.nodes[0];
                if (ParseNode.isStruct(exprNode, Rule.try_stmt_as_name)) {
                    Struct s3 = (Struct) exprNode;
                    exprNode = s3.nodes[0];
                    local = idName(s3.nodes[1]);
                }
                emit.dupTop();
                compileNode(exprNode);
                emit.binaryOp(Emitter.BINARY_EXCEPTION_MATCH);
                emit.popJumpIf(false, endFinallyLabel);
            }
            if (local == null) {
                emit.popTop();
            } else {
                storeId(local);
            }
            int l3 = 0;
            if (local != null) {
                l3 = newLabel();
                increaseExceptLevel(l3, Emitter.SETUP_FINALLY);
            }
            compileNode(ex.nodes[1]);
            if (local != null) {
                emit.loadConstTok(TokenKind.KW_NONE);
                emit.labelAssign(l3);
                emit.adjustStackSize(1);
                emit.loadConstTok(TokenKind.KW_NONE);
                storeId(local);
                deleteId(local);
                emit.adjustStackSize(-1);
                decreaseExceptLevel();
            }
            emit.popExceptJump(l2, true);
            emit.labelAssign(endFinallyLabel);
            emit.adjustStackSize(1);
        }
        decreaseExceptLevel();
        emit.endExceptHandler();
        emit.labelAssign(successLabel);
        compileNode(orelse);
        emit.labelAssign(l2);
    }

    private void compileTryFinally(ParseNode body, ParseNode[] excepts, ParseNode orelse, ParseNode fin) {
        int lFinally = newLabel();
        increaseExceptLevel(lFinally, Emitter.SETUP_FINALLY);
        if (excepts.length == 0) {
            emit.adjustStackSize(3);
            compileNode(body);
            emit.adjustStackSize(-3);
        } else {
            compileTryExcept(body, excepts, orelse);
        }
        emit.loadConstTok(TokenKind.KW_NONE);
        emit.labelAssign(lFinally);
        emit.adjustStackSize(1);
        compileNode(fin);
        emit.adjustStackSize(-1);
        decreaseExceptLevel();
    }

    private void compileTryStmt(Struct pns) {
        Struct pns2 = (Struct) pns.nodes[1];
        if (pns2.rule == Rule.try_stmt_finally) {
            compileTryFinally(pns.nodes[0], new ParseNode[0], null, pns2.nodes[0]);
        } else if (pns2.rule == Rule.try_stmt_except_and_more) {
            ParseNode[] excepts = ParseNode.extractList(pns2.nodes[0], Rule.try_stmt_except_list);
            if (pns2.nodes[2] == null) {
                compileTryExcept(pns.nodes[0], excepts, pns2.nodes[1]);
            } else {
                compileTryFinally(pns.nodes[0], excepts, pns2.nodes[1], ((Struct) pns2.nodes[2]).nodes[0]);
            }
        } else {
            ParseNode[] excepts = ParseNode.extractList(pns.nodes[1], Rule.try_stmt_except_list);
            compileTryExcept(pns.nodes[0], excepts, null);
        }
    }

    private void compileWithStmtHelper(ParseNode[] nodes, int idx, ParseNode body) {
        if (idx == nodes.length) {
            compileNode(body);
            return;
        }
        int lEnd = newLabel();
        if (ParseNode.isStruct(nodes[idx], Rule.with_item)) {
            Struct pns = (Struct) nodes[idx];
            compileNode(pns.nodes[0]);
            increaseExceptLevel(lEnd, Emitter.SETUP_WITH);
            cAssign(pns.nodes[1], ASSIGN_STORE);
        } else {
            compileNode(nodes[idx]);
            increaseExceptLevel(lEnd, Emitter.SETUP_WITH);
            emit.popTop();
        }
        compileWithStmtHelper(nodes, idx + 1, body);
        emit.withCleanup(lEnd);
        reserveLabelsForNative(3);
        decreaseExceptLevel();
    }

    private void compileWithStmt(Struct pns) {
        ParseNode[] nodes = ParseNode.extractList(pns.nodes[0], Rule.with_stmt_list);
        compileWithStmtHelper(nodes, 0, pns.nodes[1]);
    }

    private void compileYieldFrom() {
        emit.getIter(false);
        emit.loadConstTok(TokenKind.KW_NONE);
        emit.yield(Emitter.YIELD_FROM);
        reserveLabelsForNative(3);
    }

    private void compileAwaitObjectMethod(String method) {
        emit.loadMethod(method, false);
        emit.callMethod(0, 0, 0);
        compileYieldFrom();
    }

    private void compileAsyncForStmt(Struct pns) {
        int whileElseLabel = newLabel();
        int tryExceptionLabel = newLabel();
        int tryElseLabel = newLabel();
        int tryFinallyLabel = newLabel();
        compileNode(pns.nodes[1]);
        emit.loadMethod("__aiter__", false);
        emit.callMethod(0, 0, 0);
        int[] blk = startBreakContinueBlock();
        int breakL = blk[3];
        int continueL = blk[4];
        emit.labelAssign(continueL);
        increaseExceptLevel(tryExceptionLabel, Emitter.SETUP_EXCEPT);
        emit.dupTop();
        compileAwaitObjectMethod("__anext__");
        cAssign(pns.nodes[0], ASSIGN_STORE);
        emit.popExceptJump(tryElseLabel, false);
        emit.labelAssign(tryExceptionLabel);
        emit.startExceptHandler();
        emit.dupTop();
        emit.loadGlobal("StopAsyncIteration", true);
        emit.binaryOp(Emitter.BINARY_EXCEPTION_MATCH);
        emit.popJumpIf(false, tryFinallyLabel);
        emit.popTop();
        emit.popExceptJump(whileElseLabel, true);
        emit.labelAssign(tryFinallyLabel);
        emit.adjustStackSize(1);
        decreaseExceptLevel();
        emit.endExceptHandler();
        emit.labelAssign(tryElseLabel);
        compileNode(pns.nodes[2]);
        emit.jump(continueL);
        endBreakContinueBlock(blk);
        emit.labelAssign(whileElseLabel);
        compileNode(pns.nodes[3]);
        emit.labelAssign(breakL);
        emit.popTop();
    }

    private void compileAsyncWithStmtHelper(ParseNode[] nodes, int idx, ParseNode body) {
        if (idx == nodes.length) {
            compileNode(body);
            return;
        }
        int lFinally = newLabel();
        int lAexitNoExc = newLabel();
        int lRetUnwindJump = newLabel();
        int lEnd = newLabel();
        if (ParseNode.isStruct(nodes[idx], Rule.with_item)) {
            Struct pns = (Struct) nodes[idx];
            compileNode(pns.nodes[0]);
            emit.dupTop();
            compileAwaitObjectMethod("__aenter__");
            cAssign(pns.nodes[1], ASSIGN_STORE);
        } else {
            compileNode(nodes[idx]);
            emit.dupTop();
            compileAwaitObjectMethod("__aenter__");
            emit.popTop();
        }
        increaseExceptLevel(lFinally, Emitter.SETUP_FINALLY);
        emit.adjustStackSize(3);
        compileAsyncWithStmtHelper(nodes, idx + 1, body);
        emit.adjustStackSize(-3);
        emit.asyncWithSetupFinally(lAexitNoExc, lFinally, lRetUnwindJump);
        emit.dupTop();
        emit.rotThree();
        emit.rotTwo();
        emit.loadMethod("__aexit__", false);
        emit.rotThree();
        emit.rotThree();
        emit.dupTop();
        emit.attr("__class__", Emitter.ATTR_LOAD);
        emit.rotTwo();
        emit.loadConstTok(TokenKind.KW_NONE);
        emit.callMethod(3, 0, 0);
        compileYieldFrom();
        emit.popJumpIf(false, lEnd);
        emit.popTop();
        emit.loadConstTok(TokenKind.KW_NONE);
        emit.jump(lEnd);
        emit.adjustStackSize(2);
        emit.labelAssign(lRetUnwindJump);
        emit.rotThree();
        emit.rotThree();
        emit.labelAssign(lAexitNoExc);
        emit.loadMethod("__aexit__", false);
        emit.loadConstTok(TokenKind.KW_NONE);
        emit.dupTop();
        emit.dupTop();
        emit.callMethod(3, 0, 0);
        compileYieldFrom();
        emit.popTop();
        emit.adjustStackSize(-1);
        emit.labelAssign(lEnd);
        decreaseExceptLevel();
    }

    private void compileAsyncStmt(Struct pns) {
        Struct pns0 = (Struct) pns.nodes[0];
        if (pns0.rule == Rule.funcdef) {
            compileFuncdef(pns0);
            ((Scope) pns0.data).scopeFlags |= Scope.FLAG_GENERATOR;
        } else {
            if ((scopeCur.scopeFlags & Scope.FLAG_GENERATOR) == 0) {
                throw syntaxError(pns0, "async for/with outside async function");
            }
            if (pns0.rule == Rule.for_stmt) {
                compileAsyncForStmt(pns0);
            } else {
                compileAsyncWithStmtHelper(ParseNode.extractList(pns0.nodes[0], Rule.with_stmt_list), 0,
                    pns0.nodes[1]);
            }
        }
    }

    private void compileFuncdef(Struct pns) {
        String fname = compileFuncdefHelper(pns, scopeCur.emitOptions);
        storeId(fname);
    }

    private static boolean isLonelyConst(ParseNode pn) {
        return pn instanceof SmallInt || pn instanceof Str || pn instanceof Tok || pn instanceof Const;
    }

    private void compileExprStmt(Struct pns) {
        ParseNode rhs = pns.nodes[1];
        if (rhs == null) {
            if (isRepl && scopeCur.kind == Scope.Kind.MODULE) {
                loadId("__repl_print__");
                compileNode(pns.nodes[0]);
                emit.callFunction(1, 0, 0);
                emit.popTop();
            } else if (!isLonelyConst(pns.nodes[0])) {
                compileNode(pns.nodes[0]);
                emit.popTop();
            }
            return;
        }
        if (rhs instanceof Struct pns1) {
            if (pns1.rule == Rule.annassign) {
                if (pns1.nodes[1] == null) {
                    if (scopeCur.kind == Scope.Kind.FUNCTION && pns.nodes[0] instanceof Id id) {
                        scopeCur.findOrAdd(id.name(), IdKind.LOCAL);
                    }
                    return;
                }
                rhs = pns1.nodes[1];
            } else if (pns1.rule == Rule.expr_stmt_augassign) {
                cAssign(pns.nodes[0], ASSIGN_AUG_LOAD);
                compileNode(pns1.nodes[1]);
                TokenKind tok = ((Tok) pns1.nodes[0]).kind();
                emit.binaryOp(Emitter.BINARY_INPLACE_OR + (tok.ordinal() - TokenKind.DEL_PIPE_EQUAL.ordinal()));
                cAssign(pns.nodes[0], ASSIGN_AUG_STORE);
                return;
            } else if (pns1.rule == Rule.expr_stmt_assign_list) {
                int last = pns1.nodes.length - 1;
                compileNode(pns1.nodes[last]);
                if (last > 0) {
                    emit.dupTop();
                }
                cAssign(pns.nodes[0], ASSIGN_STORE);
                for (int i = 0; i < last; i++) {
                    if (i + 1 < last) {
                        emit.dupTop();
                    }
                    cAssign(pns1.nodes[i], ASSIGN_STORE);
                }
                return;
            }
        }
        // plain assignment
        if (ParseNode.isStruct(rhs, Rule.testlist_star_expr) && ParseNode.isStruct(pns.nodes[0], Rule.testlist_star_expr)) {
            Struct pns0 = (Struct) pns.nodes[0];
            Struct r = (Struct) rhs;
            int n = pns0.nodes.length;
            if (n == r.nodes.length && (n == 2 || n == 3)
                    && !ParseNode.isStruct(pns0.nodes[0], Rule.star_expr)
                    && !ParseNode.isStruct(pns0.nodes[1], Rule.star_expr)
                    && (n == 2 || !ParseNode.isStruct(pns0.nodes[2], Rule.star_expr))) {
                compileNode(r.nodes[0]);
                compileNode(r.nodes[1]);
                if (n == 3) {
                    compileNode(r.nodes[2]);
                    emit.rotThree();
                }
                emit.rotTwo();
                cAssign(pns0.nodes[0], ASSIGN_STORE);
                cAssign(pns0.nodes[1], ASSIGN_STORE);
                if (n == 3) {
                    cAssign(pns0.nodes[2], ASSIGN_STORE);
                }
                return;
            }
        }
        compileNode(rhs);
        cAssign(pns.nodes[0], ASSIGN_STORE);
    }

    // ---- expressions ------------------------------------------------------------------------

    private void compileTestIfExpr(Struct pns) {
        Struct ifElse = (Struct) pns.nodes[1];
        int lFail = newLabel();
        int lEnd = newLabel();
        cIfCond(ifElse.nodes[0], false, lFail);
        compileNode(pns.nodes[0]);
        emit.jump(lEnd);
        emit.labelAssign(lFail);
        emit.adjustStackSize(-1);
        compileNode(ifElse.nodes[1]);
        emit.labelAssign(lEnd);
    }

    private void compileLambdef(Struct pns) {
        if (pass == Emitter.PASS_SCOPE) {
            pns.data = newScope(Scope.Kind.LAMBDA, pns, scopeCur.emitOptions);
        }
        compileFuncdefLambdef((Scope) pns.data, pns.nodes[0], Rule.varargslist);
    }

    private void compileNamedexprHelper(ParseNode name, ParseNode expr) {
        if (!(name instanceof Id)) {
            throw syntaxError(name, "can't assign to expression");
        }
        compileNode(expr);
        emit.dupTop();
        String target = idName(name);
        if (pass == Emitter.PASS_SCOPE && scopeCur.kind.compLike()) {
            IdInfo parentId = scopeCur.parent.idForModification(target);
            if (parentId.kind == IdKind.GLOBAL_EXPLICIT) {
                scopeCur.findOrAdd(target, IdKind.GLOBAL_EXPLICIT);
            } else {
                IdInfo id = scopeCur.findOrAdd(target, IdKind.UNDECIDED);
                boolean isGlobal = scopeCur.parent.parent == null;
                if (!isGlobal && id.kind == IdKind.GLOBAL_IMPLICIT) {
                    id.kind = IdKind.UNDECIDED;
                }
                if (isGlobal) {
                    declareGlobal(name, id);
                } else {
                    declareNonlocal(name, id);
                }
            }
        }
        storeId(target);
    }

    private void compileOrAndTest(Struct pns) {
        boolean cond = pns.rule == Rule.or_test;
        int lEnd = newLabel();
        int n = pns.nodes.length;
        for (int i = 0; i < n; i++) {
            compileNode(pns.nodes[i]);
            if (i + 1 < n) {
                emit.jumpIfOrPop(cond, lEnd);
            }
        }
        emit.labelAssign(lEnd);
    }

    private void compileComparison(Struct pns) {
        int n = pns.nodes.length;
        compileNode(pns.nodes[0]);
        boolean multi = n > 3;
        int lFail = 0;
        if (multi) {
            lFail = newLabel();
        }
        for (int i = 1; i + 1 < n; i += 2) {
            compileNode(pns.nodes[i + 1]);
            if (i + 2 < n) {
                emit.dupTop();
                emit.rotThree();
            }
            if (pns.nodes[i] instanceof Tok t) {
                int op = t.kind() == TokenKind.KW_IN ? Emitter.BINARY_IN
                    : Emitter.BINARY_LESS + (t.kind().ordinal() - TokenKind.OP_LESS.ordinal());
                emit.binaryOp(op);
            } else {
                Struct p2 = (Struct) pns.nodes[i];
                if (p2.rule == Rule.comp_op_not_in) {
                    emit.binaryOp(Emitter.BINARY_NOT_IN);
                } else if (p2.nodes[0] == null) {
                    emit.binaryOp(Emitter.BINARY_IS);
                } else {
                    emit.binaryOp(Emitter.BINARY_IS_NOT);
                }
            }
            if (i + 2 < n) {
                emit.jumpIfOrPop(false, lFail);
            }
        }
        if (multi) {
            int lEnd = newLabel();
            emit.jump(lEnd);
            emit.labelAssign(lFail);
            emit.adjustStackSize(1);
            emit.rotTwo();
            emit.popTop();
            emit.labelAssign(lEnd);
        }
    }

    private void compileBinaryOp(Struct pns) {
        int op = Emitter.BINARY_OR + switch (pns.rule) {
            case expr -> 0;
            case xor_expr -> 1;
            default -> 2;
        };
        compileNode(pns.nodes[0]);
        for (int i = 1; i < pns.nodes.length; i++) {
            compileNode(pns.nodes[i]);
            emit.binaryOp(op);
        }
    }

    private void compileTerm(Struct pns) {
        compileNode(pns.nodes[0]);
        for (int i = 1; i + 1 < pns.nodes.length; i += 2) {
            compileNode(pns.nodes[i + 1]);
            TokenKind tok = ((Tok) pns.nodes[i]).kind();
            emit.binaryOp(Emitter.BINARY_LSHIFT + (tok.ordinal() - TokenKind.OP_DBL_LESS.ordinal()));
        }
    }

    private void compileFactor2(Struct pns) {
        compileNode(pns.nodes[1]);
        TokenKind tok = ((Tok) pns.nodes[0]).kind();
        int op = switch (tok) {
            case OP_TILDE -> Emitter.UNARY_INVERT;
            case OP_PLUS -> Emitter.UNARY_POSITIVE;
            default -> Emitter.UNARY_NEGATIVE;
        };
        emit.unaryOp(op);
    }

    private void compileAtomExprNormal(Struct pns) {
        compileNode(pns.nodes[0]);
        if (pns.nodes[1] == null) {
            return;
        }
        Struct[] trail;
        Struct t0 = (Struct) pns.nodes[1];
        if (t0.rule == Rule.atom_expr_trailers) {
            trail = new Struct[t0.nodes.length];
            for (int k = 0; k < trail.length; k++) {
                trail[k] = (Struct) t0.nodes[k];
            }
        } else {
            trail = new Struct[] {t0};
        }
        int i = 0;
        if (scopeCur.kind == Scope.Kind.FUNCTION && pns.nodes[0] instanceof Id sid && sid.name().equals("super")
                && trail[0].rule == Rule.trailer_paren && trail[0].nodes[0] == null) {
            loadId("__class__");
            boolean found = false;
            for (IdInfo id : scopeCur.ids) {
                if ((id.flags & Scope.FLAG_IS_PARAM) != 0) {
                    loadId(id.name);
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw syntaxError(trail[0], "super() can't find self");
            }
            if (trail.length >= 3 && trail[1].rule == Rule.trailer_period && trail[2].rule == Rule.trailer_paren) {
                emit.loadMethod(idName(trail[1].nodes[0]), true);
                compileTrailerParenHelper(trail[2].nodes[0], true, 0);
                i = 3;
            } else {
                emit.callFunction(2, 0, 0);
                i = 1;
            }
        }
        for (; i < trail.length; i++) {
            if (i + 1 < trail.length && trail[i].rule == Rule.trailer_period
                    && trail[i + 1].rule == Rule.trailer_paren) {
                emit.loadMethod(idName(trail[i].nodes[0]), false);
                compileTrailerParenHelper(trail[i + 1].nodes[0], true, 0);
                i++;
            } else {
                compileNode(trail[i]);
            }
        }
    }

    private void compileTrailerParenHelper(ParseNode arglist, boolean isMethodCall, int nPositionalExtra) {
        ParseNode[] args = ParseNode.extractList(arglist, Rule.arglist);
        int nPositional = nPositionalExtra;
        int nKeyword = 0;
        int starFlags = 0;
        long starArgs = 0;
        for (int i = 0; i < args.length; i++) {
            ParseNode a = args[i];
            if (a instanceof Struct pa && (pa.rule == Rule.arglist_star || pa.rule == Rule.arglist_dbl_star
                    || pa.rule == Rule.argument)) {
                if (pa.rule == Rule.arglist_star) {
                    if ((starFlags & 2) != 0) {
                        throw syntaxError(pa, "* arg after **");
                    }
                    if (i >= smallIntBits - 1) {
                        throw syntaxError(pa, "too many args");
                    }
                    starFlags |= 1;
                    starArgs |= 1L << i;
                    compileNode(pa.nodes[0]);
                    nPositional++;
                } else if (pa.rule == Rule.arglist_dbl_star) {
                    starFlags |= 2;
                    emit.loadNull();
                    compileNode(pa.nodes[0]);
                    nKeyword++;
                } else {
                    if (ParseNode.isStruct(pa.nodes[1], Rule.argument_3)) {
                        compileNamedexprHelper(pa.nodes[0], ((Struct) pa.nodes[1]).nodes[0]);
                        nPositional++;
                    } else if (!ParseNode.isStruct(pa.nodes[1], Rule.comp_for)) {
                        if (!(pa.nodes[0] instanceof Id)) {
                            throw syntaxError(pa, "LHS of keyword arg must be an id");
                        }
                        emit.loadConstStr(idName(pa.nodes[0]));
                        compileNode(pa.nodes[1]);
                        nKeyword++;
                    } else {
                        compileComprehension(pa, Scope.Kind.GEN_EXPR);
                        nPositional++;
                    }
                }
            } else {
                if ((starFlags & 2) != 0) {
                    throw syntaxError(a, "positional arg after **");
                }
                if (nKeyword > 0) {
                    throw syntaxError(a, "positional arg after keyword arg");
                }
                compileNode(a);
                nPositional++;
            }
        }
        if (starFlags != 0) {
            emit.loadConstSmallInt(starArgs);
        }
        if (isMethodCall) {
            emit.callMethod(nPositional, nKeyword, starFlags);
        } else {
            emit.callFunction(nPositional, nKeyword, starFlags);
        }
    }

    private void compileComprehension(Struct pns, Scope.Kind kind) {
        Struct compFor = (Struct) pns.nodes[1];
        if (pass == Emitter.PASS_SCOPE) {
            compFor.data = newScope(kind, pns, scopeCur.emitOptions);
        }
        Scope thisScope = (Scope) compFor.data;
        closeOverVariablesEtc(thisScope, 0, 0);
        compileNode(compFor.nodes[1]);
        if (kind == Scope.Kind.GEN_EXPR) {
            emit.getIter(false);
        }
        emit.callFunction(1, 0, 0);
    }

    private void compileAtomParen(Struct pns) {
        if (pns.nodes[0] == null) {
            emit.build(0, Emitter.BUILD_TUPLE);
        } else {
            Struct tc = (Struct) pns.nodes[0];
            if (testlistCompHasCompFor(tc)) {
                compileComprehension(tc, Scope.Kind.GEN_EXPR);
            } else {
                compileGenericTuple(tc);
            }
        }
    }

    private void compileAtomBracket(Struct pns) {
        if (pns.nodes[0] == null) {
            emit.build(0, Emitter.BUILD_LIST);
        } else if (ParseNode.isStruct(pns.nodes[0], Rule.testlist_comp)) {
            Struct tc = (Struct) pns.nodes[0];
            if (testlistCompHasCompFor(tc)) {
                compileComprehension(tc, Scope.Kind.LIST_COMP);
            } else {
                compileGenericAllNodes(tc);
                emit.build(tc.nodes.length, Emitter.BUILD_LIST);
            }
        } else {
            compileNode(pns.nodes[0]);
            emit.build(1, Emitter.BUILD_LIST);
        }
    }

    private void compileAtomBrace(Struct pns) {
        ParseNode pn = pns.nodes[0];
        if (pn == null) {
            emit.build(0, Emitter.BUILD_MAP);
        } else if (pn instanceof Struct p && p.rule == Rule.dictorsetmaker_item) {
            emit.build(1, Emitter.BUILD_MAP);
            compileNode(pn);
            emit.storeMap();
        } else if (pn instanceof Struct p && p.rule == Rule.dictorsetmaker) {
            Struct p1 = (Struct) p.nodes[1];
            if (p1.rule == Rule.dictorsetmaker_list) {
                ParseNode[] nodes = ParseNode.extractList(p1.nodes[0], Rule.dictorsetmaker_list2);
                boolean isDict;
                if (ParseNode.isStruct(p.nodes[0], Rule.dictorsetmaker_item)) {
                    emit.build(1 + nodes.length, Emitter.BUILD_MAP);
                    compileNode(p.nodes[0]);
                    emit.storeMap();
                    isDict = true;
                } else {
                    compileNode(p.nodes[0]);
                    isDict = false;
                }
                for (ParseNode ni : nodes) {
                    boolean isKeyValue = ParseNode.isStruct(ni, Rule.dictorsetmaker_item);
                    compileNode(ni);
                    if (isDict) {
                        if (!isKeyValue) {
                            throw syntaxError(p, "expecting key:value for dict");
                        }
                        emit.storeMap();
                    } else if (isKeyValue) {
                        throw syntaxError(p, "expecting just a value for set");
                    }
                }
                if (!isDict) {
                    emit.build(1 + nodes.length, Emitter.BUILD_SET);
                }
            } else {
                if (ParseNode.isStruct(p.nodes[0], Rule.dictorsetmaker_item)) {
                    compileComprehension(p, Scope.Kind.DICT_COMP);
                } else {
                    compileComprehension(p, Scope.Kind.SET_COMP);
                }
            }
        } else {
            compileNode(pn);
            emit.build(1, Emitter.BUILD_SET);
        }
    }

    private void compileSubscript(Struct pns) {
        if (pns.rule == Rule.subscript_2) {
            compileNode(pns.nodes[0]);
            pns = (Struct) pns.nodes[1];
        } else {
            emit.loadConstTok(TokenKind.KW_NONE);
        }
        ParseNode pn = pns.nodes[0];
        if (pn == null) {
            emit.loadConstTok(TokenKind.KW_NONE);
            emit.build(2, Emitter.BUILD_SLICE);
        } else if (pn instanceof Struct p && p.rule == Rule.subscript_3c) {
            emit.loadConstTok(TokenKind.KW_NONE);
            if (p.nodes[0] == null) {
                emit.build(2, Emitter.BUILD_SLICE);
            } else {
                compileNode(p.nodes[0]);
                emit.build(3, Emitter.BUILD_SLICE);
            }
        } else if (pn instanceof Struct p && p.rule == Rule.subscript_3d) {
            compileNode(p.nodes[0]);
            Struct sliceop = (Struct) p.nodes[1];
            if (sliceop.nodes[0] == null) {
                emit.build(2, Emitter.BUILD_SLICE);
            } else {
                compileNode(sliceop.nodes[0]);
                emit.build(3, Emitter.BUILD_SLICE);
            }
        } else {
            compileNode(pn);
            emit.build(2, Emitter.BUILD_SLICE);
        }
    }

    private void compileYieldExpr(Struct pns) {
        if (scopeCur.kind != Scope.Kind.FUNCTION && scopeCur.kind != Scope.Kind.LAMBDA) {
            throw syntaxError(pns, "'yield' outside function");
        }
        if (pns.nodes[0] == null) {
            emit.loadConstTok(TokenKind.KW_NONE);
            emit.yield(Emitter.YIELD_VALUE);
            reserveLabelsForNative(1);
        } else if (ParseNode.isStruct(pns.nodes[0], Rule.yield_arg_from)) {
            compileNode(((Struct) pns.nodes[0]).nodes[0]);
            compileYieldFrom();
        } else {
            compileNode(pns.nodes[0]);
            emit.yield(Emitter.YIELD_VALUE);
            reserveLabelsForNative(1);
        }
    }

    private void compileAtomExprAwait(Struct pns) {
        if (scopeCur.kind != Scope.Kind.FUNCTION && scopeCur.kind != Scope.Kind.LAMBDA) {
            throw syntaxError(pns, "'await' outside function");
        }
        compileAtomExprNormal(pns);
        compileYieldFrom();
    }

    // ---- dispatch ---------------------------------------------------------------------------

    private void compileNode(ParseNode pn) {
        if (pn == null) {
            return;
        }
        if (pn instanceof SmallInt si) {
            emit.loadConstSmallInt(si.value());
        } else if (pn instanceof Id id) {
            loadId(id.name());
        } else if (pn instanceof Str s) {
            emit.loadConstStr(s.value());
        } else if (pn instanceof Tok t) {
            if (t.kind() != TokenKind.NEWLINE) {
                emit.loadConstTok(t.kind());
            }
        } else if (pn instanceof Const c) {
            emit.setSourceLine(c.line());
            emit.loadConstObj(c.value());
        } else {
            Struct pns = (Struct) pn;
            emit.setSourceLine(pns.line);
            compileStruct(pns);
        }
    }

    private void compileStruct(Struct pns) {
        switch (pns.rule) {
            case file_input, file_input_2, simple_stmt_2, suite_block_stmts, pass_stmt -> compileGenericAllNodes(pns);
            case decorated -> compileDecorated(pns);
            case funcdef -> compileFuncdef(pns);
            case expr_stmt -> compileExprStmt(pns);
            case testlist_star_expr, testlist, subscriptlist -> compileGenericTuple(pns);
            case del_stmt -> {
                for (ParseNode n : applyList(pns.nodes[0], Rule.exprlist)) {
                    cDelStmt(n);
                }
            }
            case break_stmt, continue_stmt -> compileBreakContStmt(pns);
            case return_stmt -> compileReturnStmt(pns);
            case yield_stmt -> {
                compileNode(pns.nodes[0]);
                emit.popTop();
            }
            case raise_stmt -> compileRaiseStmt(pns);
            case import_name -> {
                for (ParseNode n : applyList(pns.nodes[0], Rule.dotted_as_names)) {
                    compileDottedAsName(n);
                }
            }
            case import_from -> compileImportFrom(pns);
            case global_stmt, nonlocal_stmt -> compileGlobalNonlocalStmt(pns);
            case assert_stmt -> compileAssertStmt(pns);
            case async_stmt -> compileAsyncStmt(pns);
            case if_stmt -> compileIfStmt(pns);
            case while_stmt -> compileWhileStmt(pns);
            case for_stmt -> compileForStmt(pns);
            case try_stmt -> compileTryStmt(pns);
            case with_stmt -> compileWithStmt(pns);
            case namedexpr_test -> compileNamedexprHelper(pns.nodes[0], pns.nodes[1]);
            case test_if_expr -> compileTestIfExpr(pns);
            case lambdef, lambdef_nocond -> compileLambdef(pns);
            case or_test, and_test -> compileOrAndTest(pns);
            case not_test_2 -> {
                compileNode(pns.nodes[0]);
                emit.unaryOp(Emitter.UNARY_NOT);
            }
            case comparison -> compileComparison(pns);
            case star_expr -> throw syntaxError(pns, "*x must be assignment target");
            case expr, xor_expr, and_expr -> compileBinaryOp(pns);
            case shift_expr, arith_expr, term -> compileTerm(pns);
            case factor_2 -> compileFactor2(pns);
            case power -> {
                compileGenericAllNodes(pns);
                emit.binaryOp(Emitter.BINARY_POWER);
            }
            case atom_expr_await -> compileAtomExprAwait(pns);
            case atom_expr_normal -> compileAtomExprNormal(pns);
            case atom_paren -> compileAtomParen(pns);
            case atom_bracket -> compileAtomBracket(pns);
            case atom_brace -> compileAtomBrace(pns);
            case trailer_paren -> compileTrailerParenHelper(pns.nodes[0], false, 0);
            case trailer_bracket -> {
                compileNode(pns.nodes[0]);
                emit.subscr(Emitter.SUBSCR_LOAD);
            }
            case trailer_period -> emit.attr(idName(pns.nodes[0]), Emitter.ATTR_LOAD);
            case subscript_2, subscript_3 -> compileSubscript(pns);
            case dictorsetmaker_item -> {
                compileNode(pns.nodes[1]);
                compileNode(pns.nodes[0]);
            }
            case classdef -> storeId(compileClassdefHelper(pns, scopeCur.emitOptions));
            case yield_expr -> compileYieldExpr(pns);
            default -> throw new IllegalStateException("no compile function for rule " + pns.rule);
        }
    }

    // ---- scopes -----------------------------------------------------------------------------

    private void compileScopeFuncLambdaParam(ParseNode pn, Rule pnName, Rule pnStar, Rule pnDblStar) {
        if ((scopeCur.scopeFlags & Scope.FLAG_VARKEYWORDS) != 0) {
            throw syntaxError(pn, "invalid syntax");
        }
        String paramName = null;
        int paramFlag = Scope.FLAG_IS_PARAM;
        if (pn instanceof Id id) {
            paramName = id.name();
            if (haveStar) {
                scopeCur.numKwonlyArgs++;
            } else {
                scopeCur.numPosArgs++;
            }
        } else {
            Struct pns = (Struct) pn;
            if (pns.rule == pnName) {
                paramName = idName(pns.nodes[0]);
                if (haveStar) {
                    scopeCur.numKwonlyArgs++;
                } else {
                    scopeCur.numPosArgs++;
                }
            } else if (pns.rule == pnStar) {
                if (haveStar) {
                    throw syntaxError(pn, "invalid syntax");
                }
                haveStar = true;
                paramFlag = Scope.FLAG_IS_PARAM | Scope.FLAG_IS_STAR_PARAM;
                if (pns.nodes[0] == null) {
                    paramName = null;
                } else if (pns.nodes[0] instanceof Id id) {
                    scopeCur.scopeFlags |= Scope.FLAG_VARARGS;
                    paramName = id.name();
                } else {
                    scopeCur.scopeFlags |= Scope.FLAG_VARARGS;
                    paramName = idName(((Struct) pns.nodes[0]).nodes[0]);
                }
            } else {
                paramName = idName(pns.nodes[0]);
                paramFlag = Scope.FLAG_IS_PARAM | Scope.FLAG_IS_DBL_STAR_PARAM;
                scopeCur.scopeFlags |= Scope.FLAG_VARKEYWORDS;
            }
        }
        if (paramName != null) {
            IdInfo id = scopeCur.findOrAdd(paramName, IdKind.UNDECIDED);
            if (id.kind != IdKind.UNDECIDED) {
                throw syntaxError(pn, "argument name reused");
            }
            id.kind = IdKind.LOCAL;
            id.flags = paramFlag;
            if (scopeCur.emitOptions == EMIT_OPT_VIPER && pn instanceof Struct pns && pns.rule == Rule.typedargslist_name) {
                id.flags |= viperTypeAnnotation(pns.nodes[1]) << Scope.FLAG_VIPER_TYPE_POS;
            }
        }
    }

    private void compileScopeCompIter(Struct compFor, ParseNode inner, int forDepth) {
        int lTop = newLabel();
        int lEnd = newLabel();
        emit.labelAssign(lTop);
        emit.forIter(lEnd);
        cAssign(compFor.nodes[0], ASSIGN_STORE);
        ParseNode iter = compFor.nodes[2];
        while (true) {
            if (iter == null) {
                compileNode(inner);
                if (scopeCur.kind == Scope.Kind.GEN_EXPR) {
                    emit.yield(Emitter.YIELD_VALUE);
                    reserveLabelsForNative(1);
                    emit.popTop();
                } else {
                    emit.storeComp(scopeCur.kind, 4 * forDepth + 5);
                }
                break;
            } else if (((Struct) iter).rule == Rule.comp_if) {
                Struct cif = (Struct) iter;
                cIfCond(cif.nodes[0], false, lTop);
                iter = cif.nodes[1];
            } else {
                Struct cfor2 = (Struct) iter;
                compileNode(cfor2.nodes[1]);
                emit.getIter(true);
                compileScopeCompIter(cfor2, inner, forDepth + 1);
                break;
            }
        }
        emit.jump(lTop);
        emit.labelAssign(lEnd);
        emit.forIterEnd();
    }

    private boolean compileScope(Scope scope, int pass) {
        this.pass = pass;
        this.scopeCur = scope;
        this.nextLabel = 0;
        this.curExceptLevel = 0;
        emit.startPass(pass, scope);
        reserveLabelsForNative(6);
        if (pass == Emitter.PASS_SCOPE) {
            scope.stackSize = 0;
            scope.excStackSize = 0;
        }
        Struct pns = scope.pn instanceof Struct s ? s : null;
        switch (scope.kind) {
            case MODULE -> {
                if (ParseNode.isStruct(scope.pn, Rule.eval_input)) {
                    compileNode(pns.nodes[0]);
                } else {
                    compileNode(scope.pn);
                    emit.loadConstTok(TokenKind.KW_NONE);
                }
                emit.returnValue();
            }
            case FUNCTION -> {
                if (pass == Emitter.PASS_SCOPE) {
                    haveStar = false;
                    for (ParseNode p : applyList(pns.nodes[1], Rule.typedargslist)) {
                        compileScopeFuncLambdaParam(p, Rule.typedargslist_name, Rule.typedargslist_star,
                            Rule.typedargslist_dbl_star);
                    }
                    if (scope.emitOptions == EMIT_OPT_VIPER) {
                        scope.scopeFlags |= viperTypeAnnotation(pns.nodes[2]) << Scope.FLAG_VIPERRET_POS;
                    }
                }
                compileNode(pns.nodes[3]);
                emit.loadConstTok(TokenKind.KW_NONE);
                emit.returnValue();
            }
            case LAMBDA -> {
                emit.setSourceLine(pns.line);
                if (pass == Emitter.PASS_SCOPE) {
                    haveStar = false;
                    for (ParseNode p : applyList(pns.nodes[0], Rule.varargslist)) {
                        compileScopeFuncLambdaParam(p, Rule.varargslist_name, Rule.varargslist_star,
                            Rule.varargslist_dbl_star);
                    }
                }
                compileNode(pns.nodes[1]);
                if ((scope.scopeFlags & Scope.FLAG_GENERATOR) != 0) {
                    emit.popTop();
                    emit.loadConstTok(TokenKind.KW_NONE);
                }
                emit.returnValue();
            }
            case LIST_COMP, DICT_COMP, SET_COMP, GEN_EXPR -> {
                Struct compFor = (Struct) pns.nodes[1];
                String arg = "";
                if (pass == Emitter.PASS_SCOPE) {
                    scopeCur.findOrAdd(arg, IdKind.LOCAL);
                    scope.numPosArgs = 1;
                }
                emit.setSourceLine(pns.line);
                switch (scope.kind) {
                    case LIST_COMP -> emit.build(0, Emitter.BUILD_LIST);
                    case DICT_COMP -> emit.build(0, Emitter.BUILD_MAP);
                    case SET_COMP -> emit.build(0, Emitter.BUILD_SET);
                    default -> { }
                }
                if (scope.kind == Scope.Kind.GEN_EXPR) {
                    emit.loadNull();
                    loadId(arg);
                    emit.loadNull();
                    emit.loadNull();
                } else {
                    loadId(arg);
                    emit.getIter(true);
                }
                compileScopeCompIter(compFor, pns.nodes[0], 0);
                if (scope.kind == Scope.Kind.GEN_EXPR) {
                    emit.loadConstTok(TokenKind.KW_NONE);
                }
                emit.returnValue();
            }
            case CLASS -> {
                if (pass == Emitter.PASS_SCOPE) {
                    scope.findOrAdd("__class__", IdKind.LOCAL);
                }
                loadId("__name__");
                storeId("__module__");
                emit.loadConstStr(idName(pns.nodes[0]));
                storeId("__qualname__");
                compileNode(pns.nodes[2]);
                IdInfo id = scope.find("__class__");
                if (id.kind == IdKind.LOCAL) {
                    emit.loadConstTok(TokenKind.KW_NONE);
                } else {
                    emit.loadLocal("__class__", id.localNum, false);
                }
                emit.returnValue();
            }
        }
        boolean done = emit.endPass();
        throwPendingError();
        return done;
    }
}
