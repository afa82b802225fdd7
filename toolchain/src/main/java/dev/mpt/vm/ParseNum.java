package dev.mpt.vm;

import java.math.BigInteger;

/** Number parsing: int() and float() and complex() from text, as MicroPython reads them (parsenum). */
public final class ParseNum {
    private ParseNum() {}

    public static Object parseInt(String text, int base) {
        // the common case first: a plain decimal that fits in a long
        int n = text.length();
        if ((base == 10 || base == 0) && n > 0 && n <= 18) {
            int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
            if (i < n && (base == 10 || text.charAt(i) != '0' || n - i == 1)) {
                long v = 0;
                int j = i;
                for (; j < n; j++) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    v = v * 10 + (c - '0');
                }
                if (j == n) {
                    return text.charAt(0) == '-' ? -v : v;
                }
            }
        }
        String s = text.strip();
        String orig = text;
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            neg = s.startsWith("-");
            s = s.substring(1);
        }
        String low = s.toLowerCase();
        if (base == 0) {
            if (low.startsWith("0x")) {
                base = 16;
                s = s.substring(2);
            } else if (low.startsWith("0o")) {
                base = 8;
                s = s.substring(2);
            } else if (low.startsWith("0b")) {
                base = 2;
                s = s.substring(2);
            } else {
                base = 10;
                if (s.length() > 1 && s.charAt(0) == '0' && !s.replace("_", "").chars().allMatch(c -> c == '0')) {
                    throw Ops.valueError("invalid syntax for integer with base 10: " + Ops.repr(orig));
                }
            }
        } else if ((base == 16 && low.startsWith("0x")) || (base == 8 && low.startsWith("0o"))
                || (base == 2 && low.startsWith("0b"))) {
            s = s.substring(2);
        }
        s = s.replace("_", "");
        try {
            if (s.isEmpty()) {
                throw new NumberFormatException();
            }
            BigInteger v = new BigInteger(s, base);
            return Ops.normalize(neg ? v.negate() : v);
        } catch (NumberFormatException e) {
            throw Ops.valueError("invalid syntax for integer with base " + base + ": " + Ops.repr(orig));
        }
    }

    public static double parseFloat(String text) {
        String s = text.strip().toLowerCase().replace("_", "");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean neg = s.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.isEmpty() || !body.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            throw Ops.valueError("invalid syntax for number");
        }
        return FloatParse.parse(s);
    }

    /** A real or imaginary part in complex(): sign, digits or inf/nan (or nothing before a j), j. */
    private static final java.util.regex.Pattern COMPLEX_PART = java.util.regex.Pattern.compile(
            "([+-]?)(infinity|inf|nan|\\d+\\.?\\d*(?:e[+-]?\\d+)?|\\.\\d+(?:e[+-]?\\d+)?|)(j?)");

    /**
     * complex() from text, as MicroPython reads it: a real part, then, after optional
     * whitespace, an imaginary part whose sign is its own ("1 1j" is 1+1j, as is "1 j"); or an
     * imaginary part alone. No parentheses.
     */
    static double[] parseComplex(String text) {
        String s = text.toLowerCase().replace("_", "");
        int i = skipSpace(s, 0);
        double re = 0;
        double im = 0;
        boolean first = true;
        while (true) {
            java.util.regex.Matcher m = COMPLEX_PART.matcher(s).region(i, s.length());
            if (!m.lookingAt() || (m.group(2).isEmpty() && m.group(3).isEmpty())) {
                throw Ops.valueError("invalid syntax for number");
            }
            double v = m.group(2).isEmpty() ? 1 : parseFloat(m.group(2));
            if (m.group(1).equals("-")) {
                v = -v;
            }
            i = skipSpace(s, m.end());
            if (!m.group(3).isEmpty()) {
                im = v;
                if (i != s.length()) {
                    throw Ops.valueError("invalid syntax for number");
                }
                return new double[] {re, im};
            }
            if (!first) {
                throw Ops.valueError("invalid syntax for number"); // a second part must be imaginary
            }
            re = v;
            first = false;
            if (i == s.length()) {
                return new double[] {re, im};
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Strs.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
