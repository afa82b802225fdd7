package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.UnaryOp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operations of the object model: truth, equality, hashing, operators, attributes, calls. */
public final class Ops {
    private Ops() {}

    static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    // ---- errors -------------------------------------------------------------------------

    public static PyError error(PyType t, String msg) {
        return new PyError(new PyException(t, msg));
    }

    public static PyError typeError(String msg) {
        return error(Types.TYPE_ERROR, msg);
    }

    public static PyError valueError(String msg) {
        return error(Types.VALUE_ERROR, msg);
    }

    public static PyError indexError(String msg) {
        return error(Types.INDEX_ERROR, msg);
    }

    static PyError keyError(Object key) {
        return new PyError(new PyException(Types.KEY_ERROR, PyTuple.of(key)));
    }

    static PyError zeroDiv() {
        return error(Types.ZERO_DIVISION_ERROR, "divide by zero");
    }

    static PyError attrError(Object o, String name) {
        if (o instanceof PyType t) {
            return error(Types.ATTRIBUTE_ERROR, "type object '" + t.name + "' has no attribute '" + name + "'");
        }
        if (o instanceof PyModule m) {
            return error(Types.ATTRIBUTE_ERROR, "module '" + m.name + "' has no attribute '" + name + "'");
        }
        return error(Types.ATTRIBUTE_ERROR, "'" + typeName(o) + "' object has no attribute '" + name + "'");
    }

    // ---- types --------------------------------------------------------------------------

    public static PyType typeOf(Object o) {
        if (o instanceof PyObject p) {
            return p.type();
        } else if (o instanceof String) {
            return Types.STR;
        } else if (o instanceof Long || o instanceof BigInteger) {
            return Types.INT;
        } else if (o instanceof Boolean) {
            return Types.BOOL;
        } else if (o instanceof Double) {
            return Types.FLOAT;
        }
        throw new IllegalStateException("not a Python value: " + (o == null ? "null" : o.getClass()));
    }

    public static String typeName(Object o) {
        return typeOf(o).name;
    }

    public static boolean isInt(Object o) {
        return o instanceof Long || o instanceof BigInteger || o instanceof Boolean;
    }

    static Object normalize(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    public static BigInteger big(Object o) {
        if (o instanceof Long l) {
            return BigInteger.valueOf(l);
        } else if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return (BigInteger) o;
    }

    /** The native value under an instance of a Python subclass of a built-in type. */
    static Object unwrap(Object o) {
        if (o instanceof PyInstance pi && pi.base != null) {
            return pi.base;
        }
        return o;
    }

    // ---- truth, equality, hashing ------------------------------------------------------

    public static boolean truthy(Object o) {
        if (o instanceof Boolean b) {
            return b;
        } else if (o == PyNone.NONE) {
            return false;
        } else if (o instanceof Long l) {
            return l != 0;
        } else if (o instanceof String s) {
            return !s.isEmpty();
        } else if (o instanceof Double d) {
            return d != 0.0;
        } else if (o instanceof BigInteger) {
            return true;
        } else if (o instanceof PyList l) {
            return !l.items.isEmpty();
        } else if (o instanceof PyTuple t) {
            return t.items.length > 0;
        } else if (o instanceof PyDict d) {
            return d.size() > 0;
        } else if (o instanceof PySet s) {
            return s.size() > 0;
        } else if (o instanceof PyBytes b) {
            return b.data.length > 0;
        } else if (o instanceof PyByteArray b) {
            return b.len > 0;
        } else if (o instanceof PyRange r) {
            return r.length() > 0;
        } else if (o instanceof Iters.DictView v) {
            return v.dict.size() > 0;
        } else if (o instanceof PyComplex c) {
            return c.real() != 0 || c.imag() != 0;
        } else if (o instanceof PyInstance pi && !(o instanceof PyException)) {
            Boolean own = typeTruth(pi);
            return own != null ? own : pi.base == null || truthy(pi.base);
        } else if (o instanceof ArrayType.PyArray a) {
            return a.len > 0;
        } else if (o instanceof ArrayType.MemoryView mv) {
            return mv.len > 0;
        } else if (o instanceof PyObject p && !(o instanceof PyType)) {
            Boolean own = typeTruth(p);
            return own == null || own;
        }
        return true;
    }

    /** As mp_obj_is_true: the type's own __bool__, else its __len__; null when it has neither. */
    private static Boolean typeTruth(PyObject o) {
        Object m = o.type().lookupNotObject("__bool__");
        if (m != null) {
            return truthy(callMethod(m, o));
        }
        m = o.type().lookupNotObject("__len__");
        return m == null ? null : truthy(callMethod(m, o));
    }

    private static boolean isByteView(Object o) {
        return o instanceof ArrayType.MemoryView mv && !(mv.target instanceof ArrayType.PyArray);
    }

    public static boolean eq(Object a, Object b) {
        if (a == b) {
            return !(a instanceof Double d && d.isNaN())
                    && !(a instanceof PyComplex c && (Double.isNaN(c.real()) || Double.isNaN(c.imag())));
        }
        if (a instanceof String s) {
            return b instanceof String t ? s.equals(t) : (b instanceof PyInstance && userEq(b, a));
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
        }
        if (isNumber(a) && isNumber(b)) {
            return numEq(a, b);
        }
        if (a instanceof PyInstance || b instanceof PyInstance) {
            if (a instanceof PyInstance && !(a instanceof PyException)) {
                Object m = ((PyInstance) a).type().lookupNotObject("__eq__");
                if (m != null) {
                    Object r = callMethod(m, a, b);
                    if (r != PyNone.NOT_IMPLEMENTED) {
                        return truthy(r);
                    }
                }
            }
            if (b instanceof PyInstance && !(b instanceof PyException)) {
                Object m = ((PyInstance) b).type().lookupNotObject("__eq__");
                if (m != null) {
                    Object r = callMethod(m, b, a);
                    if (r != PyNone.NOT_IMPLEMENTED) {
                        return truthy(r);
                    }
                }
            }
            Object ua = unwrap(a);
            Object ub = unwrap(b);
            if (ua != a || ub != b) {
                return eq(ua, ub);
            }
            return false;
        }
        if (a instanceof PyBoundMethod x && b instanceof PyBoundMethod y) {
            return eq(x.self(), y.self()) && eq(x.fn(), y.fn());
        }
        if (a instanceof PyTuple t && b instanceof PyTuple u) {
            return seqEq(t.items, t.items.length, u.items, u.items.length);
        }
        if (a instanceof PyList l && b instanceof PyList m) {
            return l.items.size() == m.items.size() && seqEq(l.items.toArray(), l.size(), m.items.toArray(), m.size());
        }
        if (a instanceof PyBytes || a instanceof PyByteArray || isByteView(a)) {
            if (b instanceof PyBytes || b instanceof PyByteArray || isByteView(b)) {
                return java.util.Arrays.equals(bytesOf(a), bytesOf(b));
            }
            return false;
        }
        if (a instanceof PyDict d && b instanceof PyDict e) {
            if (d.size() != e.size()) {
                return false;
            }
            if (d.ordered() && e.ordered()) {
                List<Object> ka = d.keys();
                List<Object> kb = e.keys();
                for (int i = 0; i < ka.size(); i++) {
                    if (!eq(ka.get(i), kb.get(i))) {
                        return false;
                    }
                }
            }
            for (Object k : d.keys()) {
                Object v = e.get(k);
                if (v == null || !eq(d.get(k), v)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PySet s && b instanceof PySet t) {
            return s.equals(t);
        }
        if (a instanceof PyComplex || b instanceof PyComplex) {
            if (isNumber(a) || isNumber(b) || a instanceof PyComplex && b instanceof PyComplex) {
                double[] x = Numeric.complexOf(a);
                double[] y = Numeric.complexOf(b);
                return x[0] == y[0] && x[1] == y[1];
            }
            return false;
        }
        if (a instanceof PyBoundMethod m && b instanceof PyBoundMethod n) {
            return m.self() == n.self() && m.fn() == n.fn();
        }
        if (a instanceof PySlice || a instanceof ArrayType.PyArray) {
            return a.equals(b) || (a instanceof ArrayType.PyArray x && b instanceof ArrayType.PyArray y && ArrayType.eq(x, y));
        }
        return false;
    }

    private static boolean userEq(Object inst, Object other) {
        Object m = ((PyInstance) inst).type().lookupNotObject("__eq__");
        if (m != null) {
            Object r = callMethod(m, inst, other);
            return r != PyNone.NOT_IMPLEMENTED && truthy(r);
        }
        return ((PyInstance) inst).base != null && eq(((PyInstance) inst).base, other);
    }

    public static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double || o instanceof BigInteger || o instanceof Boolean;
    }

    private static boolean numEq(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) == toDouble(b);
        }
        return big(a).equals(big(b));
    }

    static boolean seqEq(Object[] a, int na, Object[] b, int nb) {
        if (na != nb) {
            return false;
        }
        for (int i = 0; i < na; i++) {
            if (!eq(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    static long strHash(String s) {
        long h = 5381;
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            h = (h * 33) ^ c;
        }
        if (ascii) {
            h &= 0xffff;
            return h == 0 ? 1 : h;
        }
        h = 5381;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            h = (h * 33) ^ (c & 0xff);
        }
        h &= 0xffff;
        return h == 0 ? 1 : h;
    }

    static long bytesHash(byte[] b, int n) {
        long h = 5381;
        for (int i = 0; i < n; i++) {
            h = (h * 33) ^ (b[i] & 0xff);
        }
        h &= 0xffff;
        return h == 0 ? 1 : h;
    }

    /** MicroPython's hash of a value (as used for dict and set placement). */
    public static long hash(Object o) {
        if (o instanceof String s) {
            return strHash(s);
        } else if (o instanceof Long l) {
            return l;
        } else if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof Double d) {
            return FloatHash.hash(d);
        } else if (o instanceof BigInteger b) {
            long h = 0;
            for (BigInteger x = b.abs(); x.signum() != 0; x = x.shiftRight(16)) {
                h = h * 65536 + x.intValue() & 0xffff;
            }
            return b.signum() < 0 ? -h : h;
        } else if (o instanceof PyTuple t) {
            long h = 0x1000;
            for (Object x : t.items) {
                h += hash(x);
            }
            return h;
        } else if (o instanceof PyBytes b) {
            return bytesHash(b.data, b.data.length);
        } else if (o instanceof Slots.Hash h) {
            return h.hash();
        } else if (o instanceof PyList || o instanceof PyDict || (o instanceof Iters.DictView dv && dv.kind != 1) || o instanceof PyByteArray || o instanceof PySlice
                || (o instanceof PySet s && !s.frozen)) {
            throw typeError("unsupported type for __hash__: '" + typeName(o) + "'");
        } else if (o instanceof PySet s) {
            long h = 0;
            for (Object x : s.items()) {
                h += hash(x);
            }
            return h;
        } else if (o instanceof PyInstance pi && !(o instanceof PyException)) {
            Object m = pi.type().lookupNotObject("__hash__");
            if (m == PyNone.NONE) {
                throw typeError("unsupported type for __hash__: '" + typeName(o) + "'");
            }
            if (m != null) {
                Object hv = callMethod(m, pi);
                if (hv instanceof BigInteger bh) {
                    return bh.longValue();
                }
                return toLong(hv);
            }
            if (pi.type().lookupNotObject("__eq__") != null) {
                throw typeError("unsupported type for __hash__: '" + typeName(o) + "'");
            }
            if (pi.base != null) {
                return hash(pi.base);
            }
        } else if (o instanceof PyComplex c) {
            return FloatHash.hash(c.real(), c.imag());
        } else if (o instanceof PyBoundMethod bm) {
            return Repr.address(bm.self()) ^ hash(bm.fn());
        }
        // MicroPython hashes other objects by their id, which is their address
        return Repr.address(o);
    }

    // ---- numbers --------------------------------------------------------------------------

    /** mp_obj_get_int_truncated: the low 64 bits of an int (viper's native values, machine.mem's addresses and values). */
    public static long truncated(Object o) {
        if (o instanceof BigInteger b) {
            return b.longValue();
        }
        if (o instanceof Long || o instanceof Boolean) {
            return toLong(o);
        }
        if (o instanceof PyInstance pi && pi.base != null) {
            return truncated(pi.base);
        }
        throw typeError("can't convert " + typeName(o) + " to int");
    }

    public static long toLong(Object o) {
        if (o instanceof Long l) {
            return l;
        } else if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof BigInteger b) {
            if (b.bitLength() >= 64) {
                throw error(Types.OVERFLOW_ERROR, "overflow converting long int to machine word");
            }
            return b.longValue();
        } else if (o instanceof PyInstance pi && pi.base != null) {
            return toLong(pi.base);
        }
        throw typeError("can't convert " + typeName(o) + " to int");
    }

    static int toIndex(Object o) {
        long l = toLong(o);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    public static double toDouble(Object o) {
        if (o instanceof Double d) {
            return d;
        } else if (o instanceof Long l) {
            return l;
        } else if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof BigInteger b) {
            return IntToFloat.convert(b);
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__float__");
            if (m != null) {
                Object r = callMethod(m, pi);
                if (!(r instanceof Double)) {
                    throw typeError("__float__ returned non-float (type " + typeName(r) + ")");
                }
                return (Double) r;
            }
            if (pi.base != null) {
                return toDouble(pi.base);
            }
        }
        throw typeError("can't convert " + typeName(o) + " to float");
    }

    // ---- repr and str -----------------------------------------------------------------------

    public static String repr(Object o) {
        StringBuilder sb = new StringBuilder();
        Repr.repr(sb, o);
        return sb.toString();
    }

    public static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Long l) {
            return Long.toString(l);
        }
        StringBuilder sb = new StringBuilder();
        Repr.str(sb, o);
        return sb.toString();
    }

    // ---- calls ----------------------------------------------------------------------------

    public static Object call(Object fn, Object... args) {
        return call(fn, args, null);
    }

    static Object callMethod(Object fnFromType, Object self, Object... args) {
        if (fnFromType instanceof PyStaticMethod sm) {
            return call(sm.fn(), args, null);
        }
        if (fnFromType instanceof PyClassMethod cm) {
            self = self instanceof PyType ? self : typeOf(self);
            fnFromType = cm.fn();
        }
        Object[] a = new Object[args.length + 1];
        a[0] = self;
        System.arraycopy(args, 0, a, 1, args.length);
        return call(fnFromType, a, null);
    }

    public static Object call(Object fn, Object[] args, Map<String, Object> kw) {
        if (fn instanceof PyFunction f) {
            return Interp.callFunction(f, args, kw);
        } else if (fn instanceof PyBuiltin b) {
            try {
                b.check(args, kw);
                return b.impl.call(args, kw);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw typeError("function missing required positional argument");
            } catch (ClassCastException e) {
                throw typeError("argument has wrong type");
            }
        } else if (fn instanceof PyBoundMethod m) {
            Object[] a = new Object[args.length + 1];
            a[0] = m.self();
            System.arraycopy(args, 0, a, 1, args.length);
            return call(m.fn(), a, kw);
        } else if (fn instanceof PyType t) {
            return Classes.construct(t, args, kw);
        } else if (fn instanceof PyInstance pi) {
            Object m = pi.type().lookup("__call__");
            if (m != null) {
                Object[] a = new Object[args.length + 1];
                a[0] = pi;
                System.arraycopy(args, 0, a, 1, args.length);
                return call(m, a, kw);
            }
        } else if (fn instanceof PyStaticMethod s) {
            return call(s.fn(), args, kw);
        } else if (fn instanceof PyObject o) {
            // an instance of a built-in type with __call__ (machine.Pin, machine.Signal)
            Object m = o.type().lookup("__call__");
            if (m != null) {
                Object[] a = new Object[args.length + 1];
                a[0] = o;
                System.arraycopy(args, 0, a, 1, args.length);
                return call(m, a, kw);
            }
        }
        throw typeError("'" + typeName(fn) + "' object isn't callable");
    }

    public static boolean callable(Object o) {
        if (o instanceof PyFunction || o instanceof PyBuiltin || o instanceof PyBoundMethod || o instanceof PyType) {
            return true;
        }
        return o instanceof PyObject p && p.type().lookup("__call__") != null;
    }

    // ---- attributes -----------------------------------------------------------------------

    public static Object getattr(Object o, String name) {
        Object v = getattrOrNull(o, name);
        if (v == null) {
            throw attrError(o, name);
        }
        return v;
    }

    /** The attribute, or null when there is none (AttributeError from properties propagates). */
    public static Object getattrOrNull(Object o, String name) {
        return Classes.getattr(o, name);
    }

    public static void setattr(Object o, String name, Object value) {
        Classes.setattr(o, name, value);
    }

    // ---- iteration -------------------------------------------------------------------------

    /** An iterator for o: a PyIter, a generator, or an object with __next__. */
    public static Object iter(Object o) {
        if (o instanceof Iters.DictView v) {
            return new Iters.DictIter(v.dict, v.kind);
        }
        if (o instanceof Slots.Iterable it) {
            return it.iter();
        }
        if (o instanceof PyList l) {
            return new Iters.ListIter(l);
        } else if (o instanceof PyTuple t) {
            return new Iters.ArrayIter(t.items, t.items.length);
        } else if (o instanceof PyIter || o instanceof PyGenerator) {
            return o;
        } else if (o instanceof String s) {
            return new Iters.StrIter(s);
        } else if (o instanceof PyRange r) {
            return new Iters.RangeIter(r);
        } else if (o instanceof PyDict d) {
            return new Iters.DictIter(d, 0);
        } else if (o instanceof PySet s) {
            return new Iters.SetIter(s);
        } else if (o instanceof PyBytes b) {
            return new Iters.BytesIter(b.data, b.data.length);
        } else if (o instanceof PyByteArray b) {
            return new Iters.BytesIter(b.data, b.len);
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__iter__");
            if (m instanceof PyBuiltin && pi.base != null) {
                Object r = callMethod(m, pi.base);
                return r == pi.base ? pi : r;
            }
            if (m != null) {
                return callMethod(m, pi);
            }
            m = pi.type().lookupNotObject("__await__");
            if (m != null) {
                return iter(callMethod(m, pi));
            }
            m = pi.type().lookupNotObject("__getitem__");
            if (m != null) {
                return new Iters.GetItemIter(pi);
            }
            if (pi.base != null) {
                return iter(pi.base);
            }
        } else if (o instanceof ArrayType.PyArray a) {
            return ArrayType.iter(a);
        } else if (o instanceof ArrayType.MemoryView mv) {
            if (mv.target instanceof ArrayType.PyArray a) {
                return PyIter.of(new ArrayList<>(a.items.subList(mv.start, mv.start + mv.len)).iterator());
            }
            return new Iters.BytesIter(bytesOf(mv), mv.len);
        } else if (o instanceof PyObject p && p.type().lookupNotObject("__iter__") != null) {
            return callMethod(p.type().lookupNotObject("__iter__"), o);
        }
        throw typeError("'" + typeName(o) + "' object isn't iterable");
    }

    /** The next item of an iterator, or null when it is exhausted. */
    /** The StopIteration a user __next__ raised most recently (so next() can re-raise it with its args). */
    static final ThreadLocal<PyException> LAST_STOP = new ThreadLocal<>();

    public static Object next(Object it) {
        if (it instanceof PyIter i) {
            return i.next();
        } else if (it instanceof PyGenerator g) {
            return g.next();
        } else if (it instanceof Io.Stream s) {
            // a stream is its own iterator: the next line
            byte[] l = s.readline();
            return l.length == 0 ? null : s.wrap(l);
        } else if (it instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__next__");
            if (m != null) {
                try {
                    return callMethod(m, pi);
                } catch (PyError e) {
                    if (e.exc.isInstance(Types.STOP_ITERATION)) {
                        LAST_STOP.set(e.exc);
                        return null;
                    }
                    throw e;
                }
            }
        }
        throw typeError("'" + typeName(it) + "' object isn't an iterator");
    }

    /** All items of an iterable. */
    public static List<Object> toList(Object o) {
        if (o instanceof PyList l) {
            return new ArrayList<>(l.items);
        } else if (o instanceof PyTuple t) {
            ArrayList<Object> out = new ArrayList<>(t.items.length);
            java.util.Collections.addAll(out, t.items);
            return out;
        }
        List<Object> out = new ArrayList<>();
        Object it = iter(o);
        VM vm = Heap.currentVm();
        for (Object x = next(it); x != null; x = next(it)) {
            Heap.step(vm, 8);
            out.add(x);
        }
        return out;
    }

    static Object[] toArray(Object o) {
        if (o instanceof PyTuple t) {
            return t.items;
        }
        return toList(o).toArray();
    }

    // ---- containers -----------------------------------------------------------------------

    public static long len(Object o) {
        if (o instanceof String s) {
            return Strs.length(s);
        } else if (o instanceof PyList l) {
            return l.items.size();
        } else if (o instanceof PyTuple t) {
            return t.items.length;
        } else if (o instanceof PyDict d) {
            return d.size();
        } else if (o instanceof PySet s) {
            return s.size();
        } else if (o instanceof PyBytes b) {
            return b.data.length;
        } else if (o instanceof PyByteArray b) {
            return b.len;
        } else if (o instanceof PyRange r) {
            return r.length();
        } else if (o instanceof ArrayType.PyArray a) {
            return a.len;
        } else if (o instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__len__");
            if (m != null) {
                return toLong(callMethod(m, pi));
            }
            if (pi.basePending()) {
                throw typeError("unsupported type for __len__: 'function'");
            }
            if (pi.base != null) {
                return len(pi.base);
            }
        } else if (o instanceof Iters.DictView v) {
            return v.dict.size();
        } else if (o instanceof ArrayType.MemoryView mv) {
            return mv.len;
        } else if (o instanceof PyObject p && p.type().lookupNotObject("__len__") != null) {
            return toLong(callMethod(p.type().lookupNotObject("__len__"), o));
        }
        throw typeError("object of type '" + typeName(o) + "' has no len()");
    }

    public static Object getitem(Object o, Object key) {
        if (o instanceof PyDict d) {
            return Seqs.dictItem(d, key);
        } else if (o instanceof Slots.Subscript s) {
            return s.getItem(key);
        }
        return Seqs.getitem(o, key);
    }

    public static void setitem(Object o, Object key, Object value) {
        if (o instanceof PyDict d) {
            d.put(key, value);
            return;
        } else if (o instanceof Slots.Subscript s) {
            s.setItem(key, value);
            return;
        }
        Seqs.setitem(o, key, value);
    }

    public static void delitem(Object o, Object key) {
        if (o instanceof PyDict d) {
            if (d.remove(key) == null) {
                throw keyError(key);
            }
            return;
        } else if (o instanceof Slots.Subscript s && s.delItem(key)) {
            return;
        }
        Seqs.delitem(o, key);
    }

    public static boolean contains(Object container, Object item) {
        if (container instanceof PySet s) {
            return s.contains(item);
        } else if (container instanceof PyDict d) {
            return d.get(item) != null;
        } else if (container instanceof Slots.Contains c) {
            return c.contains(item);
        }
        return Seqs.contains(container, item);
    }

    // ---- operators ------------------------------------------------------------------------

    public static Object unary(UnaryOp op, Object o) {
        return Numeric.unary(op, o);
    }

    public static Object binary(BinaryOp op, Object a, Object b) {
        return Numeric.binary(op, a, b);
    }

    static Object newInt(long v) {
        return v;
    }

    static Object bool(boolean b) {
        return b ? Boolean.TRUE : Boolean.FALSE;
    }

    public static byte[] bytesOf(Object o) {
        if (o instanceof PyBytes b) {
            return b.data;
        } else if (o instanceof PyByteArray b) {
            return b.bytes();
        } else if (o instanceof ArrayType.PyArray a) {
            return ArrayType.bytes(a);
        } else if (o instanceof ArrayType.MemoryView mv) {
            if (mv.target instanceof ArrayType.PyArray a) {
                int sz = ArrayType.itemSize(a.code);
                return java.util.Arrays.copyOfRange(bytesOf(a), mv.start * sz, (mv.start + mv.len) * sz);
            }
            return java.util.Arrays.copyOfRange(bytesOf(mv.target), mv.start, mv.start + mv.len);
        } else if (o instanceof PyInstance pi && pi.base != null) {
            return bytesOf(pi.base);
        } else if (o instanceof Slots.Buffer b) {
            return b.bufferBytes();
        } else if (o instanceof String s) {
            // a str is a read-only buffer of its UTF-8 bytes, as MicroPython's mp_get_buffer gives
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw typeError("object with buffer protocol required");
    }
}
