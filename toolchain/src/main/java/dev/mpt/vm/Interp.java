package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.Opcode;
import dev.mpt.bytecode.UnaryOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bytecode interpreter (MicroPython's vm.c): the dispatch loop and exception unwinding. */
final class Interp {
    private Interp() {}

    /** The "no value" marker on the value stack (LOAD_NULL, LOAD_METHOD without self). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "<null>";
        }
    };

    /** Slots a for-loop iterator takes on the value stack (as MicroPython's compiler counts). */
    static final int ITER_SLOTS = 4;

    static final int RETURN = 0;
    static final int YIELD = 1;
    /** run's answer when a hot loop continues in compiled code (see execute). */
    static final int OSR = 2;

    static final BinaryOp[] BINOPS = BinaryOp.values();
    static final UnaryOp[] UNOPS = UnaryOp.values();
    static final Object[] NO_ARGS = {};
    /** The values of LOAD_CONST_SMALL_INT_MULTI, boxed once. */
    private static final Long[] SMALL_INTS = new Long[64];

    static {
        for (int i = 0; i < SMALL_INTS.length; i++) {
            SMALL_INTS[i] = (long) (i - Opcode.SMALL_INT_MULTI_EXCESS);
        }
    }

    // ---- calling ------------------------------------------------------------------------------

    static Object callFunction(PyFunction f, Object[] args, Map<String, Object> kw) {
        if (kw == null && f.simple && takesSimple(f, args.length, null)) {
            return JitRuntime.invokeSimple(f, args, 0, args.length, null);
        }
        if (f.viper != null) {
            return NativeMachine.call(f, args, kw);
        }
        Frame frame = Bc.setupFrame(f, args, kw);
        if (f.isGenerator()) {
            return new PyGenerator(frame);
        }
        return run(frame, f.ctx.vm);
    }

    /** Runs a function's frame to its return, counting it against the VM's recursion limit. */
    private static Object run(Frame frame, VM vm) {
        ThreadState t = vm.ts;
        if (++t.depth > vm.maxDepth) {
            t.depth--;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            // the JVM-bytecode tier (JitRuntime): a function hot by calls and loops runs compiled
            PyFunction.CodeUnit cu = frame.code;
            Object j = cu.jit;
            if (j == null && ++cu.heat >= vm.jitThreshold) {
                j = JitRuntime.compile(cu, vm);
            }
            if (j instanceof JitRuntime.Compiled c) {
                return JitRuntime.run(c, frame, vm);
            }
            execute(frame, null);
            return frame.result;
        } catch (StackOverflowError so) {
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        } finally {
            t.depth--;
        }
    }

    /**
     * Calls a function whose signature is plain positional parameters (see
     * {@link PyFunction#simple}) with n arguments taken from src[from...], after self when
     * self is not null: the frame is filled straight from the caller's stack. Any other count
     * of arguments goes the general way, which raises the error.
     */
    static Object callSimple(PyFunction f, Object[] src, int from, int n, Object self) {
        if (!takesSimple(f, n, self)) {
            Object[] args = new Object[n + (self != null ? 1 : 0)];
            if (self != null) {
                args[0] = self;
            }
            System.arraycopy(src, from, args, args.length - n, n);
            return callFunction(f, args, null);
        }
        Frame frame = new Frame(f, f.ctx.module.globals, f.ctx.module.globals);
        fillSimple(f, frame.state, src, from, n, self);
        return run(frame, f.ctx.vm);
    }

    /** Whether the simple function f takes n arguments (after self when not null) without the general way. */
    static boolean takesSimple(PyFunction f, int n, Object self) {
        PyFunction.CodeUnit cu = f.code;
        int nArgs = f.closed.length + (self != null ? 1 : 0) + n;
        return nArgs <= cu.nPos && nArgs >= cu.nPos - cu.nDef;
    }

    /**
     * A simple function's new state (whose argument count takesSimple has checked): its closed
     * cells, self, the n arguments from src[from...] and the defaults after them, at the
     * top of st as the interpreter keeps locals, and cells made for its cell locals.
     */
    static void fillSimple(PyFunction f, Object[] st, Object[] src, int from, int n, Object self) {
        PyFunction.CodeUnit cu = f.code;
        Object[] closed = f.closed;
        int nClosed = closed.length;
        int lead = nClosed + (self != null ? 1 : 0);
        int nArgs = lead + n;
        int nPos = cu.nPos;
        int nDef = cu.nDef;
        int top = st.length - 1;
        for (int i = 0; i < nClosed; i++) {
            st[top - i] = closed[i];
        }
        if (self != null) {
            st[top - nClosed] = self;
        }
        for (int i = 0; i < n; i++) {
            st[top - lead - i] = src[from + i];
        }
        for (int i = nArgs; i < nPos; i++) {
            st[top - i] = f.defaults[i - (nPos - nDef)];
        }
        for (int local : cu.cellLocals) {
            st[top - local] = new Cell(st[top - local]);
        }
    }

    // ---- the loop ----------------------------------------------------------------------------

    /**
     * Runs the frame until it returns (RETURN, value in frame.result) or yields (YIELD);
     * an uncaught exception propagates as PyError. {@code inject} is an exception to raise
     * at the current instruction (generator throw), or null.
     */
    static int execute(Frame f, Object inject) {
        ThreadState t = f.ctx.vm.ts;
        Frame saved = t.currentFrame;
        t.currentFrame = f;
        try {
            int r = run(f, inject);
            if (r == OSR) {
                // a loop got hot: the compiled code continues the frame at f.ip (JitRuntime)
                Object v = JitRuntime.resume(f);
                if (v == JitRuntime.YIELDED) {
                    r = YIELD; // a generator's: f.result is the value
                } else {
                    f.result = v;
                    r = RETURN;
                }
            }
            return r;
        } finally {
            t.currentFrame = saved;
        }
    }

    /** The unsigned variable-length number at bc[ip]: the value in the high half, the next ip in the low half. */
    private static long uintAt(byte[] bc, int ip) {
        int z = bc[ip++];
        if (z >= 0) {
            return ((long) z << 32) | ip;
        }
        int v = z & 0x7f;
        do {
            z = bc[ip++];
            v = (v << 7) | (z & 0x7f);
        } while (z < 0);
        return ((long) v << 32) | ip;
    }

    /**
     * The loop. The instruction pointer and stack pointer live in locals; they are written
     * back to the frame before anything that reads them there (exception handlers, unwinding,
     * yields) and read again after.
     */
    private static int run(Frame f, Object inject) {
        final byte[] bc = f.code.bc;
        final Object[] st = f.state;
        final int nState = st.length;
        final VM vm = f.ctx.vm;
        final String[] qstrs = f.ctx.qstrs;
        int curIp = f.ip;
        int ip = f.ip;
        int sp = f.sp;
        for (;;) {
            try {
                if (inject != null) {
                    Object exc = inject;
                    inject = null;
                    if ((bc[ip] & 0xff) != YIELD_FROM) {
                        curIp = ip;
                        throw new PyError(makeRaiseObj(exc));
                    }
                    curIp = ip;
                    f.ip = ip + 1;
                    f.sp = sp - 1;
                    if (yieldFrom(f, null, exc)) {
                        return YIELD;
                    }
                    ip = f.ip;
                    sp = f.sp;
                }
                for (;;) {
                    curIp = ip;
                    int op = bc[ip++] & 0xff;
                    switch (op) {
                        case LOAD_FAST_MULTI: case LOAD_FAST_MULTI + 1: case LOAD_FAST_MULTI + 2:
                        case LOAD_FAST_MULTI + 3: case LOAD_FAST_MULTI + 4: case LOAD_FAST_MULTI + 5:
                        case LOAD_FAST_MULTI + 6: case LOAD_FAST_MULTI + 7: case LOAD_FAST_MULTI + 8:
                        case LOAD_FAST_MULTI + 9: case LOAD_FAST_MULTI + 10: case LOAD_FAST_MULTI + 11:
                        case LOAD_FAST_MULTI + 12: case LOAD_FAST_MULTI + 13: case LOAD_FAST_MULTI + 14:
                        case LOAD_FAST_MULTI + 15: {
                            Object v = st[nState - 1 - (op - LOAD_FAST_MULTI)];
                            if (v == null) {
                                throw localError();
                            }
                            st[++sp] = v;
                            break;
                        }
                        case STORE_FAST_MULTI: case STORE_FAST_MULTI + 1: case STORE_FAST_MULTI + 2:
                        case STORE_FAST_MULTI + 3: case STORE_FAST_MULTI + 4: case STORE_FAST_MULTI + 5:
                        case STORE_FAST_MULTI + 6: case STORE_FAST_MULTI + 7: case STORE_FAST_MULTI + 8:
                        case STORE_FAST_MULTI + 9: case STORE_FAST_MULTI + 10: case STORE_FAST_MULTI + 11:
                        case STORE_FAST_MULTI + 12: case STORE_FAST_MULTI + 13: case STORE_FAST_MULTI + 14:
                        case STORE_FAST_MULTI + 15:
                            st[nState - 1 - (op - STORE_FAST_MULTI)] = st[sp--];
                            break;
                        case BINARY_OP_MULTI: case BINARY_OP_MULTI + 1: case BINARY_OP_MULTI + 2:
                        case BINARY_OP_MULTI + 3: case BINARY_OP_MULTI + 4: case BINARY_OP_MULTI + 5:
                        case BINARY_OP_MULTI + 6: case BINARY_OP_MULTI + 7: case BINARY_OP_MULTI + 8:
                        case BINARY_OP_MULTI + 9: case BINARY_OP_MULTI + 10: case BINARY_OP_MULTI + 11:
                        case BINARY_OP_MULTI + 12: case BINARY_OP_MULTI + 13: case BINARY_OP_MULTI + 14:
                        case BINARY_OP_MULTI + 15: case BINARY_OP_MULTI + 16: case BINARY_OP_MULTI + 17:
                        case BINARY_OP_MULTI + 18: case BINARY_OP_MULTI + 19: case BINARY_OP_MULTI + 20:
                        case BINARY_OP_MULTI + 21: case BINARY_OP_MULTI + 22: case BINARY_OP_MULTI + 23:
                        case BINARY_OP_MULTI + 24: case BINARY_OP_MULTI + 25: case BINARY_OP_MULTI + 26:
                        case BINARY_OP_MULTI + 27: case BINARY_OP_MULTI + 28: case BINARY_OP_MULTI + 29:
                        case BINARY_OP_MULTI + 30: case BINARY_OP_MULTI + 31: case BINARY_OP_MULTI + 32:
                        case BINARY_OP_MULTI + 33: case BINARY_OP_MULTI + 34: {
                            Object rhs = st[sp--];
                            Object lhs = st[sp];
                            int k = op - BINARY_OP_MULTI;
                            // (JitRuntime.binary is the same; kept inline here: calling a shared
                            // helper from this switch measured 5-10% slower with MPT_JIT=0)
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
                            st[sp] = r != null ? r : Numeric.binary(BINOPS[k], lhs, rhs);
                            break;
                        }
                        case LOAD_CONST_SMALL_INT_MULTI: case LOAD_CONST_SMALL_INT_MULTI + 1:
                        case LOAD_CONST_SMALL_INT_MULTI + 2: case LOAD_CONST_SMALL_INT_MULTI + 3:
                        case LOAD_CONST_SMALL_INT_MULTI + 4: case LOAD_CONST_SMALL_INT_MULTI + 5:
                        case LOAD_CONST_SMALL_INT_MULTI + 6: case LOAD_CONST_SMALL_INT_MULTI + 7:
                        case LOAD_CONST_SMALL_INT_MULTI + 8: case LOAD_CONST_SMALL_INT_MULTI + 9:
                        case LOAD_CONST_SMALL_INT_MULTI + 10: case LOAD_CONST_SMALL_INT_MULTI + 11:
                        case LOAD_CONST_SMALL_INT_MULTI + 12: case LOAD_CONST_SMALL_INT_MULTI + 13:
                        case LOAD_CONST_SMALL_INT_MULTI + 14: case LOAD_CONST_SMALL_INT_MULTI + 15:
                        case LOAD_CONST_SMALL_INT_MULTI + 16: case LOAD_CONST_SMALL_INT_MULTI + 17:
                        case LOAD_CONST_SMALL_INT_MULTI + 18: case LOAD_CONST_SMALL_INT_MULTI + 19:
                        case LOAD_CONST_SMALL_INT_MULTI + 20: case LOAD_CONST_SMALL_INT_MULTI + 21:
                        case LOAD_CONST_SMALL_INT_MULTI + 22: case LOAD_CONST_SMALL_INT_MULTI + 23:
                        case LOAD_CONST_SMALL_INT_MULTI + 24: case LOAD_CONST_SMALL_INT_MULTI + 25:
                        case LOAD_CONST_SMALL_INT_MULTI + 26: case LOAD_CONST_SMALL_INT_MULTI + 27:
                        case LOAD_CONST_SMALL_INT_MULTI + 28: case LOAD_CONST_SMALL_INT_MULTI + 29:
                        case LOAD_CONST_SMALL_INT_MULTI + 30: case LOAD_CONST_SMALL_INT_MULTI + 31:
                        case LOAD_CONST_SMALL_INT_MULTI + 32: case LOAD_CONST_SMALL_INT_MULTI + 33:
                        case LOAD_CONST_SMALL_INT_MULTI + 34: case LOAD_CONST_SMALL_INT_MULTI + 35:
                        case LOAD_CONST_SMALL_INT_MULTI + 36: case LOAD_CONST_SMALL_INT_MULTI + 37:
                        case LOAD_CONST_SMALL_INT_MULTI + 38: case LOAD_CONST_SMALL_INT_MULTI + 39:
                        case LOAD_CONST_SMALL_INT_MULTI + 40: case LOAD_CONST_SMALL_INT_MULTI + 41:
                        case LOAD_CONST_SMALL_INT_MULTI + 42: case LOAD_CONST_SMALL_INT_MULTI + 43:
                        case LOAD_CONST_SMALL_INT_MULTI + 44: case LOAD_CONST_SMALL_INT_MULTI + 45:
                        case LOAD_CONST_SMALL_INT_MULTI + 46: case LOAD_CONST_SMALL_INT_MULTI + 47:
                        case LOAD_CONST_SMALL_INT_MULTI + 48: case LOAD_CONST_SMALL_INT_MULTI + 49:
                        case LOAD_CONST_SMALL_INT_MULTI + 50: case LOAD_CONST_SMALL_INT_MULTI + 51:
                        case LOAD_CONST_SMALL_INT_MULTI + 52: case LOAD_CONST_SMALL_INT_MULTI + 53:
                        case LOAD_CONST_SMALL_INT_MULTI + 54: case LOAD_CONST_SMALL_INT_MULTI + 55:
                        case LOAD_CONST_SMALL_INT_MULTI + 56: case LOAD_CONST_SMALL_INT_MULTI + 57:
                        case LOAD_CONST_SMALL_INT_MULTI + 58: case LOAD_CONST_SMALL_INT_MULTI + 59:
                        case LOAD_CONST_SMALL_INT_MULTI + 60: case LOAD_CONST_SMALL_INT_MULTI + 61:
                        case LOAD_CONST_SMALL_INT_MULTI + 62: case LOAD_CONST_SMALL_INT_MULTI + 63:
                            st[++sp] = SMALL_INTS[op - LOAD_CONST_SMALL_INT_MULTI];
                            break;
                        case UNARY_OP_MULTI: case UNARY_OP_MULTI + 1: case UNARY_OP_MULTI + 2:
                        case UNARY_OP_MULTI + 3: case UNARY_OP_MULTI + 4: case UNARY_OP_MULTI + 5:
                        case UNARY_OP_MULTI + 6:
                            st[sp] = Numeric.unary(UNOPS[op - UNARY_OP_MULTI], st[sp]);
                            break;
                        case LOAD_CONST_STRING: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            st[++sp] = qstrs[(int) (u >>> 32)];
                            break;
                        }
                        case LOAD_NAME: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object v = f.locals.get(name);
                            if (v == null && f.locals != f.globals) {
                                v = f.globals.get(name);
                            }
                            if (v == null) {
                                v = vm.builtin(name);
                            }
                            st[++sp] = v;
                            break;
                        }
                        case LOAD_GLOBAL: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Object v = loadGlobal(f, qstrs[(int) (u >>> 32)], curIp);
                            st[++sp] = v;
                            break;
                        }
                        case LOAD_ATTR: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object o = st[sp];
                            st[sp] = o instanceof PyInstance pi ? AttrCache.load(f.code.sites, pi, name, curIp)
                                    : Ops.getattr(o, name);
                            break;
                        }
                        case LOAD_METHOD: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object o = st[sp];
                            if (o instanceof PyInstance pi) {
                                AttrCache.loadMethod(f.code.sites, pi, name, st, sp, curIp);
                            } else {
                                Classes.loadMethod(o, name, st, sp);
                            }
                            sp++;
                            break;
                        }
                        case LOAD_SUPER_METHOD: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            sp -= 1;
                            Classes.loadSuperMethod(qstrs[(int) (u >>> 32)], st, sp - 1);
                            break;
                        }
                        case STORE_NAME: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            f.locals.put(qstrs[(int) (u >>> 32)], st[sp--]);
                            break;
                        }
                        case STORE_GLOBAL: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            storeGlobal(f, qstrs[(int) (u >>> 32)], st[sp--], curIp);
                            break;
                        }
                        case STORE_ATTR: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object o = st[sp];
                            Object v = st[sp - 1];
                            if (v == NULL) {
                                Classes.delattr(o, name);
                            } else if (o instanceof PyInstance pi) {
                                AttrCache.store(f.code.sites, pi, name, v, curIp);
                            } else {
                                Ops.setattr(o, name, v);
                            }
                            sp -= 2;
                            break;
                        }
                        case DELETE_NAME: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            if (f.locals.remove(name) == null) {
                                throw nameError(name);
                            }
                            break;
                        }
                        case DELETE_GLOBAL: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            if (f.globals.remove(name) == null) {
                                throw nameError(name);
                            }
                            break;
                        }
                        case IMPORT_NAME: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object fromList = st[sp--];
                            Object level = st[sp];
                            Object custom = vm.importOverride();
                            if (custom != null) {
                                // builtins.__import__ replaced by Python code: it does the import
                                Object globalsDict = f.globals instanceof VM.DictBackedMap dm ? dm.dict
                                        : ObjDict.dictOf(f.globals);
                                st[sp] = Ops.call(custom, name, globalsDict, PyNone.NONE, fromList, level);
                                break;
                            }
                            st[sp] = vm.importer.importName(name, fromList, Ops.toLong(level), f.globals);
                            break;
                        }
                        case IMPORT_FROM: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            String name = qstrs[(int) (u >>> 32)];
                            Object v = vm.importer.importFrom(st[sp], name);
                            st[++sp] = v;
                            break;
                        }
                        case IMPORT_STAR:
                            vm.importer.importStar(st[sp--], f.locals);
                            break;
                        case MAKE_CLOSURE:
                        case MAKE_CLOSURE_DEFARGS: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int idx = (int) (u >>> 32);
                            int nClosed = bc[ip++] & 0xff;
                            Object[] closed = new Object[nClosed];
                            System.arraycopy(st, sp - nClosed + 1, closed, 0, nClosed);
                            sp -= nClosed;
                            Object defT = null;
                            Object defD = null;
                            if (op == MAKE_CLOSURE_DEFARGS) {
                                defD = st[sp--];
                                defT = st[sp--];
                            }
                            Object fn = makeFunction(f, idx, defT, defD, closed);
                            st[++sp] = fn;
                            break;
                        }
                        case MAKE_FUNCTION: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Object fn = makeFunction(f, (int) (u >>> 32), null, null, NO_ARGS);
                            st[++sp] = fn;
                            break;
                        }
                        case MAKE_FUNCTION_DEFARGS: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Object defD = st[sp--];
                            st[sp] = makeFunction(f, (int) (u >>> 32), st[sp], defD, NO_ARGS);
                            break;
                        }
                        case LOAD_CONST_SMALL_INT: {
                            int z = bc[ip++];
                            long v = z & 0x7f;
                            if ((z & 0x40) != 0) {
                                v |= -1L << 7;
                            }
                            while ((z & 0x80) != 0) {
                                z = bc[ip++];
                                v = (v << 7) | (z & 0x7f);
                            }
                            st[++sp] = v;
                            break;
                        }
                        case LOAD_CONST_OBJ: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            st[++sp] = f.ctx.constants[(int) (u >>> 32)];
                            break;
                        }
                        case LOAD_FAST_N: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Object v = st[nState - 1 - (int) (u >>> 32)];
                            if (v == null) {
                                throw localError();
                            }
                            st[++sp] = v;
                            break;
                        }
                        case LOAD_DEREF: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Object v = ((Cell) st[nState - 1 - (int) (u >>> 32)]).value;
                            if (v == null) {
                                throw localError();
                            }
                            st[++sp] = v;
                            break;
                        }
                        case STORE_FAST_N: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            st[nState - 1 - (int) (u >>> 32)] = st[sp--];
                            break;
                        }
                        case STORE_DEREF: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            ((Cell) st[nState - 1 - (int) (u >>> 32)]).value = st[sp--];
                            break;
                        }
                        case DELETE_FAST: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            if (st[nState - 1 - n] == null) {
                                throw localError();
                            }
                            st[nState - 1 - n] = null;
                            break;
                        }
                        case DELETE_DEREF: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            Cell c = (Cell) st[nState - 1 - (int) (u >>> 32)];
                            if (c.value == null) {
                                throw localError();
                            }
                            c.value = null;
                            break;
                        }
                        case BUILD_TUPLE: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            if (n > 0) {
                                vm.heap.take(16 + 8L * n);
                            }
                            Object[] items = new Object[n];
                            System.arraycopy(st, sp - n + 1, items, 0, n);
                            sp -= n;
                            st[++sp] = PyTuple.make(items);
                            break;
                        }
                        case BUILD_LIST: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            vm.heap.take(32 + 8L * n);
                            PyList l = new PyList();
                            for (int i = sp - n + 1; i <= sp; i++) {
                                l.items.add(st[i]);
                            }
                            sp -= n;
                            st[++sp] = l;
                            break;
                        }
                        case BUILD_MAP: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            vm.heap.take(32 + 16L * n);
                            st[++sp] = new PyDict(n);
                            break;
                        }
                        case STORE_MAP: {
                            sp -= 2;
                            ((PyDict) st[sp]).put(st[sp + 2], st[sp + 1]);
                            break;
                        }
                        case BUILD_SET: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            vm.heap.take(32 + 16L * n);
                            PySet s = new PySet(false, n);
                            for (int i = sp - n + 1; i <= sp; i++) {
                                s.add(st[i]);
                            }
                            sp -= n;
                            st[++sp] = s;
                            break;
                        }
                        case BUILD_SLICE: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            Object step = PyNone.NONE;
                            if (n == 3) {
                                step = st[sp--];
                            }
                            Object stop = st[sp--];
                            st[sp] = new PySlice(st[sp], stop, step);
                            break;
                        }
                        case STORE_COMP: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            Object target = st[sp - (n >> 2)];
                            if ((n & 3) == 0) {
                                Seqs.listAppend(target, st[sp]);
                                sp -= 1;
                            } else if ((n & 3) == 1) {
                                ((PyDict) target).put(st[sp], st[sp - 1]);
                                sp -= 2;
                            } else {
                                ((PySet) target).add(st[sp]);
                                sp -= 1;
                            }
                            break;
                        }
                        case UNPACK_SEQUENCE: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            unpackSequence(st[sp], n, st, sp);
                            sp += n - 1;
                            break;
                        }
                        case UNPACK_EX: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            unpackEx(st[sp], n, st, sp);
                            sp += (n & 0xff) + ((n >> 8) & 0xff);
                            break;
                        }
                        case CALL_FUNCTION: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            sp -= nPos + 2 * nKw;
                            Object fn = st[sp];
                            Object r;
                            if (nKw == 0 && fn instanceof PyFunction pf && pf.simple) {
                                r = callSimple(pf, st, sp + 1, nPos, null);
                            } else {
                                Object[] args = new Object[nPos];
                                System.arraycopy(st, sp + 1, args, 0, nPos);
                                Map<String, Object> kw = nKw == 0 ? null : kwFromStack(st, sp + 1 + nPos, nKw);
                                r = Ops.call(fn, args, kw);
                            }
                            st[sp] = r;
                            break;
                        }
                        case CALL_METHOD: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            sp -= nPos + 2 * nKw + 1;
                            Object fn = st[sp];
                            Object self = st[sp + 1];
                            Object r;
                            if (nKw == 0 && fn instanceof PyFunction pf && pf.simple) {
                                r = callSimple(pf, st, sp + 2, nPos, self == NULL ? null : self);
                            } else {
                                Object[] args;
                                if (self == NULL) {
                                    args = new Object[nPos];
                                    System.arraycopy(st, sp + 2, args, 0, nPos);
                                } else {
                                    args = new Object[nPos + 1];
                                    args[0] = self;
                                    System.arraycopy(st, sp + 2, args, 1, nPos);
                                }
                                Map<String, Object> kw = nKw == 0 ? null : kwFromStack(st, sp + 2 + nPos, nKw);
                                r = Ops.call(fn, args, kw);
                            }
                            st[sp] = r;
                            break;
                        }
                        case CALL_FUNCTION_VAR_KW:
                        case CALL_METHOD_VAR_KW: {
                            long u = uintAt(bc, ip);
                            ip = (int) u;
                            int n = (int) (u >>> 32);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            boolean method = op == CALL_METHOD_VAR_KW;
                            sp -= nPos + 2 * nKw + 1 + (method ? 1 : 0);
                            st[sp] = callVarKw(st, sp, nPos, nKw, method);
                            break;
                        }
                        case UNWIND_JUMP: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[ip++] & 0xff) << 7) - 0x4000;
                            int unum = bc[ip++] & 0xff;
                            int dest = ip - 1 + off;
                            st[++sp] = new UnwindIp(dest);
                            st[++sp] = unum;
                            f.ip = ip;
                            f.sp = sp;
                            unwindJump(f);
                            ip = f.ip;
                            sp = f.sp;
                            break;
                        }
                        case JUMP: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[ip++] & 0xff) << 7) - 0x4000;
                            ip += off;
                            if (off < 0 && backEdge(vm, f, ip, sp)) {
                                return OSR;
                            }
                            break;
                        }
                        case POP_JUMP_IF_TRUE:
                        case POP_JUMP_IF_FALSE: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[ip++] & 0xff) << 7) - 0x4000;
                            Object v = st[sp--];
                            boolean t = v == Boolean.TRUE || (v != Boolean.FALSE && Ops.truthy(v));
                            if (t == (op == POP_JUMP_IF_TRUE)) {
                                ip += off;
                                if (off < 0 && backEdge(vm, f, ip, sp)) {
                                    return OSR;
                                }
                            }
                            break;
                        }
                        case JUMP_IF_TRUE_OR_POP:
                        case JUMP_IF_FALSE_OR_POP: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[ip++] & 0xff) << 7);
                            boolean t = Ops.truthy(st[sp]);
                            if (t == (op == JUMP_IF_TRUE_OR_POP)) {
                                ip += off;
                            } else {
                                sp--;
                            }
                            break;
                        }
                        case SETUP_WITH: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[ip++] & 0xff) << 7);
                            st[sp + 2] = setupWith(f, ip + off, sp);
                            sp += 2;
                            break;
                        }
                        case WITH_CLEANUP: {
                            Object top = st[sp];
                            if (top == PyNone.NONE) {
                                callExit(st[sp - 2], st[sp - 1], PyNone.NONE, PyNone.NONE, PyNone.NONE);
                                sp -= 2;
                                st[sp] = PyNone.NONE;
                            } else if (top instanceof Integer) {
                                Object data = st[sp - 1];
                                callExit(st[sp - 3], st[sp - 2], PyNone.NONE, PyNone.NONE, PyNone.NONE);
                                st[sp - 3] = data;
                                st[sp - 2] = top;
                                sp -= 2;
                            } else {
                                PyException e = (PyException) top;
                                Object r = callExit(st[sp - 2], st[sp - 1], e.type(), e, PyNone.NONE);
                                sp -= 2;
                                st[sp] = Ops.truthy(r) ? PyNone.NONE : e;
                            }
                            break;
                        }
                        case SETUP_EXCEPT:
                        case SETUP_FINALLY:
                            f.ip = ip;
                            f.sp = sp;
                            pushExcBlock(f, bc, op == SETUP_FINALLY);
                            ip = f.ip;
                            break;
                        case END_FINALLY: {
                            f.excTop--;
                            vm.ts.caught = null;
                            Object top = st[sp];
                            if (top == PyNone.NONE) {
                                sp--;
                            } else if (top instanceof Integer cause) {
                                sp--;
                                f.ip = ip;
                                if (cause < 0) {
                                    f.sp = sp;
                                    if (unwindReturn(f)) {
                                        return RETURN;
                                    }
                                } else {
                                    st[++sp] = cause;
                                    f.sp = sp;
                                    unwindJump(f);
                                }
                                ip = f.ip;
                                sp = f.sp;
                            } else {
                                throw new PyError((PyException) top);
                            }
                            break;
                        }
                        case GET_ITER:
                            st[sp] = Ops.iter(st[sp]);
                            break;
                        case GET_ITER_STACK: {
                            Object it = Ops.iter(st[sp]);
                            st[sp] = it;
                            st[sp + 1] = NULL;
                            st[sp + 2] = NULL;
                            st[sp + 3] = NULL;
                            sp += ITER_SLOTS - 1;
                            break;
                        }
                        case FOR_ITER: {
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[ip++] & 0xff) << 7);
                            Object it = st[sp - ITER_SLOTS + 1];
                            if (it == NULL) {
                                it = st[sp - ITER_SLOTS + 2];
                            }
                            Object v = Ops.next(it);
                            if (v == null) {
                                sp -= ITER_SLOTS;
                                ip += off;
                            } else {
                                st[++sp] = v;
                            }
                            break;
                        }
                        case POP_EXCEPT_JUMP: {
                            f.excTop--;
                            vm.ts.caught = null;
                            int z = bc[ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[ip++] & 0xff) << 7);
                            ip += off;
                            break;
                        }
                        case LOAD_CONST_FALSE:
                            st[++sp] = Boolean.FALSE;
                            break;
                        case LOAD_CONST_NONE:
                            st[++sp] = PyNone.NONE;
                            break;
                        case LOAD_CONST_TRUE:
                            st[++sp] = Boolean.TRUE;
                            break;
                        case LOAD_NULL:
                            st[++sp] = NULL;
                            break;
                        case LOAD_BUILD_CLASS:
                            st[++sp] = vm.builtin("__build_class__");
                            break;
                        case LOAD_SUBSCR: {
                            Object idx = st[sp--];
                            st[sp] = loadSubscr(st[sp], idx);
                            break;
                        }
                        case STORE_SUBSCR:
                            storeSubscr(st[sp - 2], st[sp - 1], st[sp]);
                            sp -= 3;
                            break;
                        case DUP_TOP:
                            st[sp + 1] = st[sp];
                            sp++;
                            break;
                        case DUP_TOP_TWO:
                            st[sp + 1] = st[sp - 1];
                            st[sp + 2] = st[sp];
                            sp += 2;
                            break;
                        case POP_TOP:
                            sp--;
                            break;
                        case ROT_TWO: {
                            Object t = st[sp];
                            st[sp] = st[sp - 1];
                            st[sp - 1] = t;
                            break;
                        }
                        case ROT_THREE: {
                            Object t = st[sp];
                            st[sp] = st[sp - 1];
                            st[sp - 1] = st[sp - 2];
                            st[sp - 2] = t;
                            break;
                        }
                        case RETURN_VALUE:
                            if (f.excTop < 0) {
                                f.result = st[sp];
                                f.ip = ip;
                                f.sp = sp;
                                return RETURN;
                            }
                            f.ip = ip;
                            f.sp = sp;
                            if (unwindReturn(f)) {
                                return RETURN;
                            }
                            ip = f.ip;
                            sp = f.sp;
                            break;
                        case RAISE_LAST: {
                            PyException e = null;
                            for (int i = f.excTop; i >= 0; i--) {
                                if (f.excPrev[i] != null) {
                                    e = f.excPrev[i];
                                    break;
                                }
                            }
                            if (e == null) {
                                e = new PyException(Types.RUNTIME_ERROR, "no active exception to reraise");
                            }
                            throw new PyError(e);
                        }
                        case RAISE_OBJ:
                            throw new PyError(makeRaiseObj(st[sp]));
                        case RAISE_FROM: {
                            Object from = st[sp--];
                            PyException e = makeRaiseObj(st[sp]);
                            if (from != PyNone.NONE) {
                                vm.warning("exception chaining not supported");
                            }
                            throw new PyError(e);
                        }
                        case YIELD_VALUE:
                            f.result = st[sp];
                            f.ip = ip;
                            f.sp = sp;
                            return YIELD;
                        case YIELD_FROM: {
                            Object send = st[sp--];
                            f.ip = ip;
                            f.sp = sp;
                            if (yieldFrom(f, send, null)) {
                                return YIELD;
                            }
                            ip = f.ip;
                            sp = f.sp;
                            break;
                        }
                        default:
                            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "opcode 0x" + Integer.toHexString(op));
                    }
                }
            } catch (PyError e) {
                f.sp = sp;
                if (!handle(f, e.exc, curIp)) {
                    throw e;
                }
            } catch (StackOverflowError so) {
                f.sp = sp;
                PyException e = new PyException(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
                if (!handle(f, e, curIp)) {
                    throw new PyError(e);
                }
            } catch (OutOfMemoryError oom) {
                f.sp = sp;
                PyException e = new PyException(Types.MEMORY_ERROR, PyTuple.EMPTY);
                if (!handle(f, e, curIp)) {
                    throw new PyError(e);
                }
            } catch (RuntimeException x) {
                f.sp = sp;
                PyException e;
                if (x instanceof ClassCastException) {
                    e = new PyException(Types.TYPE_ERROR, "argument has wrong type");
                } else if (x instanceof ArrayIndexOutOfBoundsException) {
                    e = new PyException(Types.TYPE_ERROR, "function missing required positional argument");
                } else {
                    e = new PyException(Types.RUNTIME_ERROR, "internal error: " + x);
                }
                if (vm.debug) {
                    x.printStackTrace();
                }
                if (!handle(f, e, curIp)) {
                    throw new PyError(e);
                }
            }
            ip = f.ip;
            sp = f.sp;
        }
    }

    /** What a LOAD_GLOBAL site found last: the name at this slot of this table (the key object there then). */
    private record GlobalHit(HashTable table, int slot, Object key) {}

    /**
     * What a LOAD_GLOBAL site found last: the name absent from this table at this version, so
     * a builtin, which was value while no type's dict nor the builtins changed (the epoch).
     */
    private record GlobalMiss(HashTable table, int version, Object value, int epoch) {}

    /**
     * LOAD_GLOBAL with a cache per instruction: the slot where the name was found is checked
     * to still hold that name; an absence holds while the table has had no insertion (its
     * version), and the builtin found then while the epoch holds (PyType.EPOCH: the builtins'
     * table bumps it too).
     */
    static Object loadGlobal(Frame f, String name, int at) {
        if (!(f.globals instanceof VM.DictBackedMap dm)) {
            Object v = f.globals.get(name);
            return v != null ? v : f.ctx.vm.builtin(name);
        }
        HashTable t = dm.dict.table;
        Object[] sites = f.code.sites;
        if (sites[at] instanceof GlobalMiss m && m.table == t && m.version == t.version
                && m.epoch == PyType.EPOCH.get()) {
            return m.value;
        }
        Object v = cachedGet(t, name, sites, at);
        if (v != null) {
            return v;
        }
        int epoch = PyType.EPOCH.get();
        v = f.ctx.vm.builtin(name);
        sites[at] = new GlobalMiss(t, t.version, v, epoch);
        return v;
    }

    /**
     * STORE_GLOBAL with loadGlobal's cache: a name the module already has is stored in the
     * slot this instruction found it at last (checked to still hold that name), as
     * PyDict.put stores it there, without looking it up again.
     */
    static void storeGlobal(Frame f, String name, Object v, int at) {
        if (f.globals instanceof VM.DictBackedMap dm && !dm.dict.fixed) {
            HashTable t = dm.dict.table;
            Object[] sites = f.code.sites;
            if (sites[at] instanceof GlobalHit h && h.table == t) {
                Object[] keys = t.keys;
                int s = h.slot;
                if (s < keys.length) {
                    Object k = keys[s];
                    if ((k == h.key || k == name || name.equals(k)) && t.values[s] != null) {
                        t.values[s] = v;
                        return;
                    }
                }
            }
            int s = t.find(name, true);
            t.values[s] = v;
            sites[at] = new GlobalHit(t, s, t.keys[s]);
            return;
        }
        f.globals.put(name, v);
    }

    /**
     * The value of name in t, or null when t lacks it, through the slot sites[at] found
     * last (checked to still hold that name; found again and kept when it does not): global
     * variables, and the JIT tier's module attributes.
     */
    static Object cachedGet(HashTable t, String name, Object[] sites, int at) {
        if (sites[at] instanceof GlobalHit h && h.table == t) {
            Object[] keys = t.keys;
            int s = h.slot;
            if (s < keys.length) {
                Object k = keys[s];
                if (k == h.key || k == name || name.equals(k)) {
                    Object v = t.values[s];
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        int s = t.find(name, false);
        if (s >= 0 && t.values[s] != null) {
            sites[at] = new GlobalHit(t, s, t.keys[s]);
            return t.values[s];
        }
        return null;
    }

    /** A jump destination kept on the value stack while finally blocks run. */
    record UnwindIp(int ip) {}

    static boolean handle(Frame f, PyException exc, int curIp) {
        int op = f.code.bc[curIp] & 0xff;
        if (op != END_FINALLY && op != RAISE_LAST && exc != PyGenerator.GENERATOR_EXIT_CONST) {
            Object lim = f.ctx.vm == null || f.ctx.vm.sysGlobals == null ? null : f.ctx.vm.sysGlobals.get("tracebacklimit");
            long max = lim instanceof Long l ? l : 1000;
            if (max > 0) {
                if (lim != null && exc.traceback.size() >= max) {
                    exc.traceback.remove(0);
                }
                exc.traceback.add(new PyException.TracebackEntry(f.ctx.sourceFile(), f.code.lineOf(curIp), f.code.name));
            }
        }
        while (f.excTop >= 0 && f.excHandler[f.excTop] <= curIp) {
            f.excTop--;
        }
        if (f.excTop < 0) {
            return false;
        }
        f.ip = f.excHandler[f.excTop];
        int top = f.sp;
        f.sp = f.excSp[f.excTop];
        // Drop what the abandoned expression held, so a MemoryError's cause can be collected.
        for (int i = f.sp + 2; i <= top; i++) {
            f.state[i] = null;
        }
        f.excPrev[f.excTop] = exc;
        f.state[++f.sp] = exc;
        f.ctx.vm.ts.caught = exc;
        return true;
    }

    private static void pushExcBlock(Frame f, byte[] bc, boolean isFinally) {
        int z = bc[f.ip++] & 0xff;
        int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7);
        pushExc(f, f.ip + off, f.sp, isFinally);
    }

    /** A block (its handler, the stack pointer it restores) on the frame's exception stack; also compiled code's SETUP_*. */
    static void pushExc(Frame f, int handler, int sp, boolean isFinally) {
        int t = ++f.excTop;
        f.excHandler[t] = handler;
        f.excSp[t] = sp;
        f.excFinally[t] = isFinally;
        f.excPrev[t] = null;
    }

    /**
     * SETUP_WITH with the context manager at st[sp]: __exit__ and its self replace it (at sp,
     * sp + 1), __enter__() is called, then the block is pushed; answers what __enter__ returned
     * (the caller puts it at sp + 2).
     */
    static Object setupWith(Frame f, int handler, int sp) {
        Object[] st = f.state;
        Object obj = st[sp];
        Classes.loadMethod(obj, "__exit__", st, sp);
        Object[] tmp = new Object[2];
        Classes.loadMethod(obj, "__enter__", tmp, 0);
        Object ret = tmp[1] == NULL ? Ops.call(tmp[0]) : Ops.call(tmp[0], tmp[1]);
        pushExc(f, handler, sp + 1, true);
        return ret;
    }

    /**
     * Continues a frame that compiled code left to the interpreter (JitRuntime.enter): RETURN,
     * YIELD, or OSR when a hot loop head hands it back (f.ip, f.sp saved).
     */
    static int continueFrame(Frame f) {
        return run(f, (Object) null);
    }

    private static void cancelActiveFinally(Frame f) {
        Object[] st = f.state;
        int sp = f.sp;
        if (st[sp - 1] instanceof Integer) {
            st[sp - 2] = st[sp];
            f.sp = sp - 2;
        } else {
            st[sp - 1] = st[sp];
            f.sp = sp - 1;
        }
    }

    /** Continues an unwind jump (stack: ..., dest, count). Returns true when a finally runs. */
    private static boolean unwindJump(Frame f) {
        Object[] st = f.state;
        int unum = (Integer) st[f.sp--];
        while ((unum & 0x7f) > 0) {
            unum -= 1;
            if (f.excFinally[f.excTop]) {
                if (f.excHandler[f.excTop] >= f.ip) {
                    st[++f.sp] = unum;
                    f.ip = f.excHandler[f.excTop];
                    return true;
                } else {
                    cancelActiveFinally(f);
                }
            }
            f.excTop--;
        }
        f.ip = ((UnwindIp) st[f.sp--]).ip();
        if (unum != 0) {
            f.sp -= ITER_SLOTS;
        }
        return false;
    }

    /** Returns from the frame, running finally blocks first. True when the frame is done. */
    private static boolean unwindReturn(Frame f) {
        Object[] st = f.state;
        while (f.excTop >= 0) {
            if (f.excFinally[f.excTop]) {
                if (f.excHandler[f.excTop] >= f.ip) {
                    int finallySp = f.excSp[f.excTop];
                    st[finallySp + 1] = st[f.sp];
                    f.sp = finallySp + 1;
                    st[++f.sp] = -1;
                    f.ip = f.excHandler[f.excTop];
                    return false;
                } else {
                    cancelActiveFinally(f);
                }
            }
            f.excTop--;
        }
        f.result = st[f.sp];
        return true;
    }

    static Object callExit(Object fn, Object self, Object a, Object b, Object c) {
        if (self == NULL) {
            return Ops.call(fn, a, b, c);
        }
        return Ops.call(fn, self, a, b, c);
    }

    /** Runs one step of {@code yield from}; true when the frame yields. */
    static boolean yieldFrom(Frame f, Object send, Object throwExc) {
        Object[] st = f.state;
        Object inner = st[f.sp];
        PyGenerator.Resume r = PyGenerator.resume(inner, send, throwExc);
        if (r.yielded()) {
            f.ip--;
            st[++f.sp] = r.value();
            f.result = r.value();
            return true;
        }
        st[f.sp] = r.value();
        if (throwExc != null) {
            PyException te = makeRaiseObj(throwExc);
            if (te.isInstance(Types.GENERATOR_EXIT)) {
                throw new PyError(te);
            }
        }
        return false;
    }

    static PyException makeRaiseObj(Object o) {
        if (o instanceof PyType t && t.isException()) {
            o = Ops.call(t);
        }
        if (o instanceof PyException e && !e.incomplete) {
            return e;
        }
        return new PyException(Types.TYPE_ERROR, "exceptions must derive from BaseException");
    }

    static PyError localError() {
        return Ops.error(Types.NAME_ERROR, "local variable referenced before assignment");
    }

    static PyError nameError(String name) {
        return Ops.error(Types.NAME_ERROR, "name '" + name + "' isn't defined");
    }

    static Map<String, Object> kwFromStack(Object[] st, int at, int nKw) {
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < nKw; i++) {
            kw.put((String) st[at + 2 * i], st[at + 2 * i + 1]);
        }
        return kw;
    }

    /**
     * CALL_FUNCTION_VAR_KW / CALL_METHOD_VAR_KW with the stack already popped to sp (the
     * callable at st[sp]): positional arguments, those the bitmap marks as *iterables expanded,
     * then keyword pairs, a NULL key marking a **mapping (also the JIT tier's).
     */
    /**
     * A backward jump: the periodic check (Ctrl-C, the GIL, scheduled callbacks), then the
     * loop's heat; true when the compiled code has taken the frame over (saved at ip, sp).
     */
    private static boolean backEdge(VM vm, Frame f, int ip, int sp) {
        VM.handlePending(vm);
        if (f.code.jit != JitRuntime.FAILED && ++f.code.heat >= vm.jitThreshold && JitRuntime.osr(f, ip, sp)) {
            f.ip = ip;
            f.sp = sp;
            return true;
        }
        return false;
    }

    static Object callVarKw(Object[] st, int sp, int nPos, int nKw, boolean method) {
        int a = sp + 1;
        Object self = null;
        if (method) {
            self = st[a++];
        }
        long bitmap = Ops.toLong(st[a + nPos + 2 * nKw]);
        List<Object> args = new ArrayList<>();
        if (self != null && self != NULL) {
            args.add(self);
        }
        for (int i = 0; i < nPos; i++) {
            if (((bitmap >> i) & 1) != 0) {
                args.addAll(Ops.toList(st[a + i]));
            } else {
                args.add(st[a + i]);
            }
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < nKw; i++) {
            Object k = st[a + nPos + 2 * i];
            Object v = st[a + nPos + 2 * i + 1];
            if (k == NULL) {
                mergeKw(kw, v);
            } else {
                kw.put((String) k, v);
            }
        }
        return Ops.call(st[sp], args.toArray(), kw.isEmpty() ? null : kw);
    }

    /** LOAD_SUBSCR: an item of a list, tuple, bytes or bytearray at an index in range directly, else Ops.getitem. */
    static Object loadSubscr(Object o, Object idx) {
        if (idx instanceof Long i) {
            long k = i;
            int n = o instanceof PyList l ? l.items.size() : o instanceof PyTuple t ? t.items.length
                    : o instanceof PyBytes b ? b.data.length : o instanceof PyByteArray b ? b.len : -1;
            if (k < 0) {
                k += n;
            }
            if (n >= 0 && k >= 0 && k < n) {
                if (o instanceof PyList l) {
                    return l.items.get((int) k);
                } else if (o instanceof PyTuple t) {
                    return t.items[(int) k];
                }
                return Box.of((o instanceof PyBytes b ? b.data : ((PyByteArray) o).data)[(int) k] & 0xff);
            }
        }
        return Ops.getitem(o, idx);
    }

    /** STORE_SUBSCR (v NULL: DELETE_SUBSCR): into a list or a bytearray at an index in range directly, else Ops. */
    static void storeSubscr(Object v, Object o, Object idx) {
        if (v == NULL) {
            Ops.delitem(o, idx);
        } else if (o instanceof PyList l && idx instanceof Long i && i >= -l.items.size() && i < l.items.size()) {
            long k = i;
            l.items.set((int) (k < 0 ? k + l.items.size() : k), v);
        } else if (o instanceof PyByteArray b && idx instanceof Long i && i >= -b.len && i < b.len
                && v instanceof Long x) {
            long k = i;
            b.data[(int) (k < 0 ? k + b.len : k)] = (byte) (long) x;
        } else {
            Ops.setitem(o, idx, v);
        }
    }

    static void mergeKw(Map<String, Object> kw, Object mapping) {
        if (mapping instanceof PyDict d) {
            for (Object k : d.keys()) {
                if (!(k instanceof String)) {
                    throw Ops.typeError("keywords must be strings");
                }
                Strs.qstr((String) k);
                if (kw.containsKey(k)) {
                    throw Ops.typeError("function got multiple values for argument '" + k + "'");
                }
                kw.put((String) k, d.get(k));
            }
        } else {
            Object keys = Ops.call(Ops.getattr(mapping, "keys"));
            for (Object k : Ops.toList(keys)) {
                if (kw.containsKey(Strs.qstr(Ops.str(k)))) {
                    throw Ops.typeError("function got multiple values for argument '" + k + "'");
                }
                kw.put(Ops.str(k), Ops.getitem(mapping, k));
            }
        }
    }

    static Object makeFunction(Frame f, int idx, Object defT, Object defD, Object[] closed) {
        PyFunction.CodeUnit cu = f.code.children[idx];
        if (cu == null && f.code.viperChildren[idx] != null) {
            return new PyFunction(f.code.viperChildren[idx], f.ctx, closed);
        }
        if (cu == null) {
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "native code not supported");
        }
        Object[] defaults = defT == null || defT == PyNone.NONE || defT == NULL ? new Object[0] : ((PyTuple) defT).items;
        PyDict kwd = defD == null || defD == PyNone.NONE || defD == NULL ? null : (PyDict) defD;
        return new PyFunction(cu, f.ctx, defaults, kwd, closed);
    }

    static void unpackSequence(Object seq, int n, Object[] st, int sp) {
        Object[] items;
        int len;
        if (seq instanceof PyTuple t) {
            items = t.items;
            len = items.length;
        } else if (seq instanceof PyList l) {
            items = l.items.toArray();
            len = items.length;
        } else {
            Object it = Ops.iter(seq);
            items = new Object[n];
            len = 0;
            for (int i = 0; i < n; i++) {
                Object v = Ops.next(it);
                if (v == null) {
                    throw Ops.valueError("need more than " + i + " values to unpack");
                }
                items[i] = v;
            }
            len = n;
            if (Ops.next(it) != null) {
                throw Ops.valueError("too many values to unpack (expected " + n + ")");
            }
        }
        if (len < n) {
            throw Ops.valueError("need more than " + len + " values to unpack");
        }
        if (len > n) {
            throw Ops.valueError("too many values to unpack (expected " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            st[sp + i] = items[n - 1 - i];
        }
    }

    static void unpackEx(Object seq, int num, Object[] st, int sp) {
        int left = num & 0xff;
        int right = (num >> 8) & 0xff;
        List<Object> items = Ops.toList(seq);
        int len = items.size();
        if (len < left + right) {
            throw Ops.valueError("need more than " + len + " values to unpack");
        }
        for (int i = 0; i < right; i++) {
            st[sp + i] = items.get(len - 1 - i);
        }
        st[sp + right] = new PyList(items.subList(left, len - right));
        for (int i = 0; i < left; i++) {
            st[sp + right + 1 + i] = items.get(left - 1 - i);
        }
    }
}
