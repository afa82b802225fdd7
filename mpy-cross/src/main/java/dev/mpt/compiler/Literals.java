package dev.mpt.compiler;

import dev.mpt.text.PyQuote;
import java.math.BigInteger;

/** Number literals as MicroPython reads them (base prefixes, {@code _}, imaginary suffix). */
final class Literals {
    private Literals() {}

    static BigInteger parseInteger(String text, int line) {
        int base = 10;
        int i = 0;
        if (text.length() >= 2 && text.charAt(0) == '0') {
            char b = (char) (text.charAt(1) | 0x20);
            if (b == 'x') {
                base = 16;
                i = 2;
            } else if (b == 'o') {
                base = 8;
                i = 2;
            } else if (b == 'b') {
                base = 2;
                i = 2;
            } else {
                // a leading zero: only zeros may follow
                base = 1;
            }
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger bigBase = BigInteger.valueOf(base);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                continue;
            }
            int d = Character.digit(c, 36);
            if (d < 0 || d >= base) {
                break;
            }
            v = v.multiply(bigBase).add(BigInteger.valueOf(d));
        }
        if (i == start || i != text.length()) {
            throw CompileError.syntax("invalid syntax for integer with base " + (base == 1 ? 0 : base) + ": "
                + PyQuote.str(text.substring(start)), line);
        }
        return v;
    }

    static Object parseFloat(String text, int line) {
        double[] out = new double[1];
        int end = parseFloatInternal(text, out);
        boolean imag = false;
        if (end >= 0 && end < text.length() && (text.charAt(end) | 0x20) == 'j') {
            imag = true;
            end++;
        }
        if (end <= 0 || end != text.length()) {
            throw CompileError.syntax("invalid syntax for number", line);
        }
        return imag ? new ParseNode.Complex(0.0, out[0]) : (Object) out[0];
    }

    /**
     * Parses an unsigned decimal float at the start of {@code text} as MicroPython does;
     * stores the value in {@code out[0]} and returns where parsing stopped (-1 on error).
     */
    static int parseFloatInternal(String text, double[] out) {
        int i = 0;
        int n = text.length();
        final int intg = 0;
        final int frac = 1;
        final int expo = 2;
        int in = intg;
        boolean expNeg = false;
        long mantissa = 0;
        long[] expExtra = {0};
        int expVal = 0;
        int trailingIntg = 0;
        int trailingFrac = 0;
        boolean bad = false;
        while (i < n) {
            char c = text.charAt(i++);
            if (c >= '0' && c <= '9') {
                int dig = c - '0';
                if (in == expo) {
                    if (expVal < (Integer.MAX_VALUE / 2 - 9) / 10) {
                        expVal = 10 * expVal + dig;
                    }
                } else if (dig == 0 || Long.compareUnsigned(mantissa, MANTISSA_MAX) >= 0) {
                    if (in == intg) {
                        trailingIntg++;
                    } else {
                        trailingFrac++;
                    }
                } else {
                    for (; trailingIntg > 0; trailingIntg--) {
                        mantissa = acceptDigit(mantissa, 0, expExtra, intg);
                    }
                    for (; trailingFrac > 0; trailingFrac--) {
                        mantissa = acceptDigit(mantissa, 0, expExtra, frac);
                    }
                    mantissa = acceptDigit(mantissa, dig, expExtra, in);
                }
            } else if (in == intg && c == '.') {
                in = frac;
            } else if (in != expo && (c | 0x20) == 'e') {
                in = expo;
                if (i < n && text.charAt(i) == '+') {
                    i++;
                } else if (i < n && text.charAt(i) == '-') {
                    i++;
                    expNeg = true;
                }
                if (i == n) {
                    bad = true;
                    break;
                }
            } else if (c == '_') {
                continue;
            } else {
                i--;
                break;
            }
        }
        if (bad) {
            return -1;
        }
        if (expNeg) {
            expVal = -expVal;
        }
        long e = expVal + expExtra[0] + trailingIntg;
        out[0] = decimalExp(mantissa, e);
        return i;
    }

    private static final long MANTISSA_MAX = 0x1999999999999998L;

    private static long acceptDigit(long mantissa, int dig, long[] expExtra, int in) {
        if (Long.compareUnsigned(mantissa, MANTISSA_MAX) < 0) {
            if (in == 1) {
                expExtra[0]--;
            }
            return 10 * mantissa + dig;
        }
        if (in == 0) {
            expExtra[0]++;
        }
        return mantissa;
    }

    /**
     * {@code mantissa * 10**exp} computed as MicroPython's mpy-cross does on x86-64: in 80-bit
     * extended precision (64-bit significand, round to nearest even) by repeated squaring,
     * then rounded to a double.
     */
    static double decimalExp(long mantissa, long exp) {
        return decimalExp(Extended.ofUnsigned(mantissa), exp).toDouble();
    }

    /** {@code num * 10**exp} in extended precision, by repeated squaring. */
    static Extended decimalExp(Extended num, long exp) {
        if (exp == 0 || num.isZero()) {
            return num;
        }
        boolean neg = exp < 0;
        if (neg) {
            exp = -exp;
        }
        Extended res = num;
        Extended base = Extended.ofUnsigned(10);
        while (exp != 0) {
            if ((exp & 1) != 0) {
                res = neg ? res.div(base) : res.mul(base);
            }
            exp >>= 1;
            if (exp != 0) {
                base = base.mul(base);
            }
        }
        return res;
    }
}
