package dev.mpt.vm;

import dev.mpt.vm.jit.Translator;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * The VM's side of the JVM-bytecode tier ({@link dev.mpt.vm.jit}): when a function is hot
 * (calls plus loop back-edges reach the VM's threshold) its bytecode is translated into a
 * class, defined as a hidden class of this package (so it reaches the interpreter's helpers,
 * and is collected with its function), and run instead of the interpreter, from its next call
 * or, in a running loop, from the loop's head (see {@link #osr}).
 *
 * <p>The compiled code keeps the interpreter's semantics by calling the same helpers: the
 * static methods here do what the interpreter's case for the opcode does, on values the
 * compiled code holds in JVM locals. A function the translator does not support (a
 * try/with block, an opcode it does not know) stays interpreted.
 */
final class JitRuntime {
    private JitRuntime() {}

    /** What a translated function is: run(frame, ip) runs it from ip (its start, or a loop head) to its return. */
    interface Compiled {
        Object run(Frame f, int ip);

        /** True when ip is a loop head the code can be entered at with this stack depth. */
        boolean entry(int ip, int depth);
    }

    /** What compiled code returns when it left a loop at its head to be entered again there (f.ip). */
    static final Object AGAIN = new Object();

    /** What a generator's compiled code returns when it yields (the value in f.result, f.ip and f.sp saved). */
    static final Object YIELDED = new Object();

    /**
     * What compiled code returns when the interpreter is to continue the call from f.ip and
     * f.sp, with the frame saved as the interpreter keeps it (see Translator's deopt).
     */
    static final Object INTERP = new Object();

    /** CodeUnit.jit of a function that stays interpreted. */
    static final Object FAILED = new Object();

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /**
     * The compiled classes by bytecode: a class reads its function's qstrs, constants and
     * caches from the frame, so every function with the same bytecode (the same program run
     * again, in this JVM) shares one class and the JIT's work on it. The least recently used
     * go beyond 1000.
     */
    private static final class Shared {
        private record Key(java.nio.ByteBuffer bc, int codeStart) {}

        private final Map<Key, Compiled> map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Compiled> e) {
                return size() > 1000;
            }
        };

        synchronized Compiled get(PyFunction.CodeUnit cu) {
            return map.get(new Key(java.nio.ByteBuffer.wrap(cu.bc), cu.prelude.codeStart()));
        }

        synchronized void put(PyFunction.CodeUnit cu, Compiled c) {
            map.put(new Key(java.nio.ByteBuffer.wrap(cu.bc), cu.prelude.codeStart()), c);
        }
    }

    private static final Shared SHARED = new Shared();

    /** Property mpt.jit.log: each function compiled or left to the interpreter, on stderr. */
    private static final boolean LOG = Boolean.getBoolean("mpt.jit.log");

    private static final AtomicBoolean DIRECTIVES_ADDED = new AtomicBoolean();

    /**
     * Once per JVM, on a thread of its own (it takes some 100 ms, and C2 comes later): a
     * HotSpot compiler directive that keeps C2 from the code in classes too big for C1 to
     * profile (see Translator.UNPROFILED), which then runs C1's code. C2 compiled
     * bm_hexiom's constraint_pass into code slower than C1's: 7.3 ms a run against 4.5.
     */
    private static void keepUnprofiledFromC2() {
        if (!DIRECTIVES_ADDED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Path f = Files.createTempFile("mpt-jit", ".json");
                try {
                    Files.writeString(f, "[{match: \"" + Translator.UNPROFILED.replace('.', '/')
                            + "*.*\", c2: {Exclude: true}}]");
                    ManagementFactory.getPlatformMBeanServer().invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                            new Object[] {new String[] {f.toString()}}, new String[] {String[].class.getName()});
                } finally {
                    Files.deleteIfExists(f);
                }
            } catch (Exception | LinkageError e) {
                // no directive (a runtime without java.management): C2 may compile that code
            }
        }, "mpt-jit-directives");
        t.setDaemon(true);
        t.start();
    }

    static int defaultThreshold() {
        String s = System.getProperty("mpt.jit");
        return threshold(s != null ? s : System.getenv("MPT_JIT"), 1000);
    }

    /** The threshold a setting of MPT_JIT / mpt.jit gives: 0 or off, force, on, a number; else dflt. */
    static int threshold(String s, int dflt) {
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        if (s.equals("1") || s.equals("on")) {
            return 1000;
        }
        if (s.equals("0") || s.equals("off")) {
            return Integer.MAX_VALUE;
        }
        if (s.equals("force")) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Compiles cu once; the compiled code, or FAILED (also when the tier is off). */
    static Object compile(PyFunction.CodeUnit cu, VM vm) {
        Object j = cu.jit;
        if (j != null) {
            return j;
        }
        j = FAILED;
        String why = "off";
        if (vm.jitThreshold != Integer.MAX_VALUE) {
            try {
                j = SHARED.get(cu);
                why = null;
                if (j == null) {
                    byte[] cls = Translator.translate(cu.bc, cu.prelude.codeStart(), cu.prelude.nState(),
                            cu.cellLocals.length);
                    if (cls == null) {
                        throw new IllegalArgumentException("stack shape");
                    }
                    MethodHandles.Lookup l = LOOKUP.defineHiddenClass(cls, true);
                    j = l.findConstructor(l.lookupClass(), java.lang.invoke.MethodType.methodType(void.class))
                            .invoke();
                    SHARED.put(cu, (Compiled) j);
                    // invoked this often, HotSpot queues run for compiling (run(null, -1) returns at once);
                    // not code too big for C1 to profile: should C2 compile it (before or without
                    // the directive below), it would be from these calls' profile alone, pruning
                    // every branch of the real code, and the first real branch would trap it back
                    // to the JVM's interpreter for the second or so the next C2 compile takes
                    // (bm_hexiom 4.5 -> 23 ms a run)
                    if (!l.lookupClass().getName().startsWith(Translator.UNPROFILED)) {
                        for (int i = 0; i < 300; i++) {
                            ((Compiled) j).run(null, -1);
                        }
                    } else {
                        keepUnprofiledFromC2();
                    }
                    if (LOG) {
                        System.err.println("jit: " + cu.name + " " + cls.length + " bytes in "
                                + l.lookupClass().getName().replaceAll("/.*", ""));
                    }
                }
                vm.jitCompiled++;
            } catch (Throwable t) {
                if (vm.debug) {
                    t.printStackTrace();
                }
                why = String.valueOf(t);
                j = FAILED;
            }
        }
        if (LOG) {
            System.err.println("jit: " + cu.name + (why == null ? " compiled" : " interpreted: " + why));
        }
        cu.jit = j;
        return j;
    }

    /** A call of a hot function: as Interp.execute, with the compiled code. */
    static Object run(Compiled c, Frame f, VM vm) {
        ThreadState t = vm.ts;
        Frame saved = t.currentFrame;
        t.currentFrame = f;
        try {
            return enter(c, f, f.ip);
        } finally {
            t.currentFrame = saved;
        }
    }

    /** Runs compiled code from ip to the function's return, entering it again at a loop head when it asks to. */
    static Object enter(Compiled c, Frame f, int ip) {
        Object r = c.run(f, ip);
        for (;;) {
            if (r == AGAIN) {
                r = c.run(f, f.ip);
            } else if (r == INTERP) {
                // the interpreter goes on with the frame (an exception handler, a finally
                // block's unwinding) until it returns, yields or reaches a hot loop head
                int k = Interp.continueFrame(f);
                if (k == Interp.RETURN) {
                    return f.result;
                } else if (k == Interp.YIELD) {
                    return YIELDED;
                }
                r = c.run(f, f.ip);
            } else {
                return r;
            }
        }
    }

    /**
     * Resumes a generator's frame (f.ip after a yield, or its start) in compiled code when
     * it is hot: Interp.YIELD or Interp.RETURN as Interp.execute answers, or -1 when the
     * frame stays with the interpreter.
     */
    static int resumeGenerator(Frame f) {
        PyFunction.CodeUnit cu = f.code;
        Object j = cu.jit;
        VM vm = f.ctx.vm;
        if (j == null && ++cu.heat >= vm.jitThreshold) {
            j = compile(cu, vm);
        }
        if (!(j instanceof Compiled c)
                || !(f.ip == cu.prelude.codeStart() ? f.sp == -1 : c.entry(f.ip, f.sp + 1))) {
            return -1;
        }
        Object r = run(c, f, vm);
        if (r == YIELDED) {
            return Interp.YIELD;
        }
        f.result = r;
        return Interp.RETURN;
    }

    /** YIELD_FROM on a frame saved as the interpreter saves it: true when it yields (Interp.yieldFrom). */
    static boolean yieldFrom(Frame f, Object send) {
        return Interp.yieldFrom(f, send, null);
    }

    /** The interpreter hands its frame over at f.ip (see osr). */
    static Object resume(Frame f) {
        return enter((Compiled) f.code.jit, f, f.ip);
    }

    /**
     * At a loop's back-edge in the interpreter (ip the loop head, sp its stack): true when
     * the frame can continue in compiled code there (compiling it now if needed).
     */
    static boolean osr(Frame f, int ip, int sp) {
        Object j = compile(f.code, f.ctx.vm);
        return j instanceof Compiled c && c.entry(ip, sp + 1);
    }

    // ---- what compiled code calls --------------------------------------------------------

    /**
     * An exception leaving compiled code at the instruction curIp: made a Python exception
     * as the interpreter's loop makes it, with this frame's traceback line.
     */
    static Throwable fail(Frame f, Throwable x, int curIp) {
        PyException e = pyException(f, x);
        if (e == null) {
            return x;
        }
        Interp.handle(f, e, curIp); // no handler in a compiled function: adds the traceback line
        return x instanceof PyError pe ? pe : new PyError(e);
    }

    /**
     * An exception raised at curIp in compiled code of a function with exception blocks (its
     * locals saved in the frame): when a block of this frame handles it, the frame is left at
     * the handler for the interpreter (the code then returns INTERP); else it goes on up, with
     * this frame's traceback line.
     */
    static void raised(Frame f, Throwable x, int curIp) throws Throwable {
        PyException e = pyException(f, x);
        if (e == null) {
            throw x;
        }
        if (!Interp.handle(f, e, curIp)) {
            throw x instanceof PyError pe ? pe : new PyError(e);
        }
    }

    /** The Python exception the interpreter's loop makes of a Java one, or null for one it lets through. */
    private static PyException pyException(Frame f, Throwable x) {
        PyException e;
        if (x instanceof PyError pe) {
            e = pe.exc;
        } else if (x instanceof StackOverflowError) {
            e = new PyException(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        } else if (x instanceof OutOfMemoryError) {
            e = new PyException(Types.MEMORY_ERROR, PyTuple.EMPTY);
        } else if (x instanceof RuntimeException) {
            if (x instanceof ClassCastException) {
                e = new PyException(Types.TYPE_ERROR, "argument has wrong type");
            } else if (x instanceof ArrayIndexOutOfBoundsException) {
                e = new PyException(Types.TYPE_ERROR, "function missing required positional argument");
            } else {
                e = new PyException(Types.RUNTIME_ERROR, "internal error: " + x);
            }
            if (f.ctx.vm.debug) {
                x.printStackTrace();
            }
        } else {
            return null;
        }
        return e;
    }

    /** Whether a return here runs a finally block (or a with block's __exit__) first. */
    static boolean finallyActive(Frame f) {
        for (int i = f.excTop; i >= 0; i--) {
            if (f.excFinally[i]) {
                return true;
            }
        }
        return false;
    }

    /** POP_EXCEPT_JUMP, and END_FINALLY with None: the innermost block is done. */
    static void popExc(Frame f) {
        f.excTop--;
        f.ctx.vm.ts.caught = null;
    }

    /** SETUP_WITH on the frame's state (sp the context manager): the value of __enter__(). */
    static Object setupWith(Frame f, int handler, int sp) {
        return Interp.setupWith(f, handler, sp);
    }

    /** WITH_CLEANUP for a with block left normally: __exit__(None, None, None). */
    static void withExit(Object exit, Object self) {
        Interp.callExit(exit, self, PyNone.NONE, PyNone.NONE, PyNone.NONE);
    }

    static Object local(Object v) {
        if (v == null) {
            throw Interp.localError();
        }
        return v;
    }

    static Object loadName(Frame f, String name) {
        Object v = f.locals.get(name);
        if (v == null && f.locals != f.globals) {
            v = f.globals.get(name);
        }
        if (v == null) {
            v = f.ctx.vm.builtin(name);
        }
        return v;
    }

    static void storeName(Frame f, String name, Object v) {
        f.locals.put(name, v);
    }

    static void deleteName(Frame f, String name) {
        if (f.locals.remove(name) == null) {
            throw Interp.nameError(name);
        }
    }

    static void deleteGlobal(Frame f, String name) {
        if (f.globals.remove(name) == null) {
            throw Interp.nameError(name);
        }
    }

    static Object loadAttr(Frame f, Object o, String name, int curIp) {
        Object v;
        if (o instanceof PyInstance pi) {
            return AttrCache.load(f.code.sites, pi, name, curIp);
        } else if (o instanceof PyModule m && (v = moduleAttr(f, m, name, curIp)) != null) {
            return v;
        }
        return Ops.getattr(o, name);
    }

    /**
     * A module's attribute as Classes.getattr finds it in the module's dict, through the
     * slot this instruction found it at last; null when the dict lacks it (or it is __dict__).
     */
    private static Object moduleAttr(Frame f, PyModule m, String name, int curIp) {
        if (!(m.globals instanceof VM.DictBackedMap dm) || name.equals("__dict__")) {
            return null;
        }
        return Interp.cachedGet(dm.dict.table, name, f.code.sites, curIp);
    }

    /** LOAD_METHOD on st[sp]: st[sp] the callable, st[sp + 1] self or NULL. */
    static void loadMethod(Frame f, String name, Object[] st, int sp, int curIp) {
        Object o = st[sp];
        Object v;
        if (!(o instanceof PyInstance pi)) {
            if (o instanceof PyModule m && (v = moduleAttr(f, m, name, curIp)) != null) {
                st[sp] = v; // a module's function: called without self (Classes.loadMethod)
                st[sp + 1] = Interp.NULL;
            } else if (f.code.sites[curIp] instanceof BuiltinMethodSite s && s.type() == Ops.typeOf(o)
                    && s.epoch() == PyType.EPOCH.get()) {
                st[sp] = s.method();
                st[sp + 1] = o;
            } else {
                int epoch = PyType.EPOCH.get();
                Classes.loadMethod(o, name, st, sp);
                if (st[sp + 1] == o && st[sp] instanceof PyBuiltin b && b.method && !(o instanceof PyType)) {
                    f.code.sites[curIp] = new BuiltinMethodSite(Ops.typeOf(o), epoch, b);
                }
            }
        } else {
            AttrCache.loadMethod(f.code.sites, pi, name, st, sp, curIp);
        }
    }

    /**
     * What a LOAD_METHOD site found last on a built-in object (list.append, set.add): the
     * method of its type, good while no type's dict has changed since (the epoch).
     */
    private record BuiltinMethodSite(PyType type, int epoch, PyBuiltin method) {}

    static void storeAttr(Frame f, Object v, Object o, String name, int curIp) {
        if (v == Interp.NULL) {
            Classes.delattr(o, name);
        } else if (o instanceof PyInstance pi) {
            AttrCache.store(f.code.sites, pi, name, v, curIp);
        } else {
            Ops.setattr(o, name, v);
        }
    }

    static Object importName(Frame f, String name, Object level, Object fromList) {
        VM vm = f.ctx.vm;
        Object custom = vm.importOverride();
        if (custom != null) {
            Object globalsDict = f.globals instanceof VM.DictBackedMap dm ? dm.dict : ObjDict.dictOf(f.globals);
            return Ops.call(custom, name, globalsDict, PyNone.NONE, fromList, level);
        }
        return vm.importer.importName(name, fromList, Ops.toLong(level), f.globals);
    }

    static Object importFrom(Frame f, Object module, String name) {
        return f.ctx.vm.importer.importFrom(module, name);
    }

    /** MAKE_FUNCTION, MAKE_FUNCTION_DEFARGS, MAKE_CLOSURE(_DEFARGS): the closed cells at st[from...]. */
    static Object makeFunction(Frame f, int idx, Object defT, Object defD, Object[] st, int from, int nClosed) {
        Object[] closed = Interp.NO_ARGS;
        if (nClosed > 0) {
            closed = new Object[nClosed];
            System.arraycopy(st, from, closed, 0, nClosed);
        }
        return Interp.makeFunction(f, idx, defT, defD, closed);
    }

    static Object loadDeref(Object cell) {
        Object v = ((Cell) cell).value;
        if (v == null) {
            throw Interp.localError();
        }
        return v;
    }

    static void storeDeref(Object cell, Object v) {
        ((Cell) cell).value = v;
    }

    static void deleteDeref(Object cell) {
        Cell c = (Cell) cell;
        if (c.value == null) {
            throw Interp.localError();
        }
        c.value = null;
    }

    static Object buildTuple(Frame f, Object[] st, int from, int n) {
        if (n > 0) {
            f.ctx.vm.heap.take(16 + 8L * n);
        }
        Object[] items = new Object[n];
        System.arraycopy(st, from, items, 0, n);
        return PyTuple.make(items);
    }

    static Object buildList(Frame f, Object[] st, int from, int n) {
        f.ctx.vm.heap.take(32 + 8L * n);
        PyList l = new PyList();
        for (int i = from; i < from + n; i++) {
            l.items.add(st[i]);
        }
        return l;
    }

    static Object buildMap(Frame f, int n) {
        f.ctx.vm.heap.take(32 + 16L * n);
        return new PyDict(n);
    }

    static void storeMap(Object map, Object value, Object key) {
        ((PyDict) map).put(key, value);
    }

    static Object buildSet(Frame f, Object[] st, int from, int n) {
        f.ctx.vm.heap.take(32 + 16L * n);
        PySet s = new PySet(false, n);
        for (int i = from; i < from + n; i++) {
            s.add(st[i]);
        }
        return s;
    }

    static Object buildSlice(Object start, Object stop, Object step) {
        return new PySlice(start, stop, step);
    }

    static void listAppend(Object target, Object v) {
        Seqs.listAppend(target, v);
    }

    static void dictStore(Object target, Object value, Object key) {
        ((PyDict) target).put(key, value);
    }

    static void setAdd(Object target, Object v) {
        ((PySet) target).add(v);
    }

    static void unpackSequence(Object seq, int n, Object[] st, int sp) {
        Interp.unpackSequence(seq, n, st, sp);
    }

    static void unpackEx(Object seq, int n, Object[] st, int sp) {
        Interp.unpackEx(seq, n, st, sp);
    }

    /** CALL_FUNCTION: the function at st[sp], then nPos arguments and nKw key/value pairs. */
    static Object callFunction(Object[] st, int sp, int nPos, int nKw) {
        Object fn = st[sp];
        if (nKw == 0 && fn instanceof PyFunction pf && pf.simple) {
            if (pf.code.jit instanceof Compiled c) {
                return direct(pf, c, st, sp + 1, nPos, null);
            }
            return Interp.callSimple(pf, st, sp + 1, nPos, null);
        }
        if (nKw == 0) {
            return callOther(fn, st, sp + 1, nPos);
        }
        Object[] args = new Object[nPos];
        System.arraycopy(st, sp + 1, args, 0, nPos);
        Map<String, Object> kw = nKw == 0 ? null : Interp.kwFromStack(st, sp + 1 + nPos, nKw);
        return Ops.call(fn, args, kw);
    }

    /**
     * A call with the n positional arguments at st[from...] of what is not a simple
     * function: a class (Classes.constructFrom), a bound method or an instance with
     * __call__ whose function is simple (called with its self and the arguments straight
     * from st), else Ops.call.
     */
    private static Object callOther(Object fn, Object[] st, int from, int n) {
        if (fn instanceof PyType t) {
            if (!t.builtin) {
                return Classes.constructFrom(t, st, from, n);
            }
        } else if (fn instanceof PyBoundMethod m) {
            if (m.fn() instanceof PyFunction pf && pf.simple) {
                return invokeSimple(pf, st, from, n, m.self());
            }
        } else if (fn instanceof PyInstance pi && pi.type().lookup("__call__") instanceof PyFunction pf && pf.simple) {
            return invokeSimple(pf, st, from, n, pi);
        }
        Object[] args = new Object[n];
        System.arraycopy(st, from, args, 0, n);
        return Ops.call(fn, args, null);
    }

    /**
     * The n arguments at st[sp + 1...] of a call of the built-in function at st[sp] (what
     * the compiled call site passes to its code), checked as Ops.call checks them; the
     * compiled code's handler (fail) turns what the code throws into the errors Ops.call does.
     */
    static Object[] builtinArgs(Object[] st, int sp, int n) {
        Object[] args = new Object[n];
        System.arraycopy(st, sp + 1, args, 0, n);
        ((PyBuiltin) st[sp]).check(args, null);
        return args;
    }

    /** As builtinArgs for CALL_METHOD: self (or NULL: none) at st[sp + 1], the arguments after it. */
    static Object[] builtinMethodArgs(Object[] st, int sp, int n) {
        Object self = st[sp + 1];
        Object[] args;
        if (self == Interp.NULL) {
            args = new Object[n];
            System.arraycopy(st, sp + 2, args, 0, n);
        } else {
            args = new Object[n + 1];
            args[0] = self;
            System.arraycopy(st, sp + 2, args, 1, n);
        }
        ((PyBuiltin) st[sp]).check(args, null);
        return args;
    }

    /** CALL_METHOD: the callable at st[sp], self or NULL at st[sp + 1], then the arguments. */
    static Object callMethod(Object[] st, int sp, int nPos, int nKw) {
        Object fn = st[sp];
        Object self = st[sp + 1];
        if (nKw == 0 && fn instanceof PyFunction pf && pf.simple) {
            Object s = self == Interp.NULL ? null : self;
            if (pf.code.jit instanceof Compiled c) {
                return direct(pf, c, st, sp + 2, nPos, s);
            }
            return Interp.callSimple(pf, st, sp + 2, nPos, s);
        }
        if (nKw == 0 && self == Interp.NULL) {
            return callOther(fn, st, sp + 2, nPos);
        }
        Object[] args;
        if (self == Interp.NULL) {
            args = new Object[nPos];
            System.arraycopy(st, sp + 2, args, 0, nPos);
        } else {
            args = new Object[nPos + 1];
            args[0] = self;
            System.arraycopy(st, sp + 2, args, 1, nPos);
        }
        Map<String, Object> kw = nKw == 0 ? null : Interp.kwFromStack(st, sp + 2 + nPos, nKw);
        return Ops.call(fn, args, kw);
    }

    /**
     * A call of the simple function pf (PyFunction.simple) with n arguments from src[from...],
     * after self when not null, from anywhere (compiled code, the interpreter's Ops.call, a
     * constructor's __init__, a special method): its compiled code directly when it has
     * some, else Interp.callSimple.
     */
    static Object invokeSimple(PyFunction pf, Object[] src, int from, int n, Object self) {
        if (pf.code.jit instanceof Compiled c) {
            return direct(pf, c, src, from, n, self);
        }
        return Interp.callSimple(pf, src, from, n, self);
    }

    /**
     * A call from compiled code of a compiled function whose parameters are plain positional
     * ones (PyFunction.simple) with n arguments from src[from...], after self when not null:
     * what Interp.callSimple and Interp.run do for it (the frame filled the same way, the
     * same recursion count and error, the same current frame while it runs), without their
     * layers in between, and in the function's spare frame when it has one. A frame becomes
     * the spare only after a normal return: nothing holds it then (tracebacks copy their
     * lines, closures hold cells, a generator is never called this way), and its state is
     * cleared as a new frame's is. A count of arguments the function does not take goes to
     * Interp.callSimple, which raises the error.
     */
    private static Object direct(PyFunction pf, Compiled c, Object[] src, int from, int n, Object self) {
        if (!Interp.takesSimple(pf, n, self)) {
            return Interp.callSimple(pf, src, from, n, self);
        }
        Frame f = pf.spare;
        if (f != null) {
            pf.spare = null;
        } else {
            f = new Frame(pf, pf.ctx.module.globals, pf.ctx.module.globals);
        }
        Object[] st = f.state;
        Interp.fillSimple(pf, st, src, from, n, self);
        VM vm = pf.ctx.vm;
        ThreadState t = vm.ts;
        if (++t.depth > vm.maxDepth) {
            t.depth--;
            java.util.Arrays.fill(st, null);
            pf.spare = f;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        Frame saved = t.currentFrame;
        t.currentFrame = f;
        Object r;
        try {
            r = enter(c, f, f.ip);
        } catch (StackOverflowError so) {
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        } finally {
            t.currentFrame = saved;
            t.depth--;
        }
        java.util.Arrays.fill(st, null);
        f.ip = pf.code.prelude.codeStart();
        f.sp = -1;
        f.excTop = -1; // a return from inside try/except blocks leaves them on the stack
        f.result = null;
        f.locals = f.globals;
        pf.spare = f;
        return r;
    }

    /** CALL_FUNCTION_VAR_KW / CALL_METHOD_VAR_KW with the function at st[sp]. */
    static Object callVarKw(Object[] st, int sp, int nPos, int nKw, boolean method) {
        return Interp.callVarKw(st, sp, nPos, nKw, method);
    }

    /** POP_JUMP_IF_*: the interpreter's test. */
    static boolean truthy(Object v) {
        if (v == Boolean.TRUE) {
            return true;
        } else if (v == Boolean.FALSE) {
            return false;
        } else if (v instanceof Long l) {
            return l != 0;
        }
        return Ops.truthy(v);
    }

    static boolean truthyPlain(Object v) {
        return Ops.truthy(v);
    }

    static Object iter(Object o) {
        return Ops.iter(o);
    }

    /** FOR_ITER's iterator: the first of its slots, or the second when the first is NULL. */
    static Object iterator(Object a, Object b) {
        return a == Interp.NULL ? b : a;
    }

    /** FOR_ITER on an iterator that is not a built-in one: Ops.next; null at the end. */
    static Object next(Object it) {
        return Ops.next(it);
    }

    /**
     * LOAD_SUBSCR: an item of a list, bytearray, bytes or tuple at an int index in range here
     * (the common cases), the rest as the interpreter.
     */
    static Object loadSubscr(Object o, Object idx) {
        if (idx instanceof Long i) {
            long k = i;
            if (o instanceof PyList l) {
                java.util.ArrayList<Object> items = l.items;
                int n = items.size();
                if (k < 0) {
                    k += n;
                }
                if (k >= 0 && k < n) {
                    return items.get((int) k);
                }
            } else if (o instanceof PyByteArray b) {
                int n = b.len;
                if (k < 0) {
                    k += n;
                }
                if (k >= 0 && k < n) {
                    return Box.of(b.data[(int) k] & 0xff);
                }
            } else if (o instanceof PyBytes b) {
                byte[] data = b.data;
                if (k < 0) {
                    k += data.length;
                }
                if (k >= 0 && k < data.length) {
                    return Box.of(data[(int) k] & 0xff);
                }
            } else if (o instanceof PyTuple t) {
                Object[] items = t.items;
                if (k < 0) {
                    k += items.length;
                }
                if (k >= 0 && k < items.length) {
                    return items[(int) k];
                }
            }
        } else if (idx instanceof PySlice s && o instanceof PyList l) {
            return Seqs.listSlice(l, s);
        }
        return Interp.loadSubscr(o, idx);
    }

    /** STORE_SUBSCR: into a list or (an int) a bytearray at an int index in range here, the rest as the interpreter. */
    static void storeSubscr(Object v, Object o, Object idx) {
        if (idx instanceof Long i && v != Interp.NULL) {
            long k = i;
            if (o instanceof PyList l) {
                java.util.ArrayList<Object> items = l.items;
                int n = items.size();
                if (k < 0) {
                    k += n;
                }
                if (k >= 0 && k < n) {
                    items.set((int) k, v);
                    return;
                }
            } else if (o instanceof PyByteArray b && v instanceof Long x) {
                int n = b.len;
                if (k < 0) {
                    k += n;
                }
                if (k >= 0 && k < n) {
                    b.data[(int) k] = (byte) (long) x;
                    return;
                }
            }
        }
        Interp.storeSubscr(v, o, idx);
    }

    static Object unary(int k, Object v) {
        return Numeric.unary(Interp.UNOPS[k], v);
    }

    /** BINARY_OP k: the interpreter's int and float fast paths, else the general operation. */
    static Object binary(int k, Object lhs, Object rhs) {
        Object r = null;
        if (lhs instanceof Long x) {
            if (rhs instanceof Long y) {
                r = Numeric.longFast(k, x, y);
            }
        } else if (lhs instanceof Double x) {
            if (rhs instanceof Double y) {
                r = Numeric.doubleFast(k, x, y);
            }
        }
        return r != null ? r : Numeric.binary(Interp.BINOPS[k], lhs, rhs);
    }

    /** The general operation, when the inlined fast path does not apply. */
    static Object binarySlow(int k, Object lhs, Object rhs) {
        return Numeric.binary(Interp.BINOPS[k], lhs, rhs);
    }

    /**
     * A compare k (< > == <= >= != in is) the inlined int and float paths did not take, as
     * the conditional jump after it tests it: two strs compared here, the rest as
     * Numeric.binary and the interpreter's truth test do.
     */
    static boolean compareSlow(int k, Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            switch (k) {
                case 0:
                    return Strs.compare(s, t) < 0;
                case 1:
                    return Strs.compare(s, t) > 0;
                case 2:
                    return s.equals(t);
                case 3:
                    return Strs.compare(s, t) <= 0;
                case 4:
                    return Strs.compare(s, t) >= 0;
                case 5:
                    return !s.equals(t);
                default:
                    break;
            }
        } else if (k == 6 && !(a instanceof Integer) && !(a instanceof Long && b instanceof Long)) {
            return Ops.contains(b, a);
        } else if (k == 7 && !(a instanceof Integer) && !(b instanceof Integer)) {
            return a == b || (a instanceof Long x && b instanceof Long y && x.longValue() == y.longValue())
                    || (a instanceof Boolean && a.equals(b));
        }
        return truthy(Numeric.binary(Interp.BINOPS[k], a, b));
    }

    static Object buildClass(Frame f) {
        return f.ctx.vm.builtin("__build_class__");
    }

    static void importStar(Frame f, Object module) {
        f.ctx.vm.importer.importStar(module, f.locals);
    }

    static PyError raise(Object o) {
        return new PyError(Interp.makeRaiseObj(o));
    }

    static PyError raiseFrom(Frame f, Object exc, Object from) {
        PyException e = Interp.makeRaiseObj(exc);
        if (from != PyNone.NONE) {
            f.ctx.vm.warning("exception chaining not supported");
        }
        return new PyError(e);
    }

    static void loadSuperMethod(String name, Object[] st, int at) {
        Classes.loadSuperMethod(name, st, at);
    }

    static void checkInterrupt(VM vm) {
        vm.checkInterrupt();
    }
}
