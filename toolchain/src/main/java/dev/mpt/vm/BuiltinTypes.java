package dev.mpt.vm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The built-in types' constructors and methods (the type table MicroPython spreads over its obj*.c files). */
public final class BuiltinTypes {
    private BuiltinTypes() {}

    public static void method(PyType t, String name, PyBuiltin.Native impl) {
        t.dict.put(name, new PyBuiltin(name, impl, true));
    }

    /** slice.indices(length): start, stop and step clamped to a sequence of that length, as CPython. */
    static PyTuple sliceIndices(PySlice sl, long length) {
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

    public static String decodeUtf8(byte[] b) {
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Ops.error(Types.UNICODE_ERROR, null);
        }
    }

    /** Data attributes of built-in objects (not methods). */
    private static PyInstance userInstance(Object o) {
        if (!(o instanceof PyInstance pi) || pi.type().builtin) {
            throw Ops.typeError("arg must be user-type");
        }
        return pi;
    }

    private static String attrName(Object o) {
        if (!(o instanceof String s)) {
            throw new PyError(new PyException(Types.TYPE_ERROR, PyTuple.EMPTY));
        }
        return s;
    }

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
        } else if (o instanceof PyRange r) {
            switch (name) {
                case "start":
                    return r.start();
                case "stop":
                    return r.stop();
                case "step":
                    return r.step();
                default:
            }
        } else if (o instanceof Slots.Attributes at) {
            Object v = at.getAttr(name);
            if (v != null) {
                return v;
            }
        } else if (o instanceof ArrayType.MemoryView mv && name.equals("itemsize")) {
            return (long) (mv.target instanceof ArrayType.PyArray pa ? ArrayType.itemSize(pa.code) : 1);
        } else if (o instanceof Io.Stream st && st.std >= 0 && name.equals("buffer")) {
            return Io.binaryStd(st);
        } else if (o instanceof PySlice s) {
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
            if (name.equals("__name__") && f.viper == null) {
                return f.name();
            }
            if (name.equals("__globals__")) {
                return f.ctx.module.dict();
            }
            if (name.equals("__code__") && f.code != null && !dev.mpt.bytecode.NativeAsBytecode.isMarked(f.code.raw)) {
                dev.mpt.bytecode.MpyFile mf = f.ctx.file;
                return new PyCode(new dev.mpt.bytecode.MpyFile(mf.header(), mf.qstrs(), mf.constants(), f.code.raw), f.ctx.vm);
            }
            // (functions have no __module__ in MicroPython; classes do)
            if (f.attrs != null && f.attrs.containsKey(name)) {
                return f.attrs.get(name);
            }
        } else if (o instanceof PyBuiltin b) {
            // MicroPython's built-in functions have no __name__; those standing for Python
            // functions (asyncio's, frozen bytecode there) do
            if (name.equals("__name__") && (b.funType == Types.FUNCTION || b.funType == Types.GENFUNCTION)) {
                return b.name;
            }
        } else if (o instanceof PyBoundMethod m) {
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
        } else if (o instanceof PyProperty p) {
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
        } else if (o instanceof PyStaticMethod s && name.equals("__func__")) {
            return s.fn();
        } else if (o instanceof PyClassMethod c && name.equals("__func__")) {
            return c.fn();
        }
        return null;
    }

    // ---- conversions --------------------------------------------------------------------------

    static Object floatOf(Object[] a) {
        if (a.length == 0) {
            return 0.0;
        }
        Object x = a[0];
        if (x instanceof String s) {
            return ParseNum.parseFloat(s);
        } else if (x instanceof PyBytes || x instanceof PyByteArray) {
            return ParseNum.parseFloat(Strs.fromLatin1(Ops.bytesOf(x)));
        }
        return Ops.toDouble(x);
    }

    static byte[] bytesFrom(Object[] a, Map<String, Object> kw) {
        if (kw != null && !kw.isEmpty()) {
            throw ArgCheck.noKeywords();
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
        if (x instanceof PyInstance xi && xi.base instanceof Slots.Buffer) {
            x = xi.base;
        }
        if (x instanceof PyBytes || x instanceof PyByteArray || x instanceof ArrayType.PyArray
                || x instanceof Slots.Buffer) {
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

    /** A range bound: a machine word whose magnitude fits (MicroPython's mp_obj_get_int). */
    private static long rangeArg(Object o) {
        long v = Ops.toLong(o);
        if (v == Long.MIN_VALUE) {
            throw Ops.error(Types.OVERFLOW_ERROR, "overflow converting long int to machine word");
        }
        return v;
    }

    static Object strOf(Object[] a, Map<String, Object> kw) {
        if (a.length == 0) {
            return "";
        }
        if (kw != null && !kw.isEmpty()) {
            throw ArgCheck.noKeywords();
        }
        if (a.length > 1) {
            // as MicroPython: any object with the buffer protocol is decoded (a str gives its text)
            if (a[0] instanceof String s) {
                return s;
            }
            return decodeUtf8(Ops.bytesOf(a[0]));
        }
        return Ops.str(a[0]);
    }

    // ---- iteration helpers ------------------------------------------------------------------

    // ---- type set-up --------------------------------------------------------------------------

    static void initTypes() {
        Types.OBJECT.maker = (cls, a, kw) -> {
            if (cls != Types.OBJECT) {
                return Classes.newInstance(cls, a, kw);
            }
            if (a.length > 0 || (kw != null && !kw.isEmpty())) {
                // object() takes nothing (a class deriving from it and lacking __init__ takes anything)
                throw Ops.typeError("function takes 0 positional arguments but " + a.length + " were given");
            }
            return new PyInstance(Types.OBJECT);
        };
        method(Types.OBJECT, "__init__", (a, kw) -> PyNone.NONE);
        Types.OBJECT.dict.put("__new__", new PyStaticMethod(new PyBuiltin("__new__", (a, kw) -> {
            if (!(a[0] instanceof PyType t) || (t.builtin && t != Types.OBJECT)) {
                throw Ops.typeError("arg must be user-type");
            }
            return Classes.newInstance(t, new Object[0], null);
        })));
        // as objobject.c: on an instance of a class defined in Python, straight into its members
        method(Types.OBJECT, "__setattr__", (a, kw) -> {
            userInstance(a[0]).setMember(attrName(a[1]), a[2]);
            return PyNone.NONE;
        });
        method(Types.OBJECT, "__delattr__", (a, kw) -> {
            if (!userInstance(a[0]).deleteMember(attrName(a[1]))) {
                throw Ops.error(Types.ATTRIBUTE_ERROR, "no such attribute");
            }
            return PyNone.NONE;
        });
        // (and nothing else: MicroPython's object has no __eq__, __hash__, __repr__...)
        Types.TYPE.maker = (cls, a, kw) -> {
            if (a.length == 1) {
                return Ops.typeOf(a[0]);
            }
            return Classes.newClass(cls, a);
        };
        Types.NONETYPE.maker = (cls, a, kw) -> PyNone.NONE;
        Types.INT.maker = (cls, a, kw) -> ObjInt.intOf(a, kw);
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
                    double[] v = ParseNum.parseComplex(s);
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
        // bytearray(n, ...): n zero bytes, the rest ignored (MicroPython looks at an int first)
        Types.BYTEARRAY.maker = (cls, a, kw) -> new PyByteArray(a.length > 1 && Ops.isInt(a[0]) && !(a[0] instanceof Boolean)
                ? bytesFrom(new Object[] {a[0]}, null) : bytesFrom(a, kw));
        Types.LIST.maker = (cls, a, kw) -> a.length == 0 ? new PyList() : PyList.adopt((java.util.ArrayList<Object>) Ops.toList(a[0]));
        Types.TUPLE.maker = (cls, a, kw) -> a.length == 0 ? PyTuple.EMPTY
                : a[0] instanceof PyTuple t ? t : PyTuple.of(Ops.toList(a[0]));
        Types.DICT.maker = (cls, a, kw) -> {
            PyDict d = new PyDict();
            ObjDict.dictUpdate(d, a, kw);
            return d;
        };
        Types.ORDERED_DICT.maker = (cls, a, kw) -> {
            PyDict d = new PyDict(true);
            d.type = Types.ORDERED_DICT;
            ObjDict.dictUpdate(d, a, kw);
            return d;
        };
        Types.SET.maker = (cls, a, kw) -> fillSet(new PySet(false), a);
        Types.FROZENSET.maker = (cls, a, kw) -> fillSet(new PySet(true), a);
        // the positional counts MicroPython's make_new functions check (dict counts its self)
        atMost(Types.LIST, 1, 0);
        atMost(Types.TUPLE, 1, 0);
        atMost(Types.SET, 1, 0);
        atMost(Types.FROZENSET, 1, 0);
        atMost(Types.FLOAT, 1, 0);
        atMost(Types.INT, 2, 0);
        atMost(Types.DICT, 1, 1);
        // function(code, globals), as MicroPython has it with function.__code__
        Types.FUNCTION.maker = (cls, a, kw) -> {
            if ((kw != null && !kw.isEmpty()) || a.length != 2) {
                throw Ops.typeError(kw != null && !kw.isEmpty() ? "function doesn't take keyword arguments"
                        : "function takes 2 positional arguments but " + a.length + " were given");
            }
            if (!(a[0] instanceof PyCode c) || !(a[1] instanceof PyDict g)) {
                throw Ops.typeError(null);
            }
            return c.function(g);
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
                stop = rangeArg(a[0]);
            } else {
                start = rangeArg(a[0]);
                stop = rangeArg(a[1]);
                if (a.length > 2) {
                    step = rangeArg(a[2]);
                    if (step == 0) {
                        throw Ops.valueError("zero step");
                    }
                }
            }
            return new PyRange(start, stop, step);
        };
        Types.PROPERTY.maker = (cls, a, kw) -> new PyProperty(ArgCheck.arg(a, 0, kw, "fget", PyNone.NONE),
                ArgCheck.arg(a, 1, kw, "fset", PyNone.NONE), ArgCheck.arg(a, 2, kw, "fdel", PyNone.NONE));
        method(Types.PROPERTY, "getter", (a, kw) -> {
            PyProperty p = (PyProperty) a[0];
            return new PyProperty(a[1], p.fset(), p.fdel());
        });
        method(Types.PROPERTY, "setter", (a, kw) -> {
            PyProperty p = (PyProperty) a[0];
            return new PyProperty(p.fget(), a[1], p.fdel());
        });
        method(Types.PROPERTY, "deleter", (a, kw) -> {
            PyProperty p = (PyProperty) a[0];
            return new PyProperty(p.fget(), p.fset(), a[1]);
        });
        Types.STATICMETHOD.maker = (cls, a, kw) -> new PyStaticMethod(a[0]);
        Types.CLASSMETHOD.maker = (cls, a, kw) -> new PyClassMethod(a[0]);
        Types.ENUMERATE.maker = (cls, a, kw) -> a.length == 0 && (kw == null || !kw.containsKey("iterable"))
                ? BuiltinTypes.raiseType("function missing 1 required positional argument") : new ModBuiltins.Enumerate(Ops.iter(ArgCheck.arg(a, 0, kw, "iterable", null)),
                ArgCheck.arg(a, 1, kw, "start", 0L));
        Types.ZIP.maker = (cls, a, kw) -> {
            Object[] its = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                its[i] = Ops.iter(a[i]);
            }
            return new ModBuiltins.Zip(its);
        };
        Types.MAP.maker = (cls, a, kw) -> {
            Object[] its = new Object[a.length - 1];
            for (int i = 1; i < a.length; i++) {
                its[i - 1] = Ops.iter(a[i]);
            }
            return new ModBuiltins.MapIter(a[0], its);
        };
        Types.FILTER.maker = (cls, a, kw) -> new ModBuiltins.FilterIter(a[0], Ops.iter(a[1]));
        Types.REVERSED.maker = (cls, a, kw) -> {
            Object o = a[0];
            if (o instanceof PyInstance pi) {
                Object m = pi.type().lookupNotObject("__reversed__");
                if (m != null) {
                    return Ops.callMethod(m, pi);
                }
            }
            if (o instanceof PyRange r) {
                long n = r.length();
                return new Iters.RangeIter(new PyRange(r.start() + (n - 1) * r.step(), r.start() - r.step(), -r.step()));
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
            return new PySuper(t, a[1]);
        };
        // (slice has no constructor in MicroPython: "can't create 'slice' instances"; slices
        // come from subscripts only)

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
                for (Object[] ent : Errno.ERRNO) {
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
            if (PyInstance.initPendingBase(a[0], Types.LIST, a, kw)) {
                return PyNone.NONE;
            }
            PyList l = (PyList) Ops.unwrap(a[0]);
            l.items.clear();
            if (a.length > 1) {
                l.items.addAll(Ops.toList(a[1]));
            }
            return PyNone.NONE;
        });
        method(Types.DICT, "__init__", (a, kw) -> {
            if (PyInstance.initPendingBase(a[0], Types.DICT, a, kw)) {
                return PyNone.NONE;
            }
            PyDict d = (PyDict) Ops.unwrap(a[0]);
            d.clear();
            Object[] rest = new Object[a.length - 1];
            System.arraycopy(a, 1, rest, 0, rest.length);
            ObjDict.dictUpdate(d, rest, kw);
            return PyNone.NONE;
        });
        ObjInt.initInt();
        ObjList.initList();
        ObjDict.initDict();
        ObjSet.initSet();
        Strs.register(Types.STR, false);
        Strs.register(Types.BYTES, true);
        Strs.register(Types.BYTEARRAY, true);
        method(Types.SLICE, "indices", (a, kw) -> sliceIndices((PySlice) a[0], Ops.toLong(a[1])));
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
            t.dict.put("fromhex", new PyClassMethod(new PyBuiltin("fromhex", (a, kw) -> {
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
            // a buffer (a str included: its UTF-8 bytes) adds its bytes, anything else is iterated
            Object x = a[1];
            if (Ops.isInt(x)) {
                throw Ops.typeError("'" + Ops.typeName(x) + "' object isn't iterable");
            }
            byte[] add = x instanceof String ? Ops.bytesOf(x) : bytesFrom(new Object[] {x}, null);
            byte[] r = java.util.Arrays.copyOf(b.bytes(), b.len + add.length);
            System.arraycopy(add, 0, r, b.len, add.length);
            b.set(r);
            return PyNone.NONE;
        });
        ArrayType.register();
        method(Types.TUPLE, "count", (a, kw) -> ObjList.count(((PyTuple) a[0]).items, a[1]));
        method(Types.TUPLE, "index", (a, kw) -> ObjList.index(java.util.Arrays.asList(((PyTuple) a[0]).items), a));
        ArgCheck.arities();
    }

    static Object raiseType(String msg) {
        throw Ops.typeError(msg);
    }

    // ---- the builtins module ------------------------------------------------------------------


    /** Makes t's constructor refuse more than max positional arguments, as mp_arg_check_num words it. */
    private static void atMost(PyType t, int max, int counted) {
        PyType.Maker make = t.maker;
        t.maker = (cls, a, kw) -> {
            if (a.length > max) {
                throw Ops.typeError("function expected at most " + (max + counted) + " arguments, got "
                        + (a.length + counted));
            }
            return make.make(cls, a, kw);
        };
    }

    /**
     * set(iterable) / frozenset(iterable): each item added as the iteration makes it, as
     * MicroPython's set_make_new does (no list of them first).
     */
    private static PySet fillSet(PySet s, Object[] a) {
        if (a.length > 0) {
            ObjSet.addAll(s, a[0]);
        }
        return s;
    }
}
