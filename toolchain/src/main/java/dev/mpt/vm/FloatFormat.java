package dev.mpt.vm;

/**
 * Float to text exactly as MicroPython's unix port (64-bit double build on x86-64) writes it:
 * repr and str, {@code %e %f %g} and the float specs of {@code str.format}.
 *
 * <p>MicroPython does not print the shortest round-tripping digits. It estimates the decimal
 * exponent, scales the value to an integer mantissa of 16 digits in {@link LongDouble}
 * arithmetic, and only when that text does not read back (through {@link FloatParse}) as the
 * same double does it try 17, 18 and 19 digits. Its output goes into a fixed 32-byte buffer,
 * which limits how many digits {@code %f} can show and turns very wide {@code %f} output into
 * {@code %g}. All of that shows in what a program prints, so it is repeated here.
 */
public final class FloatFormat {
    private FloatFormat() {}

    // print flags, as the formatting callers combine them
    public static final int LEFT_ADJUST = 0x001;
    public static final int SHOW_SIGN = 0x002;
    public static final int SPACE_SIGN = 0x004;
    public static final int PAD_AFTER_SIGN = 0x010;
    public static final int CENTER_ADJUST = 0x020;
    public static final int ADD_PERCENT = 0x040;
    public static final int ALWAYS_DECIMAL = 0x100;
    /** The digit-group separator (',' or '_') sits in the flags from this bit up. */
    public static final int SEPARATOR_SHIFT = 9;

    /** The precision that asks for repr's digits. */
    public static final int REPR_PREC = 99;

    /** Size of the text buffer a formatted float gets (sign included). */
    private static final int BUFFER = 33;
    private static final int MAX_DIGITS = 19;
    private static final int SAFE_DIGITS = 16;

    private static final int MODE_E = 1;
    private static final int MODE_G = 2;
    private static final int MODE_F = 4;
    /** Placed where a dot would go when the dot is already written (leading zeros). */
    private static final int NO_DOT = 255;

    private static final long[] POW10 = new long[20];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** repr() and str() of a float. */
    public static String repr(double d) {
        return print(d, 'g', ALWAYS_DECIMAL, ' ', -1, REPR_PREC);
    }

    /** repr() and str() of a complex number. */
    public static String complexRepr(double real, double imag) {
        if (real != 0) {
            return "(" + print(real, 'g', 0, ' ', -1, REPR_PREC) + print(imag, 'g', SHOW_SIGN, ' ', -1, REPR_PREC) + "j)";
        }
        return print(imag, 'g', 0, ' ', -1, REPR_PREC) + "j";
    }

    /**
     * One {@code %} conversion of a float ({@code conv} one of eEfFgG); width below 0 means
     * none, precision below 0 the default. The {@code #} flag changes nothing for floats.
     */
    public static String percent(double d, char conv, boolean left, boolean plus, boolean space, boolean zero,
            int width, int prec) {
        int flags = (left ? LEFT_ADJUST : 0) | (plus ? SHOW_SIGN : 0) | (space ? SPACE_SIGN : 0)
                | (zero ? PAD_AFTER_SIGN : 0);
        return print(d, conv, flags, zero ? '0' : ' ', width, prec);
    }

    /**
     * A float under a {@code str.format} spec: fill (0 when not given), align (0 when not
     * given), sign (0, '+', '-' or ' '), width (below 0: none), separator (0, ',' or '_'),
     * precision (below 0: none) and type (0 or one of eEfFgGn%).
     */
    public static String spec(double d, char fill, char align, char sign, boolean zero, int width, char separator,
            int prec, char type) {
        int flags = sign == '+' ? SHOW_SIGN : sign == ' ' ? SPACE_SIGN : 0;
        if (zero) {
            if (align == 0) {
                align = '=';
            }
            if (fill == 0) {
                fill = '0';
            }
        }
        if (fill == 0) {
            fill = ' ';
        }
        if (align == '<') {
            flags |= LEFT_ADJUST;
        } else if (align == '=') {
            flags |= PAD_AFTER_SIGN;
        } else if (align == '^') {
            flags |= CENTER_ADJUST;
        }
        flags |= separator << SEPARATOR_SHIFT;
        if (type == 0 || type == 'n') {
            type = 'g';
        }
        if (type == '%') {
            return print(d * 100, 'f', flags | ADD_PERCENT, fill, width, prec);
        }
        return print(d, type, flags, fill, width, prec);
    }

    /** A formatted float placed in its field: sign, '.0' or '%' suffix, padding. */
    public static String print(double d, char fmt, int flags, char fill, int width, int prec) {
        char sign = (flags & SHOW_SIGN) != 0 ? '+' : (flags & SPACE_SIGN) != 0 ? ' ' : 0;
        String s = format(d, fmt, prec, sign, BUFFER);
        if ((flags & ALWAYS_DECIMAL) != 0 && s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0) {
            s += ".0";
        }
        if ((flags & ADD_PERCENT) != 0) {
            s += "%";
        }
        if ((flags & PAD_AFTER_SIGN) != 0 && !s.isEmpty() && s.charAt(0) < '0') {
            return s.charAt(0) + pad(s.substring(1), flags, fill, width - 1);
        }
        return pad(s, flags, fill, width);
    }

    /** The zeros used for padding, with the group separators where they fall. */
    private static final String PAD_COMMON = "0000000000000000_000,00";

    /** Pads s to width as MicroPython's print routine does, zero padding with separators included. */
    static String pad(String s, int flags, char fill, int width) {
        int len = s.length();
        int pad = width - len;
        char grouping = (char) (flags >>> SEPARATOR_SHIFT);
        String unit;
        if (fill == 0 || fill == ' ') {
            unit = " ";
        } else if (fill == '0' && grouping == 0) {
            unit = "0";
        } else if (fill == '0') {
            int start = grouping == '_' ? 12 : 17;
            int size = grouping == '_' ? 5 : 4;
            // the text never starts with a separator: one more zero in front when it would
            if (width % size == 0) {
                pad++;
                width++;
            }
            start += size - 1 - width % size;
            unit = PAD_COMMON.substring(start, start + size);
        } else {
            unit = String.valueOf(fill);
        }
        if (pad <= 0) {
            return s;
        }
        int leftPad;
        int rightPad;
        if ((flags & CENTER_ADJUST) != 0) {
            leftPad = pad / 2;
            rightPad = pad - leftPad;
        } else if ((flags & LEFT_ADJUST) != 0) {
            leftPad = 0;
            rightPad = pad;
        } else {
            leftPad = pad;
            rightPad = 0;
        }
        StringBuilder sb = new StringBuilder(len + pad);
        repeat(sb, unit, leftPad);
        sb.append(s);
        repeat(sb, unit, rightPad);
        return sb.toString();
    }

    /** Appends n characters of the repeated unit. */
    private static void repeat(StringBuilder sb, String unit, int n) {
        while (n > 0) {
            int k = Math.min(n, unit.length());
            sb.append(unit, 0, k);
            n -= k;
        }
    }

    /**
     * The text of f in format fmt (e, f or g, either case) with precision prec (below 0: 6;
     * {@link #REPR_PREC}: repr), preceded by sign when f is not negative (0 for none), in a
     * buffer of bufSize characters.
     */
    static String format(double f, char fmt, int prec, char sign, int bufSize) {
        StringBuilder out = new StringBuilder(24);
        if (Double.doubleToRawLongBits(f) < 0 && !Double.isNaN(f)) {
            f = -f;
            sign = '-';
        }
        if (sign != 0) {
            out.append(sign);
            bufSize--;
        }
        boolean upper = (fmt & 0x20) == 0;
        if (Double.isInfinite(f)) {
            return out.append(upper ? "INF" : "inf").toString();
        }
        if (Double.isNaN(f)) {
            return out.append(upper ? "NAN" : "nan").toString();
        }
        char lower = (char) (fmt | 0x20);
        int mode = lower == 'f' ? MODE_F : lower == 'g' ? MODE_G : MODE_E;
        if (prec < 0) {
            prec = 6;
        }
        int maxExpZeros = Math.min(prec, bufSize - 3);
        if (prec == REPR_PREC) {
            prec = MAX_DIGITS;
            maxExpZeros = 16;
        }

        // the decimal exponent: f lies in [10**e, 10**(e+1))
        int e = 0;
        if (f != 0) {
            int binary = (int) ((Double.doubleToRawLongBits(f) >>> 52) & 0x7ff) - 1023;
            e = (int) (binary * 0.3010299956639812);
            boolean atLeastOne = !(f < 1.0);
            double bound = powerOfTen(e + (atLeastOne ? 1 : 0));
            while ((f >= bound) == atLeastOne) {
                e += atLeastOne ? 1 : -1;
                bound = powerOfTen(e + (atLeastOne ? 1 : 0));
            }
        }

        // %f that would not fit the buffer becomes %g with one more digit
        if (mode == MODE_F && e > 0 && e + prec + 2 > bufSize) {
            mode = MODE_G;
            prec++;
        }

        int maxDigits = prec;
        int leadZeros = 0;
        int trailZeros = 0;
        if (mode == MODE_F) {
            maxDigits = Math.min(maxDigits, bufSize - 3);
            if (e < 0) {
                if (maxDigits > 2 && e < -2) {
                    leadZeros = Math.min(-e, maxDigits) - 2;
                    maxDigits -= leadZeros;
                } else {
                    maxDigits++;
                }
            } else {
                maxDigits += e + 1;
            }
        } else if (mode != MODE_G || maxDigits == 0) {
            maxDigits++;
        }
        if (maxDigits > MAX_DIGITS) {
            trailZeros = maxDigits - MAX_DIGITS;
            maxDigits = MAX_DIGITS;
        }
        int overhead = mode == MODE_F ? 3 : 8;
        trailZeros = Math.min(trailZeros, bufSize - maxDigits - overhead);

        // first the digits that are surely right, then more until the text reads back as f
        int numDigits = Math.min(SAFE_DIGITS, maxDigits);
        LongDouble exact = LongDouble.ofDouble(f);
        while (true) {
            StringBuilder s = new StringBuilder(24);
            int extraZeros = trailZeros + maxDigits - numDigits;
            int decexp;
            int dec = 0;
            if (f == 0) {
                decexp = 0;
            } else if (mode == MODE_F) {
                decexp = numDigits - 1;
                if (e < 0) {
                    if (leadZeros > 0) {
                        s.append("0.");
                        s.append("0".repeat(leadZeros));
                        decexp += leadZeros + 1;
                        dec = NO_DOT;
                    }
                } else {
                    decexp -= e;
                    dec = e;
                }
            } else {
                decexp = numDigits - e - 1;
            }
            long cap = POW10[numDigits];
            long mantissa = LongDouble.decimalExp(exact, decexp).add(LongDouble.HALF).toUnsignedTruncated();
            mantissaText(s, mantissa, cap, numDigits, maxExpZeros, extraZeros, dec, e, mode, upper);
            if (numDigits < maxDigits && FloatParse.unsigned(s, 0, s.length()) != f) {
                numDigits++;
                continue;
            }
            return out.append(s).toString();
        }
    }

    /**
     * 10**e rounded to a double as the exponent search computes it, for e in [-POW_BIAS,
     * POW_BIAS), filled in on first use (0 = not yet; a race only computes the same value twice).
     */
    private static final int POW_BIAS = 360;
    private static final double[] POWERS = new double[2 * POW_BIAS];

    private static double powerOfTen(int e) {
        boolean cached = e >= -POW_BIAS && e < POW_BIAS;
        if (cached && POWERS[e + POW_BIAS] != 0) {
            return POWERS[e + POW_BIAS];
        }
        double p = LongDouble.decimalExp(LongDouble.ofUnsigned(1), e).toDouble();
        if (cached) {
            POWERS[e + POW_BIAS] = p;
        }
        return p;
    }

    /**
     * Appends the decimal mantissa (numDigits digits, the dot after digit dec) with the zeros
     * and the exponent the format asks for.
     */
    private static void mantissaText(StringBuilder s, long mantissa, long cap, int numDigits, int maxExpZeros,
            int trailingZeros, int dec, int e, int mode, boolean upper) {
        if (mantissa != 0 && Long.compareUnsigned(mantissa, cap) >= 0) {
            // rounding carried into a new digit
            if (mode == MODE_F) {
                numDigits++;
                dec++;
            } else {
                mantissa = Long.divideUnsigned(mantissa, 10);
                e++;
            }
        }
        if (mode == MODE_G && e != 0) {
            if (e > 0) {
                if (e < maxExpZeros) {
                    dec += e;
                    if (dec >= numDigits) {
                        trailingZeros = dec - (numDigits - 1);
                    }
                    e = 0;
                }
            } else if (e >= -4) {
                int stripped = 0;
                while (e < 0 && Long.remainderUnsigned(mantissa, 10) == 0) {
                    mantissa = Long.divideUnsigned(mantissa, 10);
                    stripped++;
                    e++;
                }
                numDigits -= stripped;
                s.append("0.");
                for (int k = stripped - e - 1; k > 0; k--) {
                    s.append('0');
                }
                dec = NO_DOT;
                e = 0;
            }
        }

        char[] digits = new char[Math.max(numDigits, 0)];
        for (int k = numDigits - 1; k >= 0; k--) {
            digits[k] = (char) ('0' + Long.remainderUnsigned(mantissa, 10));
            mantissa = Long.divideUnsigned(mantissa, 10);
        }
        boolean dot = dec >= NO_DOT;
        if (dec + 1 < numDigits) {
            dot = true;
            s.append(digits, 0, dec + 1).append('.').append(digits, dec + 1, numDigits - dec - 1);
        } else {
            s.append(digits);
        }

        if (trailingZeros > 0) {
            int left = dec - (numDigits - 1);
            for (; trailingZeros > 0; trailingZeros--) {
                if (left-- == 0) {
                    s.append('.');
                    dot = true;
                }
                s.append('0');
            }
        }
        if (mode == MODE_G && dot) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s.setLength(end);
        }

        if ((e != 0 || mode == MODE_E) && mode != MODE_F) {
            s.append(upper ? 'E' : 'e');
            if (e >= 0) {
                s.append('+');
            } else {
                s.append('-');
                e = -e;
            }
            if (e >= 100) {
                s.append((char) ('0' + e / 100));
            }
            s.append((char) ('0' + (e / 10) % 10)).append((char) ('0' + e % 10));
        }
    }
}
