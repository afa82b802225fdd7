package dev.mpt.compiler.inlineasm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RISC-V inline assembler ({@code @micropython.asm_rv32}, target rv32imc): the
 * instructions, operand checks and messages of MicroPython v1.28.0's mpy-cross, byte for byte.
 * A function has no entry code and ends in {@code c.jr ra}; parameters are a0..a3.
 *
 * <p>Every instruction is one table row: how many operands, what each one is (register,
 * compressed register x8..x15, immediate, label; signed or unsigned, non-zero) with the bits
 * it may use, and the encoder. Loads and stores take their address as {@code offset(base)},
 * which the parser leaves as a call ({@link AsmNode.Applied}), or {@code -offset(base)}
 * ({@link AsmNode.Signed}). Zba's {@code sh1add}..{@code sh3add} need {@code -march-flags=zba}.
 *
 * <p>Values are handled as the official tool does on a 64-bit host: immediates are 64-bit,
 * and the signed range checks look at their low 32 bits only. Its quirks are kept: {@code c_and},
 * {@code c_or}, {@code c_xor} and {@code c_sub} keep two bits of each register (x12..x15 come
 * out as x8..x11), {@code mv} is {@code c.mv}. One thing cannot be matched exactly: in the size
 * pass the official tool measures a branch to a label not yet defined against a word it reads
 * past its label table; that word is 0 on a fresh heap, which is what this assembler assumes
 * (so a long forward {@code c_bnez} is "out of range" in both), but later functions of a module
 * can find other values there.
 */
public final class Rv32InlineAssembler extends InlineAssembler {
    /** {@code -march-flags} bit of the Zba extension (the same bit the native emitter uses). */
    public static final long EXT_ZBA = 1;

    private static final int N = 0;
    private static final int R = 1;
    private static final int I = 2;
    private static final int L = 3;
    /** With R: a compressed register (x8..x15, encoded as 0..7). */
    private static final int C = 4;
    /** With I: unsigned. */
    private static final int U = 4;
    /** With I: must not be zero. */
    private static final int Z = 8;

    /** Emits an instruction from its three serialised operands (in encoder order). */
    @FunctionalInterface
    private interface Encoder {
        void emit(Pass p, long a, long b, long c);
    }

    /**
     * One instruction: operand count, kind, shift and mask of each operand, whether the
     * second operand is an address {@code offset(base)} (then operand 3 is the base), whether
     * it needs Zba.
     */
    private record Op(String name, int nodes, int[] kinds, int[] shifts, long[] masks, boolean address, boolean zba,
                      Encoder encoder) {
    }

    private static final Map<String, Op> OPS = new HashMap<>();

    private static final String[] REGISTER_NAMES = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };

    private static final long ALL = 0xffffffffL;
    private static final long NOT_ZERO = 0xfffffffeL;
    private static final long COMPRESSED = 0x0000ff00L;

    private static void op(String name, int nodes, int k1, long m1, int k2, long m2, int k3, long m3, Encoder e) {
        op(name, nodes, k1, 0, m1, k2, 0, m2, k3, m3, false, false, e);
    }

    private static void op(String name, int nodes, int k1, int s1, long m1, int k2, int s2, long m2, int k3, long m3,
            boolean address, boolean zba, Encoder e) {
        OPS.put(name, new Op(name, nodes, new int[] {k1, k2, k3}, new int[] {s1, s2, 0}, new long[] {m1, m2, m3},
            address, zba, e));
    }

    private static void rrr(String name, int f3, int f7) {
        op(name, 3, R, ALL, R, ALL, R, ALL, (p, a, b, c) -> word(p, Rv32Encodings.r(0x33, f3, f7, a, b, c)));
    }

    private static void rri(String name, int f3, int k3, long m3) {
        op(name, 3, R, ALL, R, ALL, k3, m3, (p, a, b, c) -> word(p, Rv32Encodings.i(0x13, f3, a, b, c)));
    }

    private static void branch(String name, int f3) {
        op(name, 3, R, ALL, R, ALL, L, 0x1ffe, (p, a, b, c) -> word(p, Rv32Encodings.b(0x63, f3, a, b, c)));
    }

    private static void load(String name, int f3) {
        op(name, 2, R, 0, ALL, I, 0, 0xfff, R, ALL, true, false,
            (p, a, b, c) -> word(p, Rv32Encodings.i(0x03, f3, a, b, c)));
    }

    private static void store(String name, int f3) {
        op(name, 2, R, 0, ALL, I, 0, 0xfff, R, ALL, true, false,
            (p, a, b, c) -> word(p, Rv32Encodings.s(0x23, f3, b, a, c)));
    }

    private static void csr(String name, int f3) {
        op(name, 3, R, ALL, R, ALL, I | U, 0xfff, (p, a, b, c) -> word(p, Rv32Encodings.i(0x73, f3, a, b, c)));
    }

    private static void csri(String name, int f3) {
        op(name, 3, R, ALL, I | U, 0xfff, I | U, 0x1f, (p, a, b, c) -> word(p, Rv32Encodings.csri(0x73, f3, a, b, c)));
    }

    private static void ca(String name, int f2) {
        op(name, 2, R | C, COMPRESSED, R | C, COMPRESSED, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.ca(0x01, 0x23, f2, a, b)));
    }

    static {
        rrr("add", 0, 0);
        rri("addi", 0, I, 0xfff);
        rrr("and_", 7, 0);
        rri("andi", 7, I, 0xfff);
        op("auipc", 2, R, 0, ALL, I, 12, 0xfffff000L, N, ALL, false, false,
            (p, a, b, c) -> word(p, Rv32Encodings.u(0x17, a, b)));
        branch("beq", 0);
        branch("bge", 5);
        branch("bgeu", 7);
        branch("blt", 4);
        branch("bltu", 6);
        branch("bne", 1);
        csr("csrrc", 3);
        csr("csrrs", 2);
        csr("csrrw", 1);
        csri("csrrci", 7);
        csri("csrrsi", 6);
        csri("csrrwi", 5);
        op("c_add", 2, R, NOT_ZERO, R, NOT_ZERO, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cr(2, 9, a, b)));
        op("c_addi", 2, R, NOT_ZERO, I | Z, 0x3f, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.ci(1, 0, a, b)));
        op("c_addi4spn", 2, R, COMPRESSED, I | U | Z, 0x3fc, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.ciw(0, 0, a, b)));
        ca("c_and", 3);
        op("c_andi", 2, R | C, COMPRESSED, I, 0x3f, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.cb(1, 4, a, ((b & 0x20) << 2) | (b & 0x1f) | 0x40)));
        op("c_beqz", 2, R | C, COMPRESSED, L, 0x1fe, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.cb(1, 6, a, Rv32Encodings.cbOffset(b))));
        op("c_bnez", 2, R | C, COMPRESSED, L, 0x1fe, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.cb(1, 7, a, Rv32Encodings.cbOffset(b))));
        op("c_ebreak", 0, N, ALL, N, ALL, N, ALL, (p, a, b, c) -> half(p, 0x9002));
        op("c_j", 1, L, 0xffe, N, ALL, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cj(1, 5, a)));
        op("c_jal", 1, L, 0xffe, N, ALL, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cj(1, 1, a)));
        op("c_jalr", 1, R, NOT_ZERO, N, ALL, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cr(2, 9, a, 0)));
        op("c_jr", 1, R, NOT_ZERO, N, ALL, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cr(2, 8, a, 0)));
        op("c_li", 2, R, NOT_ZERO, I, 0x3f, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.ci(1, 2, a, b)));
        op("c_lui", 2, R, 0, 0xfffffffaL, I | U | Z, 12, 0x1f800, N, ALL, false, false,
            (p, a, b, c) -> half(p, Rv32Encodings.ci(1, 3, a, b >> 12)));
        op("c_lw", 2, R | C, 0, COMPRESSED, I, 0, 0x7c, R | C, COMPRESSED, true, false,
            (p, a, b, c) -> half(p, Rv32Encodings.cl(0, 2, a, b, c)));
        op("c_lwsp", 2, R, NOT_ZERO, I, 0xfc, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.ci(2, 2, a, ((b & 0xc0) >> 6) | (b & 0x3c))));
        op("c_mv", 2, R, NOT_ZERO, R, NOT_ZERO, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cr(2, 8, a, b)));
        op("c_nop", 0, N, ALL, N, ALL, N, ALL, (p, a, b, c) -> half(p, 0x0001));
        ca("c_or", 2);
        op("c_slli", 2, R, NOT_ZERO, I | U, 0x1f, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.ci(2, 0, a, b)));
        op("c_srai", 2, R | C, COMPRESSED, I | U, 0x1f, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.cb(1, 4, a, ((b & 0x20) << 2) | (b & 0x1f) | 0x20)));
        op("c_srli", 2, R | C, COMPRESSED, I | U, 0x1f, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.cb(1, 4, a, ((b & 0x20) << 2) | (b & 0x1f))));
        ca("c_sub", 0);
        op("c_sw", 2, R | C, 0, COMPRESSED, I, 0, 0x7c, R | C, COMPRESSED, true, false,
            (p, a, b, c) -> half(p, Rv32Encodings.cl(0, 6, a, b, c)));
        op("c_swsp", 2, R, ALL, I, 0xfc, N, ALL,
            (p, a, b, c) -> half(p, Rv32Encodings.css(2, 6, a, ((b & 0xc0) >> 6) | (b & 0x3c))));
        ca("c_xor", 1);
        rrr("div", 4, 1);
        rrr("divu", 5, 1);
        op("ebreak", 0, N, ALL, N, ALL, N, ALL, (p, a, b, c) -> word(p, 0x100073));
        op("ecall", 0, N, ALL, N, ALL, N, ALL, (p, a, b, c) -> word(p, 0x73));
        op("jal", 2, R, ALL, L, 0x1ffffe, N, ALL, (p, a, b, c) -> word(p, Rv32Encodings.j(0x6f, a, b)));
        op("jalr", 3, R, ALL, R, ALL, I, 0xfff, (p, a, b, c) -> word(p, Rv32Encodings.i(0x67, 0, a, b, c)));
        op("la", 2, R, ALL, L, ALL, N, ALL, Rv32InlineAssembler::la);
        load("lb", 0);
        load("lbu", 4);
        load("lh", 1);
        load("lhu", 5);
        op("li", 2, R, ALL, I, ALL, N, ALL, Rv32InlineAssembler::li);
        op("lui", 2, R, 0, ALL, I, 12, 0xfffff000L, N, ALL, false, false,
            (p, a, b, c) -> word(p, Rv32Encodings.u(0x37, a, b)));
        load("lw", 2);
        op("mv", 2, R, ALL, R, ALL, N, ALL, (p, a, b, c) -> half(p, Rv32Encodings.cr(2, 8, a, b)));
        rrr("mul", 0, 1);
        rrr("mulh", 1, 1);
        rrr("mulhsu", 2, 1);
        rrr("mulhu", 3, 1);
        rrr("or_", 6, 0);
        rri("ori", 6, I, 0xfff);
        rrr("rem", 6, 1);
        rrr("remu", 7, 1);
        store("sb", 0);
        store("sh", 1);
        for (int k = 1; k <= 3; k++) {
            int f3 = 2 * k;
            op("sh" + k + "add", 3, R, 0, ALL, R, 0, ALL, R, ALL, false, true,
                (p, a, b, c) -> word(p, Rv32Encodings.r(0x33, f3, 0x10, a, b, c)));
        }
        rrr("sll", 1, 0);
        op("slli", 3, R, ALL, R, ALL, I | U, 0x1f, (p, a, b, c) -> word(p, Rv32Encodings.i(0x13, 1, a, b, c & 0x1f)));
        rrr("slt", 2, 0);
        rri("slti", 2, I, 0xfff);
        rri("sltiu", 3, I, 0xfff);
        rrr("sltu", 3, 0);
        rrr("sra", 5, 0x20);
        op("srai", 3, R, ALL, R, ALL, I | U, 0x1f,
            (p, a, b, c) -> word(p, Rv32Encodings.i(0x13, 5, a, b, (c & 0x1f) | 0x400)));
        rrr("srl", 5, 0);
        op("srli", 3, R, ALL, R, ALL, I | U, 0x1f, (p, a, b, c) -> word(p, Rv32Encodings.i(0x13, 5, a, b, c & 0x1f)));
        rrr("sub", 0, 0x20);
        store("sw", 2);
        rrr("xor", 4, 0);
        rri("xori", 4, I, 0xfff);
    }

    private final boolean zba;

    /** @param extensions the {@code -march-flags} bits ({@link #EXT_ZBA}) */
    public Rv32InlineAssembler(long extensions, long maxCodeSize) {
        super(maxCodeSize);
        this.zba = (extensions & EXT_ZBA) != 0;
    }

    public Rv32InlineAssembler(long extensions) {
        this(extensions, DEFAULT_MAX_CODE_SIZE);
    }

    private static void word(Pass p, long w) {
        p.data(4, w & 0xffffffffL);
    }

    private static void half(Pass p, long h) {
        p.data(2, h & 0xffff);
    }

    /** la: auipc + addi, never shortened (labels would move). */
    private static void la(Pass p, long rd, long displacement, long unused) {
        long upper = displacement & 0xfffff000L;
        long lower = displacement & 0xfff;
        if ((lower & 0x800) != 0) {
            upper += 0x1000;
        }
        word(p, Rv32Encodings.u(0x17, rd, upper));
        word(p, Rv32Encodings.i(0x13, 0, rd, rd, lower));
    }

    /** asmrv32.c's FIT_SIGNED: the low 32 bits are a sign-extended {@code bits}-bit number. */
    private static boolean fitSigned(long value, int bits) {
        long mask = 0xffffffffL & ~((1L << (bits - 1)) - 1);
        long m = value & mask;
        return m == 0 || m == mask;
    }

    /** li: the shortest sequence, as the native emitter loads constants. */
    private static void li(Pass p, long rd, long immediate, long unused) {
        if (fitSigned(immediate, 6)) {
            half(p, Rv32Encodings.ci(1, 2, rd, immediate));
            return;
        }
        if (fitSigned(immediate, 12)) {
            word(p, Rv32Encodings.i(0x13, 0, rd, 0, immediate));
            return;
        }
        long upper = immediate & 0xfffff000L;
        long lower = immediate & 0xfff;
        if ((lower & 0x800) != 0) {
            upper += 0x1000;
        }
        if (fitSigned(upper, 17) && (upper >> 12) != 0) {
            half(p, Rv32Encodings.ci(1, 3, rd, upper >> 12));
        } else {
            word(p, Rv32Encodings.u(0x37, rd, upper));
        }
        if (lower != 0) {
            if (fitSigned(lower, 6)) {
                half(p, Rv32Encodings.ci(1, 0, rd, lower));
            } else {
                word(p, Rv32Encodings.i(0x13, 0, rd, rd, lower));
            }
        }
    }

    // ---- the front end's hooks

    @Override
    protected void entry(Pass p) {
        // no prologue
    }

    @Override
    protected void exit(Pass p) {
        half(p, Rv32Encodings.cr(2, 8, 1, 0)); // c.jr ra
    }

    private static int register(AsmNode a) {
        if (a instanceof AsmNode.Id id) {
            String n = id.name();
            for (int i = 0; i < REGISTER_NAMES.length; i++) {
                if (REGISTER_NAMES[i].equals(n)) {
                    return i;
                }
            }
            if (n.length() >= 2 && n.length() <= 3 && n.charAt(0) == 'x') {
                try {
                    int r = Integer.parseInt(n.substring(1));
                    if (r >= 0 && r <= 31 && n.equals("x" + r)) {
                        return r;
                    }
                } catch (NumberFormatException e) {
                    // not a register
                }
            }
        }
        return -1;
    }

    @Override
    protected int countParams(Pass p, List<AsmNode> params) {
        if (params.size() > 4) {
            p.error("can only have up to 4 parameters for RV32 assembly");
            return 0;
        }
        for (int i = 0; i < params.size(); i++) {
            if (register(params.get(i)) != 10 + i) {
                p.error("parameters must be registers in sequence a0 to a3");
                return 0;
            }
        }
        return params.size();
    }

    // ---- range checks, as emitinlinerv32.c makes them (they assume contiguous masks)

    static boolean inSignedMask(long mask, long value) {
        int lz = Integer.numberOfLeadingZeros((int) mask);
        if (lz == 0) {
            return true;
        }
        long positive = ~(mask & ~(1L << (31 - lz))) & 0xffffffffL;
        if ((value & positive) == 0) {
            return true;
        }
        long negative = ~(mask >>> 1) & 0xffffffffL;
        int tz = Integer.numberOfTrailingZeros((int) mask);
        if (tz > 0) {
            long trailing = (1L << tz) - 1;
            if ((value & trailing) != 0) {
                return false;
            }
            negative &= ~trailing;
        }
        return (value & negative) == negative;
    }

    static boolean inUnsignedMask(long mask, long value) {
        return (value & ~mask) == 0;
    }

    private static boolean inRange(int kind, long mask, long value) {
        return (kind & U) != 0 ? inUnsignedMask(mask, value) : inSignedMask(mask, value);
    }

    // ---- instructions

    @Override
    protected void instruction(Pass p, String name, List<AsmNode> args) {
        Op op = OPS.get(name);
        if (op == null || (op.zba() && !zba)) {
            p.error("invalid RV32 instruction '" + name + "'");
            return;
        }
        if (args.size() != op.nodes()) {
            p.error("opcode '" + name + "': expecting " + op.nodes() + " arguments");
            return;
        }
        long[] v = new long[3];
        if (op.nodes() >= 1 && !argument(p, op, args.get(0), 0, v)) {
            return;
        }
        if (op.address()) {
            if (!address(p, op, args.get(1), v)) {
                return;
            }
            op.encoder().emit(p, v[0], v[2], v[1]);
            return;
        }
        if (op.nodes() >= 2 && !argument(p, op, args.get(1), 1, v)) {
            return;
        }
        if (op.nodes() >= 3 && !argument(p, op, args.get(2), 2, v)) {
            return;
        }
        op.encoder().emit(p, v[0], v[1], v[2]);
    }

    private static String kindError(Op op, int index, String what) {
        return "opcode '" + op.name() + "' argument " + (index + 1) + ": expecting " + what;
    }

    private static String rangeError(Op op, int index) {
        return "opcode '" + op.name() + "' argument " + (index + 1) + ": out of range";
    }

    /** Serialises operand {@code index} into {@code v[index]}; false (error set) when it is wrong. */
    private static boolean argument(Pass p, Op op, AsmNode a, int index, long[] v) {
        int kind = op.kinds()[index];
        long mask = op.masks()[index];
        switch (kind & 3) {
            case N -> v[index] = 0;
            case R -> {
                int r = register(a);
                if (r < 0) {
                    p.error(kindError(op, index, "register"));
                    return false;
                }
                if ((mask & (1L << r)) == 0) {
                    p.error("opcode '" + op.name() + "' argument " + (index + 1) + ": unknown register");
                    return false;
                }
                v[index] = (kind & C) != 0 ? r - 8 : r;
            }
            case I -> {
                if (!(a instanceof AsmNode.Int i)) {
                    p.error(kindError(op, index, "integer"));
                    return false;
                }
                long imm = i.value().longValue() << op.shifts()[index];
                if (!inRange(kind, mask, imm)) {
                    p.error(rangeError(op, index));
                    return false;
                }
                if ((kind & Z) != 0 && imm == 0) {
                    p.error("opcode '" + op.name() + "' argument " + (index + 1) + ": must not be zero");
                    return false;
                }
                v[index] = imm;
            }
            default -> {
                if (!(a instanceof AsmNode.Id id)) {
                    p.error(kindError(op, index, "label"));
                    return false;
                }
                int label = p.labelNumber(id.name());
                if (label < 0 && p.emitting()) {
                    p.error("opcode '" + op.name() + "' argument " + (index + 1) + ": undefined label '"
                        + id.name() + "'");
                    return false;
                }
                // a label not yet defined in the size pass: MicroPython reads past its label table
                // there and finds 0
                long target = label < 0 ? 0 : p.labelOffset(label);
                long displacement = target - p.offset();
                if (!inRange(kind, mask, displacement)) {
                    p.error(rangeError(op, index));
                    return false;
                }
                v[index] = displacement;
            }
        }
        return true;
    }

    /** {@code offset(base)} or {@code -offset(base)}: the offset into v[1], the base into v[2]. */
    private static boolean address(Pass p, Op op, AsmNode a, long[] v) {
        boolean negative = false;
        AsmNode node = a;
        if (node instanceof AsmNode.Signed s) {
            negative = s.minus();
            node = s.operand();
        }
        if (!(node instanceof AsmNode.Applied applied)) {
            p.error(kindError(op, 1, "offset"));
            return false;
        }
        if (negative) {
            if (!(applied.head() instanceof AsmNode.Int i)) {
                p.error(kindError(op, 1, "integer"));
                return false;
            }
            long value = -i.value().longValue();
            if (!validate(value << op.shifts()[1], op.masks()[1], op.kinds()[1])) {
                p.error(rangeError(op, 1));
                return false;
            }
            v[1] = value;
        } else if (!argument(p, op, applied.head(), 1, v)) {
            return false;
        }
        return argument(p, op, applied.inner(), 2, v);
    }

    private static boolean validate(long value, long mask, int kind) {
        if (!inRange(kind, mask, value)) {
            return false;
        }
        return (kind & Z) == 0 || value != 0;
    }
}
