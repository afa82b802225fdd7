package dev.mpt.compiler;

import java.math.BigInteger;

/**
 * Float and complex {@code repr} text as MicroPython writes it into .mpy constant tables:
 * its 'g' formatting at "repr" precision, which starts at 16 significant digits and adds
 * digits until the text parses back to the same double, using extended-precision arithmetic
 * (see {@link Extended}) exactly as the official x86-64 build does.
 */
final class FloatRepr {
    private FloatRepr() {}

    private static final int MAX_MANTISSA_DIGITS = 19;
    private static final int SAFE_MANTISSA_DIGITS = 16;
    private static final int MAX_EXP_ZEROS = 16;

    static String repr(double d, boolean alwaysDecimal) {
        return format(d, alwaysDecimal, false);
    }

    static String complexRepr(double re, double im) {
        if (re != 0) {
            return "(" + format(re, false, false) + format(im, false, true) + "j)";
        }
        return format(im, false, false) + "j";
    }

    private static String format(double f, boolean alwaysDecimal, boolean showSign) {
        StringBuilder out = new StringBuilder();
        if ((Double.doubleToRawLongBits(f) < 0) && !Double.isNaN(f)) {
            f = -f;
            out.append('-');
        } else if (showSign) {
            out.append('+');
        }
        String body;
        if (Double.isInfinite(f)) {
            body = "inf";
        } else if (Double.isNaN(f)) {
            body = "nan";
        } else {
            body = formatFinite(f);
        }
        out.append(body);
        if (alwaysDecimal && body.indexOf('.') < 0 && body.indexOf('e') < 0 && body.indexOf('n') < 0) {
            out.append(".0");
        }
        return out.toString();
    }

    private static double decimalExpToDouble(double num, int exp) {
        return Literals.decimalExp(Extended.ofDouble(num), exp).toDouble();
    }

    private static String formatFinite(double f) {
        int e = 0;
        if (f != 0) {
            int expval = (int) ((Double.doubleToRawLongBits(f) >> 52) & 0x7ff) - 1023;
            e = (int) (expval * 0.3010299956639812);
            boolean positiveExp = !(f < 1.0);
            double uBase = decimalExpToDouble(1.0, e + (positiveExp ? 1 : 0));
            while ((f >= uBase) == positiveExp) {
                e += positiveExp ? 1 : -1;
                uBase = decimalExpToDouble(1.0, e + (positiveExp ? 1 : 0));
            }
        }
        int maxDigits = MAX_MANTISSA_DIGITS;
        int numDigits = SAFE_MANTISSA_DIGITS;
        while (true) {
            int extraZeros = maxDigits - numDigits;
            int decexp = f == 0 ? 0 : numDigits - e - 1;
            BigInteger cap = BigInteger.TEN.pow(numDigits);
            Extended mf = Literals.decimalExp(Extended.ofDouble(f), decexp);
            BigInteger mantissa = mf.add(Extended.ofDouble(0.5)).toInteger();
            String s = formatMantissa(mantissa, cap, numDigits, extraZeros, 0, e);
            if (numDigits < maxDigits) {
                double[] check = new double[1];
                Literals.parseFloatInternal(s, check);
                if (check[0] != f) {
                    numDigits++;
                    continue;
                }
            }
            return s;
        }
    }

    private static String formatMantissa(BigInteger mantissa, BigInteger cap, int numDigits, int trailingZeros,
            int dec, int e) {
        StringBuilder sb = new StringBuilder();
        if (mantissa.signum() != 0 && mantissa.compareTo(cap) >= 0) {
            mantissa = mantissa.divide(BigInteger.TEN);
            e++;
        }
        if (e != 0) {
            if (e >= 0) {
                if (e < MAX_EXP_ZEROS) {
                    dec += e;
                    if (dec >= numDigits) {
                        trailingZeros = dec - (numDigits - 1);
                    }
                    e = 0;
                }
            } else if (e >= -4) {
                int cnt = 0;
                while (e < 0 && mantissa.mod(BigInteger.TEN).signum() == 0) {
                    mantissa = mantissa.divide(BigInteger.TEN);
                    cnt++;
                    e++;
                }
                numDigits -= cnt;
                sb.append("0.");
                for (int k = cnt - e - 1; k > 0; k--) {
                    sb.append('0');
                }
                dec = 255;
                e = 0;
            }
        }
        char[] digits = new char[numDigits + 1];
        for (int digit = numDigits - 1; digit >= 0; digit--) {
            int ofs = digit > dec ? digit + 1 : digit;
            BigInteger[] qr = mantissa.divideAndRemainder(BigInteger.TEN);
            digits[ofs] = (char) ('0' + qr[1].intValue());
            mantissa = qr[0];
        }
        boolean dot = dec >= 255;
        if (dec + 1 < numDigits) {
            dot = true;
            digits[dec + 1] = '.';
            sb.append(digits, 0, numDigits + 1);
        } else {
            sb.append(digits, 0, numDigits);
        }
        if (trailingZeros > 0) {
            dec -= numDigits - 1;
            while (trailingZeros-- > 0) {
                if (dec-- == 0) {
                    sb.append('.');
                    dot = true;
                }
                sb.append('0');
            }
        }
        if (dot) {
            int len = sb.length();
            while (sb.charAt(len - 1) == '0') {
                len--;
            }
            if (sb.charAt(len - 1) == '.') {
                len--;
            }
            sb.setLength(len);
        }
        if (e != 0) {
            sb.append('e').append(e >= 0 ? '+' : '-');
            int ae = Math.abs(e);
            if (ae >= 100) {
                sb.append((char) ('0' + ae / 100));
            }
            sb.append((char) ('0' + (ae / 10) % 10)).append((char) ('0' + ae % 10));
        }
        return sb.toString();
    }
}
