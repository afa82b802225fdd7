package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in types' constructors and methods, and the builtins module's functions. */
final class Builtins {
    private Builtins() {}

    static void method(PyType t, String name, PyBuiltin.Native impl) {
        t.dict.put(name, new PyBuiltin(name, impl, true));
    }

    static Object arg(Object[] a, int i, Map<String, Object> kw, String name, Object dflt) {
        if (i < a.length) {
            return a[i];
        }
        if (kw != null && kw.containsKey(name)) {
            return kw.get(name);
        }
        return dflt;
    }

    /** slice.indices(length): start, stop and step clamped to a sequence of that length, as CPython. */
    static PyTuple sliceIndices(Misc.Slice sl, long length) {
        if (length < 0) {
            throw Ops.valueError("length should not be negative");
        }
        long step = sl.step() == PyNone.NONE ? 1 : Ops.toLong(sl.step());
        if (step == 0) {
            throw Ops.valueError("slice step cannot be zero");
        }
        long lower = step < 0 ? -1 : 0;
        long upper = step < 0 ? length - 1 : length;
        long start = clampIndex(sl.start(), step < 0 ? upper : lower, lower, upper, length);
        long stop = clampIndex(sl.stop(), step < 0 ? lower : upper, lower, upper, length);
        return PyTuple.of(start, stop, step);
    }

    private static long clampIndex(Object v, long dflt, long lower, long upper, long length) {
        if (v == PyNone.NONE) {
            return dflt;
        }
        long i = Ops.toLong(v);
        if (i < 0) {
            i += length;
        }
        return Math.max(lower, Math.min(upper, i));
    }

    /** bytes.fromhex: pairs of hex digits, with whitespace allowed between (not inside) pairs. */
    static byte[] fromHex(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            int lo = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw Ops.valueError("non-hex digit found");
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toByteArray();
    }

    static PyDict dictOf(Map<String, Object> m) {
        PyDict d = new PyDict();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            d.put(e.getKey(), e.getValue());
        }
        return d;
    }

    static PyDict dictCopy(PyDict d) {
        PyDict r = d.order != null ? new PyDict(true) : new PyDict();
        r.type = d.type;
        for (Object k : d.keys()) {
            r.put(k, d.get(k));
        }
        return r;
    }

    static String decodeUtf8(byte[] b) {
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Ops.error(Types.UNICODE_ERROR, null);
        }
    }

    /** Data attributes of built-in objects (not methods). */
    static Object specialAttr(Object o, String name) {
        if (o instanceof PyTuple at && at.fields != null) {
            for (int i = 0; i < at.fields.length; i++) {
                if (at.fields[i].equals(name)) {
                    return at.items[i];
                }
            }
        }
        if (o instanceof PyComplex c) {
            if (name.equals("real")) {
                return c.real();
            } else if (name.equals("imag")) {
                return c.imag();
            }
        } else if (o instanceof Misc.Range r) {
            switch (name) {
                case "start":
                    return r.start();
                case "stop":
                    return r.stop();
                case "step":
                    return r.step();
                default:
            }
        } else if (o instanceof UCtypes.Agg ag) {
            Object v = UCtypes.getattr(ag, name);
            if (v != null) {
                return v;
            }
        } else if (o instanceof ArrayType.MemoryView mv && name.equals("itemsize")) {
            return (long) (mv.target instanceof ArrayType.PyArray pa ? ArrayType.itemSize(pa.code) : 1);
        } else if (o instanceof Files.Stream st && st.std >= 0 && name.equals("buffer")) {
            return Files.binaryStd(st);
        } else if (o instanceof Misc.Slice s) {
            switch (name) {
                case "start":
                    return s.start();
                case "stop":
                    return s.stop();
                case "step":
                    return s.step();
                default:
            }
        } else if (o instanceof PyFunction f) {
            if (name.equals("__name__")) {
                return f.name();
            }
            if (name.equals("__globals__")) {
                return f.ctx.module.dict();
            }
            if (name.equals("__module__")) {
                return f.ctx.module.globals.getOrDefault("__name__", PyNone.NONE);
            }
            if (f.attrs != null && f.attrs.containsKey(name)) {
                return f.attrs.get(name);
            }
        } else if (o instanceof PyBuiltin b) {
            if (name.equals("__name__")) {
                return b.name;
            }
        } else if (o instanceof Misc.BoundMethod m) {
            if (name.equals("__self__")) {
                return m.self();
            } else if (name.equals("__func__")) {
                return m.fn();
            } else if (name.equals("__name__")) {
                return Ops.getattr(m.fn(), "__name__");
            }
            return Ops.getattrOrNull(m.fn(), name);
        } else if (o instanceof PyGenerator g) {
            if (name.equals("__name__")) {
                return g.name();
            }
        } else if (o instanceof Misc.Property p) {
            if (name.equals("fget")) {
                return p.fget();
            } else if (name.equals("fset")) {
                return p.fset();
            } else if (name.equals("fdel")) {
                return p.fdel();
            }
        } else if (Ops.isInt(o) || o instanceof Double) {
            if (name.equals("real")) {
                return o instanceof Boolean b ? (Object) (b ? 1L : 0L) : o;
            } else if (name.equals("imag")) {
                return o instanceof Double ? (Object) 0.0 : (Object) 0L;
            }
        } else if (o instanceof Misc.StaticMethod s && name.equals("__func__")) {
            return s.fn();
        } else if (o instanceof Misc.ClassMethod c && name.equals("__func__")) {
            return c.fn();
        }
        return null;
    }

    // ---- conversions --------------------------------------------------------------------------

    static Object parseInt(String text, int base) {
        String s = text.strip();
        String orig = text;
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            neg = s.startsWith("-");
            s = s.substring(1);
        }
        String low = s.toLowerCase();
        if (base == 0) {
            if (low.startsWith("0x")) {
                base = 16;
                s = s.substring(2);
            } else if (low.startsWith("0o")) {
                base = 8;
                s = s.substring(2);
            } else if (low.startsWith("0b")) {
                base = 2;
                s = s.substring(2);
            } else {
                base = 10;
                if (s.length() > 1 && s.charAt(0) == '0' && !s.replace("_", "").chars().allMatch(c -> c == '0')) {
                    throw Ops.valueError("invalid syntax for integer with base 10: " + Ops.repr(orig));
                }
            }
        } else if ((base == 16 && low.startsWith("0x")) || (base == 8 && low.startsWith("0o"))
                || (base == 2 && low.startsWith("0b"))) {
            s = s.substring(2);
        }
        s = s.replace("_", "");
        try {
            if (s.isEmpty()) {
                throw new NumberFormatException();
            }
            BigInteger v = new BigInteger(s, base);
            return Ops.normalize(neg ? v.negate() : v);
        } catch (NumberFormatException e) {
            throw Ops.valueError("invalid syntax for integer with base " + base + ": " + Ops.repr(orig));
        }
    }

    static Object intOf(Object[] a, Map<String, Object> kw) {
        if (a.length == 0) {
            return 0L;
        }
        Object x = a[0];
        if (a.length > 1) {
            long base = Ops.toLong(a[1]);
            if (base != 0 && (base < 2 || base > 36)) {
                throw Ops.valueError("int() arg 2 must be >= 2 and <= 36");
            }
            return parseInt(x instanceof String s ? s : Strs.fromLatin1(Ops.bytesOf(x)), (int) base);
        }
        if (x instanceof UCtypes.Agg ag) {
            return UCtypes.pointerValue(ag);
        }
        if (x instanceof Long || x instanceof BigInteger) {
            return x;
        } else if (x instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (x instanceof Double d) {
            return floatToInt(d);
        } else if (x instanceof String s) {
            return parseInt(s, 10);
        } else if (x instanceof PyBytes || x instanceof PyByteArray || x instanceof ArrayType.MemoryView) {
            return parseInt(Strs.fromLatin1(Ops.bytesOf(x)), 10);
        } else if (x instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__int__");
            if (m == null) {
                m = pi.type().lookupNotObject("__index__");
            }
            if (m != null) {
                Object r = Ops.callMethod(m, pi);
                if (!(r instanceof Long || r instanceof BigInteger || r instanceof Boolean)) {
                    throw Ops.typeError("__int__ returned non-int (type " + Ops.typeName(r) + ")");
                }
                return r;
            }
            if (pi.base != null) {
                return intOf(new Object[] {pi.base}, null);
            }
        }
        throw Ops.typeError("can't convert " + Ops.typeName(x) + " to int");
    }

    static Object floatToInt(double d) {
        if (Double.isNaN(d)) {
            throw Ops.valueError("can't convert NaN to int");
        }
        if (Double.isInfinite(d)) {
            throw Ops.error(Types.OVERFLOW_ERROR, "can't convert inf to int");
        }
        if (Math.abs(d) < 9e18) {
            return (long) d;
        }
        return Ops.normalize(new BigDecimal(d).toBigInteger());
    }

    static double parseFloat(String text) {
        String s = text.strip().toLowerCase().replace("_", "");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean neg = s.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.isEmpty() || !body.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            throw Ops.valueError("invalid syntax for number");
        }
        return FloatParse.parse(s);
    }

    static double[] parseComplex(String text) {
        String s = text.strip().toLowerCase();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        try {
            if (!s.endsWith("j")) {
                return new double[] {parseFloat(s), 0};
            }
            String body = s.substring(0, s.length() - 1);
            int split = -1;
            for (int i = body.length() - 1; i > 0; i--) {
                char c = body.charAt(i);
                if ((c == '+' || c == '-') && body.charAt(i - 1) != 'e') {
                    split = i;
                    break;
                }
            }
            String re = split < 0 ? "0" : body.substring(0, split);
            String im = split < 0 ? body : body.substring(split);
            if (im.isEmpty() || im.equals("+")) {
                im = "1";
            } else if (im.equals("-")) {
                im = "-1";
            }
            return new double[] {parseFloat(re), parseFloat(im)};
        } catch (PyError e) {
            throw Ops.valueError("complex() arg is a malformed string");
        }
    }

    static Object floatOf(Object[] a) {
        if (a.length == 0) {
            return 0.0;
        }
        Object x = a[0];
        if (x instanceof String s) {
            return parseFloat(s);
        } else if (x instanceof PyBytes || x instanceof PyByteArray) {
            return parseFloat(Strs.fromLatin1(Ops.bytesOf(x)));
        }
        return Ops.toDouble(x);
    }

    /** What MicroPython says when a builtin that takes no keyword arguments is given some. */
    static PyError noKeywords() {
        return Ops.error(Types.NOT_IMPLEMENTED_ERROR, "keyword argument(s) not implemented - use normal args instead");
    }

    static byte[] bytesFrom(Object[] a, Map<String, Object> kw) {
        if (kw != null && !kw.isEmpty()) {
            throw noKeywords();
        }
        if (a.length == 0) {
            return new byte[0];
        }
        Object x = a[0];
        if (x instanceof String s) {
            if (a.length < 2) {
                throw Ops.typeError("string argument without an encoding");
            }
            Heap.alloc(s.length());
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (a.length > 1) {
            throw Ops.typeError("wrong number of arguments");
        }
        if (Ops.isInt(x)) {
            long n = Ops.toLong(x);
            if (n < 0) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            Heap.alloc(n);
            if (n > Integer.MAX_VALUE - 16) {
                throw Heap.memoryError(n);
            }
            return new byte[(int) n];
        }
        if (x instanceof PyInstance xi && xi.base instanceof FrameBuf.FB) {
            x = xi.base;
        }
        if (x instanceof PyBytes || x instanceof PyByteArray || x instanceof ArrayType.PyArray
                || x instanceof FrameBuf.FB || x instanceof UCtypes.Agg) {
            byte[] d = Ops.bytesOf(x);
            Heap.alloc(d.length);
            return d.clone();
        }
        if (x instanceof ArrayType.MemoryView mv) {
            byte[] d = Ops.bytesOf(mv.target);
            return java.util.Arrays.copyOfRange(d, mv.start, mv.start + mv.len);
        }
        List<Object> items = Ops.toList(x);
        byte[] out = new byte[items.size()];
        for (int i = 0; i < out.length; i++) {
            long v = Ops.toLong(items.get(i));
            if (v < 0 || v > 255) {
                throw Ops.valueError("bytes value out of range");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static Object strOf(Object[] a, Map<String, Object> kw) {
        if (a.length == 0) {
            return "";
        }
        if (kw != null && !kw.isEmpty()) {
            throw noKeywords();
        }
        if (a.length > 1) {
            if (a[0] instanceof PyBytes || a[0] instanceof PyByteArray) {
                return decodeUtf8(Ops.bytesOf(a[0]));
            }
            throw Ops.typeError("decoding str is not supported");
        }
        return Ops.str(a[0]);
    }

    // ---- iteration helpers ------------------------------------------------------------------

    /** Sorts as MicroPython's list.sort does (an in-place quicksort; not stable). */
    static List<Object> sortList(List<Object> items, Object key, boolean reverse) {
        Object[] a = items.toArray();
        if (a.length > 1) {
            quicksort(a, -1, a.length - 1, key == PyNone.NONE ? null : key, !reverse);
        }
        return new ArrayList<>(java.util.Arrays.asList(a));
    }

    private static Object keyOf(Object key, Object x) {
        return key == null ? x : Ops.call(key, x);
    }

    /** Partitions around the last element; head is one before the first element. */
    private static void quicksort(Object[] a, int head, int tail, Object key, boolean lessResult) {
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

    static Object minMax(Object[] a, Map<String, Object> kw, boolean max) {
        Object key = kw == null ? null : kw.get("key");
        Object dflt = kw == null ? null : kw.get("default");
        Object it = Ops.iter(a.length == 1 ? a[0] : new PyTuple(a));
        Object best = Ops.next(it);
        if (best == null) {
            if (dflt != null) {
                return dflt;
            }
            throw Ops.valueError("arg is an empty sequence");
        }
        Object bestKey = key == null || key == PyNone.NONE ? best : Ops.call(key, best);
        VM cur = Heap.currentVm();
        for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
            Heap.step(cur, 0);
            Object xk = key == null || key == PyNone.NONE ? x : Ops.call(key, x);
            if (max ? Numeric.less(bestKey, xk) : Numeric.less(xk, bestKey)) {
                best = x;
                bestKey = xk;
            }
        }
        return best;
    }

    static final class Enumerate extends PyIter {
        final Object it;
        Object n;

        Enumerate(Object it, Object start) {
            this.it = it;
            this.n = start;
            this.type = Types.ENUMERATE;
        }

        public Object next() {
            Object v = Ops.next(it);
            if (v == null) {
                return null;
            }
            Object i = n;
            n = Ops.binary(BinaryOp.ADD, n, 1L);
            return PyTuple.of(i, v);
        }
    }

    static final class Zip extends PyIter {
        final Object[] its;

        Zip(Object[] its) {
            this.its = its;
            this.type = Types.ZIP;
        }

        public Object next() {
            if (its.length == 0) {
                return null;
            }
            Object[] out = new Object[its.length];
            for (int i = 0; i < its.length; i++) {
                Object v = Ops.next(its[i]);
                if (v == null) {
                    return null;
                }
                out[i] = v;
            }
            return new PyTuple(out);
        }
    }

    static final class MapIter extends PyIter {
        final Object fn;
        final Object[] its;

        MapIter(Object fn, Object[] its) {
            this.fn = fn;
            this.its = its;
            this.type = Types.MAP;
        }

        public Object next() {
            Object[] args = new Object[its.length];
            for (int i = 0; i < its.length; i++) {
                Object v = Ops.next(its[i]);
                if (v == null) {
                    return null;
                }
                args[i] = v;
            }
            return Ops.call(fn, args, null);
        }
    }

    static final class FilterIter extends PyIter {
        final Object fn;
        final Object it;

        FilterIter(Object fn, Object it) {
            this.fn = fn;
            this.it = it;
            this.type = Types.FILTER;
        }

        public Object next() {
            for (;;) {
                Object v = Ops.next(it);
                if (v == null) {
                    return null;
                }
                if (fn == PyNone.NONE ? Ops.truthy(v) : Ops.truthy(Ops.call(fn, v))) {
                    return v;
                }
            }
        }
    }

    // ---- type set-up --------------------------------------------------------------------------

    static void initTypes() {
        Types.OBJECT.maker = (cls, a, kw) -> cls == Types.OBJECT ? new PyInstance(Types.OBJECT) : Classes.newInstance(cls, a, kw);
        method(Types.OBJECT, "__init__", (a, kw) -> PyNone.NONE);
        Types.OBJECT.dict.put("__new__", new Misc.StaticMethod(new PyBuiltin("__new__", (a, kw) -> {
            if (!(a[0] instanceof PyType t) || (t.builtin && t != Types.OBJECT)) {
                throw Ops.typeError("arg must be user-type");
            }
            return Classes.newInstance(t, new Object[0], null);
        })));
        method(Types.OBJECT, "__setattr__", (a, kw) -> {
            if (!(a[1] instanceof String)) {
                throw Ops.typeError("attribute name must be string");
            }
            ((PyInstance) a[0]).dict.put(Ops.str(a[1]), a[2]);
            return PyNone.NONE;
        });
        method(Types.OBJECT, "__delattr__", (a, kw) -> {
            if (((PyInstance) a[0]).dict.remove(Ops.str(a[1])) == null) {
                throw Ops.attrError(a[0], Ops.str(a[1]));
            }
            return PyNone.NONE;
        });
        method(Types.OBJECT, "__getattribute__", (a, kw) -> Ops.getattr(a[0], Ops.str(a[1])));
        method(Types.OBJECT, "__eq__", (a, kw) -> a[0] == a[1] ? Boolean.TRUE : PyNone.NOT_IMPLEMENTED);
        method(Types.OBJECT, "__ne__", (a, kw) -> a[0] == a[1] ? Boolean.FALSE : PyNone.NOT_IMPLEMENTED);
        method(Types.OBJECT, "__hash__", (a, kw) -> (long) System.identityHashCode(a[0]));
        method(Types.OBJECT, "__repr__", (a, kw) -> "<" + Ops.typeName(a[0]) + " object at " + Repr.id(a[0]) + ">");
        method(Types.OBJECT, "__str__", (a, kw) -> Ops.repr(a[0]));
        Types.TYPE.maker = (cls, a, kw) -> {
            if (a.length == 1) {
                return Ops.typeOf(a[0]);
            }
            return Classes.newClass(cls, a);
        };
        Types.NONETYPE.maker = (cls, a, kw) -> PyNone.NONE;
        Types.INT.maker = (cls, a, kw) -> intOf(a, kw);
        Types.BOOL.maker = (cls, a, kw) -> a.length > 0 && Ops.truthy(a[0]);
        Types.FLOAT.maker = (cls, a, kw) -> floatOf(a);
        Types.COMPLEX.maker = (cls, a, kw) -> {
            double re = 0;
            double im = 0;
            if (a.length > 0) {
                if (a[0] instanceof PyComplex c) {
                    re = c.real();
                    im = c.imag();
                } else if (a[0] instanceof String s) {
                    double[] v = parseComplex(s);
                    re = v[0];
                    im = v[1];
                } else if (a[0] instanceof PyInstance pi && pi.type().lookupNotObject("__complex__") != null) {
                    Object r = Ops.callMethod(pi.type().lookupNotObject("__complex__"), pi);
                    if (!(r instanceof PyComplex rc)) {
                        throw Ops.typeError("__complex__ returned non-complex (type " + Ops.typeName(r) + ")");
                    }
                    re = rc.real();
                    im = rc.imag();
                } else {
                    re = Ops.toDouble(a[0]);
                }
            }
            if (a.length > 1) {
                double[] c = Numeric.complexOf(a[1]);
                re -= c[1];
                im += c[0];
            }
            return new PyComplex(re, im);
        };
        Types.STR.maker = (cls, a, kw) -> {
            if (a.length > 3) {
                throw Ops.typeError("function takes at most 3 arguments");
            }
            return strOf(a, kw);
        };
        Types.BYTES.maker = (cls, a, kw) -> {
            if (a.length > 3) {
                throw Ops.typeError("function takes at most 3 arguments");
            }
            return new PyBytes(bytesFrom(a, kw));
        };
        Types.BYTEARRAY.maker = (cls, a, kw) -> new PyByteArray(bytesFrom(a, kw));
        Types.LIST.maker = (cls, a, kw) -> a.length == 0 ? new PyList() : new PyList(Ops.toList(a[0]));
        Types.TUPLE.maker = (cls, a, kw) -> a.length == 0 ? PyTuple.EMPTY
                : a[0] instanceof PyTuple t ? t : PyTuple.of(Ops.toList(a[0]));
        Types.DICT.maker = (cls, a, kw) -> {
            PyDict d = new PyDict();
            dictUpdate(d, a, kw);
            return d;
        };
        Types.ORDERED_DICT.maker = (cls, a, kw) -> {
            PyDict d = new PyDict(true);
            d.type = Types.ORDERED_DICT;
            dictUpdate(d, a, kw);
            return d;
        };
        Types.SET.maker = (cls, a, kw) -> {
            PySet s = new PySet(false);
            if (a.length > 0) {
                for (Object x : Ops.toList(a[0])) {
                    s.add(x);
                }
            }
            return s;
        };
        Types.FROZENSET.maker = (cls, a, kw) -> {
            PySet s = new PySet(true);
            if (a.length > 0) {
                for (Object x : Ops.toList(a[0])) {
                    s.add(x);
                }
            }
            return s;
        };
        Types.RANGE.maker = (cls, a, kw) -> {
            if ((kw != null && !kw.isEmpty()) || a.length < 1 || a.length > 3) {
                throw Ops.typeError(kw != null && !kw.isEmpty() ? "function doesn't take keyword arguments"
                        : "function takes 1 to 3 positional arguments");
            }
            long start = 0;
            long stop;
            long step = 1;
            if (a.length == 1) {
                stop = Ops.toLong(a[0]);
            } else {
                start = Ops.toLong(a[0]);
                stop = Ops.toLong(a[1]);
                if (a.length > 2) {
                    step = Ops.toLong(a[2]);
                    if (step == 0) {
                        throw Ops.valueError("zero step");
                    }
                }
            }
            return new Misc.Range(start, stop, step);
        };
        Types.PROPERTY.maker = (cls, a, kw) -> new Misc.Property(arg(a, 0, kw, "fget", PyNone.NONE),
                arg(a, 1, kw, "fset", PyNone.NONE), arg(a, 2, kw, "fdel", PyNone.NONE));
        method(Types.PROPERTY, "getter", (a, kw) -> {
            Misc.Property p = (Misc.Property) a[0];
            return new Misc.Property(a[1], p.fset(), p.fdel());
        });
        method(Types.PROPERTY, "setter", (a, kw) -> {
            Misc.Property p = (Misc.Property) a[0];
            return new Misc.Property(p.fget(), a[1], p.fdel());
        });
        method(Types.PROPERTY, "deleter", (a, kw) -> {
            Misc.Property p = (Misc.Property) a[0];
            return new Misc.Property(p.fget(), p.fset(), a[1]);
        });
        Types.STATICMETHOD.maker = (cls, a, kw) -> new Misc.StaticMethod(a[0]);
        Types.CLASSMETHOD.maker = (cls, a, kw) -> new Misc.ClassMethod(a[0]);
        Types.ENUMERATE.maker = (cls, a, kw) -> a.length == 0 && (kw == null || !kw.containsKey("iterable"))
                ? Builtins.raiseType("function missing 1 required positional argument") : new Enumerate(Ops.iter(arg(a, 0, kw, "iterable", null)),
                arg(a, 1, kw, "start", 0L));
        Types.ZIP.maker = (cls, a, kw) -> {
            Object[] its = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                its[i] = Ops.iter(a[i]);
            }
            return new Zip(its);
        };
        Types.MAP.maker = (cls, a, kw) -> {
            Object[] its = new Object[a.length - 1];
            for (int i = 1; i < a.length; i++) {
                its[i - 1] = Ops.iter(a[i]);
            }
            return new MapIter(a[0], its);
        };
        Types.FILTER.maker = (cls, a, kw) -> new FilterIter(a[0], Ops.iter(a[1]));
        Types.REVERSED.maker = (cls, a, kw) -> {
            Object o = a[0];
            if (o instanceof PyInstance pi) {
                Object m = pi.type().lookupNotObject("__reversed__");
                if (m != null) {
                    return Ops.callMethod(m, pi);
                }
            }
            if (o instanceof Misc.Range r) {
                long n = r.length();
                return new Iters.RangeIter(new Misc.Range(r.start() + (n - 1) * r.step(), r.start() - r.step(), -r.step()));
            }
            long n = Ops.len(o);
            return new PyIter() {
                long i = n - 1;

                public Object next() {
                    return i >= 0 ? Ops.getitem(o, i--) : null;
                }
            };
        };
        Types.SUPER.maker = (cls, a, kw) -> {
            if (a.length < 2 || !(a[0] instanceof PyType t)) {
                throw Ops.typeError("super() argument 1 must be type");
            }
            if (!Classes.isInstance(a[1], t) && !(a[1] instanceof PyType && Classes.isSubclass(a[1], t))) {
                throw Ops.typeError("super(type, obj): obj must be an instance or subtype of type");
            }
            return new Misc.Super(t, a[1]);
        };
        Types.SLICE.maker = (cls, a, kw) -> {
            if (a.length == 1) {
                return new Misc.Slice(PyNone.NONE, a[0], PyNone.NONE);
            }
            return new Misc.Slice(a[0], a[1], a.length > 2 ? a[2] : PyNone.NONE);
        };

        // exceptions
        method(Types.BASE_EXCEPTION, "__init__", (a, kw) -> {
            if (a[0] instanceof PyException e) {
                Object[] rest = new Object[a.length - 1];
                System.arraycopy(a, 1, rest, 0, rest.length);
                e.args = new PyTuple(rest);
                e.incomplete = false;
            }
            return PyNone.NONE;
        });
        method(Types.BASE_EXCEPTION, "__str__", (a, kw) -> {
            PyException e = (PyException) a[0];
            Object[] x = e.args.items;
            if (e.isInstance(Types.OS_ERROR) && x.length > 0 && x[0] instanceof Long code) {
                for (Object[] ent : Files.ERRNO) {
                    if (ent[1].equals(code)) {
                        if (x.length <= 2) {
                            return "[Errno " + code + "] " + ent[0] + (x.length > 1 ? ": " + Ops.str(x[1]) : "");
                        }
                    }
                }
            }
            return x.length == 0 ? "" : x.length == 1 ? Ops.str(x[0]) : Ops.repr(e.args);
        });
        method(Types.BASE_EXCEPTION, "__repr__", (a, kw) -> {
            StringBuilder sb = new StringBuilder();
            Repr.repr(sb, new PyException(((PyException) a[0]).type(), ((PyException) a[0]).args));
            return sb.toString();
        });
        method(Types.BASE_EXCEPTION, "with_traceback", (a, kw) -> a[0]);

        // generators
        method(Types.GENERATOR, "send", (a, kw) -> ((PyGenerator) a[0]).send(a[1]));
        method(Types.GENERATOR, "throw", (a, kw) -> {
            Object exc = a[1];
            if (a.length > 2 && exc instanceof PyType t && a[2] != PyNone.NONE) {
                exc = a[2] instanceof PyException ? a[2] : Ops.call(t, a[2]);
            }
            return ((PyGenerator) a[0]).throwIn(exc);
        });
        method(Types.GENERATOR, "close", (a, kw) -> ((PyGenerator) a[0]).close());
        method(Types.GENERATOR, "pend_throw", (a, kw) -> ((PyGenerator) a[0]).pendThrow(a[1]));
        method(Types.GENERATOR, "__next__", (a, kw) -> {
            Object v = ((PyGenerator) a[0]).next();
            if (v == null) {
                throw PyGenerator.stopIteration(PyNone.NONE);
            }
            return v;
        });
        method(Types.GENERATOR, "__iter__", (a, kw) -> a[0]);
        method(Types.ITERATOR, "__next__", (a, kw) -> {
            Object v = Ops.next(a[0]);
            if (v == null) {
                throw PyGenerator.stopIteration(PyNone.NONE);
            }
            return v;
        });
        method(Types.ITERATOR, "__iter__", (a, kw) -> a[0]);

        method(Types.LIST, "__init__", (a, kw) -> {
            PyList l = (PyList) Ops.unwrap(a[0]);
            l.items.clear();
            if (a.length > 1) {
                l.items.addAll(Ops.toList(a[1]));
            }
            return PyNone.NONE;
        });
        method(Types.DICT, "__init__", (a, kw) -> {
            PyDict d = (PyDict) Ops.unwrap(a[0]);
            d.clear();
            Object[] rest = new Object[a.length - 1];
            System.arraycopy(a, 1, rest, 0, rest.length);
            dictUpdate(d, rest, kw);
            return PyNone.NONE;
        });
        initInt();
        initList();
        initDict();
        initSet();
        Strs.register(Types.STR, false);
        Strs.register(Types.BYTES, true);
        Strs.register(Types.BYTEARRAY, true);
        method(Types.SLICE, "indices", (a, kw) -> sliceIndices((Misc.Slice) a[0], Ops.toLong(a[1])));
        method(Types.MEMORYVIEW, "hex", (a, kw) -> {
            byte[] d = Ops.bytesOf(a[0]);
            String sep = a.length > 1 ? Ops.str(a[1]) : "";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < d.length; i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(String.format("%02x", d[i] & 0xff));
            }
            return sb.toString();
        });
        for (PyType t : new PyType[] {Types.BYTES, Types.BYTEARRAY}) {
            t.dict.put("fromhex", new Misc.ClassMethod(new PyBuiltin("fromhex", (a, kw) -> {
                byte[] b = fromHex(Ops.str(a[1]));
                return a[0] == Types.BYTEARRAY ? new PyByteArray(b) : Ops.call(a[0], new PyBytes(b));
            })));
        }
        method(Types.BYTEARRAY, "append", (a, kw) -> {
            PyByteArray b = (PyByteArray) a[0];
            byte v = (byte) Ops.toLong(a[1]);
            Heap.alloc(1);
            if (b.len == b.data.length) {
                b.data = java.util.Arrays.copyOf(b.data, Math.max(16, b.len + (b.len >> 1)));
            }
            b.data[b.len++] = v;
            return PyNone.NONE;
        });
        method(Types.BYTEARRAY, "extend", (a, kw) -> {
            PyByteArray b = (PyByteArray) a[0];
            byte[] add = bytesFrom(new Object[] {a[1]}, null);
            byte[] r = java.util.Arrays.copyOf(b.bytes(), b.len + add.length);
            System.arraycopy(add, 0, r, b.len, add.length);
            b.set(r);
            return PyNone.NONE;
        });
        ArrayType.register();
        method(Types.TUPLE, "count", (a, kw) -> count(((PyTuple) a[0]).items, a[1]));
        method(Types.TUPLE, "index", (a, kw) -> index(java.util.Arrays.asList(((PyTuple) a[0]).items), a));
        arities();
        method(Types.FLOAT, "is_integer", (a, kw) -> {
            double d = (Double) a[0];
            return !Double.isInfinite(d) && d == Math.floor(d);
        });
    }

    private static void arity(PyType t, String name, int min, int max, boolean kw) {
        Object o = t.dict.get(name);
        if (o instanceof PyBuiltin b) {
            b.arity(min, max, kw);
        }
    }

    private static void arities() {
        arity(Types.LIST, "append", 2, 2, false);
        arity(Types.LIST, "extend", 2, 2, false);
        arity(Types.LIST, "insert", 3, 3, false);
        arity(Types.LIST, "pop", 1, 2, false);
        arity(Types.LIST, "remove", 2, 2, false);
        arity(Types.LIST, "count", 2, 2, false);
        arity(Types.LIST, "index", 2, 4, false);
        arity(Types.LIST, "reverse", 1, 1, false);
        arity(Types.LIST, "clear", 1, 1, false);
        arity(Types.LIST, "copy", 1, 1, false);
        arity(Types.LIST, "sort", 1, 1, true);
        arity(Types.DICT, "get", 2, 3, false);
        arity(Types.DICT, "keys", 1, 1, false);
        arity(Types.DICT, "values", 1, 1, false);
        arity(Types.DICT, "items", 1, 1, false);
        arity(Types.DICT, "pop", 2, 3, false);
        arity(Types.DICT, "setdefault", 2, 3, false);
        arity(Types.DICT, "popitem", 1, 1, false);
        arity(Types.DICT, "clear", 1, 1, false);
        arity(Types.DICT, "copy", 1, 1, false);
        arity(Types.SET, "add", 2, 2, false);
        arity(Types.SET, "remove", 2, 2, false);
        arity(Types.SET, "discard", 2, 2, false);
        arity(Types.TUPLE, "count", 2, 2, false);
        arity(Types.TUPLE, "index", 2, 4, false);
        for (PyType t : new PyType[] {Types.STR, Types.BYTES, Types.BYTEARRAY}) {
            for (String n : new String[] {"find", "rfind", "index", "rindex", "count"}) {
                arity(t, n, 2, 4, false);
            }
            arity(t, "startswith", 2, 4, false);
            arity(t, "endswith", 2, 4, false);
            arity(t, "strip", 1, 2, false);
            arity(t, "lstrip", 1, 2, false);
            arity(t, "rstrip", 1, 2, false);
            arity(t, "replace", 3, 4, false);
            arity(t, "join", 2, 2, false);
            arity(t, "partition", 2, 2, false);
            arity(t, "rpartition", 2, 2, false);
            arity(t, "center", 2, 3, false);
            arity(t, "upper", 1, 1, false);
            arity(t, "lower", 1, 1, false);
        }
    }

    static void arityFn(Map<String, Object> b, String name, int min, int max) {
        ((PyBuiltin) b.get(name)).arity(min, max, false);
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

    private static void initInt() {
        method(Types.INT, "to_bytes", (a, kw) -> {
            BigInteger v = Ops.big(a[0]);
            int len = (int) Ops.toLong(arg(a, 1, kw, "length", 1L));
            String order = Ops.str(arg(a, 2, kw, "byteorder", "big"));
            if (len < 0) {
                throw Ops.valueError(null);
            }
            byte[] out = new byte[len];
            byte[] raw = v.toByteArray();
            byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
            java.util.Arrays.fill(out, fill);
            int rawStart = raw.length > len ? raw.length - len : 0;
            if ((long) v.bitLength() + (v.signum() < 0 ? 1 : 0) > 8L * len) {
                throw Ops.error(Types.OVERFLOW_ERROR, "buffer too small");
            }
            for (int i = 0; i < Math.min(len, raw.length); i++) {
                out[len - 1 - i] = raw[raw.length - 1 - i];
            }
            if (order.equals("little")) {
                for (int i = 0; i < len / 2; i++) {
                    byte t = out[i];
                    out[i] = out[len - 1 - i];
                    out[len - 1 - i] = t;
                }
            }
            return new PyBytes(out);
        });
        Types.INT.dict.put("from_bytes", new Misc.ClassMethod(new PyBuiltin("from_bytes", (a, kw) -> {
            byte[] d = Ops.bytesOf(a[1]).clone();
            String order = Ops.str(arg(a, 2, kw, "byteorder", "big"));
            boolean signed = Ops.truthy(arg(a, 3, kw, "signed", false));
            if (order.equals("little")) {
                for (int i = 0; i < d.length / 2; i++) {
                    byte t = d[i];
                    d[i] = d[d.length - 1 - i];
                    d[d.length - 1 - i] = t;
                }
            }
            BigInteger v = d.length == 0 ? BigInteger.ZERO : signed ? new BigInteger(d) : new BigInteger(1, d);
            return Ops.normalize(v);
        })));
        method(Types.INT, "bit_length", (a, kw) -> (long) Ops.big(a[0]).abs().bitLength());
    }


    static Object raiseType(String msg) {
        throw Ops.typeError(msg);
    }

    private static PyList list(Object o) {
        return (PyList) o;
    }

    private static void initList() {
        PyType t = Types.LIST;
        method(t, "append", (a, kw) -> {
            Heap.alloc(8);
            list(a[0]).items.add(a[1]);
            return PyNone.NONE;
        });
        method(t, "extend", (a, kw) -> {
            List<Object> add = Ops.toList(a[1]);
            Heap.allocItems(add.size());
            list(a[0]).items.addAll(add);
            return PyNone.NONE;
        });
        method(t, "insert", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            long i = Ops.toLong(a[1]);
            if (i < 0) {
                i = Math.max(0, i + l.size());
            }
            Heap.alloc(8);
            l.add((int) Math.min(i, l.size()), a[2]);
            return PyNone.NONE;
        });
        method(t, "pop", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            if (l.isEmpty()) {
                throw Ops.indexError("pop from empty list");
            }
            int i = a.length > 1 ? Seqs.index(a[1], l.size(), "list") : l.size() - 1;
            return l.remove(i);
        });
        method(t, "remove", (a, kw) -> {
            List<Object> l = list(a[0]).items;
            for (int i = 0; i < l.size(); i++) {
                if (Ops.eq(l.get(i), a[1])) {
                    l.remove(i);
                    return PyNone.NONE;
                }
            }
            throw Ops.valueError("object not in sequence");
        });
        method(t, "index", (a, kw) -> index(list(a[0]).items, a));
        method(t, "count", (a, kw) -> count(list(a[0]).items.toArray(), a[1]));
        method(t, "reverse", (a, kw) -> {
            Collections.reverse(list(a[0]).items);
            return PyNone.NONE;
        });
        method(t, "clear", (a, kw) -> {
            list(a[0]).items.clear();
            return PyNone.NONE;
        });
        method(t, "copy", (a, kw) -> {
            Heap.alloc(32 + 8L * list(a[0]).items.size());
            return new PyList(list(a[0]).items);
        });
        method(t, "sort", (a, kw) -> {
            if (a.length > 1) {
                throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
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

    private static PyDict dict(Object o) {
        return (PyDict) o;
    }

    private static void initDict() {
        PyType t = Types.DICT;
        method(t, "keys", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 0);
        });
        method(t, "values", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 1);
        });
        method(t, "items", (a, kw) -> {
            Heap.alloc(32);
            return new Iters.DictView(dict(a[0]), 2);
        });
        method(t, "get", (a, kw) -> {
            Object v = dict(a[0]).get(a[1]);
            return v == null ? (a.length > 2 ? a[2] : PyNone.NONE) : v;
        });
        method(t, "setdefault", (a, kw) -> {
            PyDict d = dict(a[0]);
            Object v = d.get(a[1]);
            if (v == null) {
                v = a.length > 2 ? a[2] : PyNone.NONE;
                d.put(a[1], v);
            }
            return v;
        });
        method(t, "pop", (a, kw) -> {
            Object v = dict(a[0]).remove(a[1]);
            if (v == null) {
                if (a.length > 2) {
                    return a[2];
                }
                throw Ops.keyError(a[1]);
            }
            return v;
        });
        method(t, "popitem", (a, kw) -> {
            PyDict d = dict(a[0]);
            List<Object> keys = d.keys();
            if (keys.isEmpty()) {
                throw Ops.error(Types.KEY_ERROR, "popitem(): dictionary is empty");
            }
            Object k = keys.get(keys.size() - 1);
            Object v = d.remove(k);
            return PyTuple.of(k, v);
        });
        method(t, "update", (a, kw) -> {
            Object[] rest = new Object[a.length - 1];
            System.arraycopy(a, 1, rest, 0, rest.length);
            dictUpdate(dict(a[0]), rest, kw);
            return PyNone.NONE;
        });
        method(t, "clear", (a, kw) -> {
            dict(a[0]).clear();
            return PyNone.NONE;
        });
        method(t, "copy", (a, kw) -> dictCopy(dict(a[0])));
        t.dict.put("fromkeys", new Misc.ClassMethod(new PyBuiltin("fromkeys", (a, kw) -> {
            PyDict d = (PyDict) Ops.call(a[0]);
            for (Object k : Ops.toList(a[1])) {
                d.put(k, a.length > 2 ? a[2] : PyNone.NONE);
            }
            return d;
        })));
        method(Types.ORDERED_DICT, "move_to_end", (a, kw) -> {
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

    private static PySet set(Object o) {
        return (PySet) o;
    }

    private static PySet toSet(Object o) {
        if (o instanceof PySet s) {
            return s;
        }
        PySet s = new PySet(false);
        for (Object x : Ops.toList(o)) {
            s.add(x);
        }
        return s;
    }

    private static void initSet() {
        for (PyType t : new PyType[] {Types.SET, Types.FROZENSET}) {
            method(t, "copy", (a, kw) -> {
                Heap.alloc(32 + 16L * set(a[0]).size());
                PySet s = new PySet(set(a[0]).frozen);
                for (Object x : set(a[0]).items()) {
                    s.add(x);
                }
                return s;
            });
            method(t, "union", (a, kw) -> multi(a, BinaryOp.OR));
            method(t, "intersection", (a, kw) -> multi(a, BinaryOp.AND));
            method(t, "difference", (a, kw) -> multi(a, BinaryOp.SUBTRACT));
            method(t, "symmetric_difference", (a, kw) -> Numeric.setOp(BinaryOp.XOR, set(a[0]), toSet(a[1])));
            method(t, "issubset", (a, kw) -> Numeric.subset(set(a[0]), toSet(a[1])));
            method(t, "issuperset", (a, kw) -> Numeric.subset(toSet(a[1]), set(a[0])));
            method(t, "isdisjoint", (a, kw) -> {
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
        method(t, "add", (a, kw) -> {
            set(a[0]).add(a[1]);
            return PyNone.NONE;
        });
        method(t, "remove", (a, kw) -> {
            if (!set(a[0]).discard(a[1])) {
                throw Ops.keyError(a[1]);
            }
            return PyNone.NONE;
        });
        method(t, "discard", (a, kw) -> {
            set(a[0]).discard(a[1]);
            return PyNone.NONE;
        });
        method(t, "pop", (a, kw) -> {
            PySet s = set(a[0]);
            List<Object> items = s.items();
            if (items.isEmpty()) {
                throw Ops.error(Types.KEY_ERROR, "pop from an empty set");
            }
            s.discard(items.get(0));
            return items.get(0);
        });
        method(t, "clear", (a, kw) -> {
            set(a[0]).table.clear();
            return PyNone.NONE;
        });
        method(t, "update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                for (Object x : Ops.toList(a[i])) {
                    set(a[0]).add(x);
                }
            }
            return PyNone.NONE;
        });
        method(t, "intersection_update", (a, kw) -> {
            Numeric.setOp(BinaryOp.INPLACE_AND, set(a[0]), toSet(a[1]));
            return PyNone.NONE;
        });
        method(t, "difference_update", (a, kw) -> {
            for (int i = 1; i < a.length; i++) {
                Numeric.setOp(BinaryOp.INPLACE_SUBTRACT, set(a[0]), toSet(a[i]));
            }
            return PyNone.NONE;
        });
        method(t, "symmetric_difference_update", (a, kw) -> {
            Numeric.setOp(BinaryOp.INPLACE_XOR, set(a[0]), toSet(a[1]));
            return PyNone.NONE;
        });
    }

    private static Object multi(Object[] a, BinaryOp op) {
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

    // ---- the builtins module ------------------------------------------------------------------

    static Map<String, Object> module(VM vm) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (PyType t : new PyType[] {Types.OBJECT, Types.TYPE, Types.INT, Types.BOOL, Types.FLOAT, Types.COMPLEX,
            Types.STR, Types.BYTES, Types.BYTEARRAY, Types.LIST, Types.TUPLE, Types.DICT, Types.SET,
            Types.FROZENSET, Types.RANGE, Types.SLICE, Types.PROPERTY, Types.STATICMETHOD, Types.CLASSMETHOD,
            Types.ENUMERATE, Types.ZIP, Types.MAP, Types.FILTER, Types.REVERSED, Types.SUPER, Types.MEMORYVIEW}) {
            b.put(t.name, t);
        }
        b.putAll(Types.EXCEPTIONS);
        b.put("NotImplemented", PyNone.NOT_IMPLEMENTED);
        b.put("Ellipsis", PyNone.ELLIPSIS);
        b.put("__name__", "builtins");
        fn(b, "__build_class__", Classes::buildClass);
        fn(b, "print", (a, kw) -> {
            String sep = " ";
            String end = "\n";
            Object file = null;
            if (kw != null) {
                Object s = kw.get("sep");
                if (s != null && s != PyNone.NONE) {
                    sep = Ops.str(s);
                }
                Object e = kw.get("end");
                if (e != null && e != PyNone.NONE) {
                    end = Ops.str(e);
                }
                file = kw.get("file");
                if (file == PyNone.NONE) {
                    file = null;
                }
            }
            if (file instanceof PyInstance fi && fi.type().isSubclassOf(Files.IO_BASE)) {
                // a stream written in Python gets each piece in its own write call, as bytes
                Object write = Ops.getattr(file, "write");
                for (int i = 0; i < a.length; i++) {
                    if (i > 0) {
                        Ops.call(write, new PyByteArray(sep.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    }
                    StringBuilder piece = new StringBuilder();
                    Repr.str(piece, a[i]);
                    Ops.call(write, new PyByteArray(piece.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                Ops.call(write, new PyByteArray(end.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                return PyNone.NONE;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                Repr.str(sb, a[i]);
            }
            sb.append(end);
            if (file != null) {
                Ops.call(Ops.getattr(file, "write"), sb.toString());
            } else {
                vm.write(sb.toString());
            }
            return PyNone.NONE;
        });
        fn(b, "len", (a, kw) -> Ops.len(a[0]));
        fn(b, "abs", (a, kw) -> {
            Object x = a[0];
            if (x instanceof Long l) {
                return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : (Object) Math.abs(l);
            } else if (x instanceof BigInteger bi) {
                return bi.abs();
            } else if (x instanceof Double d) {
                return Math.abs(d);
            } else if (x instanceof Boolean bo) {
                return bo ? 1L : 0L;
            } else if (x instanceof PyComplex c) {
                return ComplexMath.abs(c.real(), c.imag());
            } else if (x instanceof PyInstance pi && pi.type().lookupNotObject("__abs__") != null) {
                return Ops.callMethod(pi.type().lookupNotObject("__abs__"), pi);
            }
            throw Ops.typeError("unsupported type for __abs__: '" + Ops.typeName(x) + "'");
        });
        fn(b, "all", (a, kw) -> {
            Object it = Ops.iter(a[0]);
            VM cur = Heap.currentVm();
            for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
                Heap.step(cur, 0);
                if (!Ops.truthy(x)) {
                    return false;
                }
            }
            return true;
        });
        fn(b, "any", (a, kw) -> {
            Object it = Ops.iter(a[0]);
            VM cur = Heap.currentVm();
            for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
                Heap.step(cur, 0);
                if (Ops.truthy(x)) {
                    return true;
                }
            }
            return false;
        });
        fn(b, "bin", (a, kw) -> radix(a[0], 2, "0b"));
        fn(b, "oct", (a, kw) -> radix(a[0], 8, "0o"));
        fn(b, "hex", (a, kw) -> radix(a[0], 16, "0x"));
        fn(b, "callable", (a, kw) -> Ops.callable(a[0]));
        fn(b, "chr", (a, kw) -> {
            long c = Ops.toLong(a[0]);
            if (c < 0 || c >= 0x110000) {
                throw Ops.valueError("chr() arg not in range(0x110000)");
            }
            return new String(Character.toChars((int) c));
        });
        fn(b, "ord", (a, kw) -> {
            Object x = a[0];
            if (x instanceof String s) {
                int n = Strs.length(s);
                if (n != 1) {
                    throw Ops.typeError("ord() expected a character, but string of length " + n + " found");
                }
                return (long) s.codePointAt(0);
            }
            byte[] d = Ops.bytesOf(x);
            if (d.length != 1) {
                throw Ops.typeError("ord() expected a character, but string of length " + d.length + " found");
            }
            return (long) (d[0] & 0xff);
        });
        fn(b, "delattr", (a, kw) -> {
            Classes.delattr(a[0], Ops.str(a[1]));
            return PyNone.NONE;
        });
        fn(b, "getattr", (a, kw) -> {
            String name = checkName(a[1]);
            if (a.length > 2) {
                try {
                    Object v = Ops.getattrOrNull(a[0], name);
                    return v == null ? a[2] : v;
                } catch (PyError e) {
                    if (e.exc.isInstance(Types.ATTRIBUTE_ERROR)) {
                        return a[2];
                    }
                    throw e;
                }
            }
            return Ops.getattr(a[0], name);
        });
        fn(b, "setattr", (a, kw) -> {
            Ops.setattr(a[0], checkName(a[1]), a[2]);
            return PyNone.NONE;
        });
        fn(b, "hasattr", (a, kw) -> {
            try {
                return Ops.getattrOrNull(a[0], checkName(a[1])) != null;
            } catch (PyError e) {
                if (e.exc.isInstance(Types.ATTRIBUTE_ERROR)) {
                    return false;
                }
                throw e;
            }
        });
        fn(b, "divmod", (a, kw) -> PyTuple.of(Ops.binary(BinaryOp.FLOOR_DIVIDE, a[0], a[1]),
                Ops.binary(BinaryOp.MODULO, a[0], a[1])));
        fn(b, "hash", (a, kw) -> {
            long h = Ops.hash(a[0]);
            return h;
        });
        fn(b, "id", (a, kw) -> Ops.isInt(a[0]) ? (Object) (Ops.toLong(a[0]) * 2 + 1)
                : (Object) (0x7f0000000000L + ((long) System.identityHashCode(a[0]) << 4)));
        fn(b, "isinstance", (a, kw) -> Classes.isInstance(a[0], a[1]));
        fn(b, "issubclass", (a, kw) -> Classes.isSubclass(a[0], a[1]));
        fn(b, "iter", (a, kw) -> {
            if (a.length > 1) {
                Object f = a[0];
                Object sentinel = a[1];
                return new PyIter() {
                    boolean done;

                    public Object next() {
                        if (done) {
                            return null;
                        }
                        Object v = Ops.call(f);
                        if (Ops.eq(v, sentinel)) {
                            done = true;
                            return null;
                        }
                        return v;
                    }
                };
            }
            return Ops.iter(a[0]);
        });
        fn(b, "next", (a, kw) -> {
            Object it = a[0];
            if (!(it instanceof PyIter || it instanceof PyGenerator
                    || (it instanceof PyInstance pi && pi.type().lookupNotObject("__next__") != null))
                    || it instanceof Iters.DictView) {
                throw Ops.typeError("'" + Ops.typeName(it) + "' object isn't an iterator");
            }
            Object v;
            if (it instanceof PyInstance pi) {
                try {
                    return Ops.callMethod(pi.type().lookupNotObject("__next__"), pi);
                } catch (PyError e) {
                    if (a.length > 1 && e.exc.isInstance(Types.STOP_ITERATION)) {
                        return a[1];
                    }
                    throw e;
                }
            }
            if (it instanceof PyGenerator g) {
                PyGenerator.Resume r = g.resumeSelf(PyNone.NONE, null);
                if (r.yielded()) {
                    return r.value();
                }
                if (a.length > 1) {
                    return a[1];
                }
                throw PyGenerator.stopIteration(r.value());
            }
            Ops.LAST_STOP.remove();
            v = Ops.next(it);
            if (v == null) {
                if (a.length > 1) {
                    return a[1];
                }
                PyException stop = Ops.LAST_STOP.get();
                Ops.LAST_STOP.remove();
                if (stop != null) {
                    throw new PyError(stop);
                }
                throw new PyError(new PyException(Types.STOP_ITERATION, PyTuple.EMPTY));
            }
            return v;
        });
        fn(b, "max", (a, kw) -> minMax(a, kw, true));
        fn(b, "min", (a, kw) -> minMax(a, kw, false));
        fn(b, "pow", (a, kw) -> {
            if (a.length == 3) {
                if (!Ops.isInt(a[0]) || !Ops.isInt(a[1]) || !Ops.isInt(a[2])) {
                    throw Ops.typeError("pow() with 3 arguments requires integers");
                }
                BigInteger m = Ops.big(a[2]);
                if (m.signum() == 0) {
                    throw Ops.valueError("divide by zero");
                }
                BigInteger r = Ops.big(a[0]).modPow(Ops.big(a[1]), m.abs());
                if (m.signum() < 0 && r.signum() != 0) {
                    r = r.add(m);
                }
                return Ops.normalize(r);
            }
            return Ops.binary(BinaryOp.POWER, a[0], a[1]);
        });
        fn(b, "repr", (a, kw) -> Ops.repr(a[0]));
        fn(b, "round", (a, kw) -> round(a));
        fn(b, "sorted", (a, kw) -> {
            if (a.length > 1) {
                throw Ops.typeError("must use keyword argument for key function");
            }
            List<Object> items = Ops.toList(a[0]);
            if (a[0] instanceof PyList || a[0] instanceof PyTuple) {
                Heap.allocItems(items.size()); // the new list (toList counted only what it iterated)
            }
            return new PyList(sortList(items, kw == null ? null : kw.get("key"),
                    kw != null && Ops.truthy(kw.getOrDefault("reverse", false))));
        });
        fn(b, "sum", (a, kw) -> {
            Object acc = a.length > 1 ? a[1] : 0L;
            Object it = Ops.iter(a[0]);
            VM cur = Heap.currentVm();
            for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
                Heap.step(cur, 0);
                acc = Ops.binary(BinaryOp.ADD, acc, x);
            }
            return acc;
        });
        fn(b, "dir", (a, kw) -> {
            List<Object> names = new ArrayList<>();
            if (a.length == 0) {
                names.addAll(vm.currentGlobals().keySet());
            } else {
                Object o = a[0];
                if (o instanceof PyModule m) {
                    names.addAll(m.globals.keySet());
                } else {
                    if (o instanceof PyInstance di && !(o instanceof PyException)) {
                        Object dm = di.type().lookupNotObject("__dir__");
                        if (dm != null) {
                            return Ops.callMethod(dm, di);
                        }
                    }
                    if (o instanceof PyInstance pi) {
                        names.addAll(pi.dict.keySet());
                    }
                    PyType t = o instanceof PyType ot ? ot : Ops.typeOf(o);
                    collectNames(t, names);
                    if (!names.contains("__class__")) {
                        names.add(0, "__class__");
                    }
                }
            }
            List<Object> uniq = new ArrayList<>();
            for (Object n : names) {
                if (!uniq.contains(n)) {
                    uniq.add(n);
                }
            }
            return new PyList(sortList(uniq, null, false));
        });
        fn(b, "globals", (a, kw) -> vm.globalsDict());
        fn(b, "locals", (a, kw) -> vm.currentFrame != null ? dictOf(vm.currentFrame.locals) : vm.globalsDict());
        fn(b, "input", (a, kw) -> {
            if (a.length > 0) {
                vm.write(Ops.str(a[0]));
            }
            String line = vm.readLine();
            if (line == null) {
                throw Ops.error(Types.EOF_ERROR, null);
            }
            return line;
        });
        fn(b, "__import__", (a, kw) -> {
            if (!(a[0] instanceof String name)) {
                throw Ops.typeError("__import__() argument 1 must be str");
            }
            long level = a.length > 4 ? Ops.toLong(a[4]) : 0;
            if (name.isEmpty() && level == 0 || level < 0) {
                throw Ops.valueError(level < 0 ? "level must be >= 0" : "Empty module name");
            }
            Map<String, Object> globals = vm.currentGlobals();
            if (level > 0 && a.length > 1 && a[1] != PyNone.NONE) {
                if (!(a[1] instanceof PyDict gd)) {
                    throw Ops.typeError("globals must be a dict");
                }
                globals = new VM.DictBackedMap(gd);
            }
            return vm.importer.importName(name, a.length > 3 ? a[3] : PyNone.NONE, level, globals);
        });
        fn(b, "exec", (a, kw) -> vm.execSource(a, false));
        fn(b, "eval", (a, kw) -> vm.execSource(a, true));
        fn(b, "compile", (a, kw) -> vm.compileSource(a));
        fn(b, "open", (a, kw) -> Modules.open(vm, a, kw));
        for (String n : new String[] {"len", "abs", "chr", "ord", "hash", "id", "repr", "callable", "bin", "oct", "hex"}) {
            arityFn(b, n, 1, 1);
        }
        arityFn(b, "round", 1, 2);
        arityFn(b, "isinstance", 2, 2);
        arityFn(b, "issubclass", 2, 2);
        arityFn(b, "iter", 1, 2);
        arityFn(b, "next", 1, 2);
        arityFn(b, "divmod", 2, 2);
        arityFn(b, "getattr", 2, 3);
        arityFn(b, "setattr", 3, 3);
        arityFn(b, "hasattr", 2, 2);
        arityFn(b, "delattr", 2, 2);
        arityFn(b, "pow", 2, 3);
        fn(b, "__repl_print__", (a, kw) -> {
            if (a[0] != PyNone.NONE) {
                vm.write(Ops.repr(a[0]) + "\n");
            }
            return PyNone.NONE;
        });
        return b;
    }

    private static void collectNames(PyType t, List<Object> out) {
        for (String k : t.dict.keySet()) {
            out.add(k);
        }
        for (PyType bt : t.bases) {
            if (bt != Types.OBJECT) {
                collectNames(bt, out);
            }
        }
    }

    private static String checkName(Object o) {
        if (!(o instanceof String s)) {
            throw Ops.typeError("attribute name must be a string");
        }
        return s;
    }

    static void fn(Map<String, Object> m, String name, PyBuiltin.Native impl) {
        m.put(name, new PyBuiltin(name, impl));
    }

    private static Object radix(Object x, int radix, String prefix) {
        if (!Ops.isInt(x)) {
            if (x instanceof PyInstance pi && pi.type().lookupNotObject("__index__") != null) {
                x = Ops.callMethod(pi.type().lookupNotObject("__index__"), pi);
            } else {
                throw Ops.typeError("can't convert " + Ops.typeName(x) + " to int");
            }
        }
        BigInteger v = Ops.big(x);
        return (v.signum() < 0 ? "-" : "") + prefix + v.abs().toString(radix);
    }

    private static Object round(Object[] a) {
        Object x = a[0];
        Object nd = a.length > 1 ? a[1] : PyNone.NONE;
        if (Ops.isInt(x)) {
            if (x instanceof Boolean bo) {
                x = bo ? 1L : 0L;
            }
            if (nd == PyNone.NONE || Ops.toLong(nd) >= 0) {
                return x;
            }
            BigInteger mult = BigInteger.TEN.pow((int) -Ops.toLong(nd));
            BigInteger v = Ops.big(x);
            BigInteger half = mult.shiftRight(1);
            BigInteger mod = v.mod(mult);
            BigInteger rounded = v.subtract(mod);
            int c = half.compareTo(mod);
            if (c > 0) {
                return Ops.normalize(rounded);
            } else if (c < 0) {
                return Ops.normalize(rounded.add(mult));
            }
            BigInteger fl = v.divide(mult);
            if (v.signum() < 0 && v.mod(mult).signum() != 0) {
                fl = fl.subtract(BigInteger.ONE);
            }
            return Ops.normalize(fl.testBit(0) ? rounded.add(mult) : rounded);
        }
        if (x instanceof PyInstance pi && pi.type().lookupNotObject("__round__") != null) {
            return nd == PyNone.NONE ? Ops.callMethod(pi.type().lookupNotObject("__round__"), pi)
                    : Ops.callMethod(pi.type().lookupNotObject("__round__"), pi, nd);
        }
        double d = Ops.toDouble(x);
        if (nd != PyNone.NONE) {
            long n = Ops.toLong(nd);
            double mult = Math.pow(10, n);
            return Math.rint(d * mult) / mult;
        }
        return floatToInt(Math.rint(d));
    }
}
