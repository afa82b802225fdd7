package dev.mpt.bytecode;

import java.util.List;

/**
 * A whole .mpy file: header, the module's qstr table (entry 0 is the source file name),
 * its constant table, and the module's raw code with every function inside it.
 */
public record MpyFile(MpyHeader header, List<Qstr> qstrs, List<Constant> constants, RawCode root) {

    public MpyFile {
        qstrs = List.copyOf(qstrs);
        constants = List.copyOf(constants);
        if (qstrs.isEmpty()) {
            throw new IllegalArgumentException("the qstr table must hold at least the source file name");
        }
    }

    /** The source file name the module was compiled from, as embedded in the file. */
    public String sourceFile() {
        return qstrs.get(0).text();
    }

    /** The text of qstr {@code index}. */
    public String qstr(int index) {
        return qstrs.get(index).text();
    }
}
