package dev.mpt.bytecode;

import dev.mpt.text.PyQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads .mpy v6 files into an {@link MpyFile}. It is the exact inverse of {@link MpyWriter}:
 * for every file it accepts, writing the result gives back the same bytes. Anything it does
 * not accept is reported as a {@link MpyFormatException} with a one-line message; no other
 * exception escapes for any input.
 *
 * <p>Beyond what firmware checks, it checks that every qstr, constant and child index in
 * the bytecode is inside its table and every jump lands inside the function, so that tools
 * downstream (the VM, the disassembler) can trust the tree.
 */
public final class MpyReader {
    /** Deepest nesting of functions or constant tuples accepted. */
    static final int MAX_DEPTH = 1000;

    private final byte[] buf;
    private final Cursor in;
    private int nQstr;
    private int nConst;
    /** Where each constant's bytes start in the file (string, bytes and number constants), else -1. */
    private int[] dataOffsets;
    private int dataOffset;

    private MpyReader(byte[] buf) {
        this.buf = buf;
        this.in = new Cursor(buf, 0, buf.length, 0);
    }

    /** Reads a .mpy file from disk. */
    public static MpyFile read(Path path) throws IOException {
        return read(Files.readAllBytes(path));
    }

    /** Reads a .mpy file from memory. */
    public static MpyFile read(byte[] bytes) throws MpyFormatException {
        try {
            return new MpyReader(bytes).file();
        } catch (StackOverflowError e) {
            throw new MpyFormatException("corrupt .mpy file: nested too deeply");
        }
    }

    /**
     * Where the bytes of each entry of the constant table start in the file: for a string,
     * bytes or number constant the offset of its text (a port that maps a file in place points
     * its str and bytes objects there), else -1.
     */
    public static int[] constantDataOffsets(byte[] bytes) throws MpyFormatException {
        MpyReader r = new MpyReader(bytes);
        r.file();
        return r.dataOffsets.clone();
    }

    /** Reads just the header, to tell what a file is without reading it all. */
    public static MpyHeader readHeader(byte[] bytes) throws MpyFormatException {
        return new MpyReader(bytes).header();
    }

    private MpyFile file() throws MpyFormatException {
        MpyHeader header = header();
        nQstr = in.uint("qstr count");
        nConst = in.uint("constant count");
        if (nQstr < 1) {
            throw new MpyFormatException("corrupt .mpy file: no source file name in the qstr table", in.offset());
        }
        if (nQstr > in.remaining() || nConst > in.remaining()) {
            throw in.truncated("qstr and constant tables");
        }
        List<Qstr> qstrs = new ArrayList<>(nQstr);
        for (int i = 0; i < nQstr; i++) {
            qstrs.add(qstr());
        }
        List<Constant> constants = new ArrayList<>(nConst);
        dataOffsets = new int[nConst];
        for (int i = 0; i < nConst; i++) {
            dataOffset = -1;
            constants.add(constant(0));
            dataOffsets[i] = dataOffset;
        }
        RawCode root = rawCode(0);
        if (!in.atEnd()) {
            throw new MpyFormatException(
                    "corrupt .mpy file: " + in.remaining() + " unexpected bytes after the module", in.offset());
        }
        return new MpyFile(header, qstrs, constants, root);
    }

    private MpyHeader header() throws MpyFormatException {
        if (buf.length == 0) {
            throw new MpyFormatException("not a .mpy file: it is empty", 0);
        }
        int magic = in.u8("header");
        if (magic != MpyHeader.MAGIC) {
            throw new MpyFormatException(String.format("not a .mpy file: it starts with 0x%02x, not 'M'", magic), 0);
        }
        int version = in.u8("header");
        if (version != MpyHeader.VERSION) {
            throw new MpyFormatException("incompatible .mpy file: version " + version + ", mpt reads "
                    + MpyHeader.VERSION, 1);
        }
        int feature = in.u8("header");
        int smallIntBits = in.u8("header");
        int archCode = (feature >> 2) & 0x2f;
        NativeArch arch = NativeArch.ofCode(archCode).orElseThrow(() -> new MpyFormatException(
                "incompatible .mpy file: unknown native architecture " + archCode, 2));
        int subVersion = feature & 3;
        if (arch != NativeArch.NONE && subVersion != MpyHeader.SUB_VERSION) {
            throw new MpyFormatException("incompatible .mpy file: native code version 6." + subVersion
                    + ", mpt reads 6." + MpyHeader.SUB_VERSION, 2);
        }
        boolean flagsPresent = (feature & MpyHeader.FEATURE_ARCH_FLAGS) != 0;
        long flags = flagsPresent ? in.ulong("arch flags") : 0;
        return new MpyHeader(version, subVersion, arch, flagsPresent, flags, smallIntBits);
    }

    private Qstr qstr() throws MpyFormatException {
        long at = in.offset();
        int len = in.uint("qstr table");
        if ((len & 1) != 0) {
            int index = len >> 1;
            String s = StaticQstrs.string(index).orElseThrow(() -> new MpyFormatException(
                    "corrupt .mpy file: static qstr index " + index + " out of range (1.." + StaticQstrs.LAST + ")",
                    at));
            return new Qstr(s, true);
        }
        byte[] data = in.bytes(len >> 1, "qstr table");
        nul("qstr");
        return new Qstr(Utf8.decode(data), false);
    }

    private void nul(String what) throws MpyFormatException {
        if (in.u8(what) != 0) {
            throw new MpyFormatException("corrupt .mpy file: " + what + " not terminated by a NUL byte",
                    in.offset() - 1);
        }
    }

    private Constant constant(int depth) throws MpyFormatException {
        long at = in.offset();
        if (depth > MAX_DEPTH) {
            throw new MpyFormatException("corrupt .mpy file: constant tuples nested too deeply", at);
        }
        int type = in.u8("constant table");
        switch (type) {
            case Constant.FUN_TABLE:
                return new Constant.FunTable();
            case Constant.NONE:
                return new Constant.None();
            case Constant.FALSE:
                return new Constant.Bool(false);
            case Constant.TRUE:
                return new Constant.Bool(true);
            case Constant.ELLIPSIS:
                return new Constant.Ellipsis();
            case Constant.TUPLE: {
                int n = in.uint("constant tuple");
                if (n > in.remaining()) {
                    throw in.truncated("constant tuple");
                }
                List<Constant> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(constant(depth + 1));
                }
                return new Constant.Tuple(items);
            }
            case Constant.STR, Constant.BYTES, Constant.INT, Constant.FLOAT, Constant.COMPLEX:
                break;
            default:
                throw new MpyFormatException("corrupt .mpy file: unknown constant type " + type, at);
        }
        int len = in.uint("constant table");
        if (depth == 0) {
            dataOffset = (int) in.offset();
        }
        byte[] data = in.bytes(len, "constant table");
        try {
            switch (type) {
                case Constant.STR:
                    nul("string constant");
                    return new Constant.Str(Utf8.decode(data));
                case Constant.BYTES:
                    nul("bytes constant");
                    return new Constant.Bytes(data);
                case Constant.INT:
                    return new Constant.Int(ascii(data));
                case Constant.FLOAT:
                    return new Constant.Float(ascii(data));
                default:
                    return new Constant.Complex(ascii(data));
            }
        } catch (IllegalArgumentException e) {
            throw new MpyFormatException("corrupt .mpy file: bad number constant " + printable(data), at);
        }
    }

    /** The first 40 bytes as a bytes literal, "..." marking any more. */
    private static String printable(byte[] data) {
        String shown = PyQuote.bytes(data, 0, Math.min(data.length, 40));
        int close = shown.length() - 1;
        return data.length > 40 ? shown.substring(0, close) + "..." + shown.charAt(close) : shown;
    }

    private static String ascii(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    private RawCode rawCode(int depth) throws MpyFormatException {
        long at = in.offset();
        if (depth > MAX_DEPTH) {
            throw new MpyFormatException("corrupt .mpy file: functions nested too deeply", at);
        }
        long kindLen = in.ulong("raw code header");
        int kindCode = (int) (kindLen & 3) + RawCode.Kind.BYTECODE.code();
        boolean hasChildren = (kindLen & 4) != 0;
        long dataLen = kindLen >>> 3;
        long dataAt = in.offset();
        byte[] data = in.bytes(dataLen, "function data");
        RawCode.Kind kind = RawCode.Kind.values()[kindCode - RawCode.Kind.BYTECODE.code()];

        int preludeOffset = 0;
        int scopeFlags = 0;
        int nPosArgs = 0;
        int typeSig = 0;
        byte[] rodata = new byte[0];
        long bssSize = 0;
        switch (kind) {
            case BYTECODE -> { }
            case NATIVE_PY -> preludeOffset = in.uint("native prelude offset");
            case NATIVE_VIPER, NATIVE_ASM -> {
                scopeFlags = in.uint("native scope flags");
                if (kind == RawCode.Kind.NATIVE_ASM) {
                    nPosArgs = in.uint("asm argument count");
                    typeSig = in.uint("asm type signature");
                } else {
                    int rodataSize = (scopeFlags & ScopeFlags.VIPERRODATA) != 0 ? in.uint("viper rodata size") : 0;
                    bssSize = (scopeFlags & ScopeFlags.VIPERBSS) != 0 ? in.ulong("viper bss size") : 0;
                    rodata = in.bytes(rodataSize, "viper rodata");
                }
            }
        }

        List<RawCode> children = new ArrayList<>();
        if (hasChildren) {
            int n = in.uint("child count");
            if (n == 0) {
                throw new MpyFormatException("corrupt .mpy file: raw code marked as having children has none",
                        in.offset());
            }
            if (n > in.remaining()) {
                throw in.truncated("children");
            }
            for (int i = 0; i < n; i++) {
                children.add(rawCode(depth + 1));
            }
        }

        // The firmware reads a viper function's relocations after its children.
        byte[] relocations = new byte[0];
        if (kind == RawCode.Kind.NATIVE_VIPER && (scopeFlags & ScopeFlags.VIPERRELOC) != 0) {
            relocations = relocations();
        }

        return switch (kind) {
            case BYTECODE -> {
                RawCode.Bytecode bc = new RawCode.Bytecode(data, children);
                checkBytecode(data, children.size(), dataAt);
                yield bc;
            }
            case NATIVE_PY -> {
                if (preludeOffset >= data.length) {
                    throw new MpyFormatException("corrupt .mpy file: native prelude offset outside the code", dataAt);
                }
                checkPrelude(Prelude.decode(data, preludeOffset, dataAt), dataAt);
                yield new RawCode.NativePy(data, preludeOffset, children);
            }
            case NATIVE_VIPER -> new RawCode.Viper(data, scopeFlags, rodata, bssSize, relocations, children);
            case NATIVE_ASM -> new RawCode.Asm(data, scopeFlags, nPosArgs, typeSig, children);
        };
    }

    /** Reads a relocation stream up to and including its 0xff terminator. */
    private byte[] relocations() throws MpyFormatException {
        int start = in.pos();
        for (;;) {
            int op = in.u8("viper relocations");
            if (op == 0xff) {
                break;
            }
            if ((op & 1) != 0) {
                in.ulong("viper relocations");
            }
            op >>= 1;
            if (op <= 5 && (op & 1) != 0) {
                in.ulong("viper relocations");
            }
        }
        byte[] out = new byte[in.pos() - start];
        System.arraycopy(buf, start, out, 0, out.length);
        return out;
    }

    private void checkPrelude(Prelude p, long dataAt) throws MpyFormatException {
        checkQstr(p.simpleName(), dataAt);
        for (int a : p.argNames()) {
            checkQstr(a, dataAt);
        }
    }

    private void checkQstr(long index, long at) throws MpyFormatException {
        if (index < 0 || index >= nQstr) {
            throw new MpyFormatException("corrupt .mpy file: qstr index " + index + " out of range (table has "
                    + nQstr + ")", at);
        }
    }

    private void checkBytecode(byte[] data, int nChildren, long dataAt) throws MpyFormatException {
        Prelude p = Prelude.decode(data, 0, dataAt);
        checkPrelude(p, dataAt);
        LineTable.decode(data, p.lineInfoStart(), p.cellStart());
        for (Instruction ins : Instruction.decodeAll(data, p.codeStart(), data.length)) {
            long at = dataAt + ins.offset();
            switch (ins.opcode().format()) {
                case QSTR -> checkQstr(ins.arg(), at);
                case OFFSET -> {
                    int target = ins.target();
                    if (target < p.codeStart() || target > data.length) {
                        throw new MpyFormatException("corrupt .mpy file: jump outside the function", at);
                    }
                }
                default -> { }
            }
            if (ins.opcode() == Opcode.LOAD_CONST_OBJ && (ins.arg() < 0 || ins.arg() >= nConst)) {
                throw new MpyFormatException("corrupt .mpy file: constant index " + ins.arg()
                        + " out of range (table has " + nConst + ")", at);
            }
            if (ins.opcode().makesFunction() && (ins.arg() < 0 || ins.arg() >= nChildren)) {
                throw new MpyFormatException("corrupt .mpy file: child function " + ins.arg()
                        + " out of range (has " + nChildren + ")", at);
            }
        }
    }
}
