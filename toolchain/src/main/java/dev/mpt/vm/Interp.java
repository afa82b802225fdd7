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

    private static final BinaryOp[] BINOPS = BinaryOp.values();
    private static final UnaryOp[] UNOPS = UnaryOp.values();

    // ---- calling ------------------------------------------------------------------------------

    static Object callFunction(PyFunction f, Object[] args, Map<String, Object> kw) {
        if (f.viper != null) {
            return NativeMachine.call(f, args, kw);
        }
        Frame frame = Bc.setupFrame(f, args, kw);
        if (f.isGenerator()) {
            return new PyGenerator(frame);
        }
        VM vm = f.ctx.vm;
        if (++vm.depth > vm.maxDepth) {
            vm.depth--;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            execute(frame, null);
            return frame.result;
        } catch (StackOverflowError so) {
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        } finally {
            vm.depth--;
        }
    }

    // ---- decoding helpers --------------------------------------------------------------------

    private static int uint(byte[] bc, Frame f) {
        int ip = f.ip;
        int z = bc[ip++];
        int v = z & 0x7f;
        while ((z & 0x80) != 0) {
            z = bc[ip++];
            v = (v << 7) | (z & 0x7f);
        }
        f.ip = ip;
        return v;
    }

    // ---- the loop ----------------------------------------------------------------------------

    /**
     * Runs the frame until it returns (RETURN, value in frame.result) or yields (YIELD);
     * an uncaught exception propagates as PyError. {@code inject} is an exception to raise
     * at the current instruction (generator throw), or null.
     */
    static int execute(Frame f, Object inject) {
        VM vm = f.ctx.vm;
        Frame saved = vm.currentFrame;
        vm.currentFrame = f;
        try {
            return run(f, inject);
        } finally {
            vm.currentFrame = saved;
        }
    }

    private static int run(Frame f, Object inject) {
        final byte[] bc = f.code.bc;
        final Object[] st = f.state;
        final int nState = st.length;
        final VM vm = f.ctx.vm;
        int curIp = f.ip;
        for (;;) {
            try {
                if (inject != null) {
                    Object exc = inject;
                    inject = null;
                    if ((bc[f.ip] & 0xff) != YIELD_FROM) {
                        curIp = f.ip;
                        throw new PyError(makeRaiseObj(exc));
                    }
                    curIp = f.ip;
                    f.ip++;
                    Object sendIgnored = st[f.sp--];
                    if (yieldFrom(f, null, exc)) {
                        return YIELD;
                    }
                }
                for (;;) {
                    curIp = f.ip;
                    int op = bc[f.ip++] & 0xff;
                    int sp = f.sp;
                    switch (op) {
                        case LOAD_CONST_STRING:
                            st[++f.sp] = f.ctx.qstrs[uint(bc, f)];
                            break;
                        case LOAD_NAME: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            Object v = f.locals.get(name);
                            if (v == null && f.locals != f.globals) {
                                v = f.globals.get(name);
                            }
                            if (v == null) {
                                v = vm.builtin(name);
                            }
                            st[++f.sp] = v;
                            break;
                        }
                        case LOAD_GLOBAL: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            Object v = f.globals.get(name);
                            if (v == null) {
                                v = vm.builtin(name);
                            }
                            st[++f.sp] = v;
                            break;
                        }
                        case LOAD_ATTR: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            st[f.sp] = Ops.getattr(st[f.sp], name);
                            break;
                        }
                        case LOAD_METHOD: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            Classes.loadMethod(st[sp], name, st, sp);
                            f.sp = sp + 1;
                            break;
                        }
                        case LOAD_SUPER_METHOD: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            sp -= 1;
                            Classes.loadSuperMethod(name, st, sp - 1);
                            f.sp = sp;
                            break;
                        }
                        case STORE_NAME:
                            f.locals.put(f.ctx.qstrs[uint(bc, f)], st[f.sp--]);
                            break;
                        case STORE_GLOBAL:
                            f.globals.put(f.ctx.qstrs[uint(bc, f)], st[f.sp--]);
                            break;
                        case STORE_ATTR: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            if (st[sp - 1] == NULL) {
                                Classes.delattr(st[sp], name);
                            } else {
                                Ops.setattr(st[sp], name, st[sp - 1]);
                            }
                            f.sp = sp - 2;
                            break;
                        }
                        case DELETE_NAME: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            if (f.locals.remove(name) == null) {
                                throw nameError(name);
                            }
                            break;
                        }
                        case DELETE_GLOBAL: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            if (f.globals.remove(name) == null) {
                                throw nameError(name);
                            }
                            break;
                        }
                        case IMPORT_NAME: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            Object fromList = st[f.sp--];
                            Object level = st[f.sp];
                            Object custom = vm.builtins.get("__import__");
                            if (custom != null && !(custom instanceof PyBuiltin)) {
                                // builtins.__import__ replaced by Python code: it does the import
                                Object globalsDict = f.globals instanceof VM.DictBackedMap dm ? dm.dict
                                        : ObjDict.dictOf(f.globals);
                                st[f.sp] = Ops.call(custom, name, globalsDict, PyNone.NONE, fromList, level);
                                break;
                            }
                            st[f.sp] = vm.importer.importName(name, fromList, Ops.toLong(level), f.globals);
                            break;
                        }
                        case IMPORT_FROM: {
                            String name = f.ctx.qstrs[uint(bc, f)];
                            st[++f.sp] = vm.importer.importFrom(st[sp], name);
                            break;
                        }
                        case IMPORT_STAR:
                            vm.importer.importStar(st[f.sp--], f.locals);
                            break;
                        case MAKE_CLOSURE:
                        case MAKE_CLOSURE_DEFARGS: {
                            int idx = uint(bc, f);
                            int nClosed = bc[f.ip++] & 0xff;
                            Object[] closed = new Object[nClosed];
                            System.arraycopy(st, sp - nClosed + 1, closed, 0, nClosed);
                            sp -= nClosed;
                            Object defT = null;
                            Object defD = null;
                            if (op == MAKE_CLOSURE_DEFARGS) {
                                defD = st[sp--];
                                defT = st[sp--];
                            }
                            st[++sp] = makeFunction(f, idx, defT, defD, closed);
                            f.sp = sp;
                            break;
                        }
                        case MAKE_FUNCTION:
                            st[++f.sp] = makeFunction(f, uint(bc, f), null, null, new Object[0]);
                            break;
                        case MAKE_FUNCTION_DEFARGS: {
                            int idx = uint(bc, f);
                            Object defD = st[f.sp--];
                            st[f.sp] = makeFunction(f, idx, st[f.sp], defD, new Object[0]);
                            break;
                        }
                        case LOAD_CONST_SMALL_INT: {
                            int ip = f.ip;
                            int z = bc[ip++];
                            long v = z & 0x7f;
                            if ((z & 0x40) != 0) {
                                v |= -1L << 7;
                            }
                            while ((z & 0x80) != 0) {
                                z = bc[ip++];
                                v = (v << 7) | (z & 0x7f);
                            }
                            f.ip = ip;
                            st[++f.sp] = v;
                            break;
                        }
                        case LOAD_CONST_OBJ:
                            st[++f.sp] = f.ctx.constants[uint(bc, f)];
                            break;
                        case LOAD_FAST_N: {
                            int n = uint(bc, f);
                            Object v = st[nState - 1 - n];
                            if (v == null) {
                                throw localError();
                            }
                            st[++f.sp] = v;
                            break;
                        }
                        case LOAD_DEREF: {
                            int n = uint(bc, f);
                            Object v = ((Cell) st[nState - 1 - n]).value;
                            if (v == null) {
                                throw localError();
                            }
                            st[++f.sp] = v;
                            break;
                        }
                        case STORE_FAST_N: {
                            int n = uint(bc, f);
                            st[nState - 1 - n] = st[f.sp--];
                            break;
                        }
                        case STORE_DEREF: {
                            int n = uint(bc, f);
                            ((Cell) st[nState - 1 - n]).value = st[f.sp--];
                            break;
                        }
                        case DELETE_FAST: {
                            int n = uint(bc, f);
                            if (st[nState - 1 - n] == null) {
                                throw localError();
                            }
                            st[nState - 1 - n] = null;
                            break;
                        }
                        case DELETE_DEREF: {
                            int n = uint(bc, f);
                            Cell c = (Cell) st[nState - 1 - n];
                            if (c.value == null) {
                                throw localError();
                            }
                            c.value = null;
                            break;
                        }
                        case BUILD_TUPLE: {
                            int n = uint(bc, f);
                            if (n > 0) {
                                vm.heap.take(16 + 8L * n);
                            }
                            Object[] items = new Object[n];
                            System.arraycopy(st, f.sp - n + 1, items, 0, n);
                            f.sp -= n;
                            st[++f.sp] = new PyTuple(items);
                            break;
                        }
                        case BUILD_LIST: {
                            int n = uint(bc, f);
                            vm.heap.take(32 + 8L * n);
                            PyList l = new PyList();
                            for (int i = f.sp - n + 1; i <= f.sp; i++) {
                                l.items.add(st[i]);
                            }
                            f.sp -= n;
                            st[++f.sp] = l;
                            break;
                        }
                        case BUILD_MAP: {
                            int n = uint(bc, f);
                            vm.heap.take(32 + 16L * n);
                            st[++f.sp] = new PyDict(n);
                            break;
                        }
                        case STORE_MAP: {
                            f.sp -= 2;
                            ((PyDict) st[f.sp]).put(st[f.sp + 2], st[f.sp + 1]);
                            break;
                        }
                        case BUILD_SET: {
                            int n = uint(bc, f);
                            vm.heap.take(32 + 16L * n);
                            PySet s = new PySet(false, n);
                            for (int i = f.sp - n + 1; i <= f.sp; i++) {
                                s.add(st[i]);
                            }
                            f.sp -= n;
                            st[++f.sp] = s;
                            break;
                        }
                        case BUILD_SLICE: {
                            int n = uint(bc, f);
                            Object step = PyNone.NONE;
                            if (n == 3) {
                                step = st[f.sp--];
                            }
                            Object stop = st[f.sp--];
                            st[f.sp] = new PySlice(st[f.sp], stop, step);
                            break;
                        }
                        case STORE_COMP: {
                            int n = uint(bc, f);
                            Object target = st[sp - (n >> 2)];
                            if ((n & 3) == 0) {
                                Seqs.listAppend(target, st[sp]);
                                f.sp = sp - 1;
                            } else if ((n & 3) == 1) {
                                ((PyDict) target).put(st[sp], st[sp - 1]);
                                f.sp = sp - 2;
                            } else {
                                ((PySet) target).add(st[sp]);
                                f.sp = sp - 1;
                            }
                            break;
                        }
                        case UNPACK_SEQUENCE: {
                            int n = uint(bc, f);
                            unpackSequence(st[sp], n, st, sp);
                            f.sp = sp + n - 1;
                            break;
                        }
                        case UNPACK_EX: {
                            int n = uint(bc, f);
                            unpackEx(st[sp], n, st, sp);
                            f.sp = sp + (n & 0xff) + ((n >> 8) & 0xff);
                            break;
                        }
                        case CALL_FUNCTION: {
                            int n = uint(bc, f);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            sp -= nPos + 2 * nKw;
                            Object[] args = new Object[nPos];
                            System.arraycopy(st, sp + 1, args, 0, nPos);
                            Map<String, Object> kw = nKw == 0 ? null : kwFromStack(st, sp + 1 + nPos, nKw);
                            f.sp = sp;
                            st[sp] = Ops.call(st[sp], args, kw);
                            break;
                        }
                        case CALL_METHOD: {
                            int n = uint(bc, f);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            sp -= nPos + 2 * nKw + 1;
                            Object self = st[sp + 1];
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
                            f.sp = sp;
                            st[sp] = Ops.call(st[sp], args, kw);
                            break;
                        }
                        case CALL_FUNCTION_VAR_KW:
                        case CALL_METHOD_VAR_KW: {
                            int n = uint(bc, f);
                            int nPos = n & 0xff;
                            int nKw = (n >> 8) & 0xff;
                            boolean method = op == CALL_METHOD_VAR_KW;
                            sp -= nPos + 2 * nKw + 1 + (method ? 1 : 0);
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
                            f.sp = sp;
                            st[sp] = Ops.call(st[sp], args.toArray(), kw.isEmpty() ? null : kw);
                            break;
                        }
                        case UNWIND_JUMP: {
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7) - 0x4000;
                            int unum = bc[f.ip++] & 0xff;
                            int dest = f.ip - 1 + off;
                            st[++f.sp] = new UnwindIp(dest);
                            st[++f.sp] = unum;
                            if (unwindJump(f)) {
                                break;
                            }
                            break;
                        }
                        case JUMP: {
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7) - 0x4000;
                            f.ip += off;
                            if (off < 0) {
                                vm.checkInterrupt();
                            }
                            break;
                        }
                        case POP_JUMP_IF_TRUE:
                        case POP_JUMP_IF_FALSE: {
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7) - 0x4000;
                            Object v = st[f.sp--];
                            boolean t = v == Boolean.TRUE || (v != Boolean.FALSE && Ops.truthy(v));
                            if (t == (op == POP_JUMP_IF_TRUE)) {
                                f.ip += off;
                                if (off < 0) {
                                    vm.checkInterrupt();
                                }
                            }
                            break;
                        }
                        case JUMP_IF_TRUE_OR_POP:
                        case JUMP_IF_FALSE_OR_POP: {
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7);
                            boolean t = Ops.truthy(st[f.sp]);
                            if (t == (op == JUMP_IF_TRUE_OR_POP)) {
                                f.ip += off;
                            } else {
                                f.sp--;
                            }
                            break;
                        }
                        case SETUP_WITH: {
                            Object obj = st[sp];
                            Classes.loadMethod(obj, "__exit__", st, sp);
                            Object[] tmp = new Object[2];
                            Classes.loadMethod(obj, "__enter__", tmp, 0);
                            Object ret = tmp[1] == NULL ? Ops.call(tmp[0]) : Ops.call(tmp[0], tmp[1]);
                            f.sp = sp + 1;
                            pushExcBlock(f, bc, true);
                            st[++f.sp] = ret;
                            break;
                        }
                        case WITH_CLEANUP: {
                            Object top = st[sp];
                            if (top == PyNone.NONE) {
                                callExit(st[sp - 2], st[sp - 1], PyNone.NONE, PyNone.NONE, PyNone.NONE);
                                f.sp = sp - 2;
                                st[f.sp] = PyNone.NONE;
                            } else if (top instanceof Integer) {
                                Object data = st[sp - 1];
                                callExit(st[sp - 3], st[sp - 2], PyNone.NONE, PyNone.NONE, PyNone.NONE);
                                st[sp - 3] = data;
                                st[sp - 2] = top;
                                f.sp = sp - 2;
                            } else {
                                PyException e = (PyException) top;
                                Object r = callExit(st[sp - 2], st[sp - 1], e.type(), e, PyNone.NONE);
                                f.sp = sp - 2;
                                st[f.sp] = Ops.truthy(r) ? PyNone.NONE : e;
                            }
                            break;
                        }
                        case SETUP_EXCEPT:
                        case SETUP_FINALLY:
                            pushExcBlock(f, bc, op == SETUP_FINALLY);
                            break;
                        case END_FINALLY: {
                            f.excTop--;
                            vm.caught = null;
                            Object top = st[f.sp];
                            if (top == PyNone.NONE) {
                                f.sp--;
                            } else if (top instanceof Integer cause) {
                                f.sp--;
                                if (cause < 0) {
                                    if (unwindReturn(f)) {
                                        return RETURN;
                                    }
                                } else {
                                    st[++f.sp] = cause;
                                    unwindJump(f);
                                }
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
                            f.sp = sp + ITER_SLOTS - 1;
                            break;
                        }
                        case FOR_ITER: {
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7);
                            Object it = st[sp - ITER_SLOTS + 1];
                            if (it == NULL) {
                                it = st[sp - ITER_SLOTS + 2];
                            }
                            Object v = Ops.next(it);
                            if (v == null) {
                                f.sp = sp - ITER_SLOTS;
                                f.ip += off;
                            } else {
                                st[++f.sp] = v;
                            }
                            break;
                        }
                        case POP_EXCEPT_JUMP: {
                            f.excTop--;
                            vm.caught = null;
                            int z = bc[f.ip++] & 0xff;
                            int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7);
                            f.ip += off;
                            break;
                        }
                        case LOAD_CONST_FALSE:
                            st[++f.sp] = Boolean.FALSE;
                            break;
                        case LOAD_CONST_NONE:
                            st[++f.sp] = PyNone.NONE;
                            break;
                        case LOAD_CONST_TRUE:
                            st[++f.sp] = Boolean.TRUE;
                            break;
                        case LOAD_NULL:
                            st[++f.sp] = NULL;
                            break;
                        case LOAD_BUILD_CLASS:
                            st[++f.sp] = vm.builtin("__build_class__");
                            break;
                        case LOAD_SUBSCR: {
                            Object idx = st[f.sp--];
                            st[f.sp] = Ops.getitem(st[f.sp], idx);
                            break;
                        }
                        case STORE_SUBSCR:
                            if (st[sp - 2] == NULL) {
                                Ops.delitem(st[sp - 1], st[sp]);
                            } else {
                                Ops.setitem(st[sp - 1], st[sp], st[sp - 2]);
                            }
                            f.sp = sp - 3;
                            break;
                        case DUP_TOP:
                            st[sp + 1] = st[sp];
                            f.sp = sp + 1;
                            break;
                        case DUP_TOP_TWO:
                            st[sp + 1] = st[sp - 1];
                            st[sp + 2] = st[sp];
                            f.sp = sp + 2;
                            break;
                        case POP_TOP:
                            f.sp--;
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
                            if (unwindReturn(f)) {
                                return RETURN;
                            }
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
                            throw new PyError(makeRaiseObj(st[f.sp]));
                        case RAISE_FROM: {
                            Object from = st[f.sp--];
                            PyException e = makeRaiseObj(st[f.sp]);
                            if (from != PyNone.NONE) {
                                vm.warning("exception chaining not supported");
                            }
                            throw new PyError(e);
                        }
                        case YIELD_VALUE:
                            f.result = st[f.sp];
                            return YIELD;
                        case YIELD_FROM: {
                            Object send = st[f.sp--];
                            if (yieldFrom(f, send, null)) {
                                return YIELD;
                            }
                            break;
                        }
                        default:
                            if (op >= LOAD_CONST_SMALL_INT_MULTI && op < LOAD_FAST_MULTI) {
                                st[++f.sp] = (long) (op - LOAD_CONST_SMALL_INT_MULTI - Opcode.SMALL_INT_MULTI_EXCESS);
                            } else if (op >= LOAD_FAST_MULTI && op < STORE_FAST_MULTI) {
                                Object v = st[nState - 1 - (op - LOAD_FAST_MULTI)];
                                if (v == null) {
                                    throw localError();
                                }
                                st[++f.sp] = v;
                            } else if (op >= STORE_FAST_MULTI && op < UNARY_OP_MULTI) {
                                st[nState - 1 - (op - STORE_FAST_MULTI)] = st[f.sp--];
                            } else if (op >= UNARY_OP_MULTI && op < BINARY_OP_MULTI) {
                                st[sp] = Numeric.unary(UNOPS[op - UNARY_OP_MULTI], st[sp]);
                            } else if (op >= BINARY_OP_MULTI && op < BINARY_OP_MULTI + BinaryOp.BYTECODE_COUNT) {
                                Object rhs = st[f.sp--];
                                st[f.sp] = Numeric.binary(BINOPS[op - BINARY_OP_MULTI], st[f.sp], rhs);
                            } else {
                                throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "opcode 0x" + Integer.toHexString(op));
                            }
                    }
                }
            } catch (PyError e) {
                if (!handle(f, e.exc, curIp)) {
                    throw e;
                }
            } catch (StackOverflowError so) {
                PyException e = new PyException(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
                if (!handle(f, e, curIp)) {
                    throw new PyError(e);
                }
            } catch (OutOfMemoryError oom) {
                PyException e = new PyException(Types.MEMORY_ERROR, PyTuple.EMPTY);
                if (!handle(f, e, curIp)) {
                    throw new PyError(e);
                }
            } catch (RuntimeException x) {
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
        }
    }

    /** A jump destination kept on the value stack while finally blocks run. */
    record UnwindIp(int ip) {}

    private static boolean handle(Frame f, PyException exc, int curIp) {
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
        f.ctx.vm.caught = exc;
        return true;
    }

    private static void pushExcBlock(Frame f, byte[] bc, boolean isFinally) {
        int z = bc[f.ip++] & 0xff;
        int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[f.ip++] & 0xff) << 7);
        int t = ++f.excTop;
        f.excHandler[t] = f.ip + off;
        f.excSp[t] = f.sp;
        f.excFinally[t] = isFinally;
        f.excPrev[t] = null;
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

    private static Object callExit(Object fn, Object self, Object a, Object b, Object c) {
        if (self == NULL) {
            return Ops.call(fn, a, b, c);
        }
        return Ops.call(fn, self, a, b, c);
    }

    /** Runs one step of {@code yield from}; true when the frame yields. */
    private static boolean yieldFrom(Frame f, Object send, Object throwExc) {
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

    private static PyError localError() {
        return Ops.error(Types.NAME_ERROR, "local variable referenced before assignment");
    }

    static PyError nameError(String name) {
        return Ops.error(Types.NAME_ERROR, "name '" + name + "' isn't defined");
    }

    private static Map<String, Object> kwFromStack(Object[] st, int at, int nKw) {
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < nKw; i++) {
            kw.put((String) st[at + 2 * i], st[at + 2 * i + 1]);
        }
        return kw;
    }

    static void mergeKw(Map<String, Object> kw, Object mapping) {
        if (mapping instanceof PyDict d) {
            for (Object k : d.keys()) {
                if (!(k instanceof String)) {
                    throw Ops.typeError("keywords must be strings");
                }
                if (kw.containsKey(k)) {
                    throw Ops.typeError("function got multiple values for argument '" + k + "'");
                }
                kw.put((String) k, d.get(k));
            }
        } else {
            Object keys = Ops.call(Ops.getattr(mapping, "keys"));
            for (Object k : Ops.toList(keys)) {
                if (kw.containsKey(Ops.str(k))) {
                    throw Ops.typeError("function got multiple values for argument '" + k + "'");
                }
                kw.put(Ops.str(k), Ops.getitem(mapping, k));
            }
        }
    }

    private static Object makeFunction(Frame f, int idx, Object defT, Object defD, Object[] closed) {
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
