package dev.mpt.compiler;

import dev.mpt.bytecode.RawCode;
import dev.mpt.compiler.ParseNode.Id;
import dev.mpt.compiler.ParseNode.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * A scope (module, class, function, lambda, comprehension) with its identifiers, decided as
 * MicroPython decides them: implicit globals, explicit globals, locals, cells and free
 * variables, numbered the same way (free vars first, then parameters, then locals, then cells).
 */
public final class Scope {

    /** Scope kinds in MicroPython's order (function-like kinds start at LAMBDA). */
    public enum Kind { MODULE, CLASS, LAMBDA, LIST_COMP, DICT_COMP, SET_COMP, GEN_EXPR, FUNCTION;

        boolean funcLike() {
            return ordinal() >= LAMBDA.ordinal();
        }

        boolean compLike() {
            return ordinal() >= LIST_COMP.ordinal() && ordinal() <= GEN_EXPR.ordinal();
        }
    }

    /** How an identifier is bound in its scope. */
    public enum IdKind { UNDECIDED, GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED, GLOBAL_EXPLICIT, LOCAL, CELL, FREE }

    static final int FLAG_IS_PARAM = 1;
    static final int FLAG_IS_STAR_PARAM = 2;
    static final int FLAG_IS_DBL_STAR_PARAM = 4;

    /** One identifier of a scope. */
    public static final class IdInfo {
        IdKind kind;
        int flags;
        int localNum;
        final String name;

        IdInfo(String name, IdKind kind) {
            this.name = name;
            this.kind = kind;
        }

        public IdKind kind() {
            return kind;
        }

        public String name() {
            return name;
        }

        public int localNum() {
            return localNum;
        }
    }

    public static final int FLAG_GENERATOR = 0x01;
    public static final int FLAG_VARKEYWORDS = 0x02;
    public static final int FLAG_VARARGS = 0x04;
    public static final int FLAG_DEFKWARGS = 0x08;
    /** The function refers to globals (used by the native emitter). */
    public static final int FLAG_REFGLOBALS = 0x10;
    /** The function uses the constant table (used by the native emitter). */
    public static final int FLAG_HASCONSTS = 0x20;
    /** Where a viper function's return type sits in the scope flags (3 bits). */
    public static final int FLAG_VIPERRET_POS = 6;
    /** Where a viper parameter's type sits in its identifier flags. */
    static final int FLAG_VIPER_TYPE_POS = 4;

    static final int NATIVE_NONE = 0;
    static final int NATIVE_PY = 1;
    static final int NATIVE_VIPER = 2;

    final Kind kind;
    final ParseNode pn;
    final String simpleName;
    Scope parent;
    final List<IdInfo> ids = new ArrayList<>();
    int scopeFlags;
    int emitOptions;
    /** Compiled for the VM as bytecode although decorated {@code @micropython.native}. */
    boolean askedNative;
    int numPosArgs;
    int numKwonlyArgs;
    int numDefPosArgs;
    int numLocals;
    int stackSize;
    int excStackSize;

    /** What the emitter produced for this scope: prelude + bytecode, and child scopes in order. */
    byte[] code;
    List<Scope> children = new ArrayList<>();
    /** For a native or viper function: which, and (native) where its prelude starts in {@link #code}. */
    int nativeKind;
    int preludeOffset;
    /** The machine code of an inline-assembler function (then {@link #code} is unused). */
    RawCode.Asm asm;

    Scope(Kind kind, ParseNode pn, int emitOptions) {
        this.kind = kind;
        this.pn = pn;
        this.emitOptions = emitOptions;
        this.simpleName = switch (kind) {
            case FUNCTION, CLASS -> ((Id) ((Struct) pn).nodes[0]).name();
            case MODULE -> "<module>";
            case LAMBDA -> "<lambda>";
            case LIST_COMP -> "<listcomp>";
            case DICT_COMP -> "<dictcomp>";
            case SET_COMP -> "<setcomp>";
            case GEN_EXPR -> "<genexpr>";
        };
    }

    public Kind kind() {
        return kind;
    }

    public List<IdInfo> ids() {
        return ids;
    }

    IdInfo find(String name) {
        for (IdInfo id : ids) {
            if (id.name.equals(name)) {
                return id;
            }
        }
        return null;
    }

    IdInfo findOrAdd(String name, IdKind kind) {
        IdInfo id = find(name);
        if (id == null) {
            id = new IdInfo(name, kind);
            ids.add(id);
        }
        return id;
    }

    IdInfo findGlobal(String name) {
        Scope s = this;
        while (s.parent != null) {
            s = s.parent;
        }
        return s.find(name);
    }

    private void closeOverInParents(String name) {
        for (Scope s = parent; ; s = s.parent) {
            IdInfo id = s.findOrAdd(name, IdKind.UNDECIDED);
            if (id.kind == IdKind.UNDECIDED) {
                id.kind = IdKind.FREE;
            } else {
                if (id.kind == IdKind.LOCAL) {
                    id.kind = IdKind.CELL;
                }
                return;
            }
        }
    }

    /** If {@code id} names a variable of an enclosing function, make it free here. */
    void checkToCloseOver(IdInfo id) {
        if (parent == null) {
            return;
        }
        for (Scope s = parent; s.parent != null; s = s.parent) {
            IdInfo id2 = s.find(id.name);
            if (id2 != null) {
                if (id2.kind == IdKind.LOCAL || id2.kind == IdKind.CELL || id2.kind == IdKind.FREE) {
                    id.kind = IdKind.FREE;
                    closeOverInParents(id.name);
                }
                break;
            }
        }
    }

    /** An identifier is read: unknown names start as implicit globals. */
    void idForLoad(String name) {
        findOrAdd(name, IdKind.GLOBAL_IMPLICIT);
    }

    /** An identifier is written: it becomes local in functions, assigned-global elsewhere. */
    IdInfo idForModification(String name) {
        IdInfo id = findOrAdd(name, IdKind.GLOBAL_IMPLICIT);
        if (id.kind == IdKind.GLOBAL_IMPLICIT) {
            id.kind = kind.funcLike() ? IdKind.LOCAL : IdKind.GLOBAL_IMPLICIT_ASSIGNED;
        }
        return id;
    }

    /** Orders parameters and numbers locals, cells and free variables, after the scope pass. */
    void computeThings() {
        if ((scopeFlags & FLAG_VARARGS) != 0) {
            int paramIdx = -1;
            for (int i = ids.size() - 1; i >= 0; i--) {
                IdInfo id = ids.get(i);
                if ((id.flags & FLAG_IS_STAR_PARAM) != 0) {
                    if (paramIdx >= 0) {
                        IdInfo tmp = ids.get(paramIdx);
                        ids.set(paramIdx, id);
                        ids.set(i, tmp);
                    }
                    break;
                } else if (paramIdx < 0 && id.flags == FLAG_IS_PARAM) {
                    paramIdx = i;
                }
            }
        }
        numLocals = 0;
        for (IdInfo id : ids) {
            if (kind == Kind.CLASS && id.name.equals("__class__")) {
                continue;
            }
            if (kind.funcLike() && id.kind == IdKind.GLOBAL_IMPLICIT) {
                id.kind = IdKind.GLOBAL_EXPLICIT;
            }
            if (id.kind == IdKind.GLOBAL_EXPLICIT && !(emitOptions == Compiler.EMIT_OPT_VIPER
                    && NativeEmitter.nativeTypeFromName(id.name) >= NativeEmitter.VTYPE_INT)) {
                scopeFlags |= FLAG_REFGLOBALS;
            }
            if (id.kind == IdKind.LOCAL || (id.flags & FLAG_IS_PARAM) != 0) {
                id.localNum = numLocals++;
            }
        }
        for (IdInfo id : ids) {
            if (id.kind == IdKind.CELL && (id.flags & FLAG_IS_PARAM) == 0) {
                id.localNum = numLocals++;
            }
        }
        if (parent != null) {
            int numFree = 0;
            for (IdInfo id : parent.ids) {
                if (id.kind == IdKind.CELL || id.kind == IdKind.FREE) {
                    for (IdInfo id2 : ids) {
                        if (id2.kind == IdKind.FREE && id.name.equals(id2.name)) {
                            id2.localNum = numFree++;
                        }
                    }
                }
            }
            if (numFree > 0) {
                for (IdInfo id : ids) {
                    if (id.kind != IdKind.FREE || (id.flags & FLAG_IS_PARAM) != 0) {
                        id.localNum += numFree;
                    }
                }
                numPosArgs += numFree;
                numLocals += numFree;
            }
        }
    }
}
