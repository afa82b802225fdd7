package dev.mpt.compiler;

import dev.mpt.bytecode.Constant;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.MpyWriter;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.bytecode.Qstr;
import dev.mpt.bytecode.RawCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Source to .mpy, the whole pipeline: {@link Lexer}, {@link Parser}, {@link Compiler} (scope
 * analysis and the bytecode {@link Emitter}), then the .mpy model written by
 * {@link MpyWriter}.
 */
public final class CrossCompiler {
    private CrossCompiler() {}

    /** Compiler options: the -O level and the target's small-int width. */
    public record Options(int optimise, int smallIntBits) {
        public static Options defaults() {
            return new Options(0, MpyHeader.DEFAULT_SMALL_INT_BITS);
        }
    }

    /** Compiles {@code source}; {@code sourceName} is the name embedded in the file. */
    public static MpyFile compile(byte[] source, String sourceName, Options options) {
        String srcName = latin1(sourceName);
        Qstrs qstrs = new Qstrs();
        qstrs.intern(srcName);
        Lexer lexer = new Lexer(source, options.optimise() != 0);
        ParseNode root = Parser.parse(lexer, qstrs, options.smallIntBits());
        Compiler.Result r = Compiler.compile(root, srcName, options.optimise(), options.smallIntBits());
        List<Qstr> qs = new ArrayList<>();
        for (String q : r.qstrs()) {
            qs.add(Qstr.of(utf8(q)));
        }
        List<Constant> cs = new ArrayList<>();
        for (Object o : r.consts()) {
            cs.add(constant(o));
        }
        MpyHeader header = MpyHeader.of(NativeArch.NONE, 0, options.smallIntBits());
        return new MpyFile(header, qs, cs, rawCode(r.module()));
    }

    public static byte[] compileToBytes(byte[] source, String sourceName, Options options) {
        return MpyWriter.write(compile(source, sourceName, options));
    }

    private static RawCode rawCode(Scope s) {
        List<RawCode> children = new ArrayList<>();
        for (Scope c : s.children) {
            children.add(rawCode(c));
        }
        return new RawCode.Bytecode(s.code, children);
    }

    static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static Constant constant(Object o) {
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
