package dev.mpt.vm.jit;

import static dev.mpt.bytecode.Opcode.Code.*;

import java.util.ArrayDeque;
import java.util.TreeMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates one MicroPython bytecode function into a JVM class (see the VM's JitRuntime):
 * {@code run(Frame f, int ip)} runs the function from ip to its return. Python locals and
 * the value stack live in JVM locals (stack depths are known at every instruction); small
 * int and float arithmetic and comparisons are inlined with the interpreter's overflow
 * checks; everything else calls the helpers the interpreter calls, spilling the stack slots
 * they read into the frame's state array at the same places the interpreter keeps them.
 * Any exception leaving the code goes through JitRuntime.fail with the instruction it
 * happened at, which adds the same traceback line as the interpreter.
 *
 * <p>A generator's code returns JitRuntime.YIELDED at a yield, with its frame saved as the
 * interpreter saves it there (so either can resume it), and is entered again after the yield.
 *
 * <p>Exception blocks (try, with) keep the frame's exception stack as the interpreter keeps
 * it. An exception raised while a block is active, and the rarer ways out of a block (a
 * finally block ended by an exception or a return, break/continue through one, a bare raise),
 * leave the rest of the call to the interpreter with the frame saved (Gen.deopt; JitRuntime.
 * enter continues it); the interpreter hands the frame back at the next hot loop head.
 *
 * <p>Functions with an opcode outside the supported set are not translated: {@link #translate}
 * answers null or throws for them.
 */
public final class Translator implements Opcodes {
    private Translator() {}

    private static final String RT = "dev/mpt/vm/JitRuntime";
    private static final Handle CONST_INVOKE = new Handle(H_INVOKESTATIC, "java/lang/invoke/ConstantBootstraps", "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;"
                    + "[Ljava/lang/Object;)Ljava/lang/Object;", false);
    private static final Handle LONG_VALUE_OF = new Handle(H_INVOKESTATIC, "java/lang/Long", "valueOf",
            "(J)Ljava/lang/Long;", false);
    private static final String FRAME = "dev/mpt/vm/Frame";
    private static final String FRAME_D = "Ldev/mpt/vm/Frame;";
    private static final String CTX = "dev/mpt/vm/ModuleContext";
    private static final String VM = "dev/mpt/vm/VM";
    private static final String OBJ = "Ljava/lang/Object;";
    private static final String BUILTIN = "dev/mpt/vm/PyBuiltin";
    private static final String NATIVE = "dev/mpt/vm/PyBuiltin$Native";
    private static final String PYITER = "dev/mpt/vm/PyIter";

    // JVM locals of run(Frame, int)
    private static final int THIS = 0;
    private static final int F = 1;
    private static final int ENTRY = 2;
    private static final int ST = 3;
    private static final int VMV = 4;
    private static final int QSTRS = 5;
    private static final int CONSTS = 6;
    private static final int CUR = 7;
    private static final int LX = 8;
    private static final int LY = 10;
    private static final int LR = 12;
    private static final int CNT = 14;
    private static final int FIRST = 15;
    /** Loop iterations after which compiled code returns to its caller to be entered again (see jump). */
    private static final int PERIOD = 128;
    private static final int HUGE = 7900;
    /**
     * A run method of more bytes of code than this is too big for C1 to compile with full
     * profiling ("out of virtual registers": bm_hexiom's constraint_pass, 7.7 kB), so C2
     * would compile it from next to no profile, into code slower than C1's; it goes into a
     * class named {@link #UNPROFILED}, which a compiler directive (added by the VM's
     * JitRuntime) keeps from C2.
     */
    private static final int PROFILED_MAX = 6000;
    /** The binary name of the classes holding code too big to profile (see PROFILED_MAX). */
    public static final String UNPROFILED = "dev.mpt.vm.JitHuge";

    /** One decoded instruction. */
    private static final class Insn {
        int ip;
        int op;
        long arg;
        int arg2;
        int next;
        int target = -1;
        int depth = -1;
        boolean jumpedTo;
        Label label;
        /** A float operation whose result the next operation reads unboxed (see markRaw). */
        boolean rawOut;
        /** Bit 0 / bit 1: the left / right operand may come unboxed from the operation that made it. */
        int rawIn;
    }

    /** The class for this function's bytecode (code from codeStart), or null when it is not supported. */
    public static byte[] translate(byte[] bc, int codeStart, int nState, int nCells) {
        TreeMap<Integer, Insn> code = new TreeMap<>();
        ArrayDeque<Insn> work = new ArrayDeque<>();
        Insn first = decode(bc, codeStart);
        if (first == null) {
            return null;
        }
        first.depth = 0;
        code.put(codeStart, first);
        work.add(first);
        int maxDepth = 0;
        int maxLocal = -1;
        while (!work.isEmpty()) {
            Insn in = work.poll();
            int d = in.depth;
            int op = in.op;
            int n = (int) in.arg;
            int after; // depth after, on the fall-through path
            int atTarget = -1;
            boolean falls = true;
            boolean follow = true;
            switch (op) {
                case LOAD_CONST_STRING: case LOAD_NAME: case LOAD_GLOBAL: case LOAD_CONST_SMALL_INT:
                case LOAD_CONST_OBJ: case LOAD_CONST_FALSE: case LOAD_CONST_NONE: case LOAD_CONST_TRUE:
                case LOAD_NULL: case LOAD_BUILD_CLASS: case MAKE_FUNCTION: case BUILD_MAP: case IMPORT_FROM:
                case DUP_TOP:
                    after = d + 1;
                    break;
                case LOAD_FAST_N: case LOAD_DEREF:
                    maxLocal = Math.max(maxLocal, n);
                    after = d + 1;
                    break;
                case STORE_FAST_N: case STORE_DEREF:
                    maxLocal = Math.max(maxLocal, n);
                    after = d - 1;
                    break;
                case DELETE_FAST: case DELETE_DEREF:
                    maxLocal = Math.max(maxLocal, n);
                    after = d;
                    break;
                case LOAD_ATTR: case DELETE_NAME: case DELETE_GLOBAL: case GET_ITER: case ROT_TWO:
                case ROT_THREE: case YIELD_VALUE:
                    after = d;
                    break;
                case LOAD_METHOD:
                    after = d + 1;
                    break;
                case LOAD_SUPER_METHOD: case STORE_NAME: case STORE_GLOBAL: case IMPORT_NAME: case IMPORT_STAR:
                case MAKE_FUNCTION_DEFARGS: case LOAD_SUBSCR: case POP_TOP: case YIELD_FROM:
                    after = d - 1;
                    break;
                case STORE_ATTR: case STORE_MAP:
                    after = d - 2;
                    break;
                case STORE_SUBSCR:
                    after = d - 3;
                    break;
                case MAKE_CLOSURE:
                    after = d - in.arg2 + 1;
                    break;
                case MAKE_CLOSURE_DEFARGS:
                    after = d - in.arg2 - 1;
                    break;
                case BUILD_TUPLE: case BUILD_LIST: case BUILD_SET: case BUILD_SLICE:
                    after = d - n + 1;
                    break;
                case STORE_COMP:
                    after = d - ((n & 3) == 1 ? 2 : 1);
                    break;
                case UNPACK_SEQUENCE:
                    after = d - 1 + n;
                    break;
                case UNPACK_EX:
                    after = d + (n & 0xff) + ((n >> 8) & 0xff);
                    break;
                case CALL_FUNCTION:
                    after = d - ((n & 0xff) + 2 * ((n >> 8) & 0xff));
                    break;
                case CALL_METHOD:
                    after = d - ((n & 0xff) + 2 * ((n >> 8) & 0xff) + 1);
                    break;
                case CALL_FUNCTION_VAR_KW:
                    after = d - ((n & 0xff) + 2 * ((n >> 8) & 0xff) + 1);
                    break;
                case CALL_METHOD_VAR_KW:
                    after = d - ((n & 0xff) + 2 * ((n >> 8) & 0xff) + 2);
                    break;
                case JUMP:
                    after = d;
                    atTarget = d;
                    falls = false;
                    break;
                case POP_JUMP_IF_TRUE: case POP_JUMP_IF_FALSE:
                    after = d - 1;
                    atTarget = d - 1;
                    break;
                case JUMP_IF_TRUE_OR_POP: case JUMP_IF_FALSE_OR_POP:
                    after = d - 1;
                    atTarget = d;
                    break;
                case FOR_ITER:
                    after = d + 1;
                    atTarget = d - 4;
                    break;
                case GET_ITER_STACK:
                    after = d + 3;
                    break;
                case DUP_TOP_TWO:
                    after = d + 2;
                    break;
                case RETURN_VALUE: case RAISE_OBJ: case RAISE_FROM:
                    after = d;
                    falls = false;
                    break;
                // exception blocks: the compiled code keeps the frame's exception stack as the
                // interpreter does; a handler runs in the interpreter (see Gen.deopt), so the
                // flow does not follow a block's handler, nor an unwinding jump
                case SETUP_EXCEPT: case SETUP_FINALLY:
                    after = d;
                    follow = false;
                    break;
                case SETUP_WITH:
                    after = d + 2;
                    follow = false;
                    break;
                case POP_EXCEPT_JUMP:
                    after = d;
                    atTarget = d;
                    falls = false;
                    break;
                case END_FINALLY:
                    after = d - 1;
                    break;
                case WITH_CLEANUP:
                    after = d - 2;
                    break;
                case UNWIND_JUMP: case RAISE_LAST:
                    after = d;
                    falls = false;
                    follow = false;
                    break;
                default:
                    if (op >= LOAD_CONST_SMALL_INT_MULTI && op < LOAD_CONST_SMALL_INT_MULTI + 64) {
                        after = d + 1;
                    } else if (op >= LOAD_FAST_MULTI && op < LOAD_FAST_MULTI + 16) {
                        maxLocal = Math.max(maxLocal, op - LOAD_FAST_MULTI);
                        after = d + 1;
                    } else if (op >= STORE_FAST_MULTI && op < STORE_FAST_MULTI + 16) {
                        maxLocal = Math.max(maxLocal, op - STORE_FAST_MULTI);
                        after = d - 1;
                    } else if (op >= UNARY_OP_MULTI && op < UNARY_OP_MULTI + 7) {
                        after = d;
                    } else if (op >= BINARY_OP_MULTI && op < BINARY_OP_MULTI + 35) {
                        after = d - 1;
                    } else {
                        throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(op)); // stays interpreted
                    }
            }
            int peak = Math.max(d, Math.max(after, atTarget));
            maxDepth = Math.max(maxDepth, peak);
            if (after < 0 || (atTarget < -1)) {
                return null;
            }
            if (falls && !flow(bc, code, work, in.next, after)) {
                return null;
            }
            if (in.target >= 0 && follow) {
                if (!flow(bc, code, work, in.target, atTarget)) {
                    return null;
                }
                code.get(in.target).jumpedTo = true;
            }
        }
        int nLocals = maxLocal + 1;
        if (nLocals + maxDepth > nState || nLocals + maxDepth + FIRST > 60000) {
            return null;
        }
        // HotSpot compiles no method over 8000 bytes of code (DontCompileHugeMethods): a large
        // function goes without the inlined arithmetic, and one still too large stays interpreted
        Gen g = new Gen(bc, code, nState, nLocals, maxDepth, codeStart, false);
        byte[] cls = g.generate();
        if (g.size > HUGE) {
            g = new Gen(bc, code, nState, nLocals, maxDepth, codeStart, true);
            cls = g.generate();
            if (g.size > HUGE) {
                throw new IllegalArgumentException("too large (" + g.size + " bytes of JVM code)");
            }
        }
        if (g.size > PROFILED_MAX) {
            g = new Gen(bc, code, nState, nLocals, maxDepth, codeStart, g.compact);
            g.className = UNPROFILED.replace('.', '/');
            cls = g.generate();
        }
        return cls;
    }

    /** Records the depth at ip (queued the first time); false when it differs from a depth met before. */
    private static boolean flow(byte[] bc, TreeMap<Integer, Insn> code, ArrayDeque<Insn> work, int ip, int depth) {
        Insn t = code.get(ip);
        if (t == null) {
            t = decode(bc, ip);
            if (t == null) {
                return false;
            }
            t.depth = depth;
            code.put(ip, t);
            work.add(t);
            return true;
        }
        return t.depth == depth;
    }

    /** The instruction at ip, or null when ip is outside the code. */
    private static Insn decode(byte[] bc, int ip) {
        if (ip < 0 || ip >= bc.length) {
            return null;
        }
        Insn in = new Insn();
        in.ip = ip;
        int op = bc[ip] & 0xff;
        in.op = op;
        int p = ip + 1;
        try {
            if ((op >= 0x10 && op <= 0x1c) || (op >= 0x20 && op <= 0x37 && op != LOAD_CONST_SMALL_INT)) {
                int z = bc[p++];
                long v = z & 0x7f;
                while (z < 0) {
                    z = bc[p++];
                    v = (v << 7) | (z & 0x7f);
                }
                in.arg = v;
                if (op == MAKE_CLOSURE || op == MAKE_CLOSURE_DEFARGS) {
                    in.arg2 = bc[p++] & 0xff;
                }
            } else if (op == LOAD_CONST_SMALL_INT) {
                int z = bc[p++];
                long v = z & 0x7f;
                if ((z & 0x40) != 0) {
                    v |= -1L << 7;
                }
                while ((z & 0x80) != 0) {
                    z = bc[p++];
                    v = (v << 7) | (z & 0x7f);
                }
                in.arg = v;
            } else if (op == JUMP || op == POP_JUMP_IF_TRUE || op == POP_JUMP_IF_FALSE || op == UNWIND_JUMP) {
                int z = bc[p++] & 0xff;
                int off = (z & 0x80) == 0 ? z - 0x40 : ((z & 0x7f) | (bc[p++] & 0xff) << 7) - 0x4000;
                if (op == UNWIND_JUMP) {
                    p++;
                }
                in.target = p + off;
            } else if (op >= 0x45 && op <= 0x4b) {
                int z = bc[p++] & 0xff;
                int off = (z & 0x80) == 0 ? z : ((z & 0x7f) | (bc[p++] & 0xff) << 7);
                in.target = p + off;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
        in.next = p;
        return in;
    }

    /** The code generator for one analysed function. */
    private static final class Gen {
        final byte[] bc;
        final TreeMap<Integer, Insn> code;
        final int nState;
        final int nLocals;
        final int maxDepth;
        final int codeStart;
        /** No inlined arithmetic (calls instead), for a function whose code would be too large. */
        final boolean compact;
        /** The function has exception blocks (try, with): see deopt. */
        final boolean exc;
        int size;
        String className = "dev/mpt/vm/JitCode";
        MethodVisitor mv;

        Gen(byte[] bc, TreeMap<Integer, Insn> code, int nState, int nLocals, int maxDepth, int codeStart,
                boolean compact) {
            this.compact = compact;
            this.bc = bc;
            this.code = code;
            this.nState = nState;
            this.nLocals = nLocals;
            this.maxDepth = maxDepth;
            this.codeStart = codeStart;
            boolean blocks = false;
            for (Insn in : code.values()) {
                blocks |= in.op == SETUP_EXCEPT || in.op == SETUP_FINALLY || in.op == SETUP_WITH;
            }
            this.exc = blocks;
        }

        int local(int j) {
            return FIRST + j;
        }

        int slot(int i) {
            return FIRST + nLocals + i;
        }

        /** The unboxed float (a JVM double) of stack slot i, when its flag says so. */
        int dslot(int i) {
            return FIRST + nLocals + maxDepth + 3 * i;
        }

        /** 1 when stack slot i holds its value unboxed in dslot(i), else 0 (the object in slot(i)). */
        int kslot(int i) {
            return dslot(i) + 2;
        }

        /**
         * Marks the float +, -, *, / whose result the instruction reading it is another
         * operation with a float fast path, reached only straight from it through loads and
         * operations on higher stack slots: the result then passes unboxed, with a flag
         * saying so on the path where the fast path ran (it is boxed where anything else reads it).
         */
        void markRaw() {
            for (Insn a : code.values()) {
                int k = a.op - BINARY_OP_MULTI;
                if (a.op < BINARY_OP_MULTI || a.op >= BINARY_OP_MULTI + 35 || !rawOp(k)) {
                    continue;
                }
                int s = a.depth - 2;
                Insn prev = a;
                for (int n = 0; n < 40; n++) {
                    Insn in = code.get(prev.next);
                    if (in == null || in.jumpedTo) {
                        break;
                    }
                    int op = in.op;
                    int d = in.depth;
                    int lowest; // the lowest stack slot in reads
                    if (op >= BINARY_OP_MULTI && op < BINARY_OP_MULTI + 35) {
                        lowest = d - 2;
                        if (d - 2 == s || d - 1 == s) {
                            int kc = op - BINARY_OP_MULTI;
                            Insn after = code.get(in.next);
                            if (doubleFast(kc)) {
                                a.rawOut = true;
                                in.rawIn |= d - 2 == s ? 1 : 2;
                            }
                            break;
                        }
                    } else if ((op >= LOAD_FAST_MULTI && op < LOAD_FAST_MULTI + 16)
                            || (op >= LOAD_CONST_SMALL_INT_MULTI && op < LOAD_CONST_SMALL_INT_MULTI + 64)
                            || op == LOAD_FAST_N || op == LOAD_CONST_OBJ || op == LOAD_CONST_SMALL_INT
                            || op == LOAD_CONST_NONE || op == LOAD_CONST_TRUE || op == LOAD_CONST_FALSE
                            || op == LOAD_CONST_STRING || op == LOAD_GLOBAL || op == LOAD_DEREF) {
                        lowest = d;
                    } else if ((op >= UNARY_OP_MULTI && op < UNARY_OP_MULTI + 7) || op == LOAD_ATTR) {
                        lowest = d - 1;
                    } else if (op == LOAD_SUBSCR) {
                        lowest = d - 2;
                    } else {
                        break;
                    }
                    if (lowest <= s) {
                        break;
                    }
                    prev = in;
                }
            }
        }

        byte[] generate() {
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return "java/lang/Object";
                }
            };
            cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, "java/lang/Object",
                    new String[] {RT + "$Compiled"});
            MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            // loop heads: where the interpreter may hand a running frame over
            TreeMap<Integer, Insn> entries = new TreeMap<>();
            for (Insn in : code.values()) {
                if ((in.op == JUMP || in.op == POP_JUMP_IF_TRUE || in.op == POP_JUMP_IF_FALSE) && in.target < in.next) {
                    Insn t = code.get(in.target);
                    entries.put(t.ip, t);
                }
            }
            // a generator resumes after a yield, and at a yield from that yielded (it runs again)
            for (Insn in : code.values()) {
                Insn t = in.op == YIELD_VALUE ? code.get(in.next) : in.op == YIELD_FROM ? in : null;
                if (t != null) {
                    t.jumpedTo = true; // its own label: not fused into a compare before it
                    entries.put(t.ip, t);
                }
            }
            MethodVisitor e = cw.visitMethod(ACC_PUBLIC, "entry", "(II)Z", null, null);
            e.visitCode();
            for (Insn t : entries.values()) {
                Label no = new Label();
                e.visitVarInsn(ILOAD, 1);
                push(e, t.ip);
                e.visitJumpInsn(IF_ICMPNE, no);
                e.visitVarInsn(ILOAD, 2);
                push(e, t.depth);
                e.visitJumpInsn(IF_ICMPNE, no);
                e.visitInsn(ICONST_1);
                e.visitInsn(IRETURN);
                e.visitLabel(no);
            }
            e.visitInsn(ICONST_0);
            e.visitInsn(IRETURN);
            e.visitMaxs(0, 0);
            e.visitEnd();

            mv = cw.visitMethod(ACC_PUBLIC, "run", "(" + FRAME_D + "I)" + OBJ, null, null);
            mv.visitCode();
            // run(null, -1) does nothing: JitRuntime calls it so HotSpot compiles run soon
            Label go = new Label();
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitJumpInsn(IFGE, go);
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ARETURN);
            mv.visitLabel(go);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, CNT);
            for (Insn in : code.values()) {
                in.label = new Label();
            }
            mv.visitVarInsn(ALOAD, F);
            mv.visitFieldInsn(GETFIELD, FRAME, "state", "[Ljava/lang/Object;");
            mv.visitVarInsn(ASTORE, ST);
            mv.visitVarInsn(ALOAD, F);
            mv.visitFieldInsn(GETFIELD, FRAME, "ctx", "L" + CTX + ";");
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, CTX, "vm", "L" + VM + ";");
            mv.visitVarInsn(ASTORE, VMV);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, CTX, "qstrs", "[Ljava/lang/String;");
            mv.visitVarInsn(ASTORE, QSTRS);
            mv.visitFieldInsn(GETFIELD, CTX, "constants", "[Ljava/lang/Object;");
            mv.visitVarInsn(ASTORE, CONSTS);
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitVarInsn(ISTORE, CUR);
            for (int j = 0; j < nLocals; j++) {
                mv.visitVarInsn(ALOAD, ST);
                push(mv, nState - 1 - j);
                mv.visitInsn(AALOAD);
                mv.visitVarInsn(ASTORE, local(j));
            }
            for (int i = 0; i < maxDepth; i++) {
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, slot(i));
            }
            if (!compact) {
                markRaw();
                for (int i = 0; i < maxDepth; i++) {
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, dslot(i));
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, kslot(i));
                }
            }
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            for (Insn t : entries.values()) {
                Label no = new Label();
                mv.visitVarInsn(ILOAD, ENTRY);
                push(mv, t.ip);
                mv.visitJumpInsn(IF_ICMPNE, no);
                reload(0, t.depth);
                mv.visitJumpInsn(GOTO, t.label);
                mv.visitLabel(no);
            }
            mv.visitJumpInsn(GOTO, code.get(codeStart).label);
            Insn prev = null;
            for (Insn in : code.values()) {
                boolean fused = prev != null && fusedCompare(prev, in);
                if (!fused) {
                    mv.visitLabel(in.label);
                    emit(in, code.get(in.next));
                }
                prev = in;
            }
            mv.visitLabel(end);
            mv.visitLabel(handler);
            Label last = new Label();
            if (exc) {
                // a handler of this frame's blocks takes it in the interpreter (JitRuntime.raised)
                saveLocals();
                mv.visitVarInsn(ALOAD, F);
                mv.visitInsn(SWAP);
                mv.visitVarInsn(ILOAD, CUR);
                rt("raised", "(" + FRAME_D + "Ljava/lang/Throwable;I)V");
                mv.visitFieldInsn(GETSTATIC, RT, "INTERP", OBJ);
                mv.visitInsn(ARETURN);
            } else {
                mv.visitVarInsn(ALOAD, F);
                mv.visitInsn(SWAP);
                mv.visitVarInsn(ILOAD, CUR);
                mv.visitMethodInsn(INVOKESTATIC, RT, "fail", "(" + FRAME_D + "Ljava/lang/Throwable;I)Ljava/lang/Throwable;", false);
                mv.visitInsn(ATHROW);
            }
            mv.visitLabel(last);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            byte[] cls = cw.toByteArray();
            size = last.getOffset();
            return cls;
        }

        /** True when in is a compare followed by a conditional jump that nothing else jumps to. */
        boolean fusedCompare(Insn cmp, Insn jmp) {
            int k = cmp.op - BINARY_OP_MULTI;
            return !compact && cmp.op >= BINARY_OP_MULTI && k <= 7 && cmp.next == jmp.ip && !jmp.jumpedTo
                    && (jmp.op == POP_JUMP_IF_FALSE || jmp.op == POP_JUMP_IF_TRUE);
        }

        void emit(Insn in, Insn next) {
            int op = in.op;
            int d = in.depth;
            int n = (int) in.arg;
            switch (op) {
                case LOAD_CONST_STRING:
                    qstr(n);
                    store(d);
                    return;
                case LOAD_CONST_OBJ:
                    mv.visitVarInsn(ALOAD, CONSTS);
                    push(mv, n);
                    mv.visitInsn(AALOAD);
                    store(d);
                    return;
                case LOAD_CONST_SMALL_INT:
                    boxLong(in.arg);
                    store(d);
                    return;
                case LOAD_CONST_FALSE:
                    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
                    store(d);
                    return;
                case LOAD_CONST_TRUE:
                    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
                    store(d);
                    return;
                case LOAD_CONST_NONE:
                    mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/PyNone", "NONE", "Ldev/mpt/vm/PyNone;");
                    store(d);
                    return;
                case LOAD_NULL:
                    nullMarker();
                    store(d);
                    return;
                case LOAD_FAST_N:
                    loadFast(in, n, d);
                    return;
                case STORE_FAST_N:
                    load(d - 1);
                    mv.visitVarInsn(ASTORE, local(n));
                    return;
                case LOAD_DEREF:
                    cur(in);
                    mv.visitVarInsn(ALOAD, local(n));
                    rt("loadDeref", "(" + OBJ + ")" + OBJ);
                    store(d);
                    return;
                case STORE_DEREF:
                    cur(in);
                    mv.visitVarInsn(ALOAD, local(n));
                    load(d - 1);
                    rt("storeDeref", "(" + OBJ + OBJ + ")V");
                    return;
                case DELETE_FAST:
                    cur(in);
                    mv.visitVarInsn(ALOAD, local(n));
                    rt("local", "(" + OBJ + ")" + OBJ);
                    mv.visitInsn(POP);
                    mv.visitInsn(ACONST_NULL);
                    mv.visitVarInsn(ASTORE, local(n));
                    return;
                case DELETE_DEREF:
                    cur(in);
                    mv.visitVarInsn(ALOAD, local(n));
                    rt("deleteDeref", "(" + OBJ + ")V");
                    return;
                case LOAD_NAME:
                    cur(in);
                    frame();
                    qstr(n);
                    rt("loadName", "(" + FRAME_D + "Ljava/lang/String;)" + OBJ);
                    store(d);
                    return;
                case LOAD_GLOBAL:
                    cur(in);
                    frame();
                    qstr(n);
                    push(mv, in.ip);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Interp", "loadGlobal",
                            "(" + FRAME_D + "Ljava/lang/String;I)" + OBJ, false);
                    store(d);
                    return;
                case LOAD_ATTR:
                    cur(in);
                    frame();
                    load(d - 1);
                    qstr(n);
                    push(mv, in.ip);
                    rt("loadAttr", "(" + FRAME_D + OBJ + "Ljava/lang/String;I)" + OBJ);
                    store(d - 1);
                    return;
                case LOAD_METHOD:
                    cur(in);
                    spill(d - 1, d);
                    frame();
                    qstr(n);
                    mv.visitVarInsn(ALOAD, ST);
                    push(mv, d - 1);
                    push(mv, in.ip);
                    rt("loadMethod", "(" + FRAME_D + "Ljava/lang/String;[Ljava/lang/Object;II)V");
                    reload(d - 1, d + 1);
                    return;
                case LOAD_SUPER_METHOD:
                    cur(in);
                    spill(d - 2, d);
                    qstr(n);
                    mv.visitVarInsn(ALOAD, ST);
                    push(mv, d - 3);
                    rt("loadSuperMethod", "(Ljava/lang/String;[Ljava/lang/Object;I)V");
                    reload(d - 3, d - 1);
                    return;
                case STORE_NAME:
                    cur(in);
                    frame();
                    qstr(n);
                    load(d - 1);
                    rt("storeName", "(" + FRAME_D + "Ljava/lang/String;" + OBJ + ")V");
                    return;
                case STORE_GLOBAL:
                    cur(in);
                    frame();
                    qstr(n);
                    load(d - 1);
                    push(mv, in.ip);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Interp", "storeGlobal",
                            "(" + FRAME_D + "Ljava/lang/String;" + OBJ + "I)V", false);
                    return;
                case STORE_ATTR:
                    cur(in);
                    frame();
                    load(d - 2);
                    load(d - 1);
                    qstr(n);
                    push(mv, in.ip);
                    rt("storeAttr", "(" + FRAME_D + OBJ + OBJ + "Ljava/lang/String;I)V");
                    return;
                case DELETE_NAME:
                case DELETE_GLOBAL:
                    cur(in);
                    frame();
                    qstr(n);
                    rt(op == DELETE_NAME ? "deleteName" : "deleteGlobal", "(" + FRAME_D + "Ljava/lang/String;)V");
                    return;
                case IMPORT_NAME:
                    cur(in);
                    frame();
                    qstr(n);
                    load(d - 2);
                    load(d - 1);
                    rt("importName", "(" + FRAME_D + "Ljava/lang/String;" + OBJ + OBJ + ")" + OBJ);
                    store(d - 2);
                    return;
                case IMPORT_FROM:
                    cur(in);
                    frame();
                    load(d - 1);
                    qstr(n);
                    rt("importFrom", "(" + FRAME_D + OBJ + "Ljava/lang/String;)" + OBJ);
                    store(d);
                    return;
                case IMPORT_STAR:
                    cur(in);
                    frame();
                    load(d - 1);
                    rt("importStar", "(" + FRAME_D + OBJ + ")V");
                    return;
                case MAKE_FUNCTION:
                    cur(in);
                    makeFunction(n, -1, -1, d, 0, d);
                    return;
                case MAKE_FUNCTION_DEFARGS:
                    cur(in);
                    makeFunction(n, d - 2, d - 1, d, 0, d - 2);
                    return;
                case MAKE_CLOSURE: {
                    cur(in);
                    int c = in.arg2;
                    spill(d - c, d);
                    makeFunction(n, -1, -1, d - c, c, d - c);
                    return;
                }
                case MAKE_CLOSURE_DEFARGS: {
                    cur(in);
                    int c = in.arg2;
                    spill(d - c, d);
                    makeFunction(n, d - c - 2, d - c - 1, d - c, c, d - c - 2);
                    return;
                }
                case BUILD_TUPLE:
                case BUILD_LIST:
                case BUILD_SET:
                    cur(in);
                    spill(d - n, d);
                    frame();
                    mv.visitVarInsn(ALOAD, ST);
                    push(mv, d - n);
                    push(mv, n);
                    rt(op == BUILD_TUPLE ? "buildTuple" : op == BUILD_LIST ? "buildList" : "buildSet",
                            "(" + FRAME_D + "[Ljava/lang/Object;II)" + OBJ);
                    store(d - n);
                    return;
                case BUILD_MAP:
                    cur(in);
                    frame();
                    push(mv, n);
                    rt("buildMap", "(" + FRAME_D + "I)" + OBJ);
                    store(d);
                    return;
                case STORE_MAP:
                    cur(in);
                    load(d - 3);
                    load(d - 2);
                    load(d - 1);
                    rt("storeMap", "(" + OBJ + OBJ + OBJ + ")V");
                    return;
                case BUILD_SLICE:
                    cur(in);
                    if (n == 3) {
                        load(d - 3);
                        load(d - 2);
                        load(d - 1);
                    } else {
                        load(d - 2);
                        load(d - 1);
                        mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/PyNone", "NONE", "Ldev/mpt/vm/PyNone;");
                    }
                    rt("buildSlice", "(" + OBJ + OBJ + OBJ + ")" + OBJ);
                    store(d - n);
                    return;
                case STORE_COMP: {
                    cur(in);
                    load(d - 1 - (n >> 2));
                    if ((n & 3) == 0) {
                        load(d - 1);
                        rt("listAppend", "(" + OBJ + OBJ + ")V");
                    } else if ((n & 3) == 1) {
                        load(d - 2);
                        load(d - 1);
                        rt("dictStore", "(" + OBJ + OBJ + OBJ + ")V");
                    } else {
                        load(d - 1);
                        rt("setAdd", "(" + OBJ + OBJ + ")V");
                    }
                    return;
                }
                case UNPACK_SEQUENCE:
                    cur(in);
                    load(d - 1);
                    push(mv, n);
                    mv.visitVarInsn(ALOAD, ST);
                    push(mv, d - 1);
                    rt("unpackSequence", "(" + OBJ + "I[Ljava/lang/Object;I)V");
                    reload(d - 1, d - 1 + n);
                    return;
                case UNPACK_EX:
                    cur(in);
                    load(d - 1);
                    push(mv, n);
                    mv.visitVarInsn(ALOAD, ST);
                    push(mv, d - 1);
                    rt("unpackEx", "(" + OBJ + "I[Ljava/lang/Object;I)V");
                    reload(d - 1, d + (n & 0xff) + ((n >> 8) & 0xff));
                    return;
                case CALL_FUNCTION:
                case CALL_METHOD:
                case CALL_FUNCTION_VAR_KW:
                case CALL_METHOD_VAR_KW: {
                    cur(in);
                    int nPos = n & 0xff;
                    int nKw = (n >> 8) & 0xff;
                    int extra = op == CALL_FUNCTION ? 0 : op == CALL_METHOD || op == CALL_FUNCTION_VAR_KW ? 1 : 2;
                    int base = d - 1 - (nPos + 2 * nKw + extra);
                    spill(base, d);
                    if ((op == CALL_FUNCTION || op == CALL_METHOD) && nKw == 0) {
                        // a built-in function called from here: its code through this call
                        // site's own interface call, which the JIT sees as this site's alone
                        // (one shared call in Ops.call sees every built-in: megamorphic)
                        Label general = new Label();
                        Label done = new Label();
                        load(base);
                        mv.visitTypeInsn(INSTANCEOF, BUILTIN);
                        mv.visitJumpInsn(IFEQ, general);
                        load(base);
                        mv.visitTypeInsn(CHECKCAST, BUILTIN);
                        mv.visitFieldInsn(GETFIELD, BUILTIN, "impl", "L" + NATIVE + ";");
                        mv.visitVarInsn(ALOAD, ST);
                        push(mv, base);
                        push(mv, nPos);
                        rt(op == CALL_FUNCTION ? "builtinArgs" : "builtinMethodArgs", "([Ljava/lang/Object;II)[" + OBJ);
                        mv.visitInsn(ACONST_NULL);
                        mv.visitMethodInsn(INVOKEINTERFACE, NATIVE, "call", "([" + OBJ + "Ljava/util/Map;)" + OBJ, true);
                        mv.visitJumpInsn(GOTO, done);
                        mv.visitLabel(general);
                        mv.visitVarInsn(ALOAD, ST);
                        push(mv, base);
                        push(mv, nPos);
                        push(mv, nKw);
                        rt(op == CALL_FUNCTION ? "callFunction" : "callMethod", "([Ljava/lang/Object;III)" + OBJ);
                        mv.visitLabel(done);
                    } else if (op == CALL_FUNCTION || op == CALL_METHOD) {
                        mv.visitVarInsn(ALOAD, ST);
                        push(mv, base);
                        push(mv, nPos);
                        push(mv, nKw);
                        rt(op == CALL_FUNCTION ? "callFunction" : "callMethod", "([Ljava/lang/Object;III)" + OBJ);
                    } else {
                        mv.visitVarInsn(ALOAD, ST);
                        push(mv, base);
                        push(mv, nPos);
                        push(mv, nKw);
                        mv.visitInsn(op == CALL_METHOD_VAR_KW ? ICONST_1 : ICONST_0);
                        rt("callVarKw", "([Ljava/lang/Object;IIIZ)" + OBJ);
                    }
                    store(base);
                    return;
                }
                case JUMP:
                    jump(in, in.target);
                    return;
                case POP_JUMP_IF_TRUE:
                case POP_JUMP_IF_FALSE:
                    cur(in);
                    load(d - 1);
                    rt("truthy", "(" + OBJ + ")Z");
                    branch(in, op == POP_JUMP_IF_TRUE ? IFNE : IFEQ);
                    return;
                case JUMP_IF_TRUE_OR_POP:
                case JUMP_IF_FALSE_OR_POP:
                    cur(in);
                    load(d - 1);
                    rt("truthyPlain", "(" + OBJ + ")Z");
                    mv.visitJumpInsn(op == JUMP_IF_TRUE_OR_POP ? IFNE : IFEQ, code.get(in.target).label);
                    return;
                case GET_ITER:
                    cur(in);
                    load(d - 1);
                    rt("iter", "(" + OBJ + ")" + OBJ);
                    store(d - 1);
                    return;
                case GET_ITER_STACK:
                    cur(in);
                    load(d - 1);
                    rt("iter", "(" + OBJ + ")" + OBJ);
                    store(d - 1);
                    for (int i = 0; i < 3; i++) {
                        nullMarker();
                        store(d + i);
                    }
                    return;
                case FOR_ITER: {
                    // a built-in iterator's next through this loop's own virtual call (the
                    // JIT sees this loop's one kind of iterator, not every kind: Ops.next)
                    cur(in);
                    Label other = new Label();
                    Label got = new Label();
                    load(d - 4);
                    load(d - 3);
                    rt("iterator", "(" + OBJ + OBJ + ")" + OBJ);
                    mv.visitInsn(DUP);
                    mv.visitTypeInsn(INSTANCEOF, PYITER);
                    mv.visitJumpInsn(IFEQ, other);
                    mv.visitTypeInsn(CHECKCAST, PYITER);
                    mv.visitMethodInsn(INVOKEVIRTUAL, PYITER, "next", "()" + OBJ, false);
                    mv.visitJumpInsn(GOTO, got);
                    mv.visitLabel(other);
                    rt("next", "(" + OBJ + ")" + OBJ);
                    mv.visitLabel(got);
                    mv.visitInsn(DUP);
                    store(d);
                    mv.visitJumpInsn(IFNULL, code.get(in.target).label);
                    return;
                }
                case LOAD_BUILD_CLASS:
                    cur(in);
                    frame();
                    rt("buildClass", "(" + FRAME_D + ")" + OBJ);
                    store(d);
                    return;
                case LOAD_SUBSCR:
                    cur(in);
                    load(d - 2);
                    load(d - 1);
                    rt("loadSubscr", "(" + OBJ + OBJ + ")" + OBJ);
                    store(d - 2);
                    return;
                case STORE_SUBSCR:
                    cur(in);
                    load(d - 3);
                    load(d - 2);
                    load(d - 1);
                    rt("storeSubscr", "(" + OBJ + OBJ + OBJ + ")V");
                    return;
                case DUP_TOP:
                    load(d - 1);
                    store(d);
                    return;
                case DUP_TOP_TWO:
                    load(d - 2);
                    store(d);
                    load(d - 1);
                    store(d + 1);
                    return;
                case POP_TOP:
                    return;
                case ROT_TWO:
                    load(d - 1);
                    load(d - 2);
                    store(d - 1);
                    store(d - 2);
                    return;
                case ROT_THREE:
                    load(d - 1);
                    load(d - 2);
                    store(d - 1);
                    load(d - 3);
                    store(d - 2);
                    store(d - 3);
                    return;
                case RETURN_VALUE:
                    if (exc) {
                        // with a finally (or with) block active, it runs first: the interpreter's unwinding
                        Label plain = new Label();
                        frame();
                        rt("finallyActive", "(" + FRAME_D + ")Z");
                        mv.visitJumpInsn(IFEQ, plain);
                        deopt(in, d);
                        mv.visitLabel(plain);
                    }
                    load(d - 1);
                    mv.visitInsn(ARETURN);
                    return;
                case SETUP_EXCEPT:
                case SETUP_FINALLY:
                    // the stack below the block is in the state array for its handler
                    spill(0, d);
                    frame();
                    push(mv, in.target);
                    push(mv, d - 1);
                    push(mv, op == SETUP_FINALLY ? 1 : 0);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Interp", "pushExc", "(" + FRAME_D + "IIZ)V", false);
                    return;
                case SETUP_WITH:
                    cur(in);
                    spill(0, d);
                    frame();
                    push(mv, in.target);
                    push(mv, d - 1);
                    rt("setupWith", "(" + FRAME_D + "II)" + OBJ);
                    store(d + 1);
                    reload(d - 1, d + 1);
                    return;
                case POP_EXCEPT_JUMP:
                    frame();
                    rt("popExc", "(" + FRAME_D + ")V");
                    mv.visitJumpInsn(GOTO, code.get(in.target).label);
                    return;
                case END_FINALLY: {
                    // the end of a finally block reached normally (None on top); else the
                    // interpreter re-raises, returns or jumps as the block's entry asked
                    Label other = new Label();
                    load(d - 1);
                    mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/PyNone", "NONE", "Ldev/mpt/vm/PyNone;");
                    mv.visitJumpInsn(IF_ACMPNE, other);
                    frame();
                    rt("popExc", "(" + FRAME_D + ")V");
                    mv.visitJumpInsn(GOTO, next.label);
                    mv.visitLabel(other);
                    deopt(in, d);
                    return;
                }
                case WITH_CLEANUP: {
                    // a with block left normally (None on top): __exit__(None, None, None)
                    Label other = new Label();
                    load(d - 1);
                    mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/PyNone", "NONE", "Ldev/mpt/vm/PyNone;");
                    mv.visitJumpInsn(IF_ACMPNE, other);
                    cur(in);
                    load(d - 3);
                    load(d - 2);
                    rt("withExit", "(" + OBJ + OBJ + ")V");
                    mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/PyNone", "NONE", "Ldev/mpt/vm/PyNone;");
                    store(d - 3);
                    mv.visitJumpInsn(GOTO, next.label);
                    mv.visitLabel(other);
                    deopt(in, d);
                    return;
                }
                case UNWIND_JUMP:
                case RAISE_LAST:
                    deopt(in, d);
                    return;
                case YIELD_VALUE:
                    // the frame as the interpreter leaves it at a yield: locals and stack in
                    // the state array, ip after the yield, sp at the value (the sent one goes there)
                    saveLocals();
                    spill(0, d);
                    suspend(in.next, d - 1);
                    frame();
                    load(d - 1);
                    mv.visitFieldInsn(PUTFIELD, FRAME, "result", OBJ);
                    mv.visitFieldInsn(GETSTATIC, RT, "YIELDED", OBJ);
                    mv.visitInsn(ARETURN);
                    return;
                case YIELD_FROM: {
                    // the interpreter's step (Interp.yieldFrom) on the saved frame: the
                    // iterator at d - 2, the value sent at d - 1
                    cur(in);
                    saveLocals();
                    spill(0, d - 1);
                    suspend(in.next, d - 2);
                    frame();
                    load(d - 1);
                    rt("yieldFrom", "(" + FRAME_D + OBJ + ")Z");
                    Label done = new Label();
                    mv.visitJumpInsn(IFEQ, done);
                    mv.visitFieldInsn(GETSTATIC, RT, "YIELDED", OBJ);
                    mv.visitInsn(ARETURN);
                    mv.visitLabel(done);
                    reload(d - 2, d - 1);
                    return;
                }
                case RAISE_OBJ:
                    cur(in);
                    load(d - 1);
                    rt("raise", "(" + OBJ + ")Ldev/mpt/vm/PyError;");
                    mv.visitInsn(ATHROW);
                    return;
                case RAISE_FROM:
                    cur(in);
                    frame();
                    load(d - 2);
                    load(d - 1);
                    rt("raiseFrom", "(" + FRAME_D + OBJ + OBJ + ")Ldev/mpt/vm/PyError;");
                    mv.visitInsn(ATHROW);
                    return;
                default:
                    break;
            }
            if (op >= LOAD_CONST_SMALL_INT_MULTI && op < LOAD_CONST_SMALL_INT_MULTI + 64) {
                boxLong(op - LOAD_CONST_SMALL_INT_MULTI - dev.mpt.bytecode.Opcode.SMALL_INT_MULTI_EXCESS);
                store(d);
            } else if (op >= LOAD_FAST_MULTI && op < LOAD_FAST_MULTI + 16) {
                loadFast(in, op - LOAD_FAST_MULTI, d);
            } else if (op >= STORE_FAST_MULTI && op < STORE_FAST_MULTI + 16) {
                load(d - 1);
                mv.visitVarInsn(ASTORE, local(op - STORE_FAST_MULTI));
            } else if (op >= UNARY_OP_MULTI && op < UNARY_OP_MULTI + 7) {
                cur(in);
                push(mv, op - UNARY_OP_MULTI);
                load(d - 1);
                rt("unary", "(I" + OBJ + ")" + OBJ);
                store(d - 1);
            } else if (op >= BINARY_OP_MULTI && op < BINARY_OP_MULTI + 35) {
                cur(in);
                if (next != null && fusedCompare(in, next)) {
                    compareAndBranch(in, next);
                } else {
                    binary(in, op - BINARY_OP_MULTI, d);
                }
            } else {
                throw new IllegalStateException("opcode 0x" + Integer.toHexString(op));
            }
        }

        // ---- pieces ----

        void loadFast(Insn in, int j, int d) {
            cur(in);
            mv.visitVarInsn(ALOAD, local(j));
            rt("local", "(" + OBJ + ")" + OBJ);
            store(d);
        }

        void makeFunction(int idx, int defT, int defD, int from, int nClosed, int result) {
            frame();
            push(mv, idx);
            if (defT >= 0) {
                load(defT);
                load(defD);
            } else {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ACONST_NULL);
            }
            mv.visitVarInsn(ALOAD, ST);
            push(mv, from);
            push(mv, nClosed);
            rt("makeFunction", "(" + FRAME_D + "I" + OBJ + OBJ + "[Ljava/lang/Object;II)" + OBJ);
            store(result);
        }

        /**
         * A jump to target; a backward one makes the interpreter's periodic check first
         * (VM.handlePending: Ctrl-C, scheduled callbacks, handing the GIL to another thread).
         */
        void jump(Insn in, int target) {
            if (target < in.next) {
                cur(in);
                mv.visitVarInsn(ALOAD, VMV);
                mv.visitMethodInsn(INVOKESTATIC, VM, "handlePending", "(L" + VM + ";)V", false);
                // Every PERIOD iterations the code leaves at the loop head (frame saved, f.ip
                // the head) and its caller enters it again: HotSpot compiles a method that is
                // invoked often soon, while a loop in one long invocation waits for many more
                // back-edges, in slow JVM-interpreted code (JitRuntime.enter).
                Insn t = code.get(target);
                mv.visitIincInsn(CNT, 1);
                mv.visitVarInsn(ILOAD, CNT);
                push(mv, PERIOD);
                mv.visitJumpInsn(IF_ICMPLT, t.label);
                saveLocals();
                spill(0, t.depth);
                mv.visitVarInsn(ALOAD, F);
                push(mv, t.ip);
                mv.visitFieldInsn(PUTFIELD, FRAME, "ip", "I");
                mv.visitFieldInsn(GETSTATIC, RT, "AGAIN", OBJ);
                mv.visitInsn(ARETURN);
                return;
            }
            mv.visitJumpInsn(GOTO, code.get(target).label);
        }

        /** The int on the JVM stack decides (IFNE/IFEQ jumps) whether in jumps to its target. */
        void branch(Insn in, int cond) {
            if (in.target < in.next) {
                Label stay = new Label();
                mv.visitJumpInsn(cond == IFNE ? IFEQ : IFNE, stay);
                jump(in, in.target);
                mv.visitLabel(stay);
            } else {
                mv.visitJumpInsn(cond, code.get(in.target).label);
            }
        }

        /**
         * A compare (< > == <= >= != in is) straight into the conditional jump that follows:
         * two ints or two floats inline, the rest through JitRuntime.compareSlow.
         */
        void compareAndBranch(Insn cmp, Insn jmp) {
            int k = cmp.op - BINARY_OP_MULTI;
            int d = cmp.depth;
            boolean onTrue = jmp.op == POP_JUMP_IF_TRUE;
            Label taken = new Label();
            Label notTaken = new Label();
            Label slow = new Label();
            if (k <= 5) {
                Label notLong = new Label();
                if (cmp.rawIn != 0) {
                    Label generic = new Label();
                    rawOperands(cmp, d, generic);
                    operands(DLOAD);
                    mv.visitInsn(k == 0 || k == 3 ? DCMPG : DCMPL);
                    mv.visitJumpInsn(cmpJump(k, onTrue), taken);
                    mv.visitJumpInsn(GOTO, notTaken);
                    mv.visitLabel(generic);
                    boxRawOperands(cmp, d);
                }
                load(d - 2);
                mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
                mv.visitJumpInsn(IFEQ, notLong);
                load(d - 1);
                mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
                mv.visitJumpInsn(IFEQ, slow);
                unboxLong(d - 2);
                unboxLong(d - 1);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(cmpJump(k, onTrue), taken);
                mv.visitJumpInsn(GOTO, notTaken);
                mv.visitLabel(notLong);
                load(d - 2);
                mv.visitTypeInsn(INSTANCEOF, "java/lang/Double");
                mv.visitJumpInsn(IFEQ, slow);
                load(d - 1);
                mv.visitTypeInsn(INSTANCEOF, "java/lang/Double");
                mv.visitJumpInsn(IFEQ, slow);
                unboxDouble(d - 2);
                unboxDouble(d - 1);
                mv.visitInsn(k == 0 || k == 3 ? DCMPG : DCMPL);
                mv.visitJumpInsn(cmpJump(k, onTrue), taken);
                mv.visitJumpInsn(GOTO, notTaken);
            }
            mv.visitLabel(slow);
            push(mv, k);
            load(d - 2);
            load(d - 1);
            rt("compareSlow", "(I" + OBJ + OBJ + ")Z");
            mv.visitJumpInsn(onTrue ? IFNE : IFEQ, taken);
            mv.visitJumpInsn(GOTO, notTaken);
            mv.visitLabel(taken);
            jump(jmp, jmp.target);
            mv.visitLabel(notTaken);
            // falls through to the instruction after the jump
        }

        /** The JVM jump on an lcmp/dcmp result that is taken when the compare k gives onTrue. */
        int cmpJump(int k, boolean onTrue) {
            int j;
            switch (k) {
                case 0: j = IFLT; break;
                case 1: j = IFGT; break;
                case 2: j = IFEQ; break;
                case 3: j = IFLE; break;
                case 4: j = IFGE; break;
                default: j = IFNE; break;
            }
            if (onTrue) {
                return j;
            }
            switch (j) {
                case IFLT: return IFGE;
                case IFGT: return IFLE;
                case IFEQ: return IFNE;
                case IFLE: return IFGT;
                case IFGE: return IFLT;
                default: return IFEQ;
            }
        }

        /**
         * BINARY_OP k on slots d-2 and d-1 into d-2: int/int and float/float inlined where the
         * interpreter has a fast path (for floats, a compare with a NaN is false except !=).
         */
        void binary(Insn in, int k, int d) {
            if (compact) {
                push(mv, k);
                load(d - 2);
                load(d - 1);
                rt("binary", "(I" + OBJ + OBJ + ")" + OBJ);
                store(d - 2);
                return;
            }
            boolean longFast = k <= 5 || (k >= 9 && k <= 16) || (k >= 18 && k <= 29) || k == 31 || k == 33
                    || k == 20;
            boolean doubleFast = doubleFast(k);
            Label done = new Label();
            Label rawDone = in.rawOut ? new Label() : null;
            Label slow = new Label();
            Label notLong = new Label();
            if (in.rawIn != 0) {
                // an operand that may be unboxed: floats first, straight from the unboxed values
                Label generic = new Label();
                rawOperands(in, d, generic);
                doubleOp(k, d, generic, done, rawDone);
                mv.visitLabel(generic);
                boxRawOperands(in, d);
            }
            if (longFast) {
                unboxOperands("java/lang/Long", d, doubleFast ? notLong : slow, slow);
                longOp(k, d, slow, done);
            }
            if (doubleFast) {
                mv.visitLabel(notLong);
                unboxOperands("java/lang/Double", d, slow, slow);
                doubleOp(k, d, slow, done, rawDone);
            }
            mv.visitLabel(slow);
            push(mv, k);
            load(d - 2);
            load(d - 1);
            rt("binarySlow", "(I" + OBJ + OBJ + ")" + OBJ);
            store(d - 2);
            mv.visitLabel(done);
            if (rawDone != null) {
                Label end = new Label();
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, kslot(d - 2));
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(rawDone);
                mv.visitVarInsn(DSTORE, dslot(d - 2));
                mv.visitInsn(ICONST_1);
                mv.visitVarInsn(ISTORE, kslot(d - 2));
                mv.visitLabel(end);
            }
        }

        /**
         * The operands of in (at d - 2 and d - 1) as doubles into LX and LY, unboxed ones
         * straight from their dslot; to other when one is not a float.
         */
        void rawOperands(Insn in, int d, Label other) {
            for (int i = 0; i < 2; i++) {
                int s = d - 2 + i;
                Label ok = new Label();
                if ((in.rawIn & (1 << i)) != 0) {
                    Label boxed = new Label();
                    mv.visitVarInsn(ILOAD, kslot(s));
                    mv.visitJumpInsn(IFEQ, boxed);
                    mv.visitVarInsn(DLOAD, dslot(s));
                    mv.visitVarInsn(DSTORE, i == 0 ? LX : LY);
                    mv.visitJumpInsn(GOTO, ok);
                    mv.visitLabel(boxed);
                }
                load(s);
                mv.visitTypeInsn(INSTANCEOF, "java/lang/Double");
                mv.visitJumpInsn(IFEQ, other);
                unboxDouble(s);
                mv.visitVarInsn(DSTORE, i == 0 ? LX : LY);
                mv.visitLabel(ok);
            }
        }

        /** The operands of in that came unboxed, boxed into their slots (for the general code). */
        void boxRawOperands(Insn in, int d) {
            for (int i = 0; i < 2; i++) {
                int s = d - 2 + i;
                if ((in.rawIn & (1 << i)) != 0) {
                    Label boxed = new Label();
                    mv.visitVarInsn(ILOAD, kslot(s));
                    mv.visitJumpInsn(IFEQ, boxed);
                    mv.visitVarInsn(DLOAD, dslot(s));
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
                    store(s);
                    mv.visitLabel(boxed);
                }
            }
        }

        /** True when the interpreter has a float fast path for BINARY_OP k (Numeric.doubleFast). */
        static boolean doubleFast(int k) {
            return k <= 5 || k == 14 || k == 15 || k == 16 || k == 19 || (k >= 27 && k <= 29) || k == 32;
        }

        /** The float operations compiled to one JVM instruction: + - * / and their in-place forms. */
        static boolean rawOp(int k) {
            return k == 14 || k == 15 || k == 16 || k == 19 || (k >= 27 && k <= 29) || k == 32;
        }

        void longOp(int k, int d, Label slow, Label done) {
            switch (k) {
                case 0: case 1: case 2: case 3: case 4: case 5:
                    operands(LLOAD);
                    mv.visitInsn(LCMP);
                    bool(cmpJump(k, true), d, done);
                    return;
                case 14: case 27: // ADD: overflow when ((x ^ r) & (y ^ r)) < 0
                case 15: case 28: { // SUBTRACT: overflow when ((x ^ y) & (x ^ r)) < 0
                    boolean add = k == 14 || k == 27;
                    operands(LLOAD);
                    mv.visitInsn(add ? LADD : LSUB);
                    mv.visitVarInsn(LSTORE, LR);
                    mv.visitVarInsn(LLOAD, LX);
                    mv.visitVarInsn(LLOAD, add ? LR : LY);
                    mv.visitInsn(LXOR);
                    mv.visitVarInsn(LLOAD, add ? LY : LX);
                    mv.visitVarInsn(LLOAD, LR);
                    mv.visitInsn(LXOR);
                    mv.visitInsn(LAND);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    mv.visitJumpInsn(IFLT, slow);
                    mv.visitVarInsn(LLOAD, LR);
                    boxedResult("java/lang/Long", "J", d, done);
                    return;
                }
                case 9: case 22: case 10: case 23: case 11: case 24:
                    operands(LLOAD);
                    mv.visitInsn(k == 9 || k == 22 ? LOR : k == 10 || k == 23 ? LXOR : LAND);
                    boxedResult("java/lang/Long", "J", d, done);
                    return;
                default:
                    push(mv, k);
                    operands(LLOAD);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Numeric", "longFast", "(IJJ)" + OBJ, false);
                    resultOrSlow(d, slow, done);
            }
        }

        /** The float operation k on LX and LY; a result of + - * / unboxed to rawDone when it is not null. */
        void doubleOp(int k, int d, Label slow, Label done, Label rawDone) {
            switch (k) {
                case 0: case 1: case 2: case 3: case 4: case 5:
                    operands(DLOAD);
                    mv.visitInsn(k == 0 || k == 3 ? DCMPG : DCMPL);
                    bool(cmpJump(k, true), d, done);
                    return;
                case 14: case 27: case 15: case 28: case 16: case 29: case 19: case 32:
                    if (k == 19 || k == 32) {
                        // a division by zero (or -0.0) raises: the general code does it
                        mv.visitVarInsn(DLOAD, LY);
                        mv.visitInsn(DCONST_0);
                        mv.visitInsn(DCMPL);
                        mv.visitJumpInsn(IFEQ, slow);
                    }
                    operands(DLOAD);
                    mv.visitInsn(k == 14 || k == 27 ? DADD : k == 15 || k == 28 ? DSUB : k == 16 || k == 29 ? DMUL : DDIV);
                    if (rawDone != null) {
                        mv.visitJumpInsn(GOTO, rawDone);
                    } else {
                        boxedResult("java/lang/Double", "D", d, done);
                    }
                    return;
                default:
                    push(mv, k);
                    operands(DLOAD);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Numeric", "doubleFast", "(IDD)" + OBJ, false);
                    resultOrSlow(d, slow, done);
            }
        }

        /** The unboxed operands x and y (LLOAD or DLOAD). */
        void operands(int loadOp) {
            mv.visitVarInsn(loadOp, LX);
            mv.visitVarInsn(loadOp, LY);
        }

        /** Boxes the primitive result (J or D) into the left operand's slot and jumps to done. */
        void boxedResult(String box, String prim, int d, Label done) {
            if (box.equals("java/lang/Long")) {
                // the VM's shared boxes (Long.valueOf allocates for ints above 127)
                mv.visitMethodInsn(INVOKESTATIC, "dev/mpt/vm/Box", "of", "(J)Ljava/lang/Long;", false);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, box, "valueOf", "(" + prim + ")L" + box + ";", false);
            }
            store(d - 2);
            mv.visitJumpInsn(GOTO, done);
        }

        /**
         * Both operands of type box (Long or Double) unboxed into LX and LY; the left one of
         * another type goes to leftOther, the right one to rightOther.
         */
        void unboxOperands(String box, int d, Label leftOther, Label rightOther) {
            boolean isLong = box.equals("java/lang/Long");
            load(d - 2);
            mv.visitTypeInsn(INSTANCEOF, box);
            mv.visitJumpInsn(IFEQ, leftOther);
            load(d - 1);
            mv.visitTypeInsn(INSTANCEOF, box);
            mv.visitJumpInsn(IFEQ, rightOther);
            for (int i = 0; i < 2; i++) {
                if (isLong) {
                    unboxLong(d - 2 + i);
                } else {
                    unboxDouble(d - 2 + i);
                }
                mv.visitVarInsn(isLong ? LSTORE : DSTORE, i == 0 ? LX : LY);
            }
        }

        void resultOrSlow(int d, Label slow, Label done) {
            mv.visitInsn(DUP);
            Label ok = new Label();
            mv.visitJumpInsn(IFNONNULL, ok);
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, slow);
            mv.visitLabel(ok);
            store(d - 2);
            mv.visitJumpInsn(GOTO, done);
        }

        /** Boolean.TRUE into slot d-2 when the int on the JVM stack satisfies jump, else FALSE. */
        void bool(int jump, int d, Label done) {
            Label t = new Label();
            mv.visitJumpInsn(jump, t);
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
            store(d - 2);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(t);
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
            store(d - 2);
            mv.visitJumpInsn(GOTO, done);
        }

        void unboxLong(int s) {
            load(s);
            mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
        }

        void unboxDouble(int s) {
            load(s);
            mv.visitTypeInsn(CHECKCAST, "java/lang/Double");
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
        }

        void boxLong(long v) {
            if (v >= -128 && v <= 127) {
                mv.visitLdcInsn(v);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            } else {
                // outside Long's cache: one box for this class, made on first use (a constant
                // to the JIT), where Long.valueOf allocated at every load
                mv.visitLdcInsn(new ConstantDynamic("int", "Ljava/lang/Long;", CONST_INVOKE, LONG_VALUE_OF, v));
            }
        }

        void nullMarker() {
            mv.visitFieldInsn(GETSTATIC, "dev/mpt/vm/Interp", "NULL", OBJ);
        }

        void cur(Insn in) {
            push(mv, in.ip);
            mv.visitVarInsn(ISTORE, CUR);
        }

        void frame() {
            mv.visitVarInsn(ALOAD, F);
        }

        void qstr(int idx) {
            mv.visitVarInsn(ALOAD, QSTRS);
            push(mv, idx);
            mv.visitInsn(AALOAD);
        }

        void load(int s) {
            mv.visitVarInsn(ALOAD, slot(s));
        }

        void store(int s) {
            mv.visitVarInsn(ASTORE, slot(s));
        }

        /**
         * Leaves the rest of this call to the interpreter at in: the frame saved as the
         * interpreter keeps it before in (JitRuntime.enter continues it there, and compiled
         * code takes it back at a loop head).
         */
        void deopt(Insn in, int d) {
            saveLocals();
            spill(0, d);
            suspend(in.ip, d - 1);
            mv.visitFieldInsn(GETSTATIC, RT, "INTERP", OBJ);
            mv.visitInsn(ARETURN);
        }

        /** The Python locals into the frame's state array. */
        void saveLocals() {
            for (int j = 0; j < nLocals; j++) {
                mv.visitVarInsn(ALOAD, ST);
                push(mv, nState - 1 - j);
                mv.visitVarInsn(ALOAD, local(j));
                mv.visitInsn(AASTORE);
            }
        }

        /** f.ip and f.sp as the interpreter leaves them when the frame is suspended. */
        void suspend(int ip, int sp) {
            frame();
            push(mv, ip);
            mv.visitFieldInsn(PUTFIELD, FRAME, "ip", "I");
            frame();
            push(mv, sp);
            mv.visitFieldInsn(PUTFIELD, FRAME, "sp", "I");
        }

        /** Slots [from, to) into the frame's state array at their interpreter positions. */
        void spill(int from, int to) {
            for (int i = from; i < to; i++) {
                mv.visitVarInsn(ALOAD, ST);
                push(mv, i);
                load(i);
                mv.visitInsn(AASTORE);
            }
        }

        /** Slots [from, to) back from the state array. */
        void reload(int from, int to) {
            for (int i = from; i < to; i++) {
                mv.visitVarInsn(ALOAD, ST);
                push(mv, i);
                mv.visitInsn(AALOAD);
                store(i);
            }
        }

        void rt(String name, String desc) {
            mv.visitMethodInsn(INVOKESTATIC, RT, name, desc, false);
        }
    }

    static void push(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
