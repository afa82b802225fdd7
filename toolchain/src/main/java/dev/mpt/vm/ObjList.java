package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** list: its methods and MicroPython's sort (objlist). */
public final class ObjList {
    private ObjList() {}

    /** Sorts as MicroPython's list.sort does (an in-place quicksort; not stable). */
    static List<Object> sortList(List<Object> items, Object key, boolean reverse) {
        Object[] a = items.toArray();
        if (a.length > 1) {
            quicksort(a, -1, a.length - 1, key == PyNone.NONE ? null : key, !reverse);
        }
        return new ArrayList<>(java.util.Arrays.asList(a));
    }

    static Object keyOf(Object key, Object x) {
        return key == null ? x : Ops.call(key, x);
    }

    /** Partitions around the last element; head is one before the first element. */
    static void quicksort(Object[] a, int head, int tail, Object key, boolean lessResult) {
        while (tail - head > 1) {
            int h = head;
            int t = tail;
            Object pivot = keyOf(key, a[tail]);
            VM cur = Heap.currentVm();
            for (;;) {
                Heap.step(cur, 0);
                do {
                    ++h;
                } while (h < t && Ops.truthy(Ops.binary(BinaryOp.LESS, keyOf(key, a[h]), pivot)) == lessResult);
                do {
                    --t;
                } while (h < t && Ops.truthy(Ops.binary(BinaryOp.LESS, pivot, keyOf(key, a[t]))) == lessResult);
                if (h >= t) {
                    break;
                }
                Object x = a[h];
                a[h] = a[t];
                a[t] = x;
            }
            Object x = a[h];
            a[h] = a[tail];
            a[tail] = x;
            if (t - head < tail - h) {
                quicksort(a, head, t, key, lessResult);
                head = h;
            } else {
                quicksort(a, h, tail, key, lessResult);
                tail = t;
            }
        }
    }

    static Object count(Object[] items, Object x) {
        long n = 0;
        for (Object o : items) {
            if (Ops.eq(o, x)) {
                n++;
            }
        }
        return n;
    }

    static Object index(List<Object> items, Object[] a) {
        int start = a.length > 2 ? (int) Ops.toLong(a[2]) : 0;
        int end = a.length > 3 ? (int) Ops.toLong(a[3]) : items.size();
        if (start < 0) {
            start = Math.max(0, start + items.size());
        }
        if (end < 0) {
            end += items.size();
        }
        for (int i = start; i < Math.min(end, items.size()); i++) {
            if (Ops.eq(items.get(i), a[1])) {
                return (long) i;
            }
        }
        throw Ops.valueError("object not in sequence");
    }

    static PyList list(Object o) {
        return (PyList) o;
    }

    static void initList() {
        PyType t = Types.LIST;
        BuiltinTypes.method(t, "append", (a, kw) -> {
            Heap.alloc(8);
            list(a[0]).items.add(a[1]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "extend", (a, kw) -> {
            List<Object> add = Ops.toList(a[1]);
            Heap.allocItems(add.size());
            list(a[0]).items.addAll(add);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "insert", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            long i = Ops.toLong(a[1]);
            if (i < 0) {
                i = Math.max(0, i + l.size());
            }
            Heap.alloc(8);
            l.add((int) Math.min(i, l.size()), a[2]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "pop", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            if (l.isEmpty()) {
                throw Ops.indexError("pop from empty list");
            }
            int i = a.length > 1 ? Seqs.index(a[1], l.size(), "list") : l.size() - 1;
            return l.remove(i);
        });
        BuiltinTypes.method(t, "remove", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            for (int i = 0; i < l.size(); i++) {
                if (Ops.eq(l.get(i), a[1])) {
                    l.remove(i);
                    return PyNone.NONE;
                }
            }
            throw Ops.valueError("object not in sequence");
        });
        BuiltinTypes.method(t, "index", (a, kw) -> index(list(a[0]).items, a));
        BuiltinTypes.method(t, "count", (a, kw) -> count(list(a[0]).items.toArray(), a[1]));
        BuiltinTypes.method(t, "reverse", (a, kw) -> {
            Collections.reverse(list(a[0]).items);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "clear", (a, kw) -> {
            list(a[0]).items.clear();
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "copy", (a, kw) -> {
            Heap.alloc(32 + 8L * list(a[0]).items.size());
            return new PyList(list(a[0]).items);
        });
        BuiltinTypes.method(t, "sort", (a, kw) -> {
            if (a.length > 1) {
                throw Ops.typeError("extra positional arguments given");
            }
            if (kw != null) {
                for (String k : kw.keySet()) {
                    if (!k.equals("key") && !k.equals("reverse")) {
                        throw Ops.typeError("unexpected keyword argument '" + k + "'");
                    }
                }
            }
            PyList l = list(a[0]);
            List<Object> sorted = sortList(l.items, kw == null ? null : kw.get("key"),
                    kw != null && Ops.truthy(kw.getOrDefault("reverse", false)));
            l.items.clear();
            l.items.addAll(sorted);
            return PyNone.NONE;
        });
    }
}
