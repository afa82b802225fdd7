package dev.mpt.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute lookup, method binding, instance construction and class creation. */
public final class Classes {
    private Classes() {}

    // ---- attribute lookup -----------------------------------------------------------------

    static Object getattr(Object o, String name) {
        if (o instanceof PyInstance pi) {
            return instanceAttr(pi, name);
        } else if (o instanceof PyType t) {
            return typeAttr(t, name);
        } else if (o instanceof PyModule m) {
            if (name.equals("__dict__")) {
                return moduleDict(m);
            }
            Object v = m.globals.get(name);
            if (v == null && name.equals("__class__")) {
                return Types.MODULE;
            }
            if (v == null) {
                Object ga = m.globals.get("__getattr__");
                if (ga != null) {
                    return Ops.call(ga, name);
                }
            }
            return v;
        } else if (o instanceof PySuper s) {
            return superAttr(s.cls(), s.obj(), name);
        }
        if (name.equals("__class__")) {
            return Ops.typeOf(o);
        }
        Object special = BuiltinTypes.specialAttr(o, name);
        if (special != null) {
            return special;
        }
        PyType t = Ops.typeOf(o);
        Object v = t.lookup(name);
        if (v == null || hiddenSlot(t, name, v)) {
            return name.startsWith("__") ? dunder(o, name) : null;
        }
        return bind(v, o, t);
    }

    /**
     * A module's __dict__: its globals. A built-in module's (sys and builtins too) is its
     * fixed table, as MicroPython's ROM dict: one object, a store into it a TypeError, and
     * sys's without what sys answers by attribute delegation (path, ps1, ps2, tracebacklimit).
     */
    private static PyDict moduleDict(PyModule m) {
        VM vm = Heap.currentVm();
        boolean sys = vm != null && m.globals == vm.sysGlobals;
        if (!m.builtin && !sys && !(vm != null && m.globals == vm.builtins)) {
            return m.dict();
        }
        PyDict d = m.fixedDict;
        if (d == null) {
            d = new PyDict(true);
            for (Map.Entry<String, Object> e : m.globals.entrySet()) {
                String k = e.getKey();
                if (!(sys && (k.equals("path") || k.equals("ps1") || k.equals("ps2") || k.equals("tracebacklimit")))) {
                    d.put(k, e.getValue());
                }
            }
            d.fixed = true;
            m.fixedDict = d;
        }
        return d;
    }

    private static final java.util.Map<String, dev.mpt.bytecode.BinaryOp> BINOPS = new java.util.HashMap<>();

    static {
        for (dev.mpt.bytecode.BinaryOp op : dev.mpt.bytecode.BinaryOp.values()) {
            if (op.methodName().startsWith("__")) {
                BINOPS.put(op.methodName(), op);
            }
        }
    }

    /**
     * dict.__getitem__, __setitem__, __delitem__ and set/frozenset.__contains__ read from the
     * type (or a subclass that does not define them), as MicroPython's opmethods: functions
     * of the object and the key; null for any other type or name.
     */
    private static PyBuiltin operatorMethod(PyType t, String name) {
        PyType nb = t.nativeBase;
        boolean dict = nb != null && nb.isSubclassOf(Types.DICT);
        boolean set = nb == Types.SET || nb == Types.FROZENSET;
        int args;
        if (dict && (name.equals("__getitem__") || name.equals("__delitem__"))) {
            args = 2;
        } else if (dict && name.equals("__setitem__")) {
            args = 3;
        } else if (set && name.equals("__contains__")) {
            args = 2;
        } else {
            return null;
        }
        return new PyBuiltin(name, (a, kw) -> {
            Object self = a[0] instanceof PyInstance pi && pi.base != null ? pi.initializedBase() : a[0];
            Object m = dunder(self, name);
            if (m == null) {
                throw Ops.typeError("unsupported type for " + name + ": '" + Ops.typeName(a[0]) + "'");
            }
            Object[] rest = new Object[a.length - 1];
            System.arraycopy(a, 1, rest, 0, rest.length);
            return Ops.call(m, rest);
        }).arity(args, args, false);
    }

    /** Special methods of built-in objects, made from the operations they support. */
    private static Object dunder(Object o, String name) {
        boolean known = o instanceof PyDict
                ? name.equals("__getitem__") || name.equals("__setitem__") || name.equals("__delitem__")
                : o instanceof PySet && name.equals("__contains__");
        if (!known) {
            return null;
        }
        PyBuiltin.Native impl;
        switch (name) {
            case "__getitem__":
                impl = (a, kw) -> Ops.getitem(o, a[0]);
                break;
            case "__setitem__":
                impl = (a, kw) -> {
                    Ops.setitem(o, a[0], a[1]);
                    return PyNone.NONE;
                };
                break;
            case "__delitem__":
                impl = (a, kw) -> {
                    Ops.delitem(o, a[0]);
                    return PyNone.NONE;
                };
                break;
            case "__contains__":
                impl = (a, kw) -> Ops.contains(o, a[0]);
                break;
            case "__len__":
                impl = (a, kw) -> Ops.len(o);
                break;
            case "__iter__":
                impl = (a, kw) -> Ops.iter(o);
                break;
            case "__hash__":
                impl = (a, kw) -> Ops.hash(o);
                break;
            case "__repr__":
                impl = (a, kw) -> Ops.repr(o);
                break;
            case "__str__":
                impl = (a, kw) -> Ops.str(o);
                break;
            case "__neg__":
                impl = (a, kw) -> Ops.unary(dev.mpt.bytecode.UnaryOp.NEGATIVE, o);
                break;
            default: {
                dev.mpt.bytecode.BinaryOp op = BINOPS.get(name);
                if (op == null) {
                    return null;
                }
                impl = (a, kw) -> {
                    try {
                        return Ops.binary(op, o, a[0]);
                    } catch (PyError e) {
                        if (e.exc.isInstance(Types.TYPE_ERROR)) {
                            return PyNone.NOT_IMPLEMENTED;
                        }
                        throw e;
                    }
                };
            }
        }
        return new PyBuiltin(name, impl);
    }

    static Object bind(Object v, Object self, PyType t) {
        if (v instanceof PyFunction) {
            return new PyBoundMethod(self, v);
        } else if (v instanceof PyBuiltin b) {
            if (b.method) {
                return new PyBoundMethod(self, v);
            }
            return v;
        } else if (v instanceof PyClassMethod cm) {
            return new PyBoundMethod(t, cm.fn());
        } else if (v instanceof PyStaticMethod sm) {
            return sm.fn();
        } else if (v instanceof PyProperty p) {
            if (p.fget() == PyNone.NONE) {
                throw Ops.error(Types.ATTRIBUTE_ERROR, "unreadable attribute");
            }
            return Ops.call(p.fget(), self);
        } else if (v instanceof PyInstance d && !(v instanceof PyException)) {
            Object get = d.type().lookupNotObject("__get__");
            if (get != null) {
                return Ops.call(get, d, self, t);
            }
        }
        return v;
    }

    private static Object instanceAttr(PyInstance pi, String name) {
        Object v = pi.member(name);
        if (v != null) {
            return v;
        }
        PyType t = pi.type();
        v = t.lookup(name);
        if (v != null && hiddenSlot(t, name, v)) {
            v = null;
        }
        if (v != null) {
            if (v instanceof PyBuiltin b && b.method && pi.base != null && !(pi instanceof PyException)
                    && t.nativeBase != null && t.nativeBase.lookup(name) == b) {
                return new PyBoundMethod(pi.initializedBase(), b);
            }
            return bind(v, pi, t);
        }
        if (name.equals("__class__")) {
            return t;
        }
        if (name.equals("__dict__") && !(pi instanceof PyException && t.builtin) && t != Types.OBJECT) {
            // (a built-in exception's instance has no dict, nor has object(); an instance of a subclass has)
            return pi.membersDict();
        }
        if (pi instanceof PyException e) {
            if (name.equals("args")) {
                return e.args;
            }
            // as MicroPython: .value (StopIteration's) and .errno (OSError's) alias args[0] on
            // every exception
            if (name.equals("value") || name.equals("errno")) {
                return e.args.items.length > 0 ? e.args.items[0] : PyNone.NONE;
            }
            if (name.equals("code") && e.isInstance(Types.SYSTEM_EXIT)) {
                return e.value();
            }
        }
        if (pi.base != null) {
            Object b = getattr(pi.base, name);
            if (b != null) {
                return b;
            }
        }
        Object ga = t.lookupNotObject("__getattr__");
        if (ga != null) {
            return Ops.call(ga, pi, name);
        }
        return null;
    }

    /** An attribute of a class; as in MicroPython a descriptor found there is returned as it is (no __get__). */
    private static Object typeAttr(PyType t, String name) {
        Object v = t.lookup(name);
        if (v != null && hiddenSlot(t, name, v)) {
            v = null;
        }
        boolean opMethod = false;
        if (v == null) {
            v = operatorMethod(t, name);
            opMethod = v != null;
        }
        if (v != null) {
            if (v instanceof PyClassMethod cm) {
                return new PyBoundMethod(t, cm.fn());
            } else if (v instanceof PyStaticMethod sm) {
                return sm.fn();
            } else if (v instanceof PyBuiltin b && (b.method || opMethod) && b.funType == null && t.builtin
                    && t != Types.OBJECT) {
                return PyBuiltin.checked(b, t);
            }
            return v;
        }
        switch (name) {
            case "__name__":
                return t.name;
            case "__bases__": {
                List<Object> bs = new ArrayList<>();
                for (PyType b : t.bases) {
                    bs.add(b);
                }
                return PyTuple.of(bs);
            }
            case "__class__":
                return t.type();
            case "__dict__":
                if (t.orderedDict) {
                    PyDict od = new PyDict(true);
                    for (Map.Entry<String, Object> e : t.dict.entrySet()) {
                        od.put(e.getKey(), e.getValue());
                    }
                    return od;
                }
                return ObjDict.dictOf(t.dict);
            default:
        }
        if (t.metaclass != null) {
            Object mv = t.metaclass.lookup(name);
            if (mv != null) {
                return bind(mv, t, t.metaclass);
            }
        }
        return null;
    }

    private static Object superLookup(PyType t, String name) {
        for (PyType b : t.bases) {
            Object v = b.lookup(name);
            if (v != null) {
                return v;
            }
        }
        // as MicroPython's super_attr: object's table last (lookup skips it as a base)
        return t != Types.OBJECT ? Types.OBJECT.dict.get(name) : null;
    }

    /** What super() finds for name in a built-in base: its own entry, else object's. */
    private static Object orObject(PyType base, String name) {
        Object v = base.lookup(name);
        return v != null ? v : Types.OBJECT.dict.get(name);
    }

    private static Object superAttr(PyType t, Object obj, String name) {
        Object v = superLookup(t, name);
        if (v == null) {
            // dict's __getitem__/__setitem__/__delitem__ and set's __contains__ (opmethods.c)
            // on the built-in value under a subclass
            return obj instanceof PyInstance pi && pi.type().nativeBase != null && pi.base != null
                    ? dunder(pi.initializedBase(), name) : null;
        }
        if (obj instanceof PyInstance pi && pi.basePending() && name.equals("__init__")
                && v == orObject(pi.type().nativeBase, name)) {
            // the built-in base's __init__ under a class's own __init__: make the value now
            return new PyBuiltin("__init__", (a, kw) -> {
                pi.base = makeNativeBase(pi.type().nativeBase, a, kw);
                return PyNone.NONE;
            });
        }
        if (v instanceof PyBuiltin b && b.method && obj instanceof PyInstance pi && pi.base != null
                && !(pi instanceof PyException) && pi.type().nativeBase != null
                && orObject(pi.type().nativeBase, name) == b) {
            return new PyBoundMethod(pi.initializedBase(), b);
        }
        if (v instanceof PyProperty || (v instanceof PyInstance && !(v instanceof PyException))) {
            return v; // MicroPython's super() binds functions and class/static methods, not descriptors
        }
        return bind(v, obj, obj instanceof PyType ot ? ot : Ops.typeOf(obj));
    }

    /** LOAD_METHOD: st[sp] = callable, st[sp+1] = self or NULL. */
    static void loadMethod(Object o, String name, Object[] st, int sp) {
        if (o instanceof PyInstance pi) {
            if (!pi.hasMember(name)) {
                Object v = pi.type().lookup(name);
                if (v instanceof PyFunction) {
                    st[sp] = v;
                    st[sp + 1] = pi;
                    return;
                }
            }
        } else if (!(o instanceof PyType) && !(o instanceof PyModule) && !(o instanceof PySuper)) {
            Object v = Ops.typeOf(o).lookup(name);
            if (v instanceof PyBuiltin b && b.method && !hiddenSlot(Ops.typeOf(o), name, v)) {
                st[sp] = v;
                st[sp + 1] = o;
                return;
            }
        }
        st[sp] = Ops.getattr(o, name);
        st[sp + 1] = Interp.NULL;
    }

    /** LOAD_SUPER_METHOD: st[at+1] is the class, st[at+2] the instance; result at st[at], st[at+1]. */
    static void loadSuperMethod(String name, Object[] st, int at) {
        PyType t = (PyType) st[at + 1];
        Object self = st[at + 2];
        Object v = superAttr(t, self, name);
        if (v == null) {
            throw Ops.error(Types.ATTRIBUTE_ERROR, "'super' object has no attribute '" + name + "'");
        }
        st[at] = v;
        st[at + 1] = Interp.NULL;
    }

    static void setattr(Object o, String name, Object value) {
        if (o instanceof Slots.Attributes at && at.setAttr(name, value)) {
            return;
        }
        if (o instanceof PyInstance pi) {
            PyType t = pi.type();
            Object d = t.lookup(name);
            if (d instanceof PyProperty p) {
                if (p.fset() == PyNone.NONE) {
                    throw Ops.error(Types.ATTRIBUTE_ERROR, "can't set attribute");
                }
                Ops.call(p.fset(), pi, value);
                return;
            }
            if (d instanceof PyInstance di && !(d instanceof PyException)) {
                Object set = di.type().lookupNotObject("__set__");
                if (set != null) {
                    Ops.call(set, di, pi, value);
                    return;
                }
            }
            Object sa = t.lookupNotObject("__setattr__");
            if (sa != null) {
                Ops.call(sa, pi, name, value);
                return;
            }
            if (t == Types.OBJECT) {
                // object() is a bare object, without a member table (as in MicroPython)
                throw Ops.attrError(o, name);
            }
            if (pi instanceof PyException && t.builtin && !name.equals("__traceback__")) {
                // instances of the built-in exceptions have no attribute dict
                throw Ops.attrError(o, name);
            }
            if (pi instanceof PyException e && name.equals("args")) {
                e.args = (PyTuple) value;
                return;
            }
            if (pi instanceof PyException e && name.equals("__traceback__")) {
                if (value == PyNone.NONE) {
                    e.traceback.clear();
                }
                return;
            }
            pi.setMember(name, value);
            return;
        } else if (o instanceof PyType t && !t.builtin) {
            if (t.subclassed && isSpecialAccessor(name, value) && !hasSpecialAccessors(t)) {
                throw Ops.error(Types.ATTRIBUTE_ERROR, "can't add special method to already-subclassed class");
            }
            t.dict.put(name, value);
            return;
        } else if (o instanceof PyModule m) {
            VM vm = Heap.currentVm();
            if (vm != null && m.globals == vm.builtins) {
                builtinsOverride(vm).put(name, value);
                return;
            }
            if (m.builtin || (m.name.equals("sys") && !name.equals("ps1") && !name.equals("ps2")
                    && !name.equals("tracebacklimit") && !name.equals("path"))) {
                // a store into a built-in module's fixed table fails with the generic message
                throw Ops.error(Types.ATTRIBUTE_ERROR, "'module' object has no attribute '" + name + "'");
            }
            m.globals.put(name, value);
            return;
        }
        throw Ops.attrError(o, name);
    }

    /**
     * An entry our built-in types keep in their tables where MicroPython's types have a slot
     * (make_new, print): its attribute lookup does not see it, only super() does. So
     * Exception.__init__, ValueError().__str__ and list.__init__ are AttributeErrors there;
     * object's own __init__ is in its table.
     */
    private static boolean hiddenSlot(PyType t, String name, Object v) {
        if (!(v instanceof PyBuiltin || v instanceof PyStaticMethod) || name.length() < 7 || name.charAt(0) != '_') {
            return false; // (the common case, at once: a function, or not one of the names below)
        }
        if (t.isSubclassOf(Types.BASE_EXCEPTION)) {
            return isNativeExceptionSlot(name, v);
        }
        return name.equals("__init__") && v instanceof PyBuiltin && v != Types.OBJECT.dict.get("__init__");
    }

    private static boolean isNativeExceptionSlot(String name, Object v) {
        switch (name) {
            case "__init__":
            case "__new__":
            case "__str__":
            case "__repr__":
                return v instanceof PyBuiltin || v instanceof PyStaticMethod sm && sm.fn() instanceof PyBuiltin;
            default:
                return false;
        }
    }

    /** A property or descriptor method: what MicroPython cannot add to a class once it is subclassed. */
    private static boolean isSpecialAccessor(String name, Object value) {
        return value instanceof PyProperty || name.equals("__get__") || name.equals("__set__")
                || name.equals("__delete__");
    }

    /** Whether t or a base already has a property or descriptor method (then more may be added). */
    private static boolean hasSpecialAccessors(PyType t) {
        for (Map.Entry<String, Object> e : t.dict.entrySet()) {
            if (isSpecialAccessor(e.getKey(), e.getValue())) {
                return true;
            }
        }
        for (PyType b : t.bases) {
            if (!b.builtin && hasSpecialAccessors(b)) {
                return true;
            }
        }
        return false;
    }

    static void delattr(Object o, String name) {
        if (o instanceof PyInstance pi) {
            Object d = pi.type().lookup(name);
            if (d instanceof PyProperty p && p.fdel() != PyNone.NONE) {
                Ops.call(p.fdel(), pi);
                return;
            }
            if (d instanceof PyInstance di && !(d instanceof PyException)) {
                Object del = di.type().lookupNotObject("__delete__");
                if (del != null) {
                    Ops.call(del, di, pi);
                    return;
                }
            }
            Object da = pi.type().lookupNotObject("__delattr__");
            if (da != null) {
                Ops.call(da, pi, name);
                return;
            }
            if (pi.deleteMember(name)) {
                return;
            }
        } else if (o instanceof PyType t && !t.builtin) {
            if (t.dict.remove(name) != null) {
                return;
            }
        } else if (o instanceof PyModule m) {
            VM vm = Heap.currentVm();
            if (vm != null && m.globals == vm.builtins) {
                if (builtinsOverride(vm).remove(name) == null) {
                    throw Ops.keyError(name);
                }
                return;
            }
            if (m.globals.remove(name) != null) {
                return;
            }
        }
        throw Ops.attrError(o, name);
    }

    /** The VM's builtins override dict, made at the first store or delete; its change invalidates cached builtins. */
    private static PyDict builtinsOverride(VM vm) {
        if (vm.builtinsOverride == null) {
            vm.builtinsOverride = new PyDict();
        }
        PyType.EPOCH.incrementAndGet();
        return vm.builtinsOverride;
    }

    // ---- construction -----------------------------------------------------------------------

    /**
     * t(...) with the n positional arguments at src[from...]: for a class whose instances
     * are plain (no built-in base, no __new__ of its own, not a metaclass) and whose __init__
     * is a simple function, what construct does, without its argument arrays (the instance,
     * then __init__ called with it and the arguments straight from src); any other type
     * through construct.
     */
    static Object constructFrom(PyType t, Object[] src, int from, int n) {
        PyFunction init = plainInit(t);
        if (init == null) {
            Object[] args = new Object[n];
            System.arraycopy(src, from, args, 0, n);
            return construct(t, args, null);
        }
        Heap.alloc(32);
        PyInstance pi = new PyInstance(t);
        Object r = JitRuntime.invokeSimple(init, src, from, n, pi);
        if (r != PyNone.NONE) {
            throw Ops.typeError("__init__() should return None, not '" + Ops.typeName(r) + "'");
        }
        return pi;
    }

    /**
     * The __init__ of a class whose instances construct makes as a bare PyInstance and then
     * initializes with that __init__, a simple function; else null. Kept in the type with
     * PyType.EPOCH, as the attribute caches keep their lookups.
     */
    private static PyFunction plainInit(PyType t) {
        int epoch = PyType.EPOCH.get();
        if (t.ctorEpoch == epoch) {
            return t.ctorInit;
        }
        PyFunction init = null;
        if (!t.builtin && (t.nativeBase == null || t.nativeBase == Types.OBJECT) && !t.isSubclassOf(Types.TYPE)) {
            Object nw = t.lookupNotObject("__new__");
            if ((nw == null || nw instanceof PyBuiltin) && t.lookupNotObject("__init__") instanceof PyFunction f
                    && f.simple) {
                init = f;
            }
        }
        t.ctorInit = init;
        t.ctorEpoch = epoch;
        return init;
    }

    static Object construct(PyType t, Object[] args, Map<String, Object> kw) {
        if (kw == null && !t.builtin) {
            PyFunction init = plainInit(t);
            if (init != null) {
                return constructFrom(t, args, 0, args.length);
            }
        }
        if (t.builtin) {
            if (t.isException()) {
                if (kw != null && !kw.isEmpty()) {
                    throw Ops.typeError("function doesn't take keyword arguments");
                }
                VM vm = Heap.currentVm();
                if (vm != null && vm.heap.lockDepth() > 0 && args.length > 2) {
                    // No heap for the arguments: MicroPython's emergency buffer keeps up to two,
                    // past that the exception is made without them.
                    return new PyException(t, PyTuple.EMPTY);
                }
                return new PyException(t, new PyTuple(args));
            }
            if (t.maker == null) {
                throw Ops.typeError("can't create '" + t.name + "' instances");
            }
            return t.maker.make(t, args, kw);
        }
        if (t.metaclass != null && t.isSubclassOf(Types.TYPE)) {
            // constructing with a user metaclass (a subclass of type) makes a class
        }
        if (t.isSubclassOf(Types.TYPE)) {
            Object nw = t.lookupNotObject("__new__");
            Object cls;
            if (nw instanceof PyFunction || nw instanceof PyStaticMethod) {
                Object[] a = prepend(t, args);
                cls = Ops.call(nw instanceof PyStaticMethod s ? s.fn() : nw, a, kw);
            } else {
                cls = newClass(t, args);
            }
            Object init = t.lookupNotObject("__init__");
            if (init instanceof PyFunction && cls instanceof PyType) {
                Ops.call(init, prepend(cls, args), kw);
            }
            return cls;
        }
        Object nw = t.lookupNotObject("__new__");
        Object init = t.lookupNotObject("__init__");
        Object obj;
        PyInstance pending = null;
        if (nw != null && !(nw instanceof PyBuiltin)) {
            Object fn = nw instanceof PyStaticMethod s ? s.fn() : nw;
            obj = Ops.call(fn, prepend(t, args), kw);
            if (!(Ops.typeOf(obj).isSubclassOf(t))) {
                return obj;
            }
        } else if (init instanceof PyFunction && t.nativeBase != null && t.nativeBase.builtin
                && t.nativeBase != Types.OBJECT && !t.nativeBase.isException() && t.nativeBase.maker != null) {
            // a class's own __init__ over a built-in base: the value is made by super().__init__()
            Heap.alloc(32);
            pending = new PyInstance(t);
            pending.base = PyInstance.BASE_PENDING;
            obj = pending;
        } else {
            obj = newInstance(t, args, kw, true);
        }
        if (init != null && !(init instanceof PyBuiltin && t.nativeBase != null)) {
            PyException incomplete = obj instanceof PyException pe && !(init instanceof PyBuiltin) ? pe : null;
            if (incomplete != null) {
                incomplete.incomplete = true;
            }
            Object r;
            try {
                r = Ops.call(init instanceof PyStaticMethod s ? s.fn() : init, prepend(obj, args), kw);
            } finally {
                if (incomplete != null) {
                    incomplete.incomplete = false;
                }
            }
            if (r != PyNone.NONE) {
                throw Ops.typeError("__init__() should return None, not '" + Ops.typeName(r) + "'");
            }
            if (pending != null && pending.basePending()) {
                pending.base = makeNativeBase(t.nativeBase, args, kw);
            }
        }
        // a class with no __init__ anywhere: MicroPython's instance_make_new ignores the arguments
        return obj;
    }

    /** The value of built-in type nb for a subclass instance, from the constructor's arguments. */
    static Object makeNativeBase(PyType nb, Object[] args, Map<String, Object> kw) {
        return nb.maker.make(nb, args, kw);
    }

    /** object.__new__(cls): a bare instance of cls (with its native base value made from args). */
    static Object newInstance(PyType t, Object[] args, Map<String, Object> kw) {
        return newInstance(t, args, kw, false);
    }

    /**
     * strict: the instance is being constructed with no __init__ of its own, so the native
     * base is made from the constructor's arguments and refuses bad ones (list(1, 2)), as
     * MicroPython's native make_new; otherwise (object.__new__) arguments it refuses are dropped.
     */
    static Object newInstance(PyType t, Object[] args, Map<String, Object> kw, boolean strict) {
        PyType nb = t.nativeBase;
        if (nb != null && nb.isException()) {
            return new PyException(t, new PyTuple(args));
        }
        Heap.alloc(32);
        PyInstance pi = new PyInstance(t);
        if (nb != null && nb != Types.OBJECT && nb.maker != null) {
            try {
                pi.base = nb.maker.make(nb, args, kw);
            } catch (PyError e) {
                if (strict) {
                    throw e;
                }
                pi.base = nb.maker.make(nb, new Object[0], null);
            }
            if (pi.base instanceof PyDict d && t.isSubclassOf(Types.ORDERED_DICT)) {
                pi.base = d;
            }
        }
        return pi;
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] a = new Object[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /** type(name, bases, dict). */
    static PyType newClass(PyType meta, Object[] args) {
        if (args.length != 3) {
            throw Ops.typeError("type takes 1 or 3 arguments");
        }
        if (!(args[1] instanceof PyTuple) || !(args[2] instanceof PyDict)) {
            throw Ops.typeError("type() argument types are wrong");
        }
        String name = Strs.qstr(Ops.str(args[0]));
        Object[] bs = ((PyTuple) args[1]).items;
        PyType[] bases;
        if (bs.length == 0) {
            bases = new PyType[] {Types.OBJECT};
        } else {
            bases = new PyType[bs.length];
            for (int i = 0; i < bs.length; i++) {
                if (!(bs[i] instanceof PyType bt)) {
                    throw Ops.typeError("type isn't an acceptable base type");
                }
                bases[i] = bt;
            }
        }
        int nativeBases = 0;
        for (PyType b : bases) {
            if (b == Types.BOUND_METHOD || b == Types.BUILTIN_FUNCTION || b.name.equals("function")
                    || b.name.equals("generator") || b.name.equals("closure")) {
                throw Ops.typeError("type '" + b.name + "' isn't an acceptable base type");
            }
            if (b.builtin && b != Types.OBJECT && !b.isException()) {
                nativeBases++;
            }
        }
        if (nativeBases > 1) {
            throw Ops.typeError("multiple bases have instance lay-out conflict");
        }
        PyType t = new PyType(name, bases, false);
        if (meta != Types.TYPE) {
            t.metaclass = meta;
        } else {
            for (PyType b : bases) {
                if (b.metaclass != null) {
                    t.metaclass = b.metaclass;
                    break;
                }
            }
        }
        Object d = args[2];
        if (d instanceof PyDict pd) {
            t.orderedDict = pd.ordered();
            for (Object k : pd.keys()) {
                t.dict.put(Ops.str(k), pd.get(k));
            }
        }
        Object nw = t.dict.get("__new__");
        if (nw instanceof PyFunction) {
            t.dict.put("__new__", new PyStaticMethod(nw));
        }
        // (MicroPython does not call __init_subclass__: a class that wants it calls it itself)
        // over a copy: __set_name__ may add, change or delete attributes of the class
        java.util.List<Map.Entry<String, Object>> members = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : t.dict.entrySet()) {
            members.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, Object> e : members) {
            Object v = e.getValue();
            if (v instanceof PyInstance vi && !(v instanceof PyException)) {
                Object sn = vi.type().lookupNotObject("__set_name__");
                if (sn != null) {
                    Ops.call(sn, vi, t, e.getKey());
                }
            }
        }
        return t;
    }

    /**
     * __build_class__(body, name, *bases). MicroPython's takes no keyword arguments, so a
     * class statement with {@code metaclass=} or other keywords is a TypeError; a metaclass
     * comes from the bases (a base whose type is a subclass of type).
     */
    static Object buildClass(Object[] args, Map<String, Object> kw) {
        if (kw != null && !kw.isEmpty()) {
            throw Ops.typeError("function doesn't take keyword arguments");
        }
        PyFunction body = (PyFunction) args[0];
        String name = Ops.str(args[1]);
        Object[] bases = new Object[args.length - 2];
        System.arraycopy(args, 2, bases, 0, bases.length);
        Map<String, Object> ns = new LinkedHashMap<>();
        Frame fr = Bc.setupFrame(body, new Object[0], null);
        fr.locals = ns;
        VM vm = body.ctx.vm;
        ThreadState thread = vm.ts;
        if (++thread.depth > vm.maxDepth) {
            thread.depth--;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            Interp.execute(fr, null);
        } finally {
            thread.depth--;
        }
        Object cell = fr.result;
        PyType meta = Types.TYPE;
        if (bases.length > 0 && Ops.typeOf(bases[0]) != Types.TYPE
                && Ops.typeOf(bases[0]).isSubclassOf(Types.TYPE)) {
            meta = Ops.typeOf(bases[0]);
        }
        PyDict d = new PyDict();
        for (Map.Entry<String, Object> e : ns.entrySet()) {
            d.put(e.getKey(), e.getValue());
        }
        Object cls;
        if (meta == Types.TYPE) {
            cls = newClass(Types.TYPE, new Object[] {name, new PyTuple(bases), d});
        } else {
            cls = construct(meta, new Object[] {name, new PyTuple(bases), d}, null);
        }
        if (cell instanceof Cell c) {
            c.value = cls;
        }
        return cls;
    }

    static boolean isInstance(Object o, Object cls) {
        if (cls instanceof PyTuple t) {
            for (Object c : t.items) {
                if (isInstance(o, c)) {
                    return true;
                }
            }
            return false;
        }
        if (!(cls instanceof PyType ct)) {
            throw Ops.typeError("issubclass() arg 2 must be a class or a tuple of classes");
        }
        return Ops.typeOf(o).isSubclassOf(ct);
    }

    static boolean isSubclass(Object o, Object cls) {
        if (!(o instanceof PyType t)) {
            throw Ops.typeError("issubclass() arg 1 must be a class");
        }
        if (cls instanceof PyTuple tu) {
            for (Object c : tu.items) {
                if (isSubclass(o, c)) {
                    return true;
                }
            }
            return false;
        }
        if (!(cls instanceof PyType ct)) {
            throw Ops.typeError("issubclass() arg 2 must be a class or a tuple of classes");
        }
        return t.isSubclassOf(ct);
    }
}
