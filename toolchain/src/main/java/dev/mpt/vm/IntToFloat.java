package dev.mpt.vm;

import java.math.BigInteger;

/**
 * A big integer converted to float the way MicroPython's unix port converts its multi-word
 * integers (16-bit digits, as its unix build forces): a digit at a time from the most
 * significant end, each step {@code v * 2**16 + digit} in double arithmetic. From five digits on
 * more than one step may round, so the result is not always the correctly rounded double
 * (below 2**64 it is).
 */
public final class IntToFloat {
    private IntToFloat() {}

    private static final double DIGIT = 0x1p16;

    /** The double MicroPython computes for v; infinite when v is too big. */
    public static double convert(BigInteger v) {
        BigInteger m = v.abs();
        int digits = (m.bitLength() + 15) / 16;
        double d = 0;
        for (int k = digits - 1; k >= 0; k--) {
            int digit = m.shiftRight(16 * k).intValue() & 0xffff;
            d = d * DIGIT + digit;
        }
        return v.signum() < 0 ? -d : d;
    }
}
