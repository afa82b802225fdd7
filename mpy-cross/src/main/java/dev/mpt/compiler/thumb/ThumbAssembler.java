package dev.mpt.compiler.thumb;

import dev.mpt.bytecode.NativeArch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Thumb-2 inline assembler: turns the body of an {@code @micropython.asm_thumb} function
 * into machine code byte-for-byte as MicroPython v1.28.0's mpy-cross does, and fails with the
 * same {@code SyntaxError} messages and lines for the same mistakes. The instruction forms live
 * in {@link ThumbEncodings}; this class does the passes, labels, {@code align}/{@code data},
 * operand reading and the entry/exit sequence.
 *
 * <h2>What the compiler must provide (the adapter)</h2>
 *
 * The Python compiler builds one {@link InlineAsmFunction} per function whose decorator is
 * {@code @micropython.asm_thumb} — or {@code asm_xtensa} / {@code asm_rv32}: mpy-cross picks the
 * inline assembler from {@code -march}, not from the decorator — when the target is one of
 * armv6, armv6m, armv7m, armv7em, armv7emsp, armv7emdp ({@link #supports}); for other targets
 * the compiler itself reports {@code invalid arch} at the decorator. A decorated non-function
 * scope is the compiler's error too ({@code inline assembler must be a function}).
 * <ul>
 *   <li>{@code defLine}: the {@code funcdef} node's line (the {@code def} keyword's line).</li>
 *   <li>{@code params}: the nodes of the parameter list ({@code typedargslist}) in order:
 *       {@link AsmNode.Id} for a plain name, {@link AsmNode.Other} for anything else.</li>
 *   <li>{@code returnAnnotation}/{@code annotationLine}: the {@code ->} node (null if none) as an
 *       {@link AsmNode.Id} if it is a name, else {@link AsmNode.Other}; the line of that node when
 *       it is a rule node, 0 when it is a leaf.</li>
 *   <li>{@code body}: for each statement of the suite ({@code suite_block_stmts}, or the one
 *       statement of a one-line body): {@link AsmStatement.Pass} for {@code pass};
 *       {@link AsmStatement.Call} for an {@code expr_stmt} with no assignment part whose
 *       expression is {@code atom_expr_normal(NAME, trailer_paren)} — a name called once;
 *       everything else is {@link AsmStatement.NotInstruction}, including a one-line body of
 *       several statements ({@code def f(r0): nop(); nop()}, reported at the {@code def} line).
 *       Statements the parser already dropped (bare constants: docstrings, numbers) are simply
 *       absent. A call's {@code line} is the statement's line, its {@code parenLine} the line of
 *       the {@code (} token (they differ for {@code mov \ (r0, 1)}). Its arguments are the nodes
 *       of its {@code arglist}, mapped to the shapes {@link AsmNode} lists: names, folded
 *       integers (flagged small when the parser made a small-int leaf, which depends on
 *       {@code -msmall-int-bits}), {@code [..]} lists, {@code {..}} sets, and
 *       {@link AsmNode.Other} for the rest (keyword and star arguments, strings, floats,
 *       {@code None}, unfolded expressions).</li>
 * </ul>
 * Then, following {@code compile.c}'s pass structure:
 * <ol>
 *   <li>During the scope pass over all scopes (in the same order as for bytecode scopes, so an
 *       earlier scope's error wins), call {@link #checkScope}; it reports the errors MicroPython
 *       finds in {@code MP_PASS_SCOPE}: bad annotations, non-instruction statements and the
 *       argument shapes of {@code label}, {@code align} and {@code data}.</li>
 *   <li>When code is generated for that scope (after the scope pass of every scope), call
 *       {@link #assemble}; it runs the size and emit passes and returns the code with the
 *       argument count and type signature. Store {@link AssembledFunction#toRawCode()} as the
 *       function's raw code (kind {@code NATIVE_ASM}, scope flags 0, no children).</li>
 * </ol>
 * An {@link InlineAsmError} is printed like any compile error: traceback with
 * {@code File "<source>", line <line>, in <asm function's name>} and
 * {@code SyntaxError: <message>}, exit status 1. {@link AsmMemoryError} is printed as
 * {@code MemoryError: <message>} alone (no traceback), exit status 1; pass the limit for
 * {@code -X heapsize} to the constructor if it is set. {@link AssemblerAssertion} is where the
 * official tool aborts on a failed C assertion; how to report it is the command's choice.
 */
public final class ThumbAssembler {

    /**
     * The largest function (in bytes, entry and exit included) the official mpy-cross could
     * allocate with its default heap ({@code -X heapsize} unset, 64-bit host), measured on a
     * module holding just that function.
     */
    public static final long DEFAULT_MAX_CODE_SIZE = 2_078_368;

    private final NativeArch arch;
    private final boolean armv7m;
    private final boolean fpu;
    private final long maxCodeSize;

    public ThumbAssembler(NativeArch arch) {
        this(arch, DEFAULT_MAX_CODE_SIZE);
    }

    /** An assembler whose functions may be at most {@code maxCodeSize} bytes (see {@link AsmMemoryError}). */
    public ThumbAssembler(NativeArch arch, long maxCodeSize) {
        if (!supports(arch)) {
            throw new IllegalArgumentException("no Thumb inline assembler for " + arch);
        }
        this.arch = arch;
        this.maxCodeSize = maxCodeSize;
        this.armv7m = arch.compareTo(NativeArch.ARMV7M) >= 0 && arch.compareTo(NativeArch.ARMV7EMDP) <= 0;
        this.fpu = arch == NativeArch.ARMV7EMSP || arch == NativeArch.ARMV7EMDP;
    }

    /** True for the targets mpy-cross uses this assembler for (armv6 .. armv7emdp). */
    public static boolean supports(NativeArch arch) {
        return arch.compareTo(NativeArch.ARMV6) >= 0 && arch.compareTo(NativeArch.ARMV7EMDP) <= 0;
    }

    public NativeArch arch() {
        return arch;
    }

    /** The checks of MicroPython's scope pass; throws the first error found. */
    public void checkScope(InlineAsmFunction fn) throws InlineAsmError {
        new PassRun(fn, PassKind.SCOPE, null).run();
    }

    /**
     * Assembles the function (size pass, then emit pass).
     *
     * @throws InlineAsmError      a {@code SyntaxError} in the function
     * @throws AsmMemoryError      the code is too large for the official tool's heap
     * @throws AssemblerAssertion  an input on which the official tool fails an internal assertion
     */
    public AssembledFunction assemble(InlineAsmFunction fn) throws InlineAsmError {
        PassRun size = new PassRun(fn, PassKind.CODE_SIZE, null);
        size.run();
        if (size.offset > maxCodeSize || size.offset < 0) {
            throw new AsmMemoryError(size.offset);
        }
        PassRun emit = new PassRun(fn, PassKind.EMIT, size);
        emit.run();
        byte[] code = Arrays.copyOf(emit.code, (int) size.offset);
        return new AssembledFunction(code, size.nPosArgs, emit.typeSig);
    }

    private enum PassKind { SCOPE, CODE_SIZE, EMIT }

    /** One pass over the function body; mirrors the order in which mpy-cross checks things. */
    private final class PassRun implements ThumbEncodings.Site {
        private final InlineAsmFunction fn;
        private final PassKind kind;
        /** Labels by number: names and offsets (from the size pass, when emitting). */
        private final List<String> labelNames;
        private final List<Long> labelOffsets;
        private final byte[] code;
        private long offset;
        private int nPosArgs;
        private int typeSig;
        /** The pending error (the last one set wins, as in mpy-cross) and its line. */
        private String error;
        private int errorLine;
        private long instructionOffset;

        PassRun(InlineAsmFunction fn, PassKind kind, PassRun sizePass) {
            this.fn = fn;
            this.kind = kind;
            if (sizePass != null) {
                labelNames = sizePass.labelNames;
                labelOffsets = sizePass.labelOffsets;
                code = new byte[(int) sizePass.offset];
                nPosArgs = sizePass.nPosArgs;
            } else {
                labelNames = new ArrayList<>();
                labelOffsets = new ArrayList<>();
                code = null;
            }
        }

        void run() throws InlineAsmError {
            if (kind != PassKind.SCOPE) {
                entry();
            }
            if (kind == PassKind.CODE_SIZE) {
                nPosArgs = countParams(fn.params());
                if (error != null) {
                    throw new InlineAsmError(error, fn.defLine());
                }
            }
            typeSig = 2; // int
            AsmNode ann = fn.returnAnnotation();
            if (ann != null) {
                if (ann instanceof AsmNode.Id) {
                    String t = ((AsmNode.Id) ann).name();
                    switch (t) {
                        case "object":
                            typeSig = 0;
                            break;
                        case "bool":
                            typeSig = 1;
                            break;
                        case "int":
                            typeSig = 2;
                            break;
                        case "uint":
                            typeSig = 3;
                            break;
                        default:
                            syntaxError("unknown type", 0);
                            throw failure();
                    }
                } else {
                    // MicroPython carries on after this one, and may move it to an instruction's line
                    syntaxError("return annotation must be an identifier", fn.annotationLine());
                }
            }
            for (AsmStatement st : fn.body()) {
                if (st instanceof AsmStatement.Pass) {
                    continue;
                }
                if (!(st instanceof AsmStatement.Call)) {
                    syntaxError("expecting an assembler instruction", ((AsmStatement.NotInstruction) st).line());
                    throw failure();
                }
                AsmStatement.Call call = (AsmStatement.Call) st;
                List<AsmNode> args = call.args();
                int n = args.size();
                switch (call.name()) {
                    case "label": {
                        if (!(n == 1 && args.get(0) instanceof AsmNode.Id)) {
                            syntaxError("'label' requires 1 argument", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE && !defineLabel(((AsmNode.Id) args.get(0)).name())) {
                            syntaxError("label redefined", call.line());
                            throw failure();
                        }
                        break;
                    }
                    case "align": {
                        if (!(n == 1 && isSmallInt(args.get(0)))) {
                            syntaxError("'align' requires 1 argument", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE) {
                            align(((AsmNode.Int) args.get(0)).value().longValue());
                        }
                        break;
                    }
                    case "data": {
                        if (!(n >= 2 && isSmallInt(args.get(0)))) {
                            syntaxError("'data' requires at least 2 arguments", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE) {
                            long size = ((AsmNode.Int) args.get(0)).value().longValue();
                            for (int j = 1; j < n; j++) {
                                if (!(args.get(j) instanceof AsmNode.Int)) {
                                    syntaxError("'data' requires integer arguments", call.line());
                                    throw failure();
                                }
                                data(size, ((AsmNode.Int) args.get(j)).value().longValue());
                            }
                        }
                        break;
                    }
                    default:
                        if (kind != PassKind.SCOPE) {
                            instruction(call.name(), args);
                        }
                        break;
                }
                if (error != null) {
                    errorLine = call.parenLine();
                    throw failure();
                }
            }
            if (kind != PassKind.SCOPE) {
                exit();
            }
            if (error != null) {
                throw failure();
            }
        }

        private InlineAsmError failure() {
            return new InlineAsmError(error, errorLine != 0 ? errorLine : fn.defLine());
        }

        /** Like the compiler's syntax error: only the first one counts, with its node's line. */
        private void syntaxError(String message, int line) {
            if (error == null) {
                error = message;
                errorLine = line;
            }
        }

        /** Like the inline assembler's own errors: the last one set wins. */
        private void asmError(String message) {
            error = message;
        }

        private int countParams(List<AsmNode> params) {
            if (params.size() > 4) {
                asmError("can only have up to 4 parameters to Thumb assembly");
                return 0;
            }
            for (int i = 0; i < params.size(); i++) {
                AsmNode p = params.get(i);
                if (!(p instanceof AsmNode.Id) || !((AsmNode.Id) p).name().equals("r" + i)) {
                    asmError("parameters must be registers in sequence r0 to r3");
                    return 0;
                }
            }
            return params.size();
        }

        /** Labels are numbered in order of definition; names are unique within a function. */
        private boolean defineLabel(String name) {
            if (kind == PassKind.CODE_SIZE) {
                if (labelNames.contains(name)) {
                    return false;
                }
                labelNames.add(name);
                labelOffsets.add(offset);
            }
            return true;
        }

        // ---- bytes

        private void entry() {
            if (arch == NativeArch.ARMV6) {
                for (int w : ThumbEncodings.ARM_STATE_STUB) {
                    data(4, w & 0xffffffffL);
                }
            }
            halfword(ThumbEncodings.ENTRY);
        }

        private void exit() {
            halfword(ThumbEncodings.EXIT);
        }

        private void halfword(int h) {
            data(2, h);
        }

        /** {@code size} bytes of {@code value}, little-endian; bytes past the 8th are zero. */
        private void data(long size, long value) {
            long n = size & 0xffffffffL; // the C code takes the size as an unsigned int
            for (long i = 0; i < Math.min(n, 8); i++) {
                if (code != null && offset + i >= 0 && offset + i < code.length) {
                    code[(int) (offset + i)] = (byte) value;
                }
                value >>>= 8;
            }
            offset += n;
        }

        private void align(long alignment) {
            long a = alignment & 0xffffffffL;
            offset = (offset + a - 1) & ~((a - 1) & 0xffffffffL);
        }

        // ---- instructions

        private void instruction(String op, List<AsmNode> args) {
            ThumbEncodings.Form form = null;
            for (ThumbEncodings.Form f : ThumbEncodings.lookup(op, args.size(), armv7m, fpu)) {
                if (f.pick().accepts(args)) {
                    form = f;
                    break;
                }
            }
            if (form == null) {
                unsupported(op, args.size());
                return;
            }
            int[] values = new int[form.nValues()];
            int k = 0;
            for (int i = 0; i < args.size(); i++) {
                ThumbEncodings.Operand o = form.operands().get(i);
                AsmNode a = args.get(i);
                if (!read(op, o, a, values, k)) {
                    if (o instanceof ThumbEncodings.Operand.Addr
                            && !((ThumbEncodings.Operand.Addr) o).badIsUnsupported()) {
                        return; // the address error stands, nothing is emitted
                    }
                    unsupported(op, args.size());
                    return;
                }
                k += o.width();
            }
            instructionOffset = offset;
            int[] halfwords = form.encoder().encode(values, this);
            if (halfwords == null) {
                unsupported(op, args.size());
                return;
            }
            for (int h : halfwords) {
                halfword(h);
            }
        }

        private void unsupported(String op, int n) {
            asmError("unsupported Thumb instruction '" + op + "' with " + n + " arguments");
        }

        /** Reads one operand into values[k...]; false when the instruction cannot go on. */
        private boolean read(String op, ThumbEncodings.Operand o, AsmNode a, int[] values, int k) {
            if (o instanceof ThumbEncodings.Operand.Reg) {
                values[k] = reg(op, a, ((ThumbEncodings.Operand.Reg) o).max());
            } else if (o instanceof ThumbEncodings.Operand.SpecialReg) {
                int i = ThumbEncodings.SPECIAL_REG_NAMES.indexOf(name(a));
                if (i < 0) {
                    asmError("'" + op + "' expects a special register");
                    values[k] = 0;
                } else {
                    values[k] = ThumbEncodings.SPECIAL_REG_NUMBERS[i];
                }
            } else if (o instanceof ThumbEncodings.Operand.VfpReg) {
                values[k] = vfpReg(op, a);
            } else if (o instanceof ThumbEncodings.Operand.Imm) {
                ThumbEncodings.Operand.Imm imm = (ThumbEncodings.Operand.Imm) o;
                values[k] = imm(op, a, imm.mask()) >>> imm.shift();
            } else if (o instanceof ThumbEncodings.Operand.Label) {
                values[k] = label(op, a);
            } else if (o instanceof ThumbEncodings.Operand.Addr) {
                ThumbEncodings.Operand.Addr addr = (ThumbEncodings.Operand.Addr) o;
                if (!(a instanceof AsmNode.Bracket) || ((AsmNode.Bracket) a).items().size() != 2) {
                    asmError("'" + op + "' expects an address of the form [a, b]");
                    return false;
                }
                List<AsmNode> items = ((AsmNode.Bracket) a).items();
                values[k] = reg(op, items.get(0), addr.baseMax());
                values[k + 1] = imm(op, items.get(1), addr.mask()) >>> addr.shift();
            } else if (o instanceof ThumbEncodings.Operand.RegList) {
                values[k] = regList(op, a);
            } else if (o instanceof ThumbEncodings.Operand.Cond) {
                int cc = ThumbEncodings.CONDITIONS.indexOf(name(a));
                if (cc < 0) {
                    return false;
                }
                values[k] = cc;
            } else if (o instanceof ThumbEncodings.Operand.ApsrOrReg) {
                values[k] = "APSR_nzcv".equals(name(a)) ? 15 : reg(op, a, 15);
            } else if (o instanceof ThumbEncodings.Operand.Keyword) {
                if (!((ThumbEncodings.Operand.Keyword) o).word().equals(name(a))) {
                    return false;
                }
            } else if (o instanceof ThumbEncodings.Operand.Unchecked) {
                values[k] = 0;
            } else {
                throw new AssertionError(o);
            }
            return true;
        }

        private String name(AsmNode a) {
            return a instanceof AsmNode.Id ? ((AsmNode.Id) a).name() : "";
        }

        private int reg(String op, AsmNode a, int max) {
            int i = ThumbEncodings.REG_NAMES.indexOf(name(a));
            if (i < 0) {
                asmError("'" + op + "' expects a register");
                return 0;
            }
            int r = ThumbEncodings.REG_NUMBERS[i];
            if (r > max) {
                asmError("'" + op + "' expects at most r" + max);
                return 0;
            }
            return r;
        }

        private int vfpReg(String op, AsmNode a) {
            String s = name(a);
            if (s.length() >= 2 && s.charAt(0) == 's') {
                long n = 0;
                boolean digits = true;
                for (int i = 1; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c < '0' || c > '9') {
                        digits = false;
                        break;
                    }
                    n = 10 * n + (c - '0');
                }
                if (digits) {
                    if (Long.compareUnsigned(n, 31) > 0) {
                        asmError("'" + op + "' expects at most r31");
                        return 0;
                    }
                    return (int) n;
                }
            }
            asmError("'" + op + "' expects an FPU register");
            return 0;
        }

        private int regList(String op, AsmNode a) {
            if (a instanceof AsmNode.Brace) {
                List<AsmNode> items = ((AsmNode.Brace) a).items();
                if (items.size() == 1 && items.get(0) instanceof AsmNode.Id || items.size() > 1) {
                    int list = 0;
                    for (AsmNode item : items) {
                        list |= 1 << reg(op, item, 15);
                    }
                    return list;
                }
            }
            asmError("'" + op + "' expects {r0, r1, ...}");
            return 0;
        }

        /** An integer operand as MicroPython reads it: truncated to 32 bits, then checked against the mask. */
        private int imm(String op, AsmNode a, int mask) {
            if (!(a instanceof AsmNode.Int)) {
                asmError("'" + op + "' expects an integer");
                return 0;
            }
            int i = ((AsmNode.Int) a).value().intValue();
            if ((i & ~mask) != 0) {
                asmError("'" + op + "' integer 0x" + Integer.toHexString(i) + " doesn't fit in mask 0x"
                        + Integer.toHexString(mask));
                return 0;
            }
            return i;
        }

        private int label(String op, AsmNode a) {
            if (!(a instanceof AsmNode.Id)) {
                asmError("'" + op + "' expects a label");
                return 0;
            }
            String name = ((AsmNode.Id) a).name();
            int i = labelNames.indexOf(name);
            if (i >= 0) {
                return i;
            }
            if (kind == PassKind.EMIT) {
                asmError("label '" + name + "' not defined");
            }
            return 0;
        }

        private boolean isSmallInt(AsmNode a) {
            return a instanceof AsmNode.Int && ((AsmNode.Int) a).small();
        }

        // ---- Site, for the encoders

        @Override
        public long offset() {
            return instructionOffset;
        }

        @Override
        public long labelOffset(int label) {
            return label < labelOffsets.size() ? labelOffsets.get(label) : -1;
        }

        @Override
        public boolean armv7m() {
            return armv7m;
        }

        @Override
        public void requireSignedFit(long rel, int bits) {
            if (kind == PassKind.EMIT) {
                long limit = 1L << (bits - 1);
                if (rel < -limit || rel >= limit) {
                    asmError("branch not in range");
                }
            }
        }
    }
}
