package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Hand-built .mpy files for tests: small modules assembled byte by byte. */
final class Vectors {
    private Vectors() {}

    /**
     * Assembles a bytecode function: signature, size, names, line table and the given
     * opcodes.
     */
    static byte[] function(int nState, int nExcStack, int flags, int nPos, int nKwonly, int nDef, int name,
            int[] argNames, byte[] lineInfo, byte[] cells, int... code) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        VarUint.write(info, name);
        for (int a : argNames) {
            VarUint.write(info, a);
        }
        info.writeBytes(lineInfo);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Prelude.encodeSignature(out, nState, nExcStack, flags, nPos, nKwonly, nDef);
        Prelude.encodeSize(out, info.size(), cells.length);
        out.writeBytes(info.toByteArray());
        out.writeBytes(cells);
        for (int b : code) {
            out.write(b);
        }
        return out.toByteArray();
    }

    /**
     * A module like {@code def f(a, b=2): return a + b} / {@code print(f(1), 'hi', 10**20, 1.5)}:
     * qstrs, every common constant kind, a child function and a jump-free body.
     */
    static MpyFile module() {
        List<Qstr> qstrs = List.of(Qstr.of("hello.py"), Qstr.of("<module>"), Qstr.of("f"), Qstr.of("print"),
                Qstr.of("a"), Qstr.of("b"), Qstr.of("zip"));
        List<Constant> constants = List.of(new Constant.Str("hi"), new Constant.Int("100000000000000000000"),
                new Constant.Float("1.5"), new Constant.Bytes(new byte[] {0, 1, 2}),
                new Constant.Tuple(List.of(new Constant.None(), new Constant.Bool(true), new Constant.Ellipsis())),
                new Constant.Complex("2j"));
        byte[] f = function(3, 0, 0, 2, 0, 1, 2, new int[] {4, 5}, new byte[] {0x20}, new byte[0],
                0xb0, 0xb1, 0xd7 + BinaryOp.ADD.ordinal(), 0x63);
        byte[] mod = function(5, 0, 0, 0, 0, 0, 1, new int[0], new byte[] {0x00, 0x48}, new byte[0],
                0x22, 0x02, 0x2a, 0x01, // LOAD_CONST_SMALL_INT 2, BUILD_TUPLE 1
                0x33, 0x00, // MAKE_FUNCTION_DEFARGS 0
                0x16, 0x02, // STORE_NAME f
                0x11, 0x03, // LOAD_NAME print
                0x11, 0x02, // LOAD_NAME f
                0x81, // LOAD_CONST_SMALL_INT 1
                0x34, 0x01, // CALL_FUNCTION 1
                0x10, 0x03, // LOAD_CONST_STRING print (qstr 3)
                0x23, 0x00, 0x23, 0x01, 0x23, 0x02, // LOAD_CONST_OBJ 0, 1, 2
                0x34, 0x05, // CALL_FUNCTION 5
                0x59, 0x51, 0x63); // POP_TOP, LOAD_CONST_NONE, RETURN_VALUE
        RawCode root = new RawCode.Bytecode(mod, List.of(new RawCode.Bytecode(f, List.of())));
        return new MpyFile(MpyHeader.bytecode(), qstrs, constants, root);
    }
}
