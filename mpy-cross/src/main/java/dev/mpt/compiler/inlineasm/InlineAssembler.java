package dev.mpt.compiler.inlineasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The front end every inline assembler shares ({@code asm_thumb}, {@code asm_xtensa},
 * {@code asm_rv32}), as MicroPython's {@code compile_scope_inline_asm} drives its
 * {@code emitinline*.c} back ends: the scope pass's checks, the code-size and emit passes over
 * the function body, labels, the {@code label}/{@code align}/{@code data} directives, the return
 * annotation, and the error rules (which error wins, which source line it is reported at). A
 * subclass adds what differs per architecture: parameters, entry and exit code, and the
 * instructions themselves.
 *
 * <p>One assembler serves every inline-assembler function of a module, as in MicroPython, where
 * one emitter object is made per compile: a back end may carry state from one function to the
 * next (the Xtensa one does).
 *
 * <p>Use: during the scope pass over all scopes call {@link #checkScope}; when code is generated
 * for the scope call {@link #assemble} and store {@link AssembledFunction#toRawCode()}.
 * {@link InlineAsmError} is a {@code SyntaxError} with its line; {@link AsmMemoryError} the
 * official tool's out-of-heap error; {@link AssemblerAssertion} where the official tool aborts.
 */
public abstract class InlineAssembler {

    /**
     * The largest function (in bytes, entry and exit included) the official mpy-cross could
     * allocate with its default heap ({@code -X heapsize} unset, 64-bit host), measured on a
     * module holding just that function.
     */
    public static final long DEFAULT_MAX_CODE_SIZE = 2_078_368;

    /** The compiler passes an inline-assembler function goes through. */
    protected enum PassKind { SCOPE, CODE_SIZE, EMIT }

    private final long maxCodeSize;

    protected InlineAssembler(long maxCodeSize) {
        this.maxCodeSize = maxCodeSize;
    }

    /** The checks of MicroPython's scope pass; throws the first error found. */
    public final void checkScope(InlineAsmFunction fn) throws InlineAsmError {
        new Pass(fn, PassKind.SCOPE, null).run();
    }

    /**
     * Assembles the function (code-size pass or passes, then the emit pass).
     *
     * @throws InlineAsmError      a {@code SyntaxError} in the function
     * @throws AsmMemoryError      the code is too large for the official tool's heap
     * @throws AssemblerAssertion  an input on which the official tool fails an internal assertion
     */
    public final AssembledFunction assemble(InlineAsmFunction fn) throws InlineAsmError {
        Pass size = new Pass(fn, PassKind.CODE_SIZE, null);
        if (twoCodeSizePasses()) {
            try {
                size.run();
            } catch (InlineAsmError e) {
                // MicroPython runs the second size pass even so; it stops at once on the pending
                // error and reports it at the function's definition line
                throw new InlineAsmError(e.getMessage(), fn.defLine());
            }
            size = new Pass(fn, PassKind.CODE_SIZE, null);
        }
        size.run();
        if (size.offset > maxCodeSize || size.offset < 0) {
            throw new AsmMemoryError(size.offset);
        }
        Pass emit = new Pass(fn, PassKind.EMIT, size);
        emit.run();
        byte[] code = Arrays.copyOf(emit.code, (int) size.offset);
        return new AssembledFunction(code, size.nPosArgs, emit.typeSig);
    }

    // ---- what a back end provides

    /** Whether the code size is computed twice before emitting (Xtensa: for its constant table). */
    protected boolean twoCodeSizePasses() {
        return false;
    }

    /** Code at the start of every pass (not the scope pass). */
    protected abstract void entry(Pass p);

    /** Code at the end of every pass (not the scope pass). */
    protected abstract void exit(Pass p);

    /** The number of register parameters, or an error set with {@link Pass#error}. */
    protected abstract int countParams(Pass p, List<AsmNode> params);

    /** One instruction; errors are set with {@link Pass#error}. */
    protected abstract void instruction(Pass p, String op, List<AsmNode> args);

    // ---- one pass

    /** One pass over the function body; mirrors the order in which mpy-cross checks things. */
    protected final class Pass {
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

        Pass(InlineAsmFunction fn, PassKind kind, Pass sizePass) {
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
                entry(this);
            }
            if (kind == PassKind.CODE_SIZE) {
                nPosArgs = countParams(this, fn.params());
                if (error != null) {
                    throw new InlineAsmError(error, fn.defLine());
                }
            }
            typeSig = 2; // int
            AsmNode ann = fn.returnAnnotation();
            if (ann != null) {
                if (ann instanceof AsmNode.Id id) {
                    switch (id.name()) {
                        case "object" -> typeSig = 0;
                        case "bool" -> typeSig = 1;
                        case "int" -> typeSig = 2;
                        case "uint" -> typeSig = 3;
                        default -> {
                            syntaxError("unknown type", 0);
                            throw failure();
                        }
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
                if (!(st instanceof AsmStatement.Call call)) {
                    syntaxError("expecting an assembler instruction", ((AsmStatement.NotInstruction) st).line());
                    throw failure();
                }
                List<AsmNode> args = call.args();
                int n = args.size();
                switch (call.name()) {
                    case "label" -> {
                        if (!(n == 1 && args.get(0) instanceof AsmNode.Id)) {
                            syntaxError("'label' requires 1 argument", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE && !defineLabel(((AsmNode.Id) args.get(0)).name())) {
                            syntaxError("label redefined", call.line());
                            throw failure();
                        }
                    }
                    case "align" -> {
                        if (!(n == 1 && isSmallInt(args.get(0)))) {
                            syntaxError("'align' requires 1 argument", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE) {
                            align(((AsmNode.Int) args.get(0)).value().longValue());
                        }
                    }
                    case "data" -> {
                        if (!(n >= 2 && isSmallInt(args.get(0)))) {
                            syntaxError("'data' requires at least 2 arguments", call.line());
                            throw failure();
                        }
                        if (kind != PassKind.SCOPE) {
                            long size = ((AsmNode.Int) args.get(0)).value().longValue();
                            for (int j = 1; j < n; j++) {
                                if (!(args.get(j) instanceof AsmNode.Int v)) {
                                    syntaxError("'data' requires integer arguments", call.line());
                                    throw failure();
                                }
                                data(size, v.value().longValue());
                            }
                        }
                    }
                    default -> {
                        if (kind != PassKind.SCOPE) {
                            instruction(this, call.name(), args);
                        }
                    }
                }
                if (error != null) {
                    errorLine = call.parenLine();
                    throw failure();
                }
            }
            if (kind != PassKind.SCOPE) {
                exit(this);
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

        /** Labels are numbered in order of definition; names are unique within a function. */
        private boolean defineLabel(String name) {
            if (kind == PassKind.CODE_SIZE) {
                if (labelNames.contains(name)) {
                    return false;
                }
                labelNames.add(name);
                labelOffsets.add(offset);
            } else {
                int i = labelNames.indexOf(name);
                if (i >= 0 && labelOffsets.get(i) != offset) {
                    // a label-dependent instruction changed size between the passes
                    throw new AssemblerAssertion("../py/asmbase.c:94: mp_asm_base_label_assign: Assertion "
                        + "`as->label_offsets[label] == as->code_offset' failed.");
                }
            }
            return true;
        }

        private boolean isSmallInt(AsmNode a) {
            return a instanceof AsmNode.Int i && i.small();
        }

        // ---- for the back ends

        /** An assembler error: the last one set wins, as with MicroPython's error slot. */
        public void error(String message) {
            error = message;
        }

        public boolean hasError() {
            return error != null;
        }

        public PassKind kind() {
            return kind;
        }

        public boolean emitting() {
            return kind == PassKind.EMIT;
        }

        /** The current code offset. */
        public long offset() {
            return offset;
        }

        /** The number of the label {@code name}, or -1 when it is not (yet) defined. */
        public int labelNumber(String name) {
            return labelNames.indexOf(name);
        }

        /** The offset of label {@code number}, or -1 when it has none (yet). */
        public long labelOffset(int number) {
            return number >= 0 && number < labelOffsets.size() ? labelOffsets.get(number) : -1;
        }

        /** {@code size} bytes of {@code value}, little-endian; bytes past the 8th are zero. */
        public void data(long size, long value) {
            long n = size & 0xffffffffL; // the C code takes the size as an unsigned int
            for (long i = 0; i < Math.min(n, 8); i++) {
                if (code != null && offset + i >= 0 && offset + i < code.length) {
                    code[(int) (offset + i)] = (byte) value;
                }
                value >>>= 8;
            }
            offset += n;
        }

        /** Skips {@code n} bytes (left zero). */
        public void skip(long n) {
            offset += n;
        }

        /** Writes one byte at an offset already passed (a table filled in later). */
        public void patch(long at, int b) {
            if (code != null && at >= 0 && at < code.length) {
                code[(int) at] = (byte) b;
            }
        }

        public void align(long alignment) {
            long a = alignment & 0xffffffffL;
            offset = (offset + a - 1) & ~((a - 1) & 0xffffffffL);
        }
    }
}
