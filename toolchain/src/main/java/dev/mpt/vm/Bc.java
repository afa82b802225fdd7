package dev.mpt.vm;

import dev.mpt.bytecode.ScopeFlags;
import java.util.Map;

/**
 * Binds a call's arguments to a new frame's locals (MicroPython's bc.c): positional
 * arguments, defaults, *args, keyword arguments, **kwargs and keyword-only arguments, with
 * MicroPython's error messages; then wraps the cell variables.
 */
final class Bc {
    private Bc() {}

    static Frame setupFrame(PyFunction f, Object[] argsIn, Map<String, Object> kw) {
        Frame fr = new Frame(f, f.ctx.module.globals, f.ctx.module.globals);
        Object[] args = argsIn;
        if (f.closed.length > 0) {
            args = new Object[f.closed.length + argsIn.length];
            System.arraycopy(f.closed, 0, args, 0, f.closed.length);
            System.arraycopy(argsIn, 0, args, f.closed.length, argsIn.length);
        }
        var p = f.code.prelude;
        int nPos = p.nPosArgs();
        int nKwonly = p.nKwonlyArgs();
        int nDef = p.nDefPosArgs();
        int flags = p.scopeFlags();
        int nState = fr.state.length;
        Object[] st = fr.state;
        int varSlot = nState - 1 - nPos - nKwonly;
        int nArgs = args.length;
        boolean hasKw = kw != null && !kw.isEmpty();
        if (nArgs > nPos) {
            if ((flags & ScopeFlags.VARARGS) == 0) {
                throw Ops.typeError(f.name() + "() takes " + nPos + " positional arguments but " + nArgs + " were given");
            }
            Object[] extra = new Object[nArgs - nPos];
            System.arraycopy(args, nPos, extra, 0, extra.length);
            st[varSlot--] = new PyTuple(extra);
            nArgs = nPos;
        } else {
            if ((flags & ScopeFlags.VARARGS) != 0) {
                st[varSlot--] = PyTuple.EMPTY;
            }
            if (!hasKw && (flags & ScopeFlags.DEFKWARGS) == 0) {
                if (nArgs >= nPos - nDef) {
                    for (int i = nArgs; i < nPos; i++) {
                        st[nState - 1 - i] = f.defaults[i - (nPos - nDef)];
                    }
                } else {
                    throw Ops.typeError(f.name() + "() takes " + (nPos - nDef) + " positional arguments but " + nArgs
                            + " were given");
                }
            }
        }
        for (int i = 0; i < nArgs; i++) {
            st[nState - 1 - i] = args[i];
        }
        if (hasKw || (flags & ScopeFlags.DEFKWARGS) != 0) {
            PyDict dict = null;
            if ((flags & ScopeFlags.VARKEYWORDS) != 0) {
                dict = new PyDict();
                st[varSlot] = dict;
            }
            if (hasKw) {
                String[] names = f.code.argNames;
                outer:
                for (Map.Entry<String, Object> e : kw.entrySet()) {
                    String want = e.getKey();
                    for (int j = 0; j < nPos + nKwonly; j++) {
                        if (names[j].equals(want)) {
                            if (st[nState - 1 - j] != null) {
                                throw Ops.typeError("function got multiple values for argument '" + want + "'");
                            }
                            st[nState - 1 - j] = e.getValue();
                            continue outer;
                        }
                    }
                    if (dict == null) {
                        throw Ops.typeError("unexpected keyword argument '" + want + "'");
                    }
                    if (dict.get(want) != null) {
                        throw Ops.typeError("function got multiple values for argument '" + want + "'");
                    }
                    dict.put(want, e.getValue());
                }
            }
            for (int i = 0; i < nDef; i++) {
                int slot = nState - nPos + i;
                int argIndex = nPos - nDef + i;
                int s = nState - 1 - argIndex;
                if (st[s] == null) {
                    st[s] = f.defaults[i];
                }
                if (slot < 0) {
                    break;
                }
            }
            for (int j = 0; j < nPos; j++) {
                if (st[nState - 1 - j] == null) {
                    throw Ops.typeError("function missing required positional argument #" + (j + 1));
                }
            }
            for (int i = 0; i < nKwonly; i++) {
                int s = nState - 1 - nPos - i;
                if (st[s] == null) {
                    Object v = f.kwDefaults == null ? null : f.kwDefaults.get(f.code.argNames[nPos + i]);
                    if (v == null) {
                        throw Ops.typeError("function missing required keyword argument '" + f.code.argNames[nPos + i] + "'");
                    }
                    st[s] = v;
                }
            }
        } else {
            if (nKwonly != 0) {
                throw Ops.typeError("function missing keyword-only argument");
            }
            if ((flags & ScopeFlags.VARKEYWORDS) != 0) {
                st[varSlot] = new PyDict();
            }
        }
        for (int local : f.code.cellLocals) {
            st[nState - 1 - local] = new Cell(st[nState - 1 - local]);
        }
        return fr;
    }
}
