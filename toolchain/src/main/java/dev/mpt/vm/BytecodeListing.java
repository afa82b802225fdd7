package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.Instruction;
import dev.mpt.bytecode.LineTable;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.Opcode;
import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.RawCode;
import dev.mpt.bytecode.UnaryOp;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The listing MicroPython's debug printers give of freshly compiled code (the unix port's
 * {@code micropython -v -v}): for every bytecode function of a module, in the order the
 * compiler made their scopes (the module, then each level of nested functions in turn), a
 * header with the raw bytes, the argument names, state sizes, closure cells and line-number
 * table, then one line per instruction. Addresses of objects (MicroPython prints C pointers)
 * are made up, stable within one listing.
 */
public final class BytecodeListing {
    private final MpyFile file;
    private final StringBuilder out = new StringBuilder();
    private final Map<Object, Long> addresses = new IdentityHashMap<>();
    private long nextAddress = 0x7f3a1c000000L;

    private BytecodeListing(MpyFile file) {
        this.file = file;
    }

    /** The listing of every bytecode function of {@code file}; native and viper code is left out. */
    public static String of(MpyFile file) throws MpyFormatException {
        BytecodeListing l = new BytecodeListing(file);
        Deque<RawCode> queue = new ArrayDeque<>();
        queue.add(file.root());
        while (!queue.isEmpty()) {
            RawCode rc = queue.poll();
            if (rc instanceof RawCode.Bytecode bc) {
                l.function(bc);
            }
            queue.addAll(rc.children());
        }
        return l.out.toString();
    }

    private String address(Object o) {
        return Long.toHexString(addresses.computeIfAbsent(o, k -> {
            long a = nextAddress;
            nextAddress += 0x40;
            return a;
        }));
    }

    private void function(RawCode.Bytecode bc) throws MpyFormatException {
        byte[] data = bc.data();
        Prelude p = bc.prelude();
        int codeStart = p.codeStart();
        out.append("File ").append(qstr(0)).append(", code block '").append(qstr(p.simpleName()))
                .append("' (descriptor: ").append(address(bc)).append(", bytecode @")
                .append(address(data)).append(' ').append(data.length).append(" bytes)\n");
        out.append("Raw bytecode (code_info_size=").append(codeStart).append(", bytecode_size=")
                .append(data.length - codeStart).append("):\n");
        for (int i = 0; i < data.length; i++) {
            if (i > 0 && i % 16 == 0) {
                out.append('\n');
            }
            out.append(String.format(" %02x", data[i] & 0xff));
        }
        out.append('\n');
        out.append("arg names:");
        for (int q : p.argNames()) {
            out.append(' ').append(qstr(q));
        }
        out.append('\n');
        out.append("(N_STATE ").append(p.nState()).append(")\n");
        out.append("(N_EXC_STACK ").append(p.nExcStack()).append(")\n");
        for (int i = p.cellStart(); i < codeStart; i++) {
            out.append("(INIT_CELL ").append(data[i] & 0xff).append(")\n");
        }
        out.append("  bc=0 line=1\n");
        for (LineTable.Entry e : LineTable.decode(data, p.lineInfoStart(), p.cellStart()).entries()) {
            out.append("  bc=").append(e.bcOffset()).append(" line=").append(e.line()).append('\n');
        }
        for (Instruction in : Instruction.decodeAll(data, codeStart, data.length)) {
            out.append(String.format("%02d ", in.offset() - codeStart));
            instruction(bc, in, codeStart);
            out.append('\n');
        }
    }

    private void instruction(RawCode.Bytecode bc, Instruction in, int codeStart) {
        Opcode op = in.opcode();
        long arg = in.arg();
        switch (op) {
            case LOAD_CONST_SMALL_INT_MULTI -> out.append("LOAD_CONST_SMALL_INT ").append(arg);
            case LOAD_FAST_MULTI -> out.append("LOAD_FAST ").append(arg);
            case STORE_FAST_MULTI -> out.append("STORE_FAST ").append(arg);
            case UNARY_OP_MULTI -> out.append("UNARY_OP ").append(arg).append(' ')
                    .append(methodName(UnaryOp.values()[(int) arg]));
            case BINARY_OP_MULTI -> out.append("BINARY_OP ").append(arg).append(' ')
                    .append(methodName(BinaryOp.values()[(int) arg]));
            case LOAD_CONST_STRING, IMPORT_NAME, IMPORT_FROM ->
                    out.append(op.name()).append(" '").append(qstr((int) arg)).append('\'');
            case LOAD_CONST_OBJ -> {
                Object value = ModuleContext.convert(file.constants().get((int) arg));
                out.append("LOAD_CONST_OBJ ").append(address(file.constants().get((int) arg))).append('=')
                        .append(Ops.repr(value));
            }
            case MAKE_FUNCTION, MAKE_FUNCTION_DEFARGS ->
                    out.append(op.name()).append(' ').append(address(bc.children().get((int) arg)));
            case MAKE_CLOSURE, MAKE_CLOSURE_DEFARGS -> out.append(op.name()).append(' ')
                    .append(address(bc.children().get((int) arg))).append(' ').append(in.extra());
            case CALL_FUNCTION, CALL_FUNCTION_VAR_KW, CALL_METHOD, CALL_METHOD_VAR_KW ->
                    out.append(op.name()).append(" n=").append(arg & 0xff).append(" nkw=").append((arg >> 8) & 0xff);
            case UNWIND_JUMP -> out.append("UNWIND_JUMP ").append(in.target() - codeStart).append(' ')
                    .append(in.extra());
            default -> {
                out.append(op.name());
                switch (op.format()) {
                    case QSTR -> out.append(' ').append(qstr((int) arg));
                    case VAR_UINT -> out.append(' ').append(arg);
                    case OFFSET -> out.append(' ').append(in.target() - codeStart);
                    case BYTE -> { }
                }
            }
        }
    }

    /** The special method the unix port names for an operator: none for {@code not}. */
    private static String methodName(UnaryOp op) {
        return op == UnaryOp.NOT ? "" : op.methodName();
    }

    /**
     * The special method the unix port names for an operator: none for {@code in}, {@code is}
     * and exception matching, and of the in-place ones only {@code __iadd__} and
     * {@code __isub__} (its build leaves out the other in-place special methods).
     */
    private static String methodName(BinaryOp op) {
        if (op.isInplace()) {
            return op == BinaryOp.INPLACE_ADD || op == BinaryOp.INPLACE_SUBTRACT ? op.methodName() : "";
        }
        return op.methodName().startsWith("<") ? "" : op.methodName();
    }

    /** A qstr as C's %s prints it: up to its first NUL. */
    private String qstr(int index) {
        String s = file.qstr(index);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
