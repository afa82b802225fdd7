package dev.mpt.vm;


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
        addAll(s, o);
        return s;
    }

    /** Adds each item of o, in its iteration order, as the iteration makes it. */
    static void addAll(PySet r, Object o) {
        Object it = Ops.iter(o);
        VM vm = Heap.currentVm();
        for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
            Heap.step(vm, 0); // (Ctrl-C in a long iteration)
            r.add(x);
        }
    }

    /** A new set of o's items (in o's order) that s holds, as MicroPython's set_intersect. */
    static PySet intersect(PySet s, Object o) {
        PySet out = new PySet(false);
        Object it = Ops.iter(o);
        for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
            if (s.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    /** Discards each item of o (r itself: clears it), as MicroPython's set_diff. */
    static void discardAll(PySet r, Object o) {
        if (o == r) {
            r.table.clear();
            return;
        }
        Object it = Ops.iter(o);
        for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
            r.discard(x);
        }
    }

    /** Adds each item of o that r lacks and removes each it has. */
    static void toggleAll(PySet r, Object o) {
        for (Object x : Ops.toList(o)) {
            if (!r.discard(x)) {
                r.add(x);
            }
        }
    }

    static void initSet() {
        for (PyType t : new PyType[] {Types.SET, Types.FROZENSET}) {
            BuiltinTypes.method(t, "copy", (a, kw) -> set(a[0]).copy());
            BuiltinTypes.method(t, "union", (a, kw) -> {
                PySet r = set(a[0]).copy();
                for (int i = 1; i < a.length; i++) {
                    addAll(r, a[i]);
                }
                return r;
            });
            BuiltinTypes.method(t, "intersection", (a, kw) -> {
                PySet r = set(a[0]);
                for (int i = 1; i < a.length; i++) {
                    r = r == a[i] ? r.copy() : intersect(r, a[i]);
                }
                return a.length == 1 ? r.copy() : r;
            });
            BuiltinTypes.method(t, "difference", (a, kw) -> {
                PySet r = set(a[0]).copy();
                for (int i = 1; i < a.length; i++) {
                    discardAll(r, a[i]);
                }
                return r;
            });
            BuiltinTypes.method(t, "symmetric_difference", (a, kw) -> {
                PySet r = set(a[0]).copy();
                toggleAll(r, a[1]);
                return r;
            });
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
            // as MicroPython: the first in table order
            HashTable st = set(a[0]).table;
            if (st.used == 0) {
                throw Ops.error(Types.KEY_ERROR, "pop from an empty set");
            }
            int slot = st.nextSlot(0);
            Object x = st.keys[slot];
            st.removeMarked(slot);
            return x;
        });
        BuiltinTypes.method(t, "clear", (a, kw) -> {
            set(a[0]).table.clear();
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                addAll(set(a[0]), a[i]);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "intersection_update", (a, kw) -> {
            PySet s = set(a[0]);
            for (int i = 1; i < a.length; i++) {
                if (a[i] != s) {
                    s.table.become(intersect(s, a[i]).table);
                }
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "difference_update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                discardAll(set(a[0]), a[i]);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "symmetric_difference_update", (a, kw) -> {
            toggleAll(set(a[0]), a[1]);
            return PyNone.NONE;
        });
    }
}
