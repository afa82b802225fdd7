package dev.mpt.compiler.thumb;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.compiler.inlineasm.AsmMemoryError;
import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.AssembledFunction;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;
import dev.mpt.compiler.inlineasm.InlineAsmError;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;
import dev.mpt.compiler.inlineasm.InlineAssembler;
import java.util.List;

/**
 * The Thumb-2 inline assembler: turns the body of an {@code @micropython.asm_thumb} function
 * into machine code byte-for-byte as MicroPython v1.28.0's mpy-cross does, and fails with the
 * same {@code SyntaxError} messages and lines for the same mistakes. The instruction forms live
 * in {@link ThumbEncodings}; the passes, labels and directives are the shared front end's
 * ({@link InlineAssembler}); this class reads the operands and adds the entry/exit sequence.
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
public final class ThumbAssembler extends InlineAssembler {

    private final NativeArch arch;
    private final boolean armv7m;
    private final boolean fpu;

    public ThumbAssembler(NativeArch arch) {
        this(arch, DEFAULT_MAX_CODE_SIZE);
    }

    /** An assembler whose functions may be at most {@code maxCodeSize} bytes (see {@link AsmMemoryError}). */
    public ThumbAssembler(NativeArch arch, long maxCodeSize) {
        super(maxCodeSize);
        if (!supports(arch)) {
            throw new IllegalArgumentException("no Thumb inline assembler for " + arch);
        }
        this.arch = arch;
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

    @Override
    protected int countParams(Pass p, List<AsmNode> params) {
        if (params.size() > 4) {
            p.error("can only have up to 4 parameters to Thumb assembly");
            return 0;
        }
        for (int i = 0; i < params.size(); i++) {
            AsmNode a = params.get(i);
            if (!(a instanceof AsmNode.Id) || !((AsmNode.Id) a).name().equals("r" + i)) {
                p.error("parameters must be registers in sequence r0 to r3");
                return 0;
            }
        }
        return params.size();
    }

    @Override
    protected void entry(Pass p) {
        if (arch == NativeArch.ARMV6) {
            for (int w : ThumbEncodings.ARM_STATE_STUB) {
                p.data(4, w & 0xffffffffL);
            }
        }
        p.data(2, ThumbEncodings.ENTRY);
    }

    @Override
    protected void exit(Pass p) {
        p.data(2, ThumbEncodings.EXIT);
    }

    @Override
    protected void instruction(Pass p, String op, List<AsmNode> args) {
        new Operands(p).instruction(op, args);
    }

    /** Reads the operands of one instruction and hands them to its encoder. */
    private final class Operands implements ThumbEncodings.Site {
        private final Pass pass;
        private long instructionOffset;

        Operands(Pass pass) {
            this.pass = pass;
        }

        private void asmError(String message) {
            pass.error(message);
        }

        private void halfword(int h) {
            pass.data(2, h);
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
            instructionOffset = pass.offset();
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
            int i = pass.labelNumber(name);
            if (i >= 0) {
                return i;
            }
            if (pass.emitting()) {
                asmError("label '" + name + "' not defined");
            }
            return 0;
        }


        // ---- Site, for the encoders

        @Override
        public long offset() {
            return instructionOffset;
        }

        @Override
        public long labelOffset(int label) {
            return pass.labelOffset(label);
        }

        @Override
        public boolean armv7m() {
            return armv7m;
        }

        @Override
        public void requireSignedFit(long rel, int bits) {
            if (pass.emitting()) {
                long limit = 1L << (bits - 1);
                if (rel < -limit || rel >= limit) {
                    asmError("branch not in range");
                }
            }
        }
    }
}
