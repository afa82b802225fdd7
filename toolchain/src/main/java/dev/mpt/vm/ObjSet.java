package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import java.util.List;

/** set and frozenset: their methods (objset). */
public final class ObjSet {
    private ObjSet() {}

    static PySet set(Object o) {
        return (PySet) o;
    }

    static PySet toSet(Object o) {
        if (o instanceof PySet s) {
            return s;
        }
        PySet s = new PySet(false);
        for (Object x : Ops.toList(o)) {
            s.add(x);
        }
        return s;
    }

    static void initSet() {
        for (PyType t : new PyType[] {Types.SET, Types.FROZENSET}) {
            BuiltinTypes.method(t, "copy", (a, kw) -> set(a[0]).copy());
            BuiltinTypes.method(t, "union", (a, kw) -> multi(a, BinaryOp.OR));
            BuiltinTypes.method(t, "intersection", (a, kw) -> multi(a, BinaryOp.AND));
            BuiltinTypes.method(t, "difference", (a, kw) -> multi(a, BinaryOp.SUBTRACT));
            BuiltinTypes.method(t, "symmetric_difference", (a, kw) -> Numeric.setOp(BinaryOp.XOR, set(a[0]), toSet(a[1])));
            BuiltinTypes.method(t, "issubset", (a, kw) -> Numeric.subset(set(a[0]), toSet(a[1])));
            BuiltinTypes.method(t, "issuperset", (a, kw) -> Numeric.subset(toSet(a[1]), set(a[0])));
            BuiltinTypes.method(t, "isdisjoint", (a, kw) -> {
                PySet o = toSet(a[1]);
                for (Object x : set(a[0]).items()) {
                    if (o.contains(x)) {
                        return false;
                    }
                }
                return true;
            });
        }
        PyType t = Types.SET;
        BuiltinTypes.method(t, "add", (a, kw) -> {
            set(a[0]).add(a[1]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "remove", (a, kw) -> {
            if (!set(a[0]).discard(a[1])) {
                throw Ops.keyError(a[1]);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "discard", (a, kw) -> {
            set(a[0]).discard(a[1]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "pop", (a, kw) -> {
            PySet s = set(a[0]);
            List<Object> items = s.items();
            if (items.isEmpty()) {
                throw Ops.error(Types.KEY_ERROR, "pop from an empty set");
            }
            s.discard(items.get(0));
            return items.get(0);
        });
        BuiltinTypes.method(t, "clear", (a, kw) -> {
            set(a[0]).table.clear();
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                for (Object x : Ops.toList(a[i])) {
                    set(a[0]).add(x);
                }
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "intersection_update", (a, kw) -> {
            Numeric.setOp(BinaryOp.INPLACE_AND, set(a[0]), toSet(a[1]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "difference_update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                Numeric.setOp(BinaryOp.INPLACE_SUBTRACT, set(a[0]), toSet(a[i]));
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "symmetric_difference_update", (a, kw) -> {
            Numeric.setOp(BinaryOp.INPLACE_XOR, set(a[0]), toSet(a[1]));
            return PyNone.NONE;
        });
    }

    static Object multi(Object[] a, BinaryOp op) {
        PySet r = set(a[0]);
        PySet out = new PySet(r.frozen);
        for (Object x : r.items()) {
            out.add(x);
        }
        for (int i = 1; i < a.length; i++) {
            out = (PySet) Numeric.setOp(op, out, toSet(a[i]));
        }
        return out;
    }
}
