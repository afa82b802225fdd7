package dev.mpt.vm;

import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.RawCode;

/**
 * A function defined in Python: bytecode (or, for a viper function, the VM's native code run
 * by {@link NativeMachine}), its module, defaults and closed-over cells.
 */
public final class PyFunction implements PyObject {
    /** The bytecode; null for a viper function. */
    final CodeUnit code;
    /** The native code of a viper function, or null. */
    final NativeMachine.Program viper;
    final ModuleContext ctx;
    /** Default values of the last positional parameters, or empty. */
    final Object[] defaults;
    /** Defaults of keyword-only parameters, or null. */
    final PyDict kwDefaults;
    /** Cells passed in as the first positional arguments, or empty. */
    final Object[] closed;
    java.util.Map<String, Object> attrs;
    /**
     * Bytecode, not a generator, only positional parameters (no *args, **kwargs, keyword-only
     * parameters or keyword defaults): calls with positional arguments fill its frame directly
     * ({@link Interp#callSimple}).
     */
    final boolean simple;
    /** A frame of this function's that is free to run a call in (see JitRuntime.direct), or null. */
    Frame spare;

    PyFunction(CodeUnit code, ModuleContext ctx, Object[] defaults, PyDict kwDefaults, Object[] closed) {
        this.code = code;
        this.viper = null;
        this.ctx = ctx;
        this.defaults = defaults;
        this.kwDefaults = kwDefaults;
        this.closed = closed;
        this.simple = code.simple && kwDefaults == null;
    }

    /** A viper function (it takes no defaults: its code checks its own arguments). */
    PyFunction(NativeMachine.Program viper, ModuleContext ctx, Object[] closed) {
        this.code = null;
        this.viper = viper;
        this.ctx = ctx;
        this.defaults = new Object[0];
        this.kwDefaults = null;
        this.closed = closed;
        this.simple = false;
    }

    /** As MicroPython's: a function with closed-over cells is a closure (its own type), whatever it wraps. */
    public PyType type() {
        return closed.length > 0 ? Types.CLOSURE : code == null ? Types.FUN_VIPER
                : isGenerator() ? Types.GENFUNCTION : code.nativeMarked ? Types.FUN_NATIVE : Types.FUNCTION;
    }

    /** The function's name; null for a viper function (MicroPython keeps none for it). */
    public String name() {
        return code == null ? null : code.name;
    }

    boolean isGenerator() {
        return code != null && (code.prelude.scopeFlags() & dev.mpt.bytecode.ScopeFlags.GENERATOR) != 0;
    }

    /** A bytecode raw code with its prelude decoded once. */
    static final class CodeUnit {
        final RawCode.Bytecode raw;
        final byte[] bc;
        final Prelude prelude;
        final String name;
        final String[] argNames;
        final CodeUnit[] children;
        /** The viper functions among the children (compiled for this VM), else null entries. */
        final NativeMachine.Program[] viperChildren;
        final int[] cellLocals;
        /** Positional parameters and how many of them have defaults (from the prelude). */
        final int nPos;
        final int nDef;
        /** See {@link PyFunction#simple}. */
        final boolean simple;
        /** The source made it {@code @micropython.native} (see {@link dev.mpt.bytecode.NativeAsBytecode}). */
        final boolean nativeMarked;
        dev.mpt.bytecode.LineTable lines;
        /** Per-instruction caches of the interpreter, by bytecode offset (see Interp.loadGlobal). */
        final Object[] sites;
        /** The JVM-bytecode tier: calls and loop back-edges so far, and the compiled code (or JitRuntime.FAILED). */
        int heat;
        Object jit;

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
            this.sites = new Object[bc.length];
            this.nPos = prelude.nPosArgs();
            this.nDef = prelude.nDefPosArgs();
            int flags = prelude.scopeFlags();
            this.simple = prelude.nKwonlyArgs() == 0 && (flags & (dev.mpt.bytecode.ScopeFlags.GENERATOR
                    | dev.mpt.bytecode.ScopeFlags.VARARGS | dev.mpt.bytecode.ScopeFlags.VARKEYWORDS
                    | dev.mpt.bytecode.ScopeFlags.DEFKWARGS)) == 0;
            this.nativeMarked = dev.mpt.bytecode.NativeAsBytecode.isMarked(raw);
            this.children = new CodeUnit[raw.children().size()];
            this.viperChildren = new NativeMachine.Program[children.length];
            for (int i = 0; i < children.length; i++) {
                RawCode c = raw.children().get(i);
                if (c instanceof RawCode.Bytecode b) {
                    children[i] = new CodeUnit(b, ctx);
                } else {
                    children[i] = null;
                    if (c instanceof RawCode.Viper v && NativeMachine.Program.isOurs(v)) {
                        viperChildren[i] = new NativeMachine.Program(v);
                    }
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
