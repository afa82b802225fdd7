package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The prelude at the start of a bytecode function (and inside native Python functions):
 * the signature (stack sizes, scope flags, argument counts), the sizes of the source-info
 * and closure sections, the function's name and argument names as qstr indices, the line
 * number table, and the locals that become cells.
 *
 * <p>Offsets are positions in the raw code's data.
 *
 * @param nState          value-stack plus locals slots
 * @param nExcStack       exception-stack entries
 * @param scopeFlags      the four {@link ScopeFlags#ALL_SIG} flags
 * @param nPosArgs        positional parameters
 * @param nKwonlyArgs     keyword-only parameters
 * @param nDefPosArgs     positional parameters with defaults
 * @param simpleName      qstr index of the function's name
 * @param argNames        qstr indices of the parameter names (positional then keyword-only)
 * @param sourceInfoStart offset of the source-info section (the simple name)
 * @param lineInfoStart   offset of the line-number table
 * @param cellStart       offset of the closure section (= end of the line-number table)
 * @param codeStart       offset of the first opcode (= end of the closure section)
 */
public record Prelude(
        int nState,
        int nExcStack,
        int scopeFlags,
        int nPosArgs,
        int nKwonlyArgs,
        int nDefPosArgs,
        int simpleName,
        List<Integer> argNames,
        int sourceInfoStart,
        int lineInfoStart,
        int cellStart,
        int codeStart) {

    public Prelude {
        argNames = List.copyOf(argNames);
    }

    /** Number of locals that are turned into cells on entry. */
    public int nCell() {
        return codeStart - cellStart;
    }

    /** Decodes the prelude that starts at {@code data[start]}. */
    public static Prelude decode(byte[] data, int start) throws MpyFormatException {
        return decode(data, start, 0);
    }

    static Prelude decode(byte[] data, int start, long fileBase) throws MpyFormatException {
        Cursor c = new Cursor(data, start, data.length, fileBase);
        // Signature: xSSSSEAA, then xFSSKAED while x is set.
        int z = c.u8("prelude signature");
        long s = (z >> 3) & 0xf;
        long e = (z >> 2) & 1;
        long f = 0;
        long a = z & 3;
        long k = 0;
        long d = 0;
        for (int n = 0; (z & 0x80) != 0; n++) {
            if (n > 24) {
                throw new MpyFormatException("corrupt .mpy file: prelude signature too long", c.offset());
            }
            z = c.u8("prelude signature");
            s |= (long) (z & 0x30) << (2 * n);
            e |= (long) (z & 0x02) << n;
            f |= (long) ((z & 0x40) >> 6) << n;
            a |= (long) (z & 0x04) << n;
            k |= (long) ((z & 0x08) >> 3) << n;
            d |= (long) (z & 0x01) << n;
        }
        s += 1;
        // Size: xIIIIIIC repeated.
        long nInfo = 0;
        long nCell = 0;
        for (int n = 0; ; n++) {
            if (n > 8) {
                throw new MpyFormatException("corrupt .mpy file: prelude size too long", c.offset());
            }
            z = c.u8("prelude size");
            nCell |= (long) (z & 1) << n;
            nInfo |= (long) ((z & 0x7e) >> 1) << (6 * n);
            if ((z & 0x80) == 0) {
                break;
            }
        }
        int sourceInfoStart = c.pos();
        long cellStart = sourceInfoStart + nInfo;
        long codeStart = cellStart + nCell;
        if (s > 0xffff || e > 0xffff || a > 0xffff || k > 0xffff || d > a || codeStart > data.length) {
            throw new MpyFormatException("corrupt .mpy file: bad bytecode prelude", fileBase + start);
        }
        Cursor names = new Cursor(data, sourceInfoStart, (int) cellStart, fileBase);
        int simpleName = names.uint("function name");
        List<Integer> args = new ArrayList<>();
        for (long i = 0; i < a + k; i++) {
            args.add(names.uint("argument names"));
        }
        return new Prelude((int) s, (int) e, (int) f, (int) a, (int) k, (int) d, simpleName, args,
                sourceInfoStart, names.pos(), (int) cellStart, (int) codeStart);
    }

    /**
     * Writes a prelude signature. {@code nState} is at least 1; the encoding is the shortest
     * that holds every field, as MicroPython's emitter writes it.
     */
    public static void encodeSignature(ByteArrayOutputStream out, int nState, int nExcStack, int scopeFlags,
            int nPosArgs, int nKwonlyArgs, int nDefPosArgs) {
        long s = nState - 1;
        long e = nExcStack;
        long f = scopeFlags & ScopeFlags.ALL_SIG;
        long a = nPosArgs;
        long k = nKwonlyArgs;
        long d = nDefPosArgs;
        int z = (int) ((s & 0xf) << 3 | (e & 1) << 2 | (a & 3));
        s >>= 4;
        e >>= 1;
        a >>= 2;
        while ((s | e | f | a | k | d) != 0) {
            out.write(0x80 | z);
            z = (int) ((f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1));
            s >>= 2;
            e >>= 1;
            f >>= 1;
            a >>= 1;
            k >>= 1;
            d >>= 1;
        }
        out.write(z);
    }

    /** Writes the prelude size: source-info bytes and closure-section bytes. */
    public static void encodeSize(ByteArrayOutputStream out, int nInfo, int nCell) {
        long i = nInfo;
        long c = nCell;
        do {
            int z = (int) ((i & 0x3f) << 1 | (c & 1));
            c >>= 1;
            i >>= 6;
            if ((c | i) != 0) {
                z |= 0x80;
            }
            out.write(z);
        } while ((c | i) != 0);
    }
}
