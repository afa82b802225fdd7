package dev.mpt.bytecode;

import dev.mpt.bytecode.machine.MachineDisassembler;
import dev.mpt.bytecode.machine.MachineInstruction;
import dev.mpt.text.PyQuote;
import java.util.HexFormat;
import java.util.List;

/**
 * Text views of a .mpy file: {@link #disassemble} prints every raw code with its prelude,
 * line numbers, constants and decoded instructions (jumps resolved to offsets), in the
 * spirit of MicroPython's {@code mpy-tool.py -d}; {@link #info} prints a short summary.
 * Native, viper and inline-assembler machine code is shown as instructions (see
 * {@link MachineDisassembler}) for the architectures mpy-cross emits, as hex otherwise.
 *
 * <p>Code offsets are counted from a function's first opcode, as the line-number table
 * counts them.
 */
public final class Disassembler {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final MpyFile file;
    private final StringBuilder out = new StringBuilder();

    private Disassembler(MpyFile file) {
        this.file = file;
    }

    /** The full listing of a file. */
    public static String disassemble(MpyFile file) throws MpyFormatException {
        Disassembler d = new Disassembler(file);
        d.all();
        return d.out.toString();
    }

    /** A summary: version, architecture, small-int bits, table and code sizes. */
    public static String info(MpyFile file, long fileSize) throws MpyFormatException {
        int[] counts = new int[RawCode.Kind.values().length];
        long[] bytes = new long[RawCode.Kind.values().length];
        tally(file.root(), counts, bytes);
        MpyHeader h = file.header();
        StringBuilder sb = new StringBuilder();
        sb.append("source file:    ").append(file.sourceFile()).append('\n');
        sb.append("mpy version:    ").append(versionText(h)).append('\n');
        sb.append("architecture:   ").append(archText(h)).append('\n');
        sb.append("small int bits: ").append(h.smallIntBits()).append('\n');
        sb.append("file size:      ").append(fileSize).append(" bytes\n");
        sb.append("qstrs:          ").append(file.qstrs().size()).append('\n');
        sb.append("constants:      ").append(file.constants().size()).append('\n');
        for (RawCode.Kind k : RawCode.Kind.values()) {
            if (counts[k.ordinal()] > 0) {
                sb.append(String.format("%-16s%d (%d bytes)%n", kindName(k) + ":", counts[k.ordinal()],
                        bytes[k.ordinal()]));
            }
        }
        return sb.toString();
    }

    private static void tally(RawCode rc, int[] counts, long[] bytes) {
        counts[rc.kind().ordinal()]++;
        bytes[rc.kind().ordinal()] += rc.dataLength();
        for (RawCode c : rc.children()) {
            tally(c, counts, bytes);
        }
    }

    /** "6" for bytecode-only files; "6.3" when native code makes the sub-version count. */
    private static String versionText(MpyHeader h) {
        return h.arch() == NativeArch.NONE ? String.valueOf(h.version()) : h.version() + "." + h.subVersion();
    }

    private static String archText(MpyHeader h) {
        String s = h.arch() == NativeArch.NONE ? "none (bytecode only)" : h.arch().marchName();
        if (h.archFlagsPresent()) {
            s += String.format(", flags 0x%x", h.archFlags());
        }
        return s;
    }

    private static String kindName(RawCode.Kind k) {
        return switch (k) {
            case BYTECODE -> "bytecode";
            case NATIVE_PY -> "native";
            case NATIVE_VIPER -> "viper";
            case NATIVE_ASM -> "asm";
        };
    }

    private void all() throws MpyFormatException {
        MpyHeader h = file.header();
        line("source file: " + file.sourceFile());
        line(String.format("header: 4d %02x %02x %02x (mpy %s, arch %s, small int bits %d)", h.version(),
                h.featureByte(), h.smallIntBits(), versionText(h), archText(h), h.smallIntBits()));
        line("qstrs (" + file.qstrs().size() + "):");
        for (int i = 0; i < file.qstrs().size(); i++) {
            Qstr q = file.qstrs().get(i);
            line(String.format("  %3d %s%s", i, repr(q.text()), q.encodedStatic() ? " (static)" : ""));
        }
        line("constants (" + file.constants().size() + "):");
        for (int i = 0; i < file.constants().size(); i++) {
            line(String.format("  %3d %s", i, constant(file.constants().get(i))));
        }
        rawCode(file.root(), "");
    }

    private void rawCode(RawCode rc, String path) throws MpyFormatException {
        line("");
        String name = simpleName(rc);
        String where = path.isEmpty() ? name : path + "." + name;
        line(String.format("%s: %s, %d bytes%s", where, kindName(rc.kind()), rc.dataLength(),
                rc.children().isEmpty() ? "" : ", " + rc.children().size() + " children"));
        byte[] data = rc.data();
        if (rc instanceof RawCode.Bytecode) {
            Prelude p = Prelude.decode(data, 0);
            prelude(p, data);
            code(rc, p, data);
        } else if (rc instanceof RawCode.NativePy n) {
            Prelude p = Prelude.decode(data, n.preludeOffset());
            prelude(p, data);
            machineCode(data, 0, n.preludeOffset(), false);
        } else if (rc instanceof RawCode.Viper v) {
            line(String.format("  scope flags: 0x%02x", v.scopeFlags()));
            machineCode(data, 0, data.length, false);
            if (v.rodata().length > 0) {
                hex("rodata", v.rodata(), 0, v.rodata().length);
            }
            if (v.bssSize() > 0) {
                line("  bss: " + v.bssSize() + " bytes");
            }
            if (v.relocations().length > 0) {
                hex("relocations", v.relocations(), 0, v.relocations().length);
            }
        } else if (rc instanceof RawCode.Asm a) {
            line(String.format("  args: %d, type signature 0x%x, scope flags 0x%02x", a.nPosArgs(), a.typeSig(),
                    a.scopeFlags()));
            machineCode(data, 0, data.length, true);
        }
        for (RawCode child : rc.children()) {
            rawCode(child, where);
        }
    }

    private String simpleName(RawCode rc) throws MpyFormatException {
        if (rc instanceof RawCode.Bytecode b) {
            return file.qstr(b.prelude().simpleName());
        }
        if (rc instanceof RawCode.NativePy n) {
            return file.qstr(n.prelude().simpleName());
        }
        return "<" + kindName(rc.kind()) + ">";
    }

    private void prelude(Prelude p, byte[] data) {
        line(String.format("  prelude: n_state=%d n_exc_stack=%d flags=%s n_pos_args=%d n_kwonly_args=%d"
                + " n_def_pos_args=%d", p.nState(), p.nExcStack(), ScopeFlags.describe(p.scopeFlags()),
                p.nPosArgs(), p.nKwonlyArgs(), p.nDefPosArgs()));
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < p.argNames().size(); i++) {
            if (i == p.nPosArgs()) {
                args.append(args.length() == 0 ? "* " : ", * ");
            } else if (i > 0) {
                args.append(", ");
            }
            args.append(file.qstr(p.argNames().get(i)));
        }
        line("  args: (" + args + ")");
        if (p.nCell() > 0) {
            StringBuilder cells = new StringBuilder();
            for (int i = p.cellStart(); i < p.codeStart(); i++) {
                cells.append(cells.length() == 0 ? "" : ", ").append(data[i] & 0xff);
            }
            line("  cells: locals " + cells);
        }
        line("  line info: " + (p.cellStart() > p.lineInfoStart()
                ? HEX.formatHex(data, p.lineInfoStart(), p.cellStart()) : "-"));
    }

    private void code(RawCode rc, Prelude p, byte[] data) throws MpyFormatException {
        LineTable lines = LineTable.decode(data, p.lineInfoStart(), p.cellStart());
        List<Instruction> code = Instruction.decodeAll(data, p.codeStart(), data.length);
        int lastLine = -1;
        for (Instruction ins : code) {
            int off = ins.offset() - p.codeStart();
            int ln = lines.lineOf(off);
            if (ln != lastLine) {
                line("    line " + ln + ":");
                lastLine = ln;
            }
            String bytes = HEX.formatHex(data, ins.offset(), ins.offset() + ins.size());
            line(String.format("    %04d  %-14s %s", off, bytes, instruction(rc, p, ins)).stripTrailing());
        }
    }

    private String instruction(RawCode rc, Prelude p, Instruction ins) throws MpyFormatException {
        Opcode op = ins.opcode();
        String m = op.mnemonic();
        if (op == Opcode.UNARY_OP_MULTI) {
            return m + " " + ins.arg() + " " + ins.unaryOp().methodName();
        }
        if (op == Opcode.BINARY_OP_MULTI) {
            return m + " " + ins.arg() + " " + ins.binaryOp().methodName();
        }
        if (op.isMulti()) {
            return m + " " + ins.arg();
        }
        switch (op.format()) {
            case QSTR:
                String q = file.qstr((int) ins.arg());
                return m + " " + (op == Opcode.LOAD_CONST_STRING ? repr(q) : q);
            case OFFSET:
                String target = String.format("%s -> %04d", m, ins.target() - p.codeStart());
                if (op == Opcode.UNWIND_JUMP) {
                    int extra = ins.extra();
                    target += " (unwind " + (extra & 0x7f) + ((extra & 0x80) != 0 ? ", pop iterator)" : ")");
                }
                return target;
            case VAR_UINT:
                if (op == Opcode.LOAD_CONST_OBJ) {
                    return m + " " + ins.arg() + " " + constant(file.constants().get((int) ins.arg()));
                }
                if (op.makesFunction()) {
                    String child = simpleName(rc.children().get((int) ins.arg()));
                    String s = m + " " + ins.arg() + " " + child;
                    return ins.extra() >= 0 ? s + " (closed over " + ins.extra() + ")" : s;
                }
                if (op == Opcode.CALL_FUNCTION || op == Opcode.CALL_FUNCTION_VAR_KW || op == Opcode.CALL_METHOD
                        || op == Opcode.CALL_METHOD_VAR_KW) {
                    return String.format("%s n_pos=%d n_kw=%d", m, ins.arg() & 0xff, (ins.arg() >> 8) & 0xff);
                }
                if (op == Opcode.UNPACK_EX) {
                    return String.format("%s before=%d after=%d", m, ins.arg() & 0xff, (ins.arg() >> 8) & 0xff);
                }
                return m + " " + ins.arg();
            default:
                return m;
        }
    }

    /** The code as instructions (offset, bytes, text), or as hex where there is no disassembler. */
    private void machineCode(byte[] data, int from, int to, boolean inlineAsm) {
        var d = MachineDisassembler.of(file.header().arch(), inlineAsm);
        if (d.isEmpty()) {
            hex("machine code", data, from, to);
            return;
        }
        line("  machine code:");
        for (MachineInstruction ins : d.get().decode(data, from, to)) {
            line(String.format("    %04x  %-24s %s", ins.offset(),
                    HexFormat.of().formatHex(data, from + ins.offset(), from + ins.offset() + ins.size()), ins.text()));
        }
    }

    private void hex(String label, byte[] data, int from, int to) {
        line("  " + label + ":");
        for (int i = from; i < to; i += 16) {
            line(String.format("    %04x  %s", i - from, HEX.formatHex(data, i, Math.min(to, i + 16))));
        }
    }

    /** A constant as Python would print it. */
    static String constant(Constant c) {
        if (c instanceof Constant.Str s) {
            return repr(s.value());
        } else if (c instanceof Constant.Bytes b) {
            return PyQuote.bytes(b.value());
        } else if (c instanceof Constant.Int i) {
            return i.literal();
        } else if (c instanceof Constant.Float f) {
            return f.literal();
        } else if (c instanceof Constant.Complex x) {
            return x.literal();
        } else if (c instanceof Constant.Tuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.items().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(constant(t.items().get(i)));
            }
            return sb.append(t.items().size() == 1 ? ",)" : ")").toString();
        } else if (c instanceof Constant.Bool b) {
            return b.value() ? "True" : "False";
        } else if (c instanceof Constant.None) {
            return "None";
        } else if (c instanceof Constant.Ellipsis) {
            return "Ellipsis";
        }
        return "<fun_table>";
    }

    /** A str in Python's repr form, with the quote MicroPython picks and unicode kept. */
    static String repr(String s) {
        return PyQuote.str(s, PyQuote.Unicode.KEEP);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
