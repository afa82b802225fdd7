package dev.mpt.vm;

import static dev.mpt.vm.VmNativeCode.*;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.RawCode;
import dev.mpt.bytecode.UnaryOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs viper functions compiled for the VM's own architecture ({@link VmNativeCode}): a
 * register machine with 64-bit words, a frame of words, nlr buffers for exceptions and the
 * runtime functions of MicroPython's mp_fun_table implemented over this VM.
 *
 * <p>A register or frame word holds either a raw machine word or a reference: a Python object,
 * or one of the machine's own pointers (into a frame or an argument array, or to the tables a
 * function reaches through its context). Raw words are what viper's {@code int}, {@code uint},
 * {@code bool} and pointer values are; pointers to buffers are addresses in the VM's
 * {@link Memory}, so they mix freely with {@code uctypes.addressof}.
 */
final class NativeMachine {
    private NativeMachine() {}

    // mp_fun_table indices (MicroPython's py/nativeglue.h)
    private static final int F_CONST_NONE_OBJ = 0;
    private static final int F_CONST_FALSE_OBJ = 1;
    private static final int F_CONST_TRUE_OBJ = 2;
    private static final int F_CONVERT_OBJ_TO_NATIVE = 3;
    private static final int F_CONVERT_NATIVE_TO_OBJ = 4;
    private static final int F_NATIVE_SWAP_GLOBALS = 5;
    private static final int F_LOAD_NAME = 6;
    private static final int F_LOAD_GLOBAL = 7;
    private static final int F_LOAD_BUILD_CLASS = 8;
    private static final int F_LOAD_ATTR = 9;
    private static final int F_LOAD_METHOD = 10;
    private static final int F_LOAD_SUPER_METHOD = 11;
    private static final int F_STORE_NAME = 12;
    private static final int F_STORE_GLOBAL = 13;
    private static final int F_STORE_ATTR = 14;
    private static final int F_OBJ_SUBSCR = 15;
    private static final int F_OBJ_IS_TRUE = 16;
    private static final int F_UNARY_OP = 17;
    private static final int F_BINARY_OP = 18;
    private static final int F_BUILD_TUPLE = 19;
    private static final int F_BUILD_LIST = 20;
    private static final int F_BUILD_MAP = 21;
    private static final int F_BUILD_SET = 22;
    private static final int F_STORE_SET = 23;
    private static final int F_LIST_APPEND = 24;
    private static final int F_STORE_MAP = 25;
    private static final int F_MAKE_FUNCTION_FROM_PROTO_FUN = 26;
    private static final int F_NATIVE_CALL_FUNCTION_N_KW = 27;
    private static final int F_CALL_METHOD_N_KW = 28;
    private static final int F_CALL_METHOD_N_KW_VAR = 29;
    private static final int F_NATIVE_GETITER = 30;
    private static final int F_NATIVE_ITERNEXT = 31;
    private static final int F_NLR_PUSH = 32;
    private static final int F_NLR_POP = 33;
    private static final int F_NATIVE_RAISE = 34;
    private static final int F_IMPORT_NAME = 35;
    private static final int F_IMPORT_FROM = 36;
    private static final int F_IMPORT_ALL = 37;
    private static final int F_NEW_SLICE = 38;
    private static final int F_UNPACK_SEQUENCE = 39;
    private static final int F_UNPACK_EX = 40;
    private static final int F_DELETE_NAME = 41;
    private static final int F_DELETE_GLOBAL = 42;
    private static final int F_NEW_CLOSURE = 43;
    private static final int F_ARG_CHECK_NUM_SIG = 44;
    private static final int F_SMALL_INT_FLOOR_DIVIDE = 46;
    private static final int F_SMALL_INT_MODULO = 47;

    // native types (MP_NATIVE_TYPE_*)
    private static final int TYPE_OBJ = 0;
    private static final int TYPE_BOOL = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_UINT = 3;

    private static final BinaryOp[] BINOPS = BinaryOp.values();
    private static final UnaryOp[] UNOPS = UnaryOp.values();
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** A viper function's decoded code and its children (made into functions on demand). */
    static final class Program {
        final int[] op;
        final int[] a;
        final int[] b;
        final int[] c;
        final long[] imm;
        final List<RawCode> children;
        final Object[] childUnits;

        Program(RawCode.Viper raw) {
            int n = raw.dataLength() / INSN_SIZE;
            op = new int[n];
            a = new int[n];
            b = new int[n];
            c = new int[n];
            imm = new long[n];
            for (int i = 0; i < n; i++) {
                int at = i * INSN_SIZE;
                op[i] = raw.dataAt(at) & 0xff;
                a[i] = raw.dataAt(at + 1) & 0xff;
                b[i] = raw.dataAt(at + 2) & 0xff;
                c[i] = raw.dataAt(at + 3) & 0xff;
                long v = 0;
                for (int k = 7; k >= 0; k--) {
                    v = (v << 8) | (raw.dataAt(at + 4 + k) & 0xff);
                }
                imm[i] = v;
            }
            children = raw.children();
            childUnits = new Object[children.size()];
        }

        /** Whether {@code raw} is code for this VM (not machine code for a real CPU). */
        static boolean isOurs(RawCode.Viper raw) {
            if (raw.dataLength() < INSN_SIZE || raw.dataLength() % INSN_SIZE != 0 || (raw.dataAt(0) & 0xff) != MAGIC) {
                return false;
            }
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = (v << 8) | (raw.dataAt(4 + k) & 0xff);
            }
            return v == VERSION;
        }
    }

    /** A pointer to word {@code idx} of a frame or an argument array. */
    record Ref(Object[] o, long[] w, int idx) {
        Ref plus(long bytes) {
            return new Ref(o, w, idx + (int) (bytes / WORD_SIZE));
        }
    }

    /** The context a function reaches through its object (mp_module_context_t). */
    private record Context(ModuleContext ctx) {}

    private record QstrTable(ModuleContext ctx) {}

    private record ConstTable(ModuleContext ctx) {}

    private record ChildTable(PyFunction fn) {}

    private record Child(PyFunction parent, int index) {}

    /** mp_fun_table itself (its first words are None, False and True). */
    static final Object FUN_TABLE = new Object() {
        @Override
        public String toString() {
            return "mp_fun_table";
        }
    };

    /** Where an nlr_push was made: its buffer, where to resume, the registers to restore. */
    private record Nlr(Ref buf, int resume, long[] w, Object[] o) {}

    // ---- calling ------------------------------------------------------------------------------

    static Object call(PyFunction fn, Object[] args, Map<String, Object> kw) {
        int nClosed = fn.closed.length;
        int nKw = kw == null ? 0 : kw.size();
        Object[] argv = new Object[nClosed + args.length + 2 * nKw];
        System.arraycopy(fn.closed, 0, argv, 0, nClosed);
        System.arraycopy(args, 0, argv, nClosed, args.length);
        if (nKw > 0) {
            int i = nClosed + args.length;
            for (Map.Entry<String, Object> e : kw.entrySet()) {
                argv[i++] = e.getKey();
                argv[i++] = e.getValue();
            }
        }
        VM vm = fn.ctx.vm;
        ThreadState thread = vm.ts;
        if (++thread.depth > vm.maxDepth) {
            thread.depth--;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            return new Run(fn, vm).run(nClosed + args.length, nKw, new Ref(argv, new long[argv.length], 0));
        } catch (StackOverflowError so) {
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        } finally {
            thread.depth--;
        }
    }

    /** One activation: registers, frame, nlr buffers. */
    private static final class Run {
        final PyFunction fn;
        final Program p;
        final VM vm;
        final long[] rw = new long[NUM_REGS];
        final Object[] ro = new Object[NUM_REGS];
        long[] fw = new long[0];
        Object[] fo = new Object[0];
        final ArrayList<Nlr> nlr = new ArrayList<>();

        Run(PyFunction fn, VM vm) {
            this.fn = fn;
            this.p = fn.viper;
            this.vm = vm;
        }

        Object run(int nArgs, int nKw, Ref args) {
            ro[R_ARG1] = fn;
            rw[R_ARG2] = nArgs;
            rw[R_ARG3] = nKw;
            ro[R_ARG4] = args;
            final int[] op = p.op;
            final int[] ra = p.a;
            final int[] rb = p.b;
            final int[] rc = p.c;
            final long[] imm = p.imm;
            int pc = 1;
            for (;;) {
                int at = pc;
                try {
                    for (;;) {
                        at = pc;
                        int a = ra[at];
                        int b = rb[at];
                        long k = imm[at];
                        pc++;
                        switch (op[at]) {
                            case ENTRY -> {
                                fw = new long[(int) k];
                                fo = new Object[(int) k];
                            }
                            case EXIT -> {
                                return obj(ro[R_RET], rw[R_RET]);
                            }
                            case JUMP -> {
                                int dest = (int) (k / INSN_SIZE);
                                if (dest <= at) {
                                    VM.handlePending(vm);
                                }
                                pc = dest;
                            }
                            case JUMP_IF_ZERO -> {
                                if (ro[a] == null && rw[a] == 0) {
                                    pc = (int) (k / INSN_SIZE);
                                }
                            }
                            case JUMP_IF_NONZERO -> {
                                if (ro[a] != null || rw[a] != 0) {
                                    pc = (int) (k / INSN_SIZE);
                                }
                            }
                            case JUMP_IF_EQ -> {
                                if (ro[a] == ro[b] && rw[a] == rw[b]) {
                                    pc = (int) (k / INSN_SIZE);
                                }
                            }
                            case JUMP_REG -> pc = (int) (rw[a] / INSN_SIZE);
                            case CALL -> {
                                if (k == F_NLR_PUSH) {
                                    // (nlr_push saves the callee-saved registers in the buffer)
                                    Ref buf = (Ref) ro[R_ARG1];
                                    buf.w[buf.idx + NLR_BUF_IDX_LOCAL1] = rw[R_LOCAL1];
                                    buf.o[buf.idx + NLR_BUF_IDX_LOCAL1] = ro[R_LOCAL1];
                                    nlr.add(new Nlr((Ref) ro[R_ARG1], pc, rw.clone(), ro.clone()));
                                    set(R_RET, 0);
                                } else {
                                    callRuntime((int) k);
                                }
                            }
                            case MOV_LOCAL_REG -> {
                                fw[(int) k] = rw[a];
                                fo[(int) k] = ro[a];
                            }
                            case MOV_REG_IMM, MOV_REG_PCREL -> set(a, k);
                            case MOV_REG_LOCAL -> {
                                rw[a] = fw[(int) k];
                                ro[a] = fo[(int) k];
                            }
                            case MOV_REG_REG -> {
                                rw[a] = rw[b];
                                ro[a] = ro[b];
                            }
                            case MOV_REG_LOCAL_ADDR -> {
                                rw[a] = 0;
                                ro[a] = new Ref(fo, fw, (int) k);
                            }
                            case NOT -> set(a, ~word(a));
                            case NEG -> set(a, -word(a));
                            case OR -> set(a, word(a) | word(b));
                            case XOR -> set(a, word(a) ^ word(b));
                            case AND -> set(a, word(a) & word(b));
                            case ADD -> {
                                if (ro[a] instanceof Ref r && ro[b] == null) {
                                    ro[a] = r.plus(rw[b]);
                                } else if (ro[b] instanceof Ref r && ro[a] == null) {
                                    ro[a] = r.plus(rw[a]);
                                } else {
                                    set(a, word(a) + word(b));
                                }
                            }
                            case SUB -> set(a, word(a) - word(b));
                            case MUL -> set(a, word(a) * word(b));
                            case LSL -> set(a, word(a) << (word(b) & 63));
                            case LSR -> set(a, word(a) >>> (word(b) & 63));
                            case ASR -> set(a, word(a) >> (word(b) & 63));
                            case LOAD_WORD -> loadWord(a, b, (int) k);
                            case STORE_WORD -> storeWord(a, b, (int) k);
                            case LOAD16 -> {
                                if (ro[b] instanceof QstrTable q) {
                                    ro[a] = q.ctx.qstrs[(int) k];
                                    rw[a] = 0;
                                } else {
                                    set(a, load(word(b) + 2 * k, 1));
                                }
                            }
                            case LOAD_SIZED -> set(a, load(word(b) + (k << rc[at]), rc[at]));
                            case STORE_SIZED -> store(word(b) + (k << rc[at]), rc[at], word(a));
                            case LOAD_SIZED_INDEXED -> set(a, load(word(b) + (word((int) k) << rc[at]), rc[at]));
                            case STORE_SIZED_INDEXED -> store(word(b) + (word((int) k) << rc[at]), rc[at], word(a));
                            case CLEAR -> set(a, 0);
                            case COMPARE -> set(a, compare(rc[at], word(b), word((int) k)) ? 1 : 0);
                            default -> throw Ops.error(Types.RUNTIME_ERROR,
                                "internal error: bad native instruction " + op[at]);
                        }
                    }
                } catch (PyError e) {
                    pc = unwind(e.exc);
                } catch (StackOverflowError so) {
                    pc = unwind(new PyException(Types.RUNTIME_ERROR, "maximum recursion depth exceeded"));
                } catch (ClassCastException | ArrayIndexOutOfBoundsException | NullPointerException x) {
                    if (vm.debug) {
                        x.printStackTrace();
                    }
                    pc = unwind(new PyException(Types.RUNTIME_ERROR, "internal error: " + x));
                }
            }
        }

        /** Longjmp to the innermost nlr buffer with {@code exc}: where to go on, or rethrows. */
        private int unwind(PyException exc) {
            if (nlr.isEmpty()) {
                throw new PyError(exc);
            }
            Nlr top = nlr.remove(nlr.size() - 1);
            System.arraycopy(top.w, 0, rw, 0, NUM_REGS);
            System.arraycopy(top.o, 0, ro, 0, NUM_REGS);
            // nlr_jump restores the callee-saved registers from the buffer: the emitter keeps
            // its handler PC in the word that becomes REG_LOCAL_1
            Ref buf = top.buf;
            rw[R_LOCAL1] = buf.w[buf.idx + NLR_BUF_IDX_LOCAL1];
            ro[R_LOCAL1] = buf.o[buf.idx + NLR_BUF_IDX_LOCAL1];
            buf.o[buf.idx + 1] = exc;
            buf.w[buf.idx + 1] = 0;
            set(R_RET, 1);
            return top.resume;
        }

        private void set(int r, long v) {
            rw[r] = v;
            ro[r] = null;
        }

        private void setObj(int r, Object v) {
            if (v == null || v == Interp.NULL) {
                rw[r] = 0;
                ro[r] = null;
            } else {
                rw[r] = 0;
                ro[r] = v;
            }
        }

        /** A register as a machine word. */
        private long word(int r) {
            Object o = ro[r];
            return o == null ? rw[r] : addressOf(o);
        }

        /** A register as an object argument. */
        private Object arg(int r) {
            return obj(ro[r], rw[r]);
        }

        private Object argOrNull(int r) {
            Object o = arg(r);
            return o == Interp.NULL ? null : o;
        }

        private String qstr(int r) {
            return (String) ro[r];
        }

        private Ref ref(int r) {
            return (Ref) ro[r];
        }

        private void loadWord(int dest, int base, int off) {
            Object o = ro[base];
            if (o == null) {
                set(dest, load(rw[base] + (long) off * WORD_SIZE, 3));
            } else if (o instanceof Ref r) {
                rw[dest] = r.w[r.idx + off];
                ro[dest] = r.o[r.idx + off];
            } else if (o instanceof PyFunction f && f.viper != null && off != 0) {
                setObj(dest, off == 1 ? new Context(f.ctx) : new ChildTable(f));
            } else if (o instanceof Context cx) {
                setObj(dest, switch (off) {
                    case 1 -> cx.ctx.module;
                    case 2 -> new QstrTable(cx.ctx);
                    default -> new ConstTable(cx.ctx);
                });
            } else if (o instanceof ConstTable ct) {
                Object v = ct.ctx.constants[off];
                setObj(dest, v instanceof ModuleContext.FunTableConstant ? FUN_TABLE : v);
            } else if (o == FUN_TABLE) {
                setObj(dest, switch (off) {
                    case F_CONST_NONE_OBJ -> PyNone.NONE;
                    case F_CONST_FALSE_OBJ -> Boolean.FALSE;
                    case F_CONST_TRUE_OBJ -> Boolean.TRUE;
                    default -> throw Ops.error(Types.RUNTIME_ERROR, "internal error: mp_fun_table word " + off);
                });
            } else if (o instanceof ChildTable t) {
                setObj(dest, new Child(t.fn, off));
            } else if (o instanceof Cell cell && off == 1) {
                setObj(dest, cell.value);
            } else if (off == 0) {
                setObj(dest, Ops.typeOf(o));
            } else {
                set(dest, load(addressOf(o) + (long) off * WORD_SIZE, 3));
            }
        }

        private void storeWord(int src, int base, int off) {
            Object o = ro[base];
            if (o instanceof Ref r) {
                r.w[r.idx + off] = rw[src];
                r.o[r.idx + off] = ro[src];
            } else if (o instanceof Cell cell && off == 1) {
                cell.value = arg(src);
            } else {
                store(word(base) + (long) off * WORD_SIZE, 3, word(src));
            }
        }

        // ---- the runtime (mp_fun_table) ----------------------------------------------------

        private void callRuntime(int f) {
            switch (f) {
                case F_CONVERT_OBJ_TO_NATIVE -> {
                    int type = (int) rw[R_ARG2];
                    if ((type & 0xf) == TYPE_OBJ) {
                        rw[R_RET] = rw[R_ARG1];
                        ro[R_RET] = ro[R_ARG1];
                    } else {
                        set(R_RET, toNative(arg(R_ARG1), type));
                    }
                }
                case F_CONVERT_NATIVE_TO_OBJ -> {
                    int type = (int) rw[R_ARG2];
                    if (ro[R_ARG1] != null || (type & 0xf) == TYPE_OBJ) {
                        rw[R_RET] = rw[R_ARG1];
                        ro[R_RET] = ro[R_ARG1];
                    } else {
                        setObj(R_RET, toObj(rw[R_ARG1], type));
                    }
                }
                case F_NATIVE_SWAP_GLOBALS -> set(R_RET, 0);
                case F_LOAD_NAME, F_LOAD_GLOBAL -> {
                    String name = qstr(R_ARG1);
                    Object v = fn.ctx.module.globals.get(name);
                    if (v == null) {
                        v = vm.builtin(name);
                    }
                    setObj(R_RET, v);
                }
                case F_LOAD_BUILD_CLASS -> setObj(R_RET, vm.builtin("__build_class__"));
                case F_LOAD_ATTR -> setObj(R_RET, Ops.getattr(arg(R_ARG1), qstr(R_ARG2)));
                case F_LOAD_METHOD -> {
                    Object[] tmp = new Object[2];
                    Classes.loadMethod(arg(R_ARG1), qstr(R_ARG2), tmp, 0);
                    putObjs(ref(R_ARG3), tmp, 2);
                }
                case F_LOAD_SUPER_METHOD -> {
                    Ref r = ref(R_ARG2);
                    Object[] tmp = getObjs(r, 3);
                    Classes.loadSuperMethod(qstr(R_ARG1), tmp, 0);
                    putObjs(r, tmp, 2);
                }
                case F_STORE_NAME, F_STORE_GLOBAL -> fn.ctx.module.globals.put(qstr(R_ARG1), arg(R_ARG2));
                case F_STORE_ATTR -> {
                    Object v = argOrNull(R_ARG3);
                    if (v == null) {
                        Classes.delattr(arg(R_ARG1), qstr(R_ARG2));
                    } else {
                        Ops.setattr(arg(R_ARG1), qstr(R_ARG2), v);
                    }
                }
                case F_OBJ_SUBSCR -> {
                    Object base = arg(R_ARG1);
                    Object index = arg(R_ARG2);
                    if (ro[R_ARG3] == null && rw[R_ARG3] == 4) {
                        setObj(R_RET, Ops.getitem(base, index));
                    } else if (ro[R_ARG3] == null && rw[R_ARG3] == 0) {
                        Ops.delitem(base, index);
                        setObj(R_RET, PyNone.NONE);
                    } else {
                        Ops.setitem(base, index, arg(R_ARG3));
                        setObj(R_RET, PyNone.NONE);
                    }
                }
                case F_OBJ_IS_TRUE -> set(R_RET, Ops.truthy(arg(R_ARG1)) ? 1 : 0);
                case F_UNARY_OP -> setObj(R_RET, Numeric.unary(UNOPS[(int) rw[R_ARG1]], arg(R_ARG2)));
                case F_BINARY_OP -> setObj(R_RET, Numeric.binary(BINOPS[(int) rw[R_ARG1]], arg(R_ARG2), arg(R_ARG3)));
                case F_BUILD_TUPLE -> {
                    int n = (int) rw[R_ARG1];
                    setObj(R_RET, n == 0 ? PyTuple.EMPTY : new PyTuple(getObjs(ref(R_ARG2), n)));
                }
                case F_BUILD_LIST -> {
                    int n = (int) rw[R_ARG1];
                    PyList l = new PyList();
                    if (n > 0) {
                        l.items.addAll(java.util.Arrays.asList(getObjs(ref(R_ARG2), n)));
                    }
                    setObj(R_RET, l);
                }
                case F_BUILD_MAP -> setObj(R_RET, new PyDict((int) rw[R_ARG1]));
                case F_BUILD_SET -> {
                    int n = (int) rw[R_ARG1];
                    PySet s = new PySet(false, n);
                    if (n > 0) {
                        for (Object o : getObjs(ref(R_ARG2), n)) {
                            s.add(o);
                        }
                    }
                    setObj(R_RET, s);
                }
                case F_STORE_SET -> ((PySet) arg(R_ARG1)).add(arg(R_ARG2));
                case F_LIST_APPEND -> Seqs.listAppend(arg(R_ARG1), arg(R_ARG2));
                case F_STORE_MAP -> {
                    Object map = arg(R_ARG1);
                    ((PyDict) map).put(arg(R_ARG2), arg(R_ARG3));
                    setObj(R_RET, map);
                }
                case F_MAKE_FUNCTION_FROM_PROTO_FUN -> {
                    Child ch = (Child) ro[R_ARG1];
                    Object defT = null;
                    Object defD = null;
                    if (ro[R_ARG3] instanceof Ref r) {
                        Object[] d = getObjs(r, 2);
                        defT = d[0];
                        defD = d[1];
                    }
                    setObj(R_RET, makeFunction(ch, defT, defD, new Object[0]));
                }
                case F_NEW_CLOSURE -> {
                    PyFunction f0 = (PyFunction) arg(R_ARG1);
                    int n = (int) rw[R_ARG2];
                    Object[] closed = getObjs(ref(R_ARG3), n);
                    setObj(R_RET, f0.viper != null ? new PyFunction(f0.viper, f0.ctx, closed)
                        : new PyFunction(f0.code, f0.ctx, f0.defaults, f0.kwDefaults, closed));
                }
                case F_NATIVE_CALL_FUNCTION_N_KW -> {
                    int n = (int) rw[R_ARG2];
                    int nPos = n & 0xff;
                    int nKw = (n >> 8) & 0xff;
                    Object fun = arg(R_ARG1);
                    Object[] all = nPos + nKw == 0 ? new Object[0] : getObjs(ref(R_ARG3), nPos + 2 * nKw);
                    setObj(R_RET, callWith(fun, null, all, 0, nPos, nKw));
                }
                case F_CALL_METHOD_N_KW -> {
                    int nPos = (int) rw[R_ARG1];
                    int nKw = (int) rw[R_ARG2];
                    Object[] all = getObjs(ref(R_ARG3), 2 + nPos + 2 * nKw);
                    setObj(R_RET, callWith(all[0], all[1], all, 2, nPos, nKw));
                }
                case F_CALL_METHOD_N_KW_VAR -> setObj(R_RET, callVar(rw[R_ARG1] != 0, (int) rw[R_ARG2], ref(R_ARG3)));
                case F_NATIVE_GETITER -> {
                    Object it = Ops.iter(arg(R_ARG1));
                    if (ro[R_ARG2] instanceof Ref r) {
                        r.o[r.idx] = it;
                        r.w[r.idx] = 0;
                        set(R_RET, 0);
                    } else {
                        setObj(R_RET, it);
                    }
                }
                case F_NATIVE_ITERNEXT -> {
                    Ref r = ref(R_ARG1);
                    setObj(R_RET, Ops.next(r.o[r.idx]));
                }
                case F_NLR_POP -> nlr.remove(nlr.size() - 1);
                case F_NATIVE_RAISE -> {
                    Object o = argOrNull(R_ARG1);
                    if (o != null && o != PyNone.NONE) {
                        throw new PyError(Interp.makeRaiseObj(o));
                    }
                }
                case F_IMPORT_NAME -> setObj(R_RET, vm.importer.importName(qstr(R_ARG1), arg(R_ARG2),
                    Ops.toLong(arg(R_ARG3)), fn.ctx.module.globals));
                case F_IMPORT_FROM -> setObj(R_RET, vm.importer.importFrom(arg(R_ARG1), qstr(R_ARG2)));
                case F_IMPORT_ALL -> vm.importer.importStar(arg(R_ARG1), fn.ctx.module.globals);
                case F_NEW_SLICE -> setObj(R_RET, new PySlice(arg(R_ARG1), arg(R_ARG2), arg(R_ARG3)));
                case F_UNPACK_SEQUENCE -> {
                    int n = (int) rw[R_ARG2];
                    Object[] tmp = new Object[n];
                    Interp.unpackSequence(arg(R_ARG1), n, tmp, 0);
                    putObjs(ref(R_ARG3), tmp, n);
                }
                case F_UNPACK_EX -> {
                    int num = (int) rw[R_ARG2];
                    int n = (num & 0xff) + ((num >> 8) & 0xff) + 1;
                    Object[] tmp = new Object[n];
                    Interp.unpackEx(arg(R_ARG1), num, tmp, 0);
                    putObjs(ref(R_ARG3), tmp, n);
                }
                case F_DELETE_NAME, F_DELETE_GLOBAL -> {
                    String name = qstr(R_ARG1);
                    if (fn.ctx.module.globals.remove(name) == null) {
                        throw Interp.nameError(name);
                    }
                }
                case F_ARG_CHECK_NUM_SIG -> {
                    long sig = rw[R_ARG3];
                    checkArgs((int) rw[R_ARG1], (int) rw[R_ARG2], (int) ((sig >> 17) & 0xffff),
                        (int) ((sig >> 1) & 0xffff), (sig & 1) != 0);
                }
                case F_SMALL_INT_FLOOR_DIVIDE -> set(R_RET, floorDivide(word(R_ARG1), divisor()));
                case F_SMALL_INT_MODULO -> set(R_RET, Math.floorMod(word(R_ARG1), divisor()));
                default -> throw Ops.error(Types.RUNTIME_ERROR, "internal error: mp_fun_table entry " + f);
            }
        }

        private long divisor() {
            long d = word(R_ARG2);
            if (d == 0) {
                // (a machine trap on the unix port)
                throw Ops.error(Types.ZERO_DIVISION_ERROR, "divide by zero");
            }
            return d;
        }

        private Object[] getObjs(Ref r, int n) {
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = obj(r.o[r.idx + i], r.w[r.idx + i]);
            }
            return out;
        }

        private void putObjs(Ref r, Object[] v, int n) {
            for (int i = 0; i < n; i++) {
                Object o = v[i];
                r.w[r.idx + i] = 0;
                r.o[r.idx + i] = o == Interp.NULL ? null : o;
            }
        }

        private Object callWith(Object fun, Object self, Object[] all, int at, int nPos, int nKw) {
            boolean hasSelf = self != null && self != Interp.NULL;
            Object[] args = new Object[nPos + (hasSelf ? 1 : 0)];
            int j = 0;
            if (hasSelf) {
                args[j++] = self;
            }
            System.arraycopy(all, at, args, j, nPos);
            Map<String, Object> kw = null;
            if (nKw > 0) {
                kw = new LinkedHashMap<>();
                for (int i = 0; i < nKw; i++) {
                    kw.put((String) all[at + nPos + 2 * i], all[at + nPos + 2 * i + 1]);
                }
            }
            return Ops.call(fun, args, kw);
        }

        /** mp_call_method_n_kw_var: a call with *args and/or **kwargs. */
        private Object callVar(boolean haveSelf, int n, Ref r) {
            int nPos = n & 0xff;
            int nKw = (n >> 8) & 0xff;
            int total = 1 + (haveSelf ? 1 : 0) + nPos + 2 * nKw + 1;
            Object[] all = getObjs(r, total);
            int a = 1;
            Object self = null;
            if (haveSelf) {
                self = all[a++];
            }
            long bitmap = Ops.toLong(all[a + nPos + 2 * nKw]);
            List<Object> args = new ArrayList<>();
            if (self != null && self != Interp.NULL) {
                args.add(self);
            }
            for (int i = 0; i < nPos; i++) {
                if (((bitmap >> i) & 1) != 0) {
                    args.addAll(Ops.toList(all[a + i]));
                } else {
                    args.add(all[a + i]);
                }
            }
            Map<String, Object> kw = new LinkedHashMap<>();
            for (int i = 0; i < nKw; i++) {
                Object key = all[a + nPos + 2 * i];
                Object v = all[a + nPos + 2 * i + 1];
                if (key == null) {
                    Interp.mergeKw(kw, v);
                } else {
                    kw.put((String) key, v);
                }
            }
            return Ops.call(all[0], args.toArray(), kw.isEmpty() ? null : kw);
        }

        private Object makeFunction(Child ch, Object defT, Object defD, Object[] closed) {
            Program parent = ch.parent.viper;
            Object unit = parent.childUnits[ch.index];
            if (unit == null) {
                RawCode rc = parent.children.get(ch.index);
                if (rc instanceof RawCode.Bytecode bc) {
                    unit = new PyFunction.CodeUnit(bc, ch.parent.ctx);
                } else if (rc instanceof RawCode.Viper v && Program.isOurs(v)) {
                    unit = new Program(v);
                } else {
                    throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "native code not supported");
                }
                parent.childUnits[ch.index] = unit;
            }
            if (unit instanceof Program prog) {
                return new PyFunction(prog, ch.parent.ctx, closed);
            }
            Object[] defaults = defT == null || defT == PyNone.NONE ? new Object[0] : ((PyTuple) defT).items;
            PyDict kwd = defD == null || defD == PyNone.NONE ? null : (PyDict) defD;
            return new PyFunction((PyFunction.CodeUnit) unit, ch.parent.ctx, defaults, kwd, closed);
        }
    }

    // ---- values -------------------------------------------------------------------------------

    /** A word as an object argument: a reference as is, 0 as MP_OBJ_NULL (null), odd as a small int. */
    static Object obj(Object o, long w) {
        if (o != null) {
            return o;
        }
        if (w == 0) {
            return null;
        }
        if ((w & 1) != 0) {
            return w >> 1;
        }
        throw Ops.error(Types.RUNTIME_ERROR, "internal error: a machine word used as an object");
    }

    /** An object taken as a machine word (viper reinterpreting an object as an integer). */
    private static long addressOf(Object o) {
        if (o instanceof Long l) {
            return (l << 1) | 1;
        }
        try {
            return Memory.current().addressOf(o);
        } catch (PyError e) {
            return Memory.current().objectId(o) << 4;
        }
    }

    /** mp_native_from_obj: an object as a native value of viper type {@code type}. */
    static long toNative(Object o, int type) {
        switch (type & 0xf) {
            case TYPE_BOOL:
                return Ops.truthy(o) ? 1 : 0;
            case TYPE_INT:
            case TYPE_UINT:
                return truncated(o);
            default: {
                Object owner = bufferOwner(o);
                if (owner != null) {
                    return Memory.current().addressOf(owner);
                }
                return truncated(o);
            }
        }
    }

    private static Object bufferOwner(Object o) {
        if (o instanceof PyInstance pi && pi.base != null) {
            o = pi.base;
        }
        if (o instanceof PyByteArray || o instanceof PyBytes || o instanceof String || o instanceof ArrayType.PyArray
                || o instanceof ArrayType.MemoryView) {
            return o;
        }
        return null;
    }

    private static long truncated(Object o) {
        return Ops.truncated(o);
    }

    /** mp_native_to_obj: a native value of viper type {@code type} as an object. */
    static Object toObj(long w, int type) {
        switch (type & 0xf) {
            case TYPE_BOOL:
                return w != 0;
            case TYPE_INT:
                return w;
            default:
                return w >= 0 ? (Object) w : Ops.normalize(BigInteger.valueOf(w).add(TWO_64));
        }
    }

    /** mp_small_int_floor_divide on machine words (with its wrap-around near the limits). */
    private static long floorDivide(long num, long denom) {
        if (num >= 0) {
            if (denom < 0) {
                num += -denom - 1;
            }
        } else if (denom >= 0) {
            num += -denom + 1;
        }
        return num / denom;
    }

    private static boolean compare(int opIdx, long l, long r) {
        return switch (opIdx) {
            case 0 -> Long.compareUnsigned(l, r) < 0;
            case 1 -> Long.compareUnsigned(l, r) > 0;
            case 2, 8 -> l == r;
            case 3 -> Long.compareUnsigned(l, r) <= 0;
            case 4 -> Long.compareUnsigned(l, r) >= 0;
            case 5, 11 -> l != r;
            case 6 -> l < r;
            case 7 -> l > r;
            case 9 -> l <= r;
            default -> l >= r;
        };
    }

    private static long load(long addr, int sizeLog2) {
        Memory m = Memory.current();
        int n = 1 << sizeLog2;
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | m.peek(addr + i);
        }
        return v;
    }

    private static void store(long addr, int sizeLog2, long v) {
        Memory m = Memory.current();
        int n = 1 << sizeLog2;
        m.write(addr, n, v);
    }

    /** mp_arg_check_num_sig's checks and messages. */
    private static void checkArgs(int nArgs, int nKw, int min, int max, boolean takesKw) {
        if (nKw > 0 && !takesKw) {
            throw Ops.typeError("function doesn't take keyword arguments");
        }
        if (min == max) {
            if (nArgs != min) {
                throw Ops.typeError("function takes " + min + " positional arguments but " + nArgs + " were given");
            }
        } else {
            if (nArgs < min) {
                throw Ops.typeError("function missing " + (min - nArgs) + " required positional arguments");
            } else if (nArgs > max) {
                throw Ops.typeError("function expected at most " + max + " arguments, got " + nArgs);
            }
        }
    }
}
