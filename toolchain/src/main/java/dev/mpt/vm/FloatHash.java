package dev.mpt.vm;

/**
 * hash() of floats and complex numbers as MicroPython's unix port computes it (its standard
 * build has no "high quality" float hash): the value converted to a 64-bit integer the way
 * x86-64 truncates (NaN and anything out of range give the "integer indefinite" 1 << 63),
 * then stored in a small int, which keeps 63 bits. So {@code hash(1.5) == 1}, and inf, nan and
 * every float of magnitude 2**63 or more hash to 0.
 */
public final class FloatHash {
    private FloatHash() {}

    private static final double TWO_63 = 0x1p63;

    /** hash(float). */
    public static long hash(double d) {
        return toSmallInt(truncate(d));
    }

    /** hash(complex): the parts' integer values xor-ed. */
    public static long hash(double real, double imag) {
        return toSmallInt(truncate(real) ^ truncate(imag));
    }

    /** The x86-64 conversion of a double to int64 (cvttsd2si). */
    private static long truncate(double d) {
        if (Double.isNaN(d) || d >= TWO_63 || d < -TWO_63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** What survives a round trip through a small int: the low 63 bits, sign-extended. */
    private static long toSmallInt(long v) {
        return v << 1 >> 1;
    }
}
