package dev.mpt.vm;

import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.RawCode;

/** A function defined in Python: bytecode, its module, defaults and closed-over cells. */
public final class PyFunction implements PyObject {
    final CodeUnit code;
    final ModuleContext ctx;
    /** Default values of the last positional parameters, or empty. */
    final Object[] defaults;
    /** Defaults of keyword-only parameters, or null. */
    final PyDict kwDefaults;
    /** Cells passed in as the first positional arguments, or empty. */
    final Object[] closed;
    java.util.Map<String, Object> attrs;

    PyFunction(CodeUnit code, ModuleContext ctx, Object[] defaults, PyDict kwDefaults, Object[] closed) {
        this.code = code;
        this.ctx = ctx;
        this.defaults = defaults;
        this.kwDefaults = kwDefaults;
        this.closed = closed;
    }

    public PyType type() {
        return code.prelude.scopeFlags() != 0 && (code.prelude.scopeFlags() & dev.mpt.bytecode.ScopeFlags.GENERATOR) != 0
                ? Types.GENFUNCTION : Types.FUNCTION;
    }

    public String name() {
        return code.name;
    }

    boolean isGenerator() {
        return (code.prelude.scopeFlags() & dev.mpt.bytecode.ScopeFlags.GENERATOR) != 0;
    }

    /** A bytecode raw code with its prelude decoded once. */
    static final class CodeUnit {
        final RawCode.Bytecode raw;
        final byte[] bc;
        final Prelude prelude;
        final String name;
        final String[] argNames;
        final CodeUnit[] children;
        final int[] cellLocals;
        dev.mpt.bytecode.LineTable lines;

        CodeUnit(RawCode.Bytecode raw, ModuleContext ctx) {
            this.raw = raw;
            this.bc = raw.data();
            try {
                this.prelude = raw.prelude();
            } catch (dev.mpt.bytecode.MpyFormatException e) {
                throw Ops.valueError("incompatible .mpy file");
            }
            this.name = ctx.qstr(prelude.simpleName());
            this.argNames = new String[prelude.argNames().size()];
            for (int i = 0; i < argNames.length; i++) {
                argNames[i] = ctx.qstr(prelude.argNames().get(i));
            }
            this.cellLocals = new int[prelude.nCell()];
            for (int i = 0; i < cellLocals.length; i++) {
                cellLocals[i] = bc[prelude.cellStart() + i] & 0xff;
            }
            this.children = new CodeUnit[raw.children().size()];
            for (int i = 0; i < children.length; i++) {
                RawCode c = raw.children().get(i);
                if (c instanceof RawCode.Bytecode b) {
                    children[i] = new CodeUnit(b, ctx);
                } else {
                    children[i] = null;
                }
            }
        }

        int lineOf(int ip) {
            if (lines == null) {
                try {
                    lines = dev.mpt.bytecode.LineTable.decode(bc, prelude.lineInfoStart(), prelude.cellStart());
                } catch (dev.mpt.bytecode.MpyFormatException e) {
                    return 0;
                }
            }
            return lines.lineOf(ip - prelude.codeStart());
        }
    }
}
