package dev.mpt.bytecode;

/**
 * Reads bytes and var-uints from an array within bounds; running past the end is a
 * {@link MpyFormatException} naming what was being read, never an index error.
 */
final class Cursor {
    private final byte[] buf;
    private final int end;
    private final long base;
    private int pos;

    /** A cursor over {@code buf[start..end)}; {@code base} is added to offsets in errors. */
    Cursor(byte[] buf, int start, int end, long base) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.base = base;
    }

    int pos() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    long offset() {
        return base + pos;
    }

    int u8(String what) throws MpyFormatException {
        if (pos >= end) {
            throw truncated(what);
        }
        return buf[pos++] & 0xff;
    }

    byte[] bytes(long n, String what) throws MpyFormatException {
        if (n < 0 || n > end - pos) {
            throw truncated(what);
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** A var-uint that must fit in 31 bits (sizes, counts, indices). */
    int uint(String what) throws MpyFormatException {
        long v = ulong(what);
        if (v > Integer.MAX_VALUE) {
            throw new MpyFormatException("corrupt .mpy file: " + what + " too large (" + v + ")", offset());
        }
        return (int) v;
    }

    /** A var-uint of up to 63 bits. */
    long ulong(String what) throws MpyFormatException {
        long v = 0;
        for (int n = 0; ; n++) {
            int b = u8(what);
            if (n == 0 && b == 0x80) {
                throw new MpyFormatException("corrupt .mpy file: " + what + " has a redundant leading byte", offset() - 1);
            }
            if (n >= 9) {
                throw new MpyFormatException("corrupt .mpy file: " + what + " too large", offset());
            }
            v = (v << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    MpyFormatException truncated(String what) {
        return new MpyFormatException("truncated .mpy file: ends inside " + what, offset());
    }
}
