package dev.mpt.vm.extmod;

import dev.mpt.bytecode.Constant;
import dev.mpt.bytecode.Instruction;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.MpyReader;
import dev.mpt.bytecode.MpyWriter;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.NativeAsBytecode;
import dev.mpt.bytecode.Opcode;
import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.Qstr;
import dev.mpt.bytecode.RawCode;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyCode;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.VM;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * marshal: code objects to bytes and back, as MicroPython's extmod/modmarshal.c. The bytes are
 * a bytecode-only .mpy file (header {@code M 6 0 63}) holding the function's raw code with its
 * children, and tables cut down to what the code uses: each table runs up to its last entry
 * used (at least one entry), the qstrs not used written as the empty qstr and the constants
 * not used as None, so the code's indices stay valid.
 */
final class Marshal {
    /** Bits in a small int of the 64-bit unix port, whose marshal data this is. */
    static final int SMALL_INT_BITS = 63;

    private Marshal() {}

    static PyModule module(VM vm) {
        PyModule m = new PyModule("marshal");
        m.fn("dumps", (a, kw) -> {
            if (!(a[0] instanceof PyCode c)) {
                throw Ops.valueError("unmarshallable object");
            }
            return new PyBytes(dumps(c.file));
        });
        m.fn("loads", (a, kw) -> {
            MpyFile f;
            try {
                f = MpyReader.read(Ops.bytesOf(a[0]));
            } catch (MpyFormatException e) {
                throw Ops.valueError("incompatible .mpy file");
            }
            if (f.header().arch() != NativeArch.NONE) {
                throw Ops.valueError("incompatible .mpy arch");
            }
            return new PyCode(f, vm);
        });
        return m;
    }

    /** The marshal bytes of the code whose tables and root raw code {@code code} holds. */
    static byte[] dumps(MpyFile code) {
        BitSet qstrs = new BitSet();
        BitSet objs = new BitSet();
        RawCode root = simplify(code.root(), qstrs, objs);
        List<Qstr> q = new ArrayList<>();
        for (int i = 0; i < Math.max(1, qstrs.length()); i++) {
            q.add(qstrs.get(i) ? code.qstrs().get(i) : Qstr.of(""));
        }
        List<Constant> c = new ArrayList<>();
        for (int i = 0; i < Math.max(1, objs.length()); i++) {
            c.add(objs.get(i) ? code.constants().get(i) : new Constant.None());
        }
        MpyHeader h = MpyHeader.of(NativeArch.NONE, 0, SMALL_INT_BITS);
        return MpyWriter.write(new MpyFile(h, q, c, root));
    }

    /**
     * The raw code with the children its bytecode makes functions of, noting the qstrs (name,
     * parameter names, opcodes' qstr arguments) and constants it uses.
     */
    private static RawCode simplify(RawCode rc, BitSet qstrs, BitSet objs) {
        if (!(rc instanceof RawCode.Bytecode b) || NativeAsBytecode.isMarked(rc)) {
            throw Ops.valueError("function must be bytecode");
        }
        byte[] data = b.data();
        int nChildren = 0;
        try {
            Prelude p = b.prelude();
            qstrs.set(p.simpleName());
            for (int n : p.argNames()) {
                qstrs.set(n);
            }
            for (Instruction in : Instruction.decodeAll(data, p.codeStart(), data.length)) {
                Opcode op = in.opcode();
                if (op.format() == Opcode.Format.QSTR) {
                    qstrs.set((int) in.arg());
                } else if (op == Opcode.LOAD_CONST_OBJ) {
                    objs.set((int) in.arg());
                } else if (op == Opcode.MAKE_FUNCTION || op == Opcode.MAKE_FUNCTION_DEFARGS
                        || op == Opcode.MAKE_CLOSURE || op == Opcode.MAKE_CLOSURE_DEFARGS) {
                    nChildren = Math.max(nChildren, (int) in.arg() + 1);
                }
            }
        } catch (MpyFormatException e) {
            throw Ops.valueError("function must be bytecode");
        }
        List<RawCode> children = new ArrayList<>();
        for (int i = 0; i < nChildren; i++) {
            children.add(simplify(b.children().get(i), qstrs, objs));
        }
        return new RawCode.Bytecode(data, children);
    }
}
