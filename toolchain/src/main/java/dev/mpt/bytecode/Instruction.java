package dev.mpt.bytecode;

import java.util.ArrayList;
import java.util.List;

/**
 * One decoded bytecode instruction.
 *
 * @param offset offset of the opcode byte in the raw code's data
 * @param size   bytes the instruction takes, argument and extra byte included
 * @param opcode the opcode (a multi opcode for bytes such as {@code LOAD_FAST 3})
 * @param arg    the argument: qstr index, var-uint, signed small int, relative jump offset,
 *               or for a multi opcode the value carried in the opcode byte (small int, local
 *               number, operator number); 0 when there is none
 * @param extra  the extra byte of {@code MAKE_CLOSURE*} / {@code UNWIND_JUMP}, else -1
 */
public record Instruction(int offset, int size, Opcode opcode, long arg, int extra) {

    /** For a jump, the offset in the data it jumps to. */
    public int target() {
        if (opcode.format() != Opcode.Format.OFFSET) {
            throw new IllegalStateException(opcode + " does not jump");
        }
        return offset + size - (extra >= 0 ? 1 : 0) + (int) arg;
    }

    /** For {@code UNARY_OP}, the operator. */
    public UnaryOp unaryOp() {
        return UnaryOp.values()[(int) arg];
    }

    /** For {@code BINARY_OP}, the operator. */
    public BinaryOp binaryOp() {
        return BinaryOp.values()[(int) arg];
    }

    /** Decodes the instruction at {@code data[ip]}; the code ends at {@code end}. */
    public static Instruction decode(byte[] data, int ip, int end) throws MpyFormatException {
        Cursor c = new Cursor(data, ip, end, 0);
        int b = c.u8("bytecode");
        Opcode op = Opcode.ofByte(b);
        if (op == null) {
            throw new MpyFormatException(String.format("corrupt .mpy file: unknown opcode 0x%02x at offset %d", b, ip));
        }
        long arg = 0;
        switch (op.format()) {
            case BYTE -> {
                if (op.isMulti()) {
                    arg = b - op.code();
                    if (op == Opcode.LOAD_CONST_SMALL_INT_MULTI) {
                        arg -= Opcode.SMALL_INT_MULTI_EXCESS;
                    }
                }
            }
            case QSTR, VAR_UINT -> {
                int z = c.u8("bytecode argument");
                arg = z & 0x7f;
                if (op == Opcode.LOAD_CONST_SMALL_INT && (z & 0x40) != 0) {
                    arg |= -1L << 7;
                }
                for (int n = 0; (z & 0x80) != 0; n++) {
                    if (n >= 9) {
                        throw new MpyFormatException("corrupt .mpy file: bytecode argument too long at offset " + ip);
                    }
                    z = c.u8("bytecode argument");
                    arg = arg << 7 | (z & 0x7f);
                }
            }
            case OFFSET -> {
                int z = c.u8("jump offset");
                if ((z & 0x80) == 0) {
                    arg = z - (op.hasSignedOffset() ? 0x40 : 0);
                } else {
                    arg = (z & 0x7f | c.u8("jump offset") << 7) - (op.hasSignedOffset() ? 0x4000 : 0);
                }
            }
        }
        int extra = op.hasExtraByte() ? c.u8("bytecode") : -1;
        return new Instruction(ip, c.pos() - ip, op, arg, extra);
    }

    /** Decodes all instructions of {@code data[start..end)}. */
    public static List<Instruction> decodeAll(byte[] data, int start, int end) throws MpyFormatException {
        List<Instruction> out = new ArrayList<>();
        for (int ip = start; ip < end; ) {
            Instruction in = decode(data, ip, end);
            out.add(in);
            ip += in.size();
        }
        return out;
    }
}
