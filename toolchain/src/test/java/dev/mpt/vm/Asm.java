package dev.mpt.vm;

import dev.mpt.bytecode.Constant;
import dev.mpt.bytecode.LineTable;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.Qstr;
import dev.mpt.bytecode.RawCode;
import dev.mpt.bytecode.VarUint;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny bytecode assembler for tests: emits opcodes with labels and line numbers and wraps
 * them in a prelude, so VM tests need no compiled .mpy files.
 */
final class Asm {
    /** The module's qstr table, shared by all functions of one file (entry 0: file name). */
    static final class Module {
        final List<Qstr> qstrs = new ArrayList<>();
        final List<Constant> constants = new ArrayList<>();

        Module(String file) {
            qstrs.add(Qstr.of(file));
        }

        int q(String s) {
            for (int i = 0; i < qstrs.size(); i++) {
                if (qstrs.get(i).text().equals(s)) {
                    return i;
                }
            }
            qstrs.add(Qstr.of(s));
            return qstrs.size() - 1;
        }

        MpyFile file(RawCode root) {
            return new MpyFile(MpyHeader.bytecode(), qstrs, constants, root);
        }
    }

    private final Module mod;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<int[]> fixups = new ArrayList<>();
    private final List<String> fixupLabels = new ArrayList<>();
    private int lastLineOffset;
    private int lastLine = 1;
    final List<RawCode> children = new ArrayList<>();

    Asm(Module mod) {
        this.mod = mod;
    }

    Asm line(int line) {
        LineTable.encodeStep(lines, code.size() - lastLineOffset, line - lastLine);
        lastLineOffset = code.size();
        lastLine = line;
        return this;
    }

    Asm op(int opcode) {
        code.write(opcode);
        return this;
    }

    Asm op(int opcode, long uint) {
        code.write(opcode);
        VarUint.write(code, uint);
        return this;
    }

    Asm qop(int opcode, String qstr) {
        return op(opcode, mod.q(qstr));
    }

    Asm smallInt(long v) {
        code.write(0x22);
        VarUint.writeSigned(code, v);
        return this;
    }

    /** A jump with a 2-byte offset to a label; signed for JUMP/POP_JUMP_IF_*, UNWIND_JUMP. */
    Asm jump(int opcode, String label) {
        code.write(opcode);
        fixups.add(new int[] {code.size(), opcode});
        fixupLabels.add(label);
        code.write(0);
        code.write(0);
        return this;
    }

    Asm label(String name) {
        labels.put(name, code.size());
        return this;
    }

    /** The function: prelude (signature, sizes, names, line table) then code. */
    RawCode.Bytecode build(String name, int nState, int nExc, int flags, int nPos, String... argNames) {
        byte[] body = code.toByteArray();
        for (int i = 0; i < fixups.size(); i++) {
            int at = fixups.get(i)[0];
            int opc = fixups.get(i)[1];
            int target = labels.get(fixupLabels.get(i));
            boolean signed = opc == 0x40 || opc == 0x42 || opc == 0x43 || opc == 0x44;
            int off = target - (at + 2) + (signed ? 0x4000 : 0);
            body[at] = (byte) (0x80 | (off & 0x7f));
            body[at + 1] = (byte) (off >> 7);
        }
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        VarUint.write(info, mod.q(name));
        for (String a : argNames) {
            VarUint.write(info, mod.q(a));
        }
        byte[] lt = lines.toByteArray();
        info.writeBytes(lt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Prelude.encodeSignature(out, nState, nExc, flags, nPos, 0, 0);
        Prelude.encodeSize(out, info.size(), 0);
        out.writeBytes(info.toByteArray());
        out.writeBytes(body);
        return new RawCode.Bytecode(out.toByteArray(), children);
    }
}
