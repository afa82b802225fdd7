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
        // as MicroPython's parser: ASCII whitespace, a sign, the base's prefix, then ASCII
        // digits of the base with underscores anywhere, then whitespace; an error quotes the
        // text from after the prefix (its UTF-8 bytes, as MicroPython shows them)
        int i = 0;
        while (i < n && asciiSpace(text.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            neg = text.charAt(i) == '-';
            i++;
        }
        if (i + 1 < n && text.charAt(i) == '0') {
            char p = (char) (text.charAt(i + 1) | 0x20);
            if (p == 'x' && (base == 0 || base == 16)) {
                base = 16;
                i += 2;
            } else if (p == 'o' && (base == 0 || base == 8)) {
                base = 8;
                i += 2;
            } else if (p == 'b' && (base == 0 || base == 2)) {
                base = 2;
                i += 2;
            }
        }
        int start = i;
        // base 0 without a prefix is decimal, and a leading 0 allows only zeros (the error then names base 0)
        boolean zerosOnly = base == 0 && i < n && text.charAt(i) == '0';
        int shown = base == 0 && !zerosOnly ? 10 : base;
        int radix = base == 0 ? 10 : base;
        StringBuilder digits = new StringBuilder(n - i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                continue;
            }
            int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
            if (d >= radix || (zerosOnly && d != 0)) {
                break;
            }
            digits.append(c);
        }
        while (i < n && asciiSpace(text.charAt(i))) {
            i++;
        }
        if (i != n || digits.length() == 0) {
            byte[] rest = text.substring(start).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            throw Ops.valueError("invalid syntax for integer with base " + shown + ": "
                    + Ops.repr(new PyBytes(rest)).substring(1));
        }
        BigInteger v = new BigInteger(digits.toString(), radix);
        return Ops.normalize(neg ? v.negate() : v);
    }

    /** MicroPython's whitespace in numbers: ASCII space, \t, \n, \v, \f, \r. */
    private static boolean asciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Text without the ASCII whitespace around it. */
    private static String asciiStrip(String text) {
        int a = 0;
        int b = text.length();
        while (a < b && asciiSpace(text.charAt(a))) {
            a++;
        }
        while (b > a && asciiSpace(text.charAt(b - 1))) {
            b--;
        }
        return text.substring(a, b);
    }

    public static double parseFloat(String text) {
        String s = asciiStrip(text).toLowerCase(java.util.Locale.ROOT).replace("_", "");
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
