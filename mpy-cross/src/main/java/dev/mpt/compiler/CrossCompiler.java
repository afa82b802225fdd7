package dev.mpt.compiler;

import dev.mpt.bytecode.Constant;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.MpyWriter;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.Qstr;
import dev.mpt.bytecode.RawCode;
import dev.mpt.bytecode.Utf8;
import dev.mpt.compiler.thumb.ThumbAssembler;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Source to .mpy, the whole pipeline: {@link Lexer}, {@link Parser}, {@link Compiler} (scope
 * analysis and the bytecode {@link Emitter}), then the .mpy model written by
 * {@link MpyWriter}.
 */
public final class CrossCompiler {
    private CrossCompiler() {}

    /**
     * Compiler options: the -O level, the target's small-int width, and the -march
     * architecture (null for none: then native decorators are an "invalid arch" error; a Thumb
     * architecture assembles {@code @micropython.asm_thumb} functions and, when there is one,
     * marks the file's header with the architecture), and the official tool's GC heap size
     * ({@code -X heapsize}; 0 for its default), which bounds the size of an assembled function;
     * {@code forVm}: see {@link #withForVm()}.
     */
    public record Options(int optimise, int smallIntBits, String nativeArch, long archFlags, long heapSize,
            boolean forVm, String emit, Consumer<String> debugListing) {
        public Options(int optimise, int smallIntBits, String nativeArch, long archFlags, long heapSize,
                boolean forVm, String emit) {
            this(optimise, smallIntBits, nativeArch, archFlags, heapSize, forVm, emit, null);
        }

        public Options(int optimise, int smallIntBits, String nativeArch, long archFlags, long heapSize,
                boolean forVm) {
            this(optimise, smallIntBits, nativeArch, archFlags, heapSize, forVm, "bytecode");
        }

        public Options(int optimise, int smallIntBits, String nativeArch, long archFlags, long heapSize) {
            this(optimise, smallIntBits, nativeArch, archFlags, heapSize, false);
        }

        public Options(int optimise, int smallIntBits) {
            this(optimise, smallIntBits, null, 0);
        }

        public Options(int optimise, int smallIntBits, String nativeArch) {
            this(optimise, smallIntBits, nativeArch, 0);
        }

        public Options(int optimise, int smallIntBits, String nativeArch, long archFlags) {
            this(optimise, smallIntBits, nativeArch, archFlags, 0);
        }

        public static Options defaults() {
            return new Options(0, MpyHeader.DEFAULT_SMALL_INT_BITS);
        }

        /**
         * For our VM rather than a file: {@code @micropython.native} and {@code viper}
         * functions compile to bytecode (the VM runs no machine code; the unix port would run
         * them natively), and the inline assemblers are an invalid decorator, as on a port
         * without them.
         */
        public Options withForVm() {
            return new Options(optimise, smallIntBits, null, archFlags, heapSize, true);
        }

        /** With the default emitter of {@code -X emit=}: bytecode, native or viper. */
        public Options withEmit(String emit) {
            return new Options(optimise, smallIntBits, nativeArch, archFlags, heapSize, forVm, emit, debugListing);
        }

        /**
         * With {@code listing} receiving the text {@code -march=debug} prints (the native
         * emitter's operations, a line at a time, each char one byte of the output).
         */
        public Options withDebugListing(Consumer<String> listing) {
            return new Options(optimise, smallIntBits, nativeArch, archFlags, heapSize, forVm, emit, listing);
        }
    }

    /** Stack for compiling: the compiler recurses once per nesting level of the source. */
    private static final long STACK_BYTES = 256L << 20;

    /**
     * Compiles {@code source}; {@code sourceName} is the name embedded in the file. Runs on a
     * thread with a large stack so deeply nested source compiles; nesting beyond even that is
     * reported as MicroPython reports it, "maximum recursion depth exceeded".
     */
    public static MpyFile compile(byte[] source, String sourceName, Options options) {
        return compile(source, sourceName, options, Parser.InputKind.FILE);
    }

    /**
     * Compiles {@code source} as {@code kind} input: a module, a single expression whose value
     * the code returns (eval), or one interactive statement whose expression values are
     * printed with {@code __repl_print__} (single).
     */
    public static MpyFile compile(byte[] source, String sourceName, Options options, Parser.InputKind kind) {
        return compile(source, sourceName, options, kind, null);
    }

    /**
     * As above; {@code interned}, when not null, receives the names the compile interned
     * (the source name, then identifiers and short strings as the source first mentions
     * them), which a MicroPython firmware numbers in that order.
     */
    public static MpyFile compile(byte[] source, String sourceName, Options options, Parser.InputKind kind,
            List<String> interned) {
        if (dev.mpt.vm.VM.isVmThread()) {
            // a VM thread's stack is larger than the compiler's own: compile here (an import,
            // exec(), a REPL line), without starting a thread per compilation
            try {
                return compileHere(source, sourceName, options, kind, interned);
            } catch (StackOverflowError e) {
                throw new CompileError("RuntimeError", "maximum recursion depth exceeded", -1);
            }
        }
        MpyFile[] result = new MpyFile[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = compileHere(source, sourceName, options, kind, interned);
            } catch (StackOverflowError e) {
                failure[0] = new CompileError("RuntimeError", "maximum recursion depth exceeded", -1);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "mpy-cross", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private static MpyFile compileHere(byte[] source, String sourceName, Options options, Parser.InputKind kind,
            List<String> interned) {
        String srcName = latin1(sourceName);
        Qstrs qstrs = new Qstrs();
        qstrs.intern(srcName);
        Lexer lexer = new Lexer(source, options.optimise() != 0);
        ParseNode root = Parser.parse(lexer, qstrs, options.smallIntBits(), kind);
        if (interned != null) {
            interned.addAll(qstrs.inOrder());
        }
        NativeArch arch = options.nativeArch() == null ? null
            : NativeArch.ofMarchName(options.nativeArch()).orElseThrow(
                () -> new IllegalArgumentException("unknown architecture: " + options.nativeArch()));
        Compiler.Result r = Compiler.compile(root, srcName, options.optimise(), options.smallIntBits(),
            arch, maxAsmCodeSize(options.heapSize()), kind == Parser.InputKind.SINGLE, options.forVm(),
            switch (options.emit()) {
                case "native" -> Compiler.EMIT_OPT_NATIVE_PYTHON;
                case "viper" -> Compiler.EMIT_OPT_VIPER;
                default -> Compiler.EMIT_OPT_NONE;
            }, options.archFlags(), options.debugListing());
        List<Qstr> qs = new ArrayList<>();
        for (String q : r.qstrs()) {
            qs.add(Qstr.of(utf8(q)));
        }
        List<Constant> cs = new ArrayList<>();
        for (Object o : r.consts()) {
            cs.add(constant(o));
        }
        MpyHeader header = MpyHeader.of(r.hasNative() ? arch : NativeArch.NONE, options.archFlags(),
            options.smallIntBits());
        return new MpyFile(header, qs, cs, rawCode(r.module()));
    }

    /** The official tool's heap when {@code -X heapsize} is not given (64-bit host). */
    static final long DEFAULT_HEAP_SIZE = 2L << 20;

    /**
     * The largest inline-assembler function the official tool can allocate with a GC heap of
     * {@code heapSize} bytes (0: the default heap). Its heap keeps one allocation-table byte
     * per four 32-byte blocks; what the rest of a small module occupies is taken from the
     * measured default ({@link ThumbAssembler#DEFAULT_MAX_CODE_SIZE}). Like that measurement
     * it is exact only for small modules: a large one leaves a little less room.
     */
    static long maxAsmCodeSize(long heapSize) {
        if (heapSize == 0 || heapSize == DEFAULT_HEAP_SIZE) {
            return ThumbAssembler.DEFAULT_MAX_CODE_SIZE;
        }
        long used = poolBytes(DEFAULT_HEAP_SIZE) - ThumbAssembler.DEFAULT_MAX_CODE_SIZE;
        return Math.max(0, poolBytes(heapSize) - used);
    }

    private static long poolBytes(long heapSize) {
        long tableBytes = Math.max(0, heapSize - 1) / 129;
        return tableBytes * 4 * 32;
    }

    public static byte[] compileToBytes(byte[] source, String sourceName, Options options) {
        return MpyWriter.write(compile(source, sourceName, options));
    }

    private static RawCode rawCode(Scope s) {
        if (s.asm != null) {
            return s.asm;
        }
        List<RawCode> children = new ArrayList<>();
        for (Scope c : s.children) {
            children.add(rawCode(c));
        }
        return switch (s.nativeKind) {
            case Scope.NATIVE_PY -> new RawCode.NativePy(s.code, s.preludeOffset, children);
            case Scope.NATIVE_VIPER -> new RawCode.Viper(s.code, children);
            default -> {
                RawCode.Bytecode b = new RawCode.Bytecode(s.code, children);
                if (s.askedNative) {
                    dev.mpt.bytecode.NativeAsBytecode.mark(b);
                }
                yield b;
            }
        };
    }

    static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The model's text for bytes held one char per byte; bytes that are not UTF-8 are kept (surrogate escapes). */
    static String utf8(String latin1) {
        return Utf8.decode(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Constant constant(Object o) {
        if (o == NativeEmitter.FUN_TABLE) {
            return new Constant.FunTable();
        }
        if (o instanceof BigInteger v) {
            return Constant.Int.of(v);
        } else if (o instanceof Double d) {
            return new Constant.Float(FloatRepr.repr(d, true));
        } else if (o instanceof ParseNode.Complex c) {
            return new Constant.Complex(FloatRepr.complexRepr(c.real(), c.imag()));
        } else if (o instanceof String s) {
            return new Constant.Str(utf8(s));
        } else if (o instanceof ParseNode.Bytes b) {
            return new Constant.Bytes(b.value().getBytes(StandardCharsets.ISO_8859_1));
        } else if (o instanceof List<?> l) {
            List<Constant> items = new ArrayList<>();
            for (Object x : l) {
                items.add(constant(x));
            }
            return new Constant.Tuple(items);
        }
        return switch ((ParseNode.Singleton) o) {
            case NONE -> new Constant.None();
            case FALSE -> new Constant.Bool(false);
            case TRUE -> new Constant.Bool(true);
            case ELLIPSIS -> new Constant.Ellipsis();
        };
    }
}
