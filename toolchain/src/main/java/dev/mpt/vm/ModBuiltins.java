package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The builtins module: print, len, min/max, enumerate, zip, map, filter, round, … (MicroPython's modbuiltins). */
public final class ModBuiltins {
    private ModBuiltins() {}

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

    /**
     * A built-in iterator that takes its items from other iterators (enumerate, zip, map,
     * filter). On a board each level of nesting is a C call that takes stack, and
     * MicroPython's stack check raises {@code RuntimeError: maximum recursion depth exceeded}
     * when a deeply nested one is advanced; on the JVM the same recursion would run far deeper
     * and take very long before the Java stack overflowed. So each level has a stack cost
     * (2 units for enumerate and map, 3 for zip and filter) added to the deepest cost of the
     * iterators it reads, and advancing one whose total passes {@link #STACK_UNITS} raises
     * that error. Measured on the unix port v1.28.0 (a nest of 2458 enumerate or map, or 1639
     * zip or filter, fails; one level less runs).
     */
    abstract static class Nested extends PyIter {
        static final int STACK_UNITS = 4914;
        final int stack;

        Nested(int cost, Object... sources) {
            int deepest = 0;
            for (Object o : sources) {
                if (o instanceof Nested n && n.stack > deepest) {
                    deepest = n.stack;
                }
            }
            this.stack = deepest + cost;
        }

        final void checkStack() {
            if (stack > STACK_UNITS) {
                throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
            }
        }
    }

    static final class Enumerate extends Nested {
        final Object it;
        Object n;

        Enumerate(Object it, Object start) {
            super(2, it);
            this.it = it;
            this.n = start;
            this.type = Types.ENUMERATE;
        }

        public Object next() {
            checkStack();
            Object v = Ops.next(it);
            if (v == null) {
                return null;
            }
            Object i = n;
            n = Ops.binary(BinaryOp.ADD, n, 1L);
            return PyTuple.of(i, v);
        }
    }

    static final class Zip extends Nested {
        final Object[] its;

        Zip(Object[] its) {
            super(3, its);
            this.its = its;
            this.type = Types.ZIP;
        }

        public Object next() {
            checkStack();
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

    static final class MapIter extends Nested {
        final Object fn;
        final Object[] its;

        MapIter(Object fn, Object[] its) {
            super(2, its);
            this.fn = fn;
            this.its = its;
            this.type = Types.MAP;
        }

        public Object next() {
            checkStack();
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

    static final class FilterIter extends Nested {
        final Object fn;
        final Object it;

        FilterIter(Object fn, Object it) {
            super(3, it);
            this.fn = fn;
            this.it = it;
            this.type = Types.FILTER;
        }

        public Object next() {
            checkStack();
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

    static Map<String, Object> module(VM vm) {
        // a change to the builtins bumps PyType.EPOCH, which LOAD_GLOBAL's caches of builtins check
        Map<String, Object> b = new PyType.TypeDict();
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
            if (file instanceof PyInstance fi && fi.type().isSubclassOf(vm.ioBase)) {
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
        fn(b, "help", (a, kw) -> Help.help(vm, a));
        fn(b, "len", (a, kw) -> Ops.len(a[0]));
        fn(b, "abs", (a, kw) -> abs(a[0]));
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
            Classes.delattr(a[0], Strs.qstr(Ops.str(a[1])));
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
        fn(b, "id", (a, kw) -> vm.memory().id(a[0]));
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
            if (!(it instanceof PyIter || it instanceof PyGenerator || it instanceof Io.Stream
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
            return new PyList(ObjList.sortList(items, kw == null ? null : kw.get("key"),
                    kw != null && Ops.truthy(kw.getOrDefault("reverse", false))));
        });
        fn(b, "sum", (a, kw) -> {
            Object acc = a.length > 1 ? a[1] : 0L;
            Object it = Ops.iter(a[0]);
            VM cur = Heap.currentVm();
            for (Object x = Ops.next(it); x != null; x = Ops.next(it)) {
                Heap.step(cur, 0);
                Object r = acc instanceof Long p && x instanceof Long q
                        ? Numeric.longFast(BinaryOp.ADD.ordinal(), p, q) : null; // null: overflow
                acc = r != null ? r : Ops.binary(BinaryOp.ADD, acc, x);
            }
            return acc;
        });
        fn(b, "dir", (a, kw) -> {
            List<Object> names = new ArrayList<>();
            if (a.length == 0) {
                // the names of the local namespace in the dict's own order, as MicroPython
                Map<String, Object> ns = vm.ts.currentFrame == null ? vm.currentGlobals() : vm.ts.currentFrame.locals;
                PyDict d = ns instanceof VM.DictBackedMap m ? m.dict : ObjDict.dictOf(ns);
                return new PyList(new ArrayList<>(d.keys()));
            } else {
                Object o = a[0];
                if (o instanceof PyModule m) {
                    // (its attribute lookup answers __class__ and __dict__ too)
                    names.add("__class__");
                    names.addAll(m.globals.keySet());
                    names.add("__dict__");
                } else {
                    if (o instanceof PyInstance di && !(o instanceof PyException)) {
                        Object dm = di.type().lookupNotObject("__dir__");
                        if (dm != null) {
                            return Ops.callMethod(dm, di);
                        }
                    }
                    if (o instanceof PyInstance pi) {
                        names.addAll(pi.memberNames());
                    }
                    PyType t = o instanceof PyType ot ? ot : Ops.typeOf(o);
                    collectNames(t, names);
                    if (!names.contains("__class__")) {
                        names.add(0, "__class__");
                    }
                    // MicroPython's dir() probes every qstr with an attribute lookup, so it also
                    // lists what the lookup answers beyond the dicts (a type's __name__, a
                    // function's __globals__, an instance's __dict__)
                    for (String extra : PROBED) {
                        if (!names.contains(extra) && Ops.getattrOrNull(o, extra) != null) {
                            names.add(extra);
                        }
                    }
                }
            }
            List<Object> uniq = new ArrayList<>();
            for (Object n : names) {
                if (!uniq.contains(n)) {
                    uniq.add(n);
                }
            }
            return new PyList(QstrOrder.sort(vm, uniq));
        });
        fn(b, "globals", (a, kw) -> vm.globalsDict());
        // MicroPython's locals() is the namespace names are looked up in: a function's is its
        // module's globals (local variables are not in it), a class body's is the class's.
        fn(b, "locals", (a, kw) -> vm.ts.currentFrame == null ? vm.globalsDict()
                : vm.ts.currentFrame.locals instanceof VM.DictBackedMap m ? m.dict : ObjDict.dictOf(vm.ts.currentFrame.locals));
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
            Strs.qstr(name);
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
        fn(b, "execfile", (a, kw) -> execfile(vm, a));
        fn(b, "eval", (a, kw) -> vm.execSource(a, true));
        fn(b, "compile", (a, kw) -> vm.compileSource(a));
        fn(b, "open", (a, kw) -> vm.fileAccess().open(a, kw));
        for (String n : new String[] {"len", "abs", "chr", "ord", "hash", "id", "repr", "callable", "bin", "oct", "hex"}) {
            ArgCheck.arityFn(b, n, 1, 1);
        }
        ArgCheck.arityFn(b, "round", 1, 2);
        ArgCheck.arityFn(b, "isinstance", 2, 2);
        ArgCheck.arityFn(b, "issubclass", 2, 2);
        ArgCheck.arityFn(b, "iter", 1, 2);
        ArgCheck.arityFn(b, "next", 1, 2);
        ArgCheck.arityFn(b, "divmod", 2, 2);
        ArgCheck.arityFn(b, "getattr", 2, 3);
        ArgCheck.arityFn(b, "setattr", 3, 3);
        ArgCheck.arityFn(b, "hasattr", 2, 2);
        ArgCheck.arityFn(b, "delattr", 2, 2);
        ArgCheck.arityFn(b, "execfile", 1, 3);
        ArgCheck.arityFn(b, "pow", 2, 3);
        fn(b, "__repl_print__", (a, kw) -> {
            if (a[0] != PyNone.NONE) {
                vm.write(Ops.repr(a[0]) + "\n");
            }
            return PyNone.NONE;
        });
        return b;
    }

    /** Names dir() lists when the attribute lookup answers them, whatever the dicts hold. */
    private static final String[] PROBED = {"__name__", "__bases__", "__dict__", "__globals__", "args", "value", "errno"};

    /**
     * Special methods our built-in types keep in their dicts where MicroPython's have type
     * slots, which its dir() cannot see (only object has an __init__ there).
     */
    private static final java.util.Set<String> SLOTS = java.util.Set.of("__bool__", "__eq__", "__ne__",
            "__getattribute__", "__hash__", "__iter__", "__len__", "__repr__", "__str__", "__init__");

    static void collectNames(PyType t, List<Object> out) {
        for (String k : t.dict.keySet()) {
            if (t.builtin && SLOTS.contains(k) && !(t == Types.OBJECT && k.equals("__init__"))) {
                continue;
            }
            out.add(k);
        }
        for (PyType bt : t.bases) {
            if (bt != Types.OBJECT) {
                collectNames(bt, out);
            }
        }
    }

    /**
     * execfile(path[, globals[, locals]]), as the unix port has it: the file is read through
     * open() (so from a mounted filesystem too), compiled as a module named by its path and
     * run as exec() runs code.
     */
    private static Object execfile(VM vm, Object[] a) {
        if (!(a[0] instanceof String path)) {
            throw Ops.typeError("can't convert '" + Ops.typeName(a[0]) + "' object to str implicitly");
        }
        Object f = vm.fileAccess().open(new Object[] {Strs.qstr(path), "rb"}, null);
        byte[] data;
        try {
            Object read = f == PyNone.NONE ? null : Ops.getattrOrNull(f, "read");
            Object readinto = read != null || f == PyNone.NONE ? null : Ops.getattrOrNull(f, "readinto");
            if (read != null) {
                data = Ops.bytesOf(Ops.call(read));
            } else if (readinto != null) {
                // a stream object of the program's own (an io.IOBase with readinto)
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (;;) {
                    PyByteArray buf = new PyByteArray(new byte[256]);
                    Object n = Ops.call(readinto, buf);
                    long got = n == PyNone.NONE ? 0 : Math.min(Ops.toLong(n), Ops.bytesOf(buf).length);
                    if (got <= 0) {
                        break;
                    }
                    all.write(Ops.bytesOf(buf), 0, (int) got);
                }
                data = all.toByteArray();
            } else {
                throw Ops.error(Types.OS_ERROR, "stream operation not supported");
            }
        } finally {
            Object close = f == PyNone.NONE ? null : Ops.getattrOrNull(f, "close");
            if (close != null) {
                Ops.call(close);
            }
        }
        Object[] args = a.clone();
        args[0] = new PyCode(vm.compile(dev.mpt.bytecode.Utf8.decode(data), path, SourceCompiler.Mode.FILE), vm);
        return vm.execSource(args, false);
    }

    static String checkName(Object o) {
        if (!(o instanceof String s)) {
            throw Ops.typeError("attribute name must be a string");
        }
        return Strs.qstr(s);
    }

    static void fn(Map<String, Object> m, String name, PyBuiltin.Native impl) {
        m.put(name, new PyBuiltin(name, impl));
    }

    static Object radix(Object x, int radix, String prefix) {
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

    static Object round(Object[] a) {
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
        return ObjInt.floatToInt(Math.rint(d));
    }

    /** abs(x): numbers, a Python __abs__, or the value of an instance of a subclass of a number. */
    static Object abs(Object x) {
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
        } else if (x instanceof PyInstance pi && !(x instanceof PyException)) {
            Object m = pi.type().lookupNotObject("__abs__");
            if (m != null) {
                return Ops.callMethod(m, pi);
            }
            if (pi.base != null && !pi.basePending()) {
                return abs(pi.base);
            }
        }
        throw Ops.typeError("unsupported type for __abs__: '" + Ops.typeName(x) + "'");
    }
}
