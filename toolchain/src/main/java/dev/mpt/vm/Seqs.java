package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** Subscripts, slices and membership for the built-in containers. */
public final class Seqs {
    private Seqs() {}

    /** start, stop, step, length of a slice over a sequence of length n. */
    static long[] sliceIndices(PySlice s, long n) {
        long step = s.step() == PyNone.NONE ? 1 : Ops.toLong(s.step());
        if (step == 0) {
            throw Ops.valueError("slice step cannot be zero");
        }
        long start;
        long stop;
        if (step > 0) {
            start = s.start() == PyNone.NONE ? 0 : clamp(Ops.toLong(s.start()), n, 0, n);
            stop = s.stop() == PyNone.NONE ? n : clamp(Ops.toLong(s.stop()), n, 0, n);
        } else {
            start = s.start() == PyNone.NONE ? n - 1 : clamp(Ops.toLong(s.start()), n, -1, n - 1);
            stop = s.stop() == PyNone.NONE ? -1 : clamp(Ops.toLong(s.stop()), n, -1, n - 1);
        }
        long len;
        if (step > 0) {
            len = start < stop ? (stop - start + step - 1) / step : 0;
        } else {
            len = start > stop ? (start - stop - step - 1) / -step : 0;
        }
        return new long[] {start, stop, step, len};
    }

    private static long clamp(long i, long n, long lo, long hi) {
        if (i < 0) {
            i += n;
        }
        return Math.max(lo, Math.min(hi, i));
    }

    /**
     * {@link #sliceIndices} for the sequences MicroPython slices only with step 1 (str, bytes,
     * bytearray, tuple, array): another step is NotImplementedError there.
     */
    static long[] stepOneSlice(PySlice s, long n) {
        long[] ix = sliceIndices(s, n);
        if (ix[2] != 1) {
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "only slices with step=1 (aka None) are supported");
        }
        return ix;
    }

    static int index(Object key, long n, String what) {
        return (int) indexLong(key, n, what);
    }

    static long indexLong(Object key, long n, String what) {
        if (!(key instanceof Long || key instanceof Boolean || key instanceof java.math.BigInteger)) {
            if (key instanceof PyInstance pi && pi.type().lookupNotObject("__index__") != null) {
                key = Ops.callMethod(pi.type().lookupNotObject("__index__"), pi);
            } else if (key instanceof PyInstance pi && (pi.base instanceof Long || pi.base instanceof Boolean
                    || pi.base instanceof java.math.BigInteger)) {
                key = pi.base; // an instance of a subclass of int indexes by its value
            } else {
                throw Ops.typeError(what + " indices must be integers, not " + Ops.typeName(key));
            }
        }
        long i = key instanceof java.math.BigInteger ? Long.MAX_VALUE : Ops.toLong(key);
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw Ops.indexError(what + " index out of range");
        }
        return i;
    }

    static Object getitem(Object o, Object key) {
        if (o instanceof PyList l) {
            if (key instanceof PySlice s) {
                return listSlice(l, s);
            }
            return l.items.get(index(key, l.items.size(), "list"));
        } else if (o instanceof PyTuple t) {
            if (key instanceof PySlice s) {
                return PyTuple.make(sliceArray(t.items, s));
            }
            return t.items[index(key, t.items.length, "tuple")];
        } else if (o instanceof PyDict d) {
            return dictItem(d, key);
        } else if (o instanceof String s) {
            return Strs.getitem(s, key);
        } else if (o instanceof PyBytes b) {
            if (key instanceof PySlice s) {
                long[] ix = stepOneSlice(s, b.data.length);
                Heap.alloc(16 + ix[3]);
                return new PyBytes(sliceBytes(b.data, ix));
            }
            return (long) (b.data[index(key, b.data.length, "bytes")] & 0xff);
        } else if (o instanceof PyByteArray b) {
            if (key instanceof PySlice s) {
                long[] ix = stepOneSlice(s, b.len);
                Heap.alloc(16 + ix[3]);
                return new PyByteArray(sliceBytes(b.data, ix));
            }
            return (long) (b.data[index(key, b.len, "bytearray")] & 0xff);
        } else if (o instanceof PyRange r) {
            long n = r.length();
            if (key instanceof PySlice s) {
                long[] ix = sliceIndices(s, n);
                long start = r.start() + ix[0] * r.step();
                long step = r.step() * ix[2];
                return new PyRange(start, r.start() + ix[1] * r.step(), step);
            }
            return r.start() + indexLong(key, n, "range") * r.step();
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__getitem__");
            if (m != null) {
                return Ops.callMethod(m, pi, key);
            }
            if (pi.base != null) {
                return getitem(pi.base, key);
            }
        } else if (o instanceof PyType t) {
            Object m = t.lookup("__class_getitem__");
            if (m != null) {
                return Ops.call(m instanceof PyClassMethod cm ? cm.fn() : m, t, key);
            }
        } else if (o instanceof ArrayType.PyArray a) {
            return ArrayType.getitem(a, key);
        } else if (o instanceof ArrayType.MemoryView mv) {
            return ArrayType.mvGetitem(mv, key);
        } else if (o instanceof PyObject p && p.type().lookupNotObject("__getitem__") != null) {
            return Ops.callMethod(p.type().lookupNotObject("__getitem__"), o, key);
        }
        throw Ops.typeError("'" + Ops.typeName(o) + "' object isn't subscriptable");
    }

    /** l[s]: a new list (step 1 or -1 with int or None bounds without sliceIndices' array). */
    static PyList listSlice(PyList l, PySlice s) {
        ArrayList<Object> items = l.items;
        int size = items.size();
        Object a = s.start();
        Object b = s.stop();
        Object c = s.step();
        if ((a == PyNone.NONE || a instanceof Long) && (b == PyNone.NONE || b instanceof Long)
                && (c == PyNone.NONE || c instanceof Long st && (st == 1 || st == -1))) {
            int start;
            int n;
            int step;
            if (c == PyNone.NONE || (Long) c == 1) {
                start = a == PyNone.NONE ? 0 : (int) clamp((Long) a, size, 0, size);
                int stop = b == PyNone.NONE ? size : (int) clamp((Long) b, size, 0, size);
                n = Math.max(0, stop - start);
                step = 1;
            } else {
                start = a == PyNone.NONE ? size - 1 : (int) clamp((Long) a, size, -1, size - 1);
                int stop = b == PyNone.NONE ? -1 : (int) clamp((Long) b, size, -1, size - 1);
                n = Math.max(0, start - stop);
                step = -1;
            }
            Heap.alloc(32 + 8L * n);
            ArrayList<Object> out = new ArrayList<>(n);
            for (int i = 0, j = start; i < n; i++, j += step) {
                out.add(items.get(j));
            }
            return PyList.adopt(out);
        }
        long[] ix = sliceIndices(s, size);
        Heap.alloc(32 + 8 * ix[3]);
        int n = (int) ix[3];
        int j = (int) ix[0];
        int step = (int) ix[2];
        ArrayList<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++, j += step) {
            out.add(items.get(j));
        }
        return PyList.adopt(out);
    }

    static byte[] sliceBytes(byte[] d, long[] ix) {
        byte[] out = new byte[(int) ix[3]];
        for (long i = 0, j = ix[0]; i < ix[3]; i++, j += ix[2]) {
            out[(int) i] = d[(int) j];
        }
        return out;
    }

    static Object[] sliceArray(Object[] items, PySlice s) {
        long[] ix = stepOneSlice(s, items.length);
        Heap.alloc(16 + 8 * ix[3]);
        Object[] out = new Object[(int) ix[3]];
        for (long i = 0, j = ix[0]; i < ix[3]; i++, j += ix[2]) {
            out[(int) i] = items[(int) j];
        }
        return out;
    }

    /** d[key]: the value, else a subclass's __missing__, else KeyError. */
    static Object dictItem(PyDict d, Object key) {
        Object v = d.get(key);
        if (v == null) {
            if (d.type != Types.DICT && d.type != Types.ORDERED_DICT) {
                Object missing = d.type.lookupNotObject("__missing__");
                if (missing != null) {
                    return Ops.call(missing, d, key);
                }
            }
            throw Ops.keyError(key);
        }
        return v;
    }

    static void setitem(Object o, Object key, Object value) {
        if (o instanceof PyList l) {
            if (key instanceof PySlice s) {
                // as MicroPython (mp_obj_get_array): the new items come from a tuple or a list only
                if (!(value instanceof PyList || value instanceof PyTuple)) {
                    throw Ops.typeError("object '" + Ops.typeName(value) + "' isn't a tuple or list");
                }
                // the new items as they are now (a copy only when they are this list's own)
                List<Object> src = value == l ? new ArrayList<>(l.items)
                        : value instanceof PyList v ? v.items : java.util.Arrays.asList(((PyTuple) value).items);
                long[] ix = sliceIndices(s, l.items.size());
                if (ix[2] != 1) {
                    // MicroPython stores into list slices only with step 1
                    throw new PyError(new PyException(Types.NOT_IMPLEMENTED_ERROR, PyTuple.EMPTY));
                }
                int start = (int) ix[0];
                int stop = (int) Math.max(ix[0], ix[1]);
                if (src.size() == stop - start) {
                    // as many new items as old ones: each stored in its place
                    for (int i = 0; i < src.size(); i++) {
                        l.items.set(start + i, src.get(i));
                    }
                    return;
                }
                if (src.size() > stop - start) {
                    Heap.allocItems(src.size() - (stop - start));
                }
                l.items.subList(start, stop).clear();
                l.items.addAll(start, src);
                return;
            }
            l.items.set(index(key, l.items.size(), "list"), value);
            return;
        } else if (o instanceof PyDict d) {
            d.put(key, value);
            return;
        } else if (o instanceof PyByteArray b) {
            if (key instanceof PySlice s) {
                if (!Ops.isInt(value) && !(value instanceof PyBytes || value instanceof PyByteArray
                        || value instanceof ArrayType.PyArray || value instanceof ArrayType.MemoryView)) {
                    throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "array/bytes required on right side");
                }
                byte[] src = Ops.isInt(value) ? new byte[(int) Ops.toLong(value)] : Ops.bytesOf(value);
                long[] ix = stepOneSlice(s, b.len);
                byte[] cur = b.bytes();
                int start = (int) ix[0];
                int stop = (int) Math.max(ix[0], ix[1]);
                if (src.length > stop - start) {
                    Heap.alloc(src.length - (stop - start));
                }
                byte[] r = new byte[cur.length - (stop - start) + src.length];
                System.arraycopy(cur, 0, r, 0, start);
                System.arraycopy(src, 0, r, start, src.length);
                System.arraycopy(cur, stop, r, start + src.length, cur.length - stop);
                b.set(r);
                return;
            }
            long v = Ops.toLong(value);
            b.data[index(key, b.len, "bytearray")] = (byte) v;
            return;
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__setitem__");
            if (m != null) {
                Ops.callMethod(m, pi, key, value);
                return;
            }
            if (pi.base != null) {
                setitem(pi.base, key, value);
                return;
            }
        } else if (o instanceof ArrayType.PyArray a) {
            ArrayType.setitem(a, key, value);
            return;
        } else if (o instanceof ArrayType.MemoryView mv) {
            ArrayType.mvSetitem(mv, key, value);
            return;
        } else if (o instanceof PyObject p && p.type().lookupNotObject("__setitem__") != null) {
            Ops.callMethod(p.type().lookupNotObject("__setitem__"), o, key, value);
            return;
        }
        throw Ops.typeError("'" + Ops.typeName(o) + "' object doesn't support item assignment");
    }

    static void delitem(Object o, Object key) {
        if (o instanceof PyList l) {
            if (key instanceof PySlice s) {
                long[] ix = sliceIndices(s, l.items.size());
                if (ix[2] != 1) {
                    // MicroPython deletes list slices only with step 1
                    throw new PyError(new PyException(Types.NOT_IMPLEMENTED_ERROR, PyTuple.EMPTY));
                }
                List<Integer> idx = new ArrayList<>();
                for (long i = 0, j = ix[0]; i < ix[3]; i++, j += ix[2]) {
                    idx.add((int) j);
                }
                idx.sort(null);
                for (int i = idx.size() - 1; i >= 0; i--) {
                    l.items.remove((int) idx.get(i));
                }
                return;
            }
            l.items.remove(index(key, l.items.size(), "list"));
            return;
        } else if (o instanceof PyDict d) {
            if (d.remove(key) == null) {
                throw Ops.keyError(key);
            }
            return;
        } else if (o instanceof PyByteArray) {
            throw Ops.typeError("'bytearray' object doesn't support item deletion");
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__delitem__");
            if (m != null) {
                Ops.callMethod(m, pi, key);
                return;
            }
            if (pi.base != null) {
                delitem(pi.base, key);
                return;
            }
        }
        throw Ops.typeError("'" + Ops.typeName(o) + "' object doesn't support item deletion");
    }

    static boolean contains(Object c, Object x) {
        if (c instanceof String s) {
            if (!(x instanceof String t)) {
                throw Ops.typeError("can't convert '" + Ops.typeName(x) + "' object to str implicitly");
            }
            return s.contains(t);
        } else if (c instanceof PyList l) {
            ArrayList<Object> items = l.items;
            for (int i = 0; i < items.size(); i++) {
                if (Ops.eq(items.get(i), x)) {
                    return true;
                }
            }
            return false;
        } else if (c instanceof PyTuple t) {
            for (Object o : t.items) {
                if (Ops.eq(o, x)) {
                    return true;
                }
            }
            return false;
        } else if (c instanceof PyDict d) {
            return d.get(x) != null;
        } else if (c instanceof PySet s) {
            return s.contains(x);
        } else if (c instanceof PyBytes || c instanceof PyByteArray) {
            byte[] d = Ops.bytesOf(c);
            if (Ops.isInt(x)) {
                long v = Ops.toLong(x);
                for (byte b : d) {
                    if ((b & 0xff) == v) {
                        return true;
                    }
                }
                return false;
            }
            return Strs.indexOf(d, Ops.bytesOf(x), 0) >= 0;
        } else if (c instanceof ArrayType.PyArray) {
            // MicroPython's array finds no numbers (NotImplementedError) and no other objects
            if (Ops.isInt(x) || x instanceof Double) {
                throw new PyError(new PyException(Types.NOT_IMPLEMENTED_ERROR, PyTuple.EMPTY));
            }
            return false;
        } else if (c instanceof PyRange r) {
            if (!Ops.isInt(x)) {
                return false;
            }
            long v = Ops.toLong(x);
            if (r.step() > 0 ? (v < r.start() || v >= r.stop()) : (v > r.start() || v <= r.stop())) {
                return false;
            }
            return (v - r.start()) % r.step() == 0;
        } else if (c instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__contains__");
            if (m != null) {
                return Ops.truthy(Ops.callMethod(m, pi, x));
            }
            if (pi.base != null) {
                return contains(pi.base, x);
            }
        } else if (c instanceof Iters.DictView v) {
            if (v.kind == 0) {
                return v.dict.get(x) != null;
            }
        }
        if (c instanceof Long || c instanceof Boolean || c instanceof java.math.BigInteger || c instanceof Double
                || c instanceof PyComplex) {
            PyError e = numberIn(x, c);
            if (e != null) {
                throw e;
            }
        }
        Object it = Ops.iter(c);
        for (Object o = Ops.next(it); o != null; o = Ops.next(it)) {
            if (Ops.eq(o, x)) {
                return true;
            }
        }
        return false;
    }

    // ---- x in NUMBER: the error MicroPython's mp_binary_op gives before any iteration -------

    /**
     * The TypeError of MicroPython's mp_binary_op(IN, x, c) where c is a number and its paths
     * for small ints, bools and floats reject the operator before it would iterate c; null
     * where it goes on to iterate (and finds c is not iterable). IN's own name is empty: the
     * small-int path sees it before the operands swap into CONTAINS.
     */
    private static PyError numberIn(Object x, Object c) {
        String t = smallIntRejects(x, c);
        PyError e = t != null ? unsupported("", t) : numberContains(c, x);
        if (e == null && c instanceof Boolean) {
            return Ops.typeError("'int' object isn't iterable"); // (a bool is iterated as its int)
        }
        return e;
    }

    /** CONTAINS on c's type: a bool works as its int, an int takes a bool as an int. */
    private static PyError numberContains(Object c, Object x) {
        if (c instanceof Boolean b) {
            return binaryContains(b ? 1L : 0L, x);
        } else if ((c instanceof Long || c instanceof java.math.BigInteger) && x instanceof Boolean b) {
            return binaryContains(c, b ? 1L : 0L);
        }
        return null;
    }

    /** mp_binary_op(CONTAINS, l, r). */
    private static PyError binaryContains(Object l, Object r) {
        String t = smallIntRejects(l, r);
        return t != null ? unsupported("__contains__", t) : numberContains(l, r);
    }

    /**
     * The type of r when l is a small int and mp_binary_op's small-int path rejects the
     * operator on r. (-2**62 is a small int on the unix port only when made by small-int
     * arithmetic; written, or negated from 2**62, it is a long int: taken as long here.)
     */
    private static String smallIntRejects(Object l, Object r) {
        if (!(l instanceof Long v && v > -(1L << 62) && v < (1L << 62))) {
            return null;
        }
        return r instanceof Long w && w > -(1L << 62) && w < (1L << 62) ? "int"
                : r instanceof Double ? "float" : r instanceof PyComplex ? "complex" : null;
    }

    private static PyError unsupported(String op, String right) {
        return Ops.typeError("unsupported types for " + op + ": 'int', '" + right + "'");
    }

    static void listAppend(Object target, Object v) {
        if (target instanceof PyList l) {
            Heap.alloc(8);
            l.items.add(v);
        } else {
            Ops.call(Ops.getattr(target, "append"), v);
        }
    }
}
