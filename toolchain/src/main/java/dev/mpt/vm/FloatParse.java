package dev.mpt.vm;

/**
 * Decimal text to double as MicroPython's unix port reads it: the digits are gathered into a
 * 64-bit integer (digits past its capacity only move the exponent), which is then scaled by
 * the power of ten in {@link LongDouble} arithmetic and rounded once to a double. This is not
 * always the correctly rounded double; it is the one the board computes, and the one its
 * float printing checks itself against.
 */
public final class FloatParse {
    private FloatParse() {}

    /** Beyond this, one more digit could overflow the 64-bit mantissa. */
    private static final long MANTISSA_MAX = 0x1999999999999998L;

    private static final int IN_INTEGER = 0;
    private static final int IN_FRACTION = 1;
    private static final int IN_EXPONENT = 2;

    /**
     * Parses an optionally signed decimal number ({@code 12}, {@code -1.5e-3}, {@code .5},
     * underscores ignored). The text must already be known to be a well-formed number.
     */
    public static double parse(String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        double d = unsigned(text, i, text.length());
        return negative ? -d : d;
    }

    /** The value of the unsigned decimal number in s[from, to); parsing stops at the first foreign character. */
    static double unsigned(CharSequence s, int from, int to) {
        int state = IN_INTEGER;
        boolean expNegative = false;
        long mantissa = 0;
        int expVal = 0;
        int expExtra = 0;
        int zerosInteger = 0;
        int zerosFraction = 0;
        int i = from;
        while (i < to) {
            char c = s.charAt(i++);
            if (c >= '0' && c <= '9') {
                int dig = c - '0';
                if (state == IN_EXPONENT) {
                    if (expVal < (Integer.MAX_VALUE / 2 - 9) / 10) {
                        expVal = 10 * expVal + dig;
                    }
                } else if (dig == 0 || Long.compareUnsigned(mantissa, MANTISSA_MAX) >= 0) {
                    // zeros wait until a non-zero digit shows they matter
                    if (state == IN_INTEGER) {
                        zerosInteger++;
                    } else {
                        zerosFraction++;
                    }
                } else {
                    for (; zerosInteger > 0; zerosInteger--) {
                        if (Long.compareUnsigned(mantissa, MANTISSA_MAX) < 0) {
                            mantissa = 10 * mantissa;
                        } else {
                            expExtra++;
                        }
                    }
                    for (; zerosFraction > 0; zerosFraction--) {
                        if (Long.compareUnsigned(mantissa, MANTISSA_MAX) < 0) {
                            mantissa = 10 * mantissa;
                            expExtra--;
                        }
                    }
                    if (Long.compareUnsigned(mantissa, MANTISSA_MAX) < 0) {
                        mantissa = 10 * mantissa + dig;
                        if (state == IN_FRACTION) {
                            expExtra--;
                        }
                    } else if (state == IN_INTEGER) {
                        expExtra++;
                    }
                }
            } else if (state == IN_INTEGER && c == '.') {
                state = IN_FRACTION;
            } else if (state != IN_EXPONENT && (c == 'e' || c == 'E')) {
                state = IN_EXPONENT;
                if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    expNegative = s.charAt(i) == '-';
                    i++;
                }
            } else if (c != '_') {
                break;
            }
        }
        if (expNegative) {
            expVal = -expVal;
        }
        expVal += expExtra + zerosInteger;
        return LongDouble.decimalExp(LongDouble.ofUnsigned(mantissa), expVal).toDouble();
    }
}
