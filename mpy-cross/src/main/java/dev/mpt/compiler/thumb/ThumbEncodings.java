package dev.mpt.compiler.thumb;

import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every instruction form the inline assembler accepts, in one table: its name, the
 * architecture it needs, how its operands are read, how it is encoded, and the same
 * instruction in GNU assembler syntax (used by the differential test against
 * {@code arm-none-eabi-as}).
 *
 * <p>The set is exactly the one of MicroPython v1.28.0's Thumb inline assembler; so are the
 * operand limits (which registers, which immediate masks), since they decide the error
 * messages. Where the same name has several forms with the same number of arguments, a
 * {@link Pick} chooses among them by the shape of one argument, as MicroPython does before
 * reading any operand.
 */
final class ThumbEncodings {

    private ThumbEncodings() {
    }

    /** What a form needs from the target. */
    enum Arch {
        /** every Thumb target (armv6, armv6m and up) */
        ANY,
        /** ARMv7-M and later (armv7m, armv7em, armv7emsp, armv7emdp) */
        ARMV7M,
        /** a single-precision FPU (armv7emsp, armv7emdp) */
        FPU
    }

    /** Chooses a form by the shape of an argument. */
    enum Pick {
        ANY,
        /** the second argument is an identifier (a register) */
        ARG1_ID,
        /** the second argument is not an identifier */
        ARG1_NOT_ID,
        /** the third argument is an identifier */
        ARG2_ID,
        ARG2_NOT_ID,
        /** the first argument is an identifier starting with 'r' */
        ARG0_R,
        ARG0_NOT_R;

        boolean accepts(List<AsmNode> args) {
            switch (this) {
                case ANY:
                    return true;
                case ARG1_ID:
                    return args.get(1) instanceof AsmNode.Id;
                case ARG1_NOT_ID:
                    return !(args.get(1) instanceof AsmNode.Id);
                case ARG2_ID:
                    return args.get(2) instanceof AsmNode.Id;
                case ARG2_NOT_ID:
                    return !(args.get(2) instanceof AsmNode.Id);
                case ARG0_R:
                    return startsWithR(args.get(0));
                case ARG0_NOT_R:
                    return !startsWithR(args.get(0));
                default:
                    throw new AssertionError(this);
            }
        }

        private static boolean startsWithR(AsmNode n) {
            return n instanceof AsmNode.Id && ((AsmNode.Id) n).name().startsWith("r");
        }
    }

    /** How one argument is read; each yields {@link #width()} values for the encoder. */
    sealed interface Operand {
        default int width() {
            return 1;
        }

        /** A core register r0..r{max} (or sl, fp, sp, lr, pc). */
        record Reg(int max) implements Operand {
        }

        /** IPSR or BASEPRI. */
        record SpecialReg() implements Operand {
        }

        /** A single-precision register s0..s31. */
        record VfpReg() implements Operand {
        }

        /** An integer that must fit {@code mask}; the encoder gets it shifted right by {@code shift}. */
        record Imm(int mask, int shift) implements Operand {
        }

        /** A label name; the encoder gets the label number. */
        record Label() implements Operand {
        }

        /**
         * An address {@code [base, offset]}: two values, the base register (at most
         * r{baseMax}) and the offset (mask, shift as for {@link Imm}). When {@code badIsUnsupported}
         * a malformed address makes the whole instruction unsupported instead of an address error.
         */
        record Addr(int baseMax, int mask, int shift, boolean badIsUnsupported) implements Operand {
            @Override
            public int width() {
                return 2;
            }
        }

        /** A register set {@code {r0, r4, lr}}; the encoder gets the bit mask. */
        record RegList() implements Operand {
        }

        /** A condition name (eq, ne, ...); anything else makes the instruction unsupported. */
        record Cond() implements Operand {
        }

        /** {@code APSR_nzcv} (value 15) or a core register. */
        record ApsrOrReg() implements Operand {
        }

        /** Exactly this identifier; anything else makes the instruction unsupported. */
        record Keyword(String word) implements Operand {
        }

        /** An argument that is not looked at. */
        record Unchecked() implements Operand {
        }
    }

    /** Where an instruction is being placed, for encoders of branches and width choices. */
    interface Site {
        /** Code offset of the instruction's first byte. */
        long offset();

        /** Code offset of label number {@code label} (-1 while it is not known). */
        long labelOffset(int label);

        boolean armv7m();

        /** Notes "branch not in range" unless {@code rel} fits in {@code bits} signed bits (final pass only). */
        void requireSignedFit(long rel, int bits);
    }

    /** Turns operand values into halfwords (a 32-bit instruction is two: high then low); null means unsupported. */
    @FunctionalInterface
    interface Encoder {
        int[] encode(int[] v, Site site);
    }

    /**
     * One instruction form.
     *
     * @param gnu the same instruction for GNU as ({@code .syntax unified}); {@code {i}} stands for
     *            value i as written in the source (registers by name, immediates unshifted), {@code {L}}
     *            for the branch target label
     */
    record Form(String name, Arch arch, Pick pick, List<Operand> operands, Encoder encoder, String gnu) {
        Form {
            operands = List.copyOf(operands);
        }

        int nArgs() {
            return operands.size();
        }

        int nValues() {
            int n = 0;
            for (Operand o : operands) {
                n += o.width();
            }
            return n;
        }
    }

    /** Function entry: push {r1, r4-r7, lr} (r1 keeps the stack 8-byte aligned). */
    static final int ENTRY = 0xb5f2;
    /** Function exit: pop {r1, r4-r7, pc}. */
    static final int EXIT = 0xbdf2;
    /**
     * On armv6 (an ARM core running Thumb code) the function starts with these ARM words: push
     * {r4, lr}; add lr, pc, #9; blx lr; pop {r4, lr}; bx lr -- they call the Thumb code that
     * follows and return to ARM state.
     */
    static final List<Integer> ARM_STATE_STUB = ThumbOps.ARM_STATE_STUB;

    /** Condition codes by name, in encoding order (eq = 0 ... le = 13). */
    static final List<String> CONDITIONS = List.of(
            "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le");

    /** Core register names and numbers. */
    static final List<String> REG_NAMES = List.of(
            "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
            "sl", "fp", "sp", "lr", "pc");
    static final int[] REG_NUMBERS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 10, 11, 13, 14, 15};

    /** Special registers mrs reads, and their SYSm numbers. */
    static final List<String> SPECIAL_REG_NAMES = List.of("IPSR", "BASEPRI");
    static final int[] SPECIAL_REG_NUMBERS = {5, 17};

    private static final Operand LO = new Operand.Reg(7);
    private static final Operand ANY_REG = new Operand.Reg(15);
    private static final Operand VFP = new Operand.VfpReg();
    private static final Operand LABEL = new Operand.Label();

    /** The table. */
    static final List<Form> FORMS = build();

    private static List<Form> build() {
        List<Form> t = new ArrayList<>();

        // ---- no arguments
        t.add(form("nop", Arch.ANY, Pick.ANY, ops(), fixed(0xbf00), "nop"));
        t.add(form("wfi", Arch.ANY, Pick.ANY, ops(), fixed(0xbf30), "wfi"));

        // ---- one argument
        t.add(form("b", Arch.ANY, Pick.ANY, ops(LABEL), (v, s) -> {
            long rel = s.labelOffset(v[0]) - s.offset() - 4;
            s.requireSignedFit(rel, 12);
            return hw(0xe000 | (int) ((rel >> 1) & 0x07ff));
        }, "b.n {L}"));
        t.add(form("bl", Arch.ANY, Pick.ANY, ops(LABEL), (v, s) -> {
            long rel = s.labelOffset(v[0]) - s.offset() - 4;
            s.requireSignedFit(rel, 23);
            return hw(0xf000 | (int) ((rel >> 12) & 0x07ff), 0xf800 | (int) ((rel >> 1) & 0x07ff));
        }, "bl {L}"));
        t.add(form("bx", Arch.ANY, Pick.ANY, ops(ANY_REG), (v, s) -> hw(0x4700 | v[0] << 3), "bx {0}"));
        for (int c = 0; c < CONDITIONS.size(); c++) {
            final int cc = c;
            String name = "b" + CONDITIONS.get(c);
            Encoder narrow = (v, s) -> {
                long rel = s.labelOffset(v[0]) - s.offset() - 4;
                s.requireSignedFit(rel, 9);
                return hw(0xd000 | cc << 8 | (int) ((rel >> 1) & 0xff));
            };
            Encoder wide = (v, s) -> {
                long rel = s.labelOffset(v[0]) - s.offset() - 4;
                return hw(0xf000 | cc << 6 | (int) ((rel >> 10) & 0x0400) | (int) ((rel >> 12) & 0x003f),
                        0x8000 | (int) ((rel >> 5) & 0x2000) | (int) ((rel >> 8) & 0x0800)
                                | (int) ((rel >> 1) & 0x07ff));
            };
            t.add(form(name, Arch.ANY, Pick.ANY, ops(LABEL), narrow, name + ".n {L}"));
            t.add(form(name + "_n", Arch.ANY, Pick.ANY, ops(LABEL), narrow, name + ".n {L}"));
            t.add(form(name + "_w", Arch.ARMV7M, Pick.ANY, ops(LABEL), wide, name + ".w {L}"));
        }
        for (String tail : itTails()) {
            t.add(form("it" + tail, Arch.ARMV7M, Pick.ANY, ops(new Operand.Cond()),
                    (v, s) -> hw(0xbf00 | v[0] << 4 | itMask(v[0], tail)), "it" + tail + " {0}"));
        }
        t.add(form("cpsid", Arch.ANY, Pick.ANY, ops(new Operand.Unchecked()), fixed(0xb672), "cpsid i"));
        t.add(form("cpsie", Arch.ANY, Pick.ANY, ops(new Operand.Unchecked()), fixed(0xb662), "cpsie i"));
        t.add(form("push", Arch.ANY, Pick.ANY, ops(new Operand.RegList()), (v, s) -> {
            int list = v[0];
            if ((list & 0xbf00) == 0) {
                return (list & 0x4000) == 0 ? hw(0xb400 | list) : hw(0xb500 | (list & 0xff));
            }
            return s.armv7m() ? hw(0xe92d, list) : null;
        }, "push {0}"));
        t.add(form("pop", Arch.ANY, Pick.ANY, ops(new Operand.RegList()), (v, s) -> {
            int list = v[0];
            if ((list & 0x7f00) == 0) {
                return (list & 0x8000) == 0 ? hw(0xbc00 | list) : hw(0xbd00 | (list & 0xff));
            }
            return s.armv7m() ? hw(0xe8bd, list) : null;
        }, "pop {0}"));

        // ---- two arguments, the second a register
        t.add(form("mov", Arch.ANY, Pick.ARG1_ID, ops(ANY_REG, ANY_REG), (v, s) -> {
            int d = v[0];
            int m = v[1];
            int lo = m < 8 ? m << 3 : 0x40 | (m - 8) << 3;
            lo |= d < 8 ? d : 0x80 | (d - 8);
            return hw(0x4600 | lo);
        }, "mov {0}, {1}"));
        t.add(form("clz", Arch.ARMV7M, Pick.ARG1_ID, ops(ANY_REG, ANY_REG),
                (v, s) -> hw(0xfab0 | v[1], 0xf080 | v[0] << 8 | v[1]), "clz {0}, {1}"));
        t.add(form("rbit", Arch.ARMV7M, Pick.ARG1_ID, ops(ANY_REG, ANY_REG),
                (v, s) -> hw(0xfa90 | v[1], 0xf0a0 | v[0] << 8 | v[1]), "rbit {0}, {1}"));
        t.add(form("mrs", Arch.ARMV7M, Pick.ARG1_ID, ops(new Operand.Reg(12), new Operand.SpecialReg()),
                (v, s) -> hw(0xf3ef, 0x8000 | v[0] << 8 | v[1]), "mrs {0}, {1}"));
        // ALU operations on two low registers (ARMv6-M "format 4")
        alu(t, "and_", 0x4000, "ands {0}, {1}");
        alu(t, "eor", 0x4040, "eors {0}, {1}");
        alu(t, "lsl", 0x4080, "lsls {0}, {1}");
        alu(t, "lsr", 0x40c0, "lsrs {0}, {1}");
        alu(t, "asr", 0x4100, "asrs {0}, {1}");
        alu(t, "adc", 0x4140, "adcs {0}, {1}");
        alu(t, "sbc", 0x4180, "sbcs {0}, {1}");
        alu(t, "ror", 0x41c0, "rors {0}, {1}");
        alu(t, "tst", 0x4200, "tst {0}, {1}");
        alu(t, "neg", 0x4240, "negs {0}, {1}");
        alu(t, "cmp", 0x4280, "cmp {0}, {1}");
        alu(t, "cmn", 0x42c0, "cmn {0}, {1}");
        alu(t, "orr", 0x4300, "orrs {0}, {1}");
        alu(t, "mul", 0x4340, "muls {0}, {1}, {0}");
        alu(t, "bic", 0x4380, "bics {0}, {1}");
        alu(t, "mvn", 0x43c0, "mvns {0}, {1}");

        // ---- two arguments, the second not a register
        Operand imm8 = new Operand.Imm(0xff, 0);
        t.add(form("mov", Arch.ANY, Pick.ARG1_NOT_ID, ops(LO, imm8), lowImm8(0x2000), "movs {0}, #{1}"));
        t.add(form("cmp", Arch.ANY, Pick.ARG1_NOT_ID, ops(LO, imm8), lowImm8(0x2800), "cmp {0}, #{1}"));
        t.add(form("add", Arch.ANY, Pick.ARG1_NOT_ID, ops(LO, imm8), lowImm8(0x3000), "adds {0}, #{1}"));
        t.add(form("sub", Arch.ANY, Pick.ARG1_NOT_ID, ops(LO, imm8), lowImm8(0x3800), "subs {0}, #{1}"));
        Operand imm16 = new Operand.Imm(0xffff, 0);
        t.add(form("movw", Arch.ARMV7M, Pick.ARG1_NOT_ID, ops(ANY_REG, imm16),
                (v, s) -> movImm16(0xf240, v[0], v[1]), "movw {0}, #{1}"));
        t.add(form("movt", Arch.ARMV7M, Pick.ARG1_NOT_ID, ops(ANY_REG, imm16),
                (v, s) -> movImm16(0xf2c0, v[0], v[1]), "movt {0}, #{1}"));
        t.add(form("movwt", Arch.ARMV7M, Pick.ARG1_NOT_ID, ops(ANY_REG, new Operand.Imm(0xffffffff, 0)),
                (v, s) -> concat(movImm16(0xf240, v[0], v[1] & 0xffff), movImm16(0xf2c0, v[0], v[1] >>> 16)),
                "movw {0}, #:lower16:{1}\nmovt {0}, #:upper16:{1}"));
        t.add(form("ldrex", Arch.ARMV7M, Pick.ARG1_NOT_ID,
                ops(ANY_REG, new Operand.Addr(15, 0xff, 2, false)),
                (v, s) -> hw(0xe850 | v[1], 0x0f00 | v[0] << 12 | v[2]), "ldrex {0}, [{1}, #{2}]"));
        // loads and stores of low registers with an immediate offset ("format 9/10")
        loadStore(t, "ldr", 0x6800, 0x7c, 2);
        loadStore(t, "ldrb", 0x7800, 0x1f, 0);
        loadStore(t, "ldrh", 0x8800, 0x3e, 1);
        loadStore(t, "str", 0x6000, 0x7c, 2);
        loadStore(t, "strb", 0x7000, 0x1f, 0);
        loadStore(t, "strh", 0x8000, 0x3e, 1);

        // ---- three arguments
        Operand imm5 = new Operand.Imm(0x1f, 0);
        t.add(form("lsl", Arch.ANY, Pick.ANY, ops(LO, LO, imm5), lowShift(0x0000), "lsls {0}, {1}, #{2}"));
        t.add(form("lsr", Arch.ANY, Pick.ANY, ops(LO, LO, imm5), lowShift(0x0800), "lsrs {0}, {1}, #{2}"));
        t.add(form("asr", Arch.ANY, Pick.ANY, ops(LO, LO, imm5), lowShift(0x1000), "asrs {0}, {1}, #{2}"));
        Operand imm3 = new Operand.Imm(0x7, 0);
        t.add(form("add", Arch.ANY, Pick.ARG2_ID, ops(LO, LO, LO), lowShift(0x1800), "adds {0}, {1}, {2}"));
        t.add(form("add", Arch.ANY, Pick.ARG2_NOT_ID, ops(LO, LO, imm3), lowShift(0x1c00), "adds {0}, {1}, #{2}"));
        t.add(form("sub", Arch.ANY, Pick.ARG2_ID, ops(LO, LO, LO), lowShift(0x1a00), "subs {0}, {1}, {2}"));
        t.add(form("sub", Arch.ANY, Pick.ARG2_NOT_ID, ops(LO, LO, imm3), lowShift(0x1e00), "subs {0}, {1}, #{2}"));
        t.add(form("sdiv", Arch.ARMV7M, Pick.ANY, ops(ANY_REG, ANY_REG, ANY_REG),
                (v, s) -> hw(0xfb90 | v[1], 0xf0f0 | v[0] << 8 | v[2]), "sdiv {0}, {1}, {2}"));
        t.add(form("udiv", Arch.ARMV7M, Pick.ANY, ops(ANY_REG, ANY_REG, ANY_REG),
                (v, s) -> hw(0xfbb0 | v[1], 0xf0f0 | v[0] << 8 | v[2]), "udiv {0}, {1}, {2}"));
        t.add(form("strex", Arch.ARMV7M, Pick.ANY,
                ops(ANY_REG, ANY_REG, new Operand.Addr(15, 0xff, 2, false)),
                (v, s) -> hw(0xe840 | v[2], v[1] << 12 | v[0] << 8 | v[3]), "strex {0}, {1}, [{2}, #{3}]"));

        // ---- single-precision floating point
        // MicroPython's vcmp sets the E bit: it is the VCMPE instruction
        vfpUnary(t, "vcmp", 0xeeb4, 0x0ac0, "vcmpe.f32 {0}, {1}");
        vfpUnary(t, "vsqrt", 0xeeb1, 0x0ac0, "vsqrt.f32 {0}, {1}");
        vfpUnary(t, "vneg", 0xeeb1, 0x0a40, "vneg.f32 {0}, {1}");
        vfpUnary(t, "vcvt_f32_s32", 0xeeb8, 0x0ac0, "vcvt.f32.s32 {0}, {1}");
        vfpUnary(t, "vcvt_s32_f32", 0xeebd, 0x0ac0, "vcvt.s32.f32 {0}, {1}");
        t.add(form("vmrs", Arch.FPU, Pick.ANY, ops(new Operand.ApsrOrReg(), new Operand.Keyword("FPSCR")),
                (v, s) -> hw(0xeef1, 0x0a10 | v[0] << 12), "vmrs {0}, FPSCR"));
        t.add(form("vmov", Arch.FPU, Pick.ARG0_R, ops(ANY_REG, VFP),
                (v, s) -> hw(0xee10 | (v[1] & 0x1e) >> 1, 0x0a10 | v[0] << 12 | (v[1] & 1) << 7), "vmov {0}, {1}"));
        t.add(form("vmov", Arch.FPU, Pick.ARG0_NOT_R, ops(VFP, ANY_REG),
                (v, s) -> hw(0xee00 | (v[0] & 0x1e) >> 1, 0x0a10 | v[1] << 12 | (v[0] & 1) << 7), "vmov {0}, {1}"));
        vfpLoadStore(t, "vldr", 0xed90);
        vfpLoadStore(t, "vstr", 0xed80);
        vfpArith(t, "vadd", 0x30);
        vfpArith(t, "vsub", 0x34);
        vfpArith(t, "vmul", 0x20);
        vfpArith(t, "vdiv", 0x80);
        return List.copyOf(t);
    }

    /** The forms with this name and argument count that the target has, in table order. */
    static List<Form> lookup(String name, int nArgs, boolean armv7m, boolean fpu) {
        List<Form> out = new ArrayList<>(2);
        for (Form f : FORMS) {
            if (f.name().equals(name) && f.nArgs() == nArgs && available(f.arch(), armv7m, fpu)) {
                out.add(f);
            }
        }
        return out;
    }

    static boolean available(Arch arch, boolean armv7m, boolean fpu) {
        switch (arch) {
            case ANY:
                return true;
            case ARMV7M:
                return armv7m;
            case FPU:
                return fpu;
            default:
                throw new AssertionError(arch);
        }
    }

    /** The letters after "it": none, or up to three of t/e. */
    static List<String> itTails() {
        List<String> tails = new ArrayList<>();
        tails.add("");
        for (int len = 1; len <= 3; len++) {
            for (int bits = 0; bits < 1 << len; bits++) {
                StringBuilder sb = new StringBuilder();
                for (int i = len - 1; i >= 0; i--) {
                    sb.append((bits >> i & 1) == 0 ? 't' : 'e');
                }
                tails.add(sb.toString());
            }
        }
        return tails;
    }

    /** The IT mask for condition {@code cc} followed by the then/else letters of {@code tail}. */
    static int itMask(int cc, String tail) {
        int mask = 8;
        for (int i = tail.length() - 1; i >= 0; i--) {
            mask >>= 1;
            mask |= (tail.charAt(i) == 't' ? cc & 1 : ~cc & 1) << 3;
        }
        return mask;
    }

    private static void alu(List<Form> t, String name, int op, String gnu) {
        t.add(form(name, Arch.ANY, Pick.ARG1_ID, ops(LO, LO), (v, s) -> hw(op | v[1] << 3 | v[0]), gnu));
    }

    private static void loadStore(List<Form> t, String name, int op, int mask, int shift) {
        t.add(form(name, Arch.ANY, Pick.ARG1_NOT_ID, ops(LO, new Operand.Addr(7, mask, shift, true)),
                (v, s) -> hw(op | (v[2] << 6 & 0x07c0) | v[1] << 3 | v[0]), name + " {0}, [{1}, #{2}]"));
    }

    private static void vfpUnary(List<Form> t, String name, int hi, int lo, String gnu) {
        t.add(form(name, Arch.FPU, Pick.ANY, ops(VFP, VFP), (v, s) -> hw(
                hi | (v[0] & 1) << 6,
                lo | (v[0] & 0x1e) << 11 | (v[1] & 1) << 5 | (v[1] & 0x1e) >> 1), gnu));
    }

    private static void vfpLoadStore(List<Form> t, String name, int hi) {
        t.add(form(name, Arch.FPU, Pick.ANY, ops(VFP, new Operand.Addr(7, 0x3fc, 2, false)), (v, s) -> hw(
                hi | v[1] | (v[0] & 1) << 6,
                0x0a00 | (v[0] & 0x1e) << 11 | v[2]), name + " {0}, [{1}, #{2}]"));
    }

    private static void vfpArith(List<Form> t, String name, int op) {
        t.add(form(name, Arch.FPU, Pick.ANY, ops(VFP, VFP, VFP), (v, s) -> hw(
                0xee00 | (op & 0xf0) | (v[0] & 1) << 6 | v[1] >> 1,
                0x0a00 | (op & 0x0f) << 4 | v[2] >> 1 | (v[2] & 1) << 5 | (v[0] & 0x1e) << 11 | (v[1] & 1) << 7),
                name + ".f32 {0}, {1}, {2}"));
    }

    private static Encoder fixed(int op) {
        return (v, s) -> hw(op);
    }

    private static Encoder lowImm8(int op) {
        return (v, s) -> hw(op | v[0] << 8 | v[1]);
    }

    /** dest in bits 0-2, source in 3-5, third operand in 6-10. */
    private static Encoder lowShift(int op) {
        return (v, s) -> hw(op | v[2] << 6 | v[1] << 3 | v[0]);
    }

    private static int[] movImm16(int op, int rd, int imm) {
        if (rd == 15) {
            throw new AssemblerAssertion("../py/asmthumb.c:247: asm_thumb_mov_reg_i16: "
                    + "Assertion `reg_dest < ASM_THUMB_REG_R15' failed.");
        }
        return ThumbOps.movImm16(op, rd, imm);
    }

    private static Form form(String name, Arch arch, Pick pick, List<Operand> ops, Encoder enc, String gnu) {
        return new Form(name, arch, pick, ops, enc, gnu);
    }

    private static List<Operand> ops(Operand... ops) {
        return Arrays.asList(ops);
    }

    static int[] hw(int... halfwords) {
        return halfwords;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
