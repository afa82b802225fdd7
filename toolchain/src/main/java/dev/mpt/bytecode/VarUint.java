package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;

/**
 * MicroPython's variable-length unsigned integer: 7 bits a byte, most significant group
 * first, the top bit set on every byte but the last. Used throughout .mpy files and
 * bytecode.
 */
public final class VarUint {
    private VarUint() {}

    /** Appends the encoding of {@code value} (treated as unsigned) to {@code out}. */
    public static void write(ByteArrayOutputStream out, long value) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (value & 0x7f);
        for (value >>>= 7; value != 0; value >>>= 7) {
            buf[--p] = (byte) (0x80 | (value & 0x7f));
        }
        out.write(buf, p, buf.length - p);
    }

    /** The encoding of {@code value} as a new array. */
    public static byte[] encode(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4);
        write(out, value);
        return out.toByteArray();
    }

    /** Number of bytes the encoding of {@code value} takes. */
    public static int size(long value) {
        int n = 1;
        for (value >>>= 7; value != 0; value >>>= 7) {
            n++;
        }
        return n;
    }

    /**
     * Appends the signed encoding MicroPython uses for {@code LOAD_CONST_SMALL_INT}: as
     * {@link #write} on the two's complement value, with one more leading byte when bit 6 of
     * the first byte would otherwise give the wrong sign.
     */
    public static void writeSigned(ByteArrayOutputStream out, long value) {
        byte[] buf = new byte[11];
        int p = buf.length;
        buf[--p] = (byte) (value & 0x7f);
        value >>= 7;
        while (value != 0 && value != -1) {
            buf[--p] = (byte) (0x80 | (value & 0x7f));
            value >>= 7;
        }
        if (value == -1 && (buf[p] & 0x40) == 0) {
            buf[--p] = (byte) 0xff;
        } else if (value == 0 && (buf[p] & 0x40) != 0) {
            buf[--p] = (byte) 0x80;
        }
        out.write(buf, p, buf.length - p);
    }
}
