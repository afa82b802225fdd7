package dev.mpt.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** collections: namedtuple, OrderedDict, deque. */
final class Collections {
    private Collections() {}

    static final PyType DEQUE = new PyType("deque", new PyType[] {Types.OBJECT}, true);

    static final class Deque implements PyObject {
        final ArrayDeque<Object> items = new ArrayDeque<>();
        final long maxlen;
        /** The flags argument: appending to a full deque raises IndexError instead of dropping. */
        boolean checkOverflow;

        Deque(long maxlen) {
            this.maxlen = maxlen;
        }

        public PyType type() {
            return DEQUE;
        }
    }

    static {
        DEQUE.maker = (cls, a, kw) -> {
            // MicroPython's deque is fixed-size: deque(iterable, maxlen[, flags]), positional only
            if (kw != null && !kw.isEmpty()) {
                throw Ops.typeError("function doesn't take keyword arguments");
            }
            if (a.length < 2) {
                throw Ops.typeError("function missing " + (2 - a.length) + " required positional arguments");
            }
            long maxlen = Ops.toLong(a[1]);
            if (maxlen < 0) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            Deque d = new Deque(maxlen);
            d.checkOverflow = a.length > 2 && Ops.truthy(a[2]);
            for (Object x : Ops.toList(a[0])) {
                push(d, x, true);
            }
            return d;
        };
        BuiltinTypes.method(DEQUE, "append", (a, kw) -> {
            push((Deque) a[0], a[1], true);
            return PyNone.NONE;
        });
        BuiltinTypes.method(DEQUE, "appendleft", (a, kw) -> {
            push((Deque) a[0], a[1], false);
            return PyNone.NONE;
        });
        BuiltinTypes.method(DEQUE, "extend", (a, kw) -> {
            for (Object x : Ops.toList(a[1])) {
                push((Deque) a[0], x, true);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(DEQUE, "pop", (a, kw) -> {
            Deque d = (Deque) a[0];
            if (d.items.isEmpty()) {
                throw Ops.indexError("empty");
            }
            return d.items.pollLast();
        });
        BuiltinTypes.method(DEQUE, "popleft", (a, kw) -> {
            Deque d = (Deque) a[0];
            if (d.items.isEmpty()) {
                throw Ops.indexError("empty");
            }
            return d.items.pollFirst();
        });
        BuiltinTypes.method(DEQUE, "clear", (a, kw) -> {
            ((Deque) a[0]).items.clear();
            return PyNone.NONE;
        });
        BuiltinTypes.method(DEQUE, "__len__", (a, kw) -> (long) ((Deque) a[0]).items.size());
        BuiltinTypes.method(DEQUE, "__bool__", (a, kw) -> !((Deque) a[0]).items.isEmpty());
        BuiltinTypes.method(DEQUE, "__iter__", (a, kw) -> PyIter.of(new ArrayList<>(((Deque) a[0]).items).iterator()));
        BuiltinTypes.method(DEQUE, "__getitem__", (a, kw) -> {
            List<Object> l = new ArrayList<>(((Deque) a[0]).items);
            return l.get(Seqs.index(a[1], l.size(), "deque"));
        });
        BuiltinTypes.method(DEQUE, "__setitem__", (a, kw) -> {
            Deque d = (Deque) a[0];
            List<Object> l = new ArrayList<>(d.items);
            l.set(Seqs.index(a[1], l.size(), "deque"), a[2]);
            d.items.clear();
            d.items.addAll(l);
            return PyNone.NONE;
        });
    }

    private static void push(Deque d, Object x, boolean right) {
        if (d.maxlen == 0) {
            return;
        }
        if (d.maxlen > 0 && d.items.size() >= d.maxlen) {
            if (d.checkOverflow) {
                throw Ops.indexError("full");
            }
            if (right) {
                d.items.pollFirst();
            } else {
                d.items.pollLast();
            }
        }
        if (right) {
            d.items.addLast(x);
        } else {
            d.items.addFirst(x);
        }
    }

    static PyModule module() {
        PyModule m = new PyModule("collections");
        m.globals.put("OrderedDict", Types.ORDERED_DICT);
        m.globals.put("deque", DEQUE);
        m.fn("namedtuple", (a, kw) -> namedtuple(Ops.str(a[0]), a[1]));
        return m;
    }

    static PyType namedtuple(String name, Object fieldsArg) {
        List<Object> fl = fieldsArg instanceof String s
                ? new ArrayList<>(List.of((Object[]) s.replace(',', ' ').trim().split("\\s+")))
                : Ops.toList(fieldsArg);
        String[] fields = new String[fl.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = Ops.str(fl.get(i));
        }
        PyType t = new PyType(name, new PyType[] {Types.TUPLE}, false);
        t.dict.put("_fields", PyTuple.of((Object[]) fields.clone()));
        t.dict.put("__new__", new PyStaticMethod(new PyBuiltin("__new__", (a, kw) -> {
            PyType cls = (PyType) a[0];
            Object[] vals = new Object[fields.length];
            int n = a.length - 1;
            if (n > fields.length) {
                throw Ops.typeError("function takes " + fields.length + " positional arguments but " + n + " were given");
            }
            System.arraycopy(a, 1, vals, 0, n);
            if (kw != null) {
                for (var e : kw.entrySet()) {
                    int idx = List.of(fields).indexOf(e.getKey());
                    if (idx < 0) {
                        throw Ops.typeError("unexpected keyword argument '" + e.getKey() + "'");
                    }
                    vals[idx] = e.getValue();
                }
            }
            for (int i = 0; i < vals.length; i++) {
                if (vals[i] == null) {
                    throw Ops.typeError("function missing required positional argument #" + (i + 1));
                }
            }
            PyInstance pi = new PyInstance(cls);
            pi.base = new PyTuple(vals);
            return pi;
        })));
        for (int i = 0; i < fields.length; i++) {
            final int idx = i;
            t.dict.put(fields[i], new PyProperty(new PyBuiltin(fields[i],
                    (a, kw) -> ((PyTuple) ((PyInstance) a[0]).base).items[idx]), PyNone.NONE, PyNone.NONE));
        }
        t.dict.put("__repr__", new PyBuiltin("__repr__", (a, kw) -> {
            PyInstance pi = (PyInstance) a[0];
            Object[] v = ((PyTuple) pi.base).items;
            StringBuilder sb = new StringBuilder(pi.type().name).append('(');
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(fields[i]).append('=');
                Repr.repr(sb, v[i]);
            }
            return sb.append(')').toString();
        }, true));
        t.dict.put("_asdict", new PyBuiltin("_asdict", (a, kw) -> {
            PyInstance pi = (PyInstance) a[0];
            Object[] v = ((PyTuple) pi.base).items;
            PyDict d = (PyDict) Types.ORDERED_DICT.maker.make(Types.ORDERED_DICT, new Object[0], null);
            for (int i = 0; i < fields.length; i++) {
                d.put(fields[i], v[i]);
            }
            return d;
        }, true));
        t.dict.put("_replace", new PyBuiltin("_replace", (a, kw) -> {
            PyInstance pi = (PyInstance) a[0];
            Object[] v = ((PyTuple) pi.base).items.clone();
            if (kw != null) {
                for (var e : kw.entrySet()) {
                    v[List.of(fields).indexOf(e.getKey())] = e.getValue();
                }
            }
            PyInstance r = new PyInstance(pi.type());
            r.base = new PyTuple(v);
            return r;
        }, true));
        return t;
    }
}
