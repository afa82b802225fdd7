package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** dict: its methods, update and copies (objdict). */
public final class ObjDict {
    private ObjDict() {}

    static PyDict dictOf(Map<String, Object> m) {
        PyDict d = new PyDict();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            d.put(e.getKey(), e.getValue());
        }
        return d;
    }

    static PyDict dictCopy(PyDict d) {
        return d.copy();
    }

    static void dictUpdate(PyDict d, Object[] a, Map<String, Object> kw) {
        if (a.length > 0) {
            Object src = Ops.unwrap(a[0]);
            if (src instanceof PyDict s) {
                for (Object k : s.keys()) {
                    d.put(k, s.get(k));
                }
            } else if (src instanceof PyInstance pi && Ops.getattrOrNull(pi, "keys") != null) {
                for (Object k : Ops.toList(Ops.call(Ops.getattr(pi, "keys")))) {
                    d.put(k, Ops.getitem(pi, k));
                }
            } else {
                for (Object item : Ops.toList(src)) {
                    List<Object> kv = Ops.toList(item);
                    if (kv.size() != 2) {
                        throw Ops.valueError("dict update sequence has wrong length");
                    }
                    d.put(kv.get(0), kv.get(1));
                }
            }
        }
        if (kw != null) {
            for (Map.Entry<String, Object> e : kw.entrySet()) {
                d.put(e.getKey(), e.getValue());
            }
        }
    }

    static PyDict dict(Object o) {
        return (PyDict) o;
    }

    static void initDict() {
        PyType t = Types.DICT;
        BuiltinTypes.method(t, "keys", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 0);
        });
        BuiltinTypes.method(t, "values", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 1);
        });
        BuiltinTypes.method(t, "items", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 2);
        });
        BuiltinTypes.method(t, "get", (a, kw) -> {
            Object v = dict(a[0]).get(a[1]);
            return v == null ? (a.length > 2 ? a[2] : PyNone.NONE) : v;
        });
        BuiltinTypes.method(t, "setdefault", (a, kw) -> {
            PyDict d = dict(a[0]);
            Object v = d.get(a[1]);
            if (v == null) {
                v = a.length > 2 ? a[2] : PyNone.NONE;
                d.put(a[1], v);
            }
            return v;
        });
        BuiltinTypes.method(t, "pop", (a, kw) -> {
            Object v = dict(a[0]).remove(a[1]);
            if (v == null) {
                if (a.length > 2) {
                    return a[2];
                }
                throw Ops.keyError(a[1]);
            }
            return v;
        });
        BuiltinTypes.method(t, "popitem", (a, kw) -> {
            // as MicroPython: an OrderedDict's last item, a dict's first in table order
            PyDict d = dict(a[0]);
            d.checkFixed();
            HashTable dt = d.table;
            if (dt.used == 0) {
                throw Ops.error(Types.KEY_ERROR, "popitem(): dictionary is empty");
            }
            int s = dt.linear ? dt.used - 1 : dt.nextSlot(0);
            Object k = dt.keys[s];
            Object v = dt.values[s];
            dt.removeMarked(s);
            return PyTuple.of(k, v);
        });
        BuiltinTypes.method(t, "update", (a, kw) -> {
            Object[] rest = new Object[a.length - 1];
            System.arraycopy(a, 1, rest, 0, rest.length);
            dictUpdate(dict(a[0]), rest, kw);
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "clear", (a, kw) -> {
            dict(a[0]).clear();
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "copy", (a, kw) -> dictCopy(dict(a[0])));
        t.dict.put("fromkeys", new PyClassMethod(new PyBuiltin("fromkeys", (a, kw) -> {
            PyDict d = (PyDict) Ops.call(a[0]);
            for (Object k : Ops.toList(a[1])) {
                d.put(k, a.length > 2 ? a[2] : PyNone.NONE);
            }
            return d;
        })));
        BuiltinTypes.method(Types.ORDERED_DICT, "move_to_end", (a, kw) -> {
            PyDict d = dict(a[0]);
            Object v = d.remove(a[1]);
            if (v == null) {
                throw Ops.keyError(a[1]);
            }
            boolean last = a.length < 3 || Ops.truthy(a[2]);
            if (last) {
                d.put(a[1], v);
            } else {
                List<Object> keys = d.keys();
                List<Object> vals = new ArrayList<>();
                for (Object k : keys) {
                    vals.add(d.get(k));
                }
                d.clear();
                d.put(a[1], v);
                for (int i = 0; i < keys.size(); i++) {
                    d.put(keys.get(i), vals.get(i));
                }
            }
            return PyNone.NONE;
        });
    }
}
