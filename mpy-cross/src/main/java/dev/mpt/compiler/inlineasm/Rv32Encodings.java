package dev.mpt.compiler.inlineasm;

/**
 * The RISC-V instruction formats (RV32I/M base formats and the C extension's compressed ones),
 * as bit layouts: each method puts its fields where the format wants them and returns the
 * instruction (32 or 16 bits). Fields are masked, never checked: the callers check ranges.
 */
public final class Rv32Encodings {
    private Rv32Encodings() {
    }

    public static long r(int op, int f3, int f7, long rd, long rs1, long rs2) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (f3 & 7) << 12 | (rs1 & 0x1f) << 15 | (rs2 & 0x1f) << 20
            | (long) (f7 & 0x7f) << 25;
    }

    public static long i(int op, int f3, long rd, long rs, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (f3 & 7) << 12 | (rs & 0x1f) << 15 | (imm & 0xfff) << 20;
    }

    public static long s(int op, int f3, long rs1, long rs2, long imm) {
        return (op & 0x7f) | (imm & 0x1f) << 7 | (f3 & 7) << 12 | (rs1 & 0x1f) << 15 | (rs2 & 0x1f) << 20
            | (imm & 0xfe0) << 20;
    }

    public static long b(int op, int f3, long rs1, long rs2, long imm) {
        return (op & 0x7f) | (f3 & 7) << 12 | (imm & 0x800) >> 4 | (imm & 0x1e) << 7 | (rs1 & 0x1f) << 15
            | (rs2 & 0x1f) << 20 | (imm & 0x7e0) << 20 | (imm & 0x1000) << 19;
    }

    public static long u(int op, long rd, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (imm & 0xfffff000L);
    }

    public static long j(int op, long rd, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (imm & 0xff000) | (imm & 0x800) << 9 | (imm & 0x7fe) << 20
            | (imm & 0x100000) << 11;
    }

    /** CSR with a 5-bit immediate in the rs1 field. */
    public static long csri(int op, int f3, long rd, long csr, long imm) {
        return (op & 0x7f) | (rd & 0x1f) << 7 | (f3 & 7) << 12 | (csr & 0xfff) << 20 | (imm & 0x1f) << 15;
    }

    public static long cr(int op, int f4, long rs1, long rs2) {
        return (op & 3) | (rs2 & 0x1f) << 2 | (rs1 & 0x1f) << 7 | (f4 & 0xf) << 12;
    }

    public static long ci(int op, int f3, long rd, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rd & 0x1f) << 7 | (imm & 0x20) << 7 | (imm & 0x1f) << 2;
    }

    public static long ciw(int op, int f3, long rd, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rd & 7) << 2 | (imm & 0x3c0) << 1 | (imm & 0x30) << 7
            | (imm & 0x08) << 2 | (imm & 0x04) << 4;
    }

    public static long ca(int op, int f6, int f2, long rd, long rs) {
        return (op & 3) | (f6 & 0x3f) << 10 | (f2 & 3) << 5 | (rd & 3) << 7 | (rs & 3) << 2;
    }

    public static long cb(int op, int f3, long rs, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rs & 7) << 7 | (imm & 0xe0) << 5 | (imm & 0x1f) << 2;
    }

    /** The 8 immediate bits of c.beqz/c.bnez, in the order {@link #cb} lays them out. */
    public static long cbOffset(long offset) {
        return (offset & 0x100) >> 1 | (offset & 0xc0) >> 3 | (offset & 0x20) >> 5 | (offset & 0x18) << 2
            | (offset & 0x06);
    }

    public static long cj(int op, int f3, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (imm & 0x0e) << 2 | (imm & 0x300) << 1 | (imm & 0x800) << 1
            | (imm & 0x400) >> 2 | (imm & 0x80) >> 1 | (imm & 0x40) << 1 | (imm & 0x20) >> 3 | (imm & 0x10) << 7;
    }

    public static long cl(int op, int f3, long rd, long rs, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rd & 7) << 2 | (rs & 7) << 7 | (imm & 0x40) >> 1 | (imm & 0x38) << 7
            | (imm & 0x04) << 4;
    }

    public static long css(int op, int f3, long rs, long imm) {
        return (op & 3) | (f3 & 7) << 13 | (rs & 0x1f) << 2 | (imm & 0x3f) << 7;
    }
}
