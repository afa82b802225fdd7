package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an {@link MpyFile} in the .mpy v6 format, exactly as {@link MpyReader} reads it. */
public final class MpyWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private MpyWriter() {}

    /** The bytes of {@code file}. */
    public static byte[] write(MpyFile file) {
        MpyWriter w = new MpyWriter();
        w.file(file);
        return w.out.toByteArray();
    }

    /** Writes {@code file} to {@code path}. */
    public static void write(MpyFile file, Path path) throws IOException {
        Files.write(path, write(file));
    }

    private void file(MpyFile f) {
        MpyHeader h = f.header();
        out.write(MpyHeader.MAGIC);
        out.write(h.version());
        out.write(h.featureByte());
        out.write(h.smallIntBits());
        if (h.archFlagsPresent()) {
            VarUint.write(out, h.archFlags());
        }
        VarUint.write(out, f.qstrs().size());
        VarUint.write(out, f.constants().size());
        for (Qstr q : f.qstrs()) {
            qstr(q);
        }
        for (Constant c : f.constants()) {
            constant(c);
        }
        rawCode(f.root());
    }

    private void qstr(Qstr q) {
        if (q.encodedStatic()) {
            VarUint.write(out, (long) StaticQstrs.index(q.text()).orElseThrow() << 1 | 1);
            return;
        }
        byte[] b = Utf8.encode(q.text());
        VarUint.write(out, (long) b.length << 1);
        out.writeBytes(b);
        out.write(0);
    }

    private void constant(Constant c) {
        out.write(c.typeCode());
        if (c instanceof Constant.Str s) {
            nulTerminated(Utf8.encode(s.value()));
        } else if (c instanceof Constant.Bytes b) {
            nulTerminated(b.value());
        } else if (c instanceof Constant.Int i) {
            text(i.literal());
        } else if (c instanceof Constant.Float fl) {
            text(fl.literal());
        } else if (c instanceof Constant.Complex cx) {
            text(cx.literal());
        } else if (c instanceof Constant.Tuple t) {
            VarUint.write(out, t.items().size());
            for (Constant item : t.items()) {
                constant(item);
            }
        }
        // FunTable, None, Bool and Ellipsis are their type byte alone.
    }

    private void nulTerminated(byte[] b) {
        VarUint.write(out, b.length);
        out.writeBytes(b);
        out.write(0);
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        VarUint.write(out, b.length);
        out.writeBytes(b);
    }

    private void rawCode(RawCode rc) {
        long kindLen = (long) rc.dataLength() << 3
                | (rc.children().isEmpty() ? 0 : 4)
                | (rc.kind().code() - RawCode.Kind.BYTECODE.code());
        VarUint.write(out, kindLen);
        out.writeBytes(rc.data());
        if (rc instanceof RawCode.NativePy n) {
            VarUint.write(out, n.preludeOffset());
        } else if (rc instanceof RawCode.Viper v) {
            VarUint.write(out, v.scopeFlags());
            if ((v.scopeFlags() & ScopeFlags.VIPERRODATA) != 0) {
                VarUint.write(out, v.rodata().length);
            }
            if ((v.scopeFlags() & ScopeFlags.VIPERBSS) != 0) {
                VarUint.write(out, v.bssSize());
            }
            out.writeBytes(v.rodata());
        } else if (rc instanceof RawCode.Asm a) {
            VarUint.write(out, a.scopeFlags());
            VarUint.write(out, a.nPosArgs());
            VarUint.write(out, a.typeSig());
        }
        if (!rc.children().isEmpty()) {
            VarUint.write(out, rc.children().size());
            for (RawCode child : rc.children()) {
                rawCode(child);
            }
        }
        if (rc instanceof RawCode.Viper v) {
            out.writeBytes(v.relocations());
        }
    }
}
