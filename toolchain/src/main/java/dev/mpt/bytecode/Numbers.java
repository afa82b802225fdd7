package dev.mpt.bytecode;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parsing of the number texts stored in a .mpy constant table, accepting what MicroPython's
 * loader accepts: surrounding spaces, a sign, digits with underscores; for floats also
 * {@code inf}, {@code nan} and exponents; for complex numbers a trailing {@code j} and the
 * parenthesised {@code (re+imj)} form.
 */
final class Numbers {
    private Numbers() {}

    private static final Pattern INT = Pattern.compile("\\s*[+-]?[0-9][0-9_]*\\s*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    static void checkInt(String s) {
        if (s == null || !INT.matcher(s).matches()) {
            throw new IllegalArgumentException("not an integer: " + s);
        }
    }

    static BigInteger parseInt(String s) {
        checkInt(s);
        return new BigInteger(s.strip().replace("_", ""));
    }

    static void checkFloat(String s) {
        parseFloat(s);
    }

    static double parseFloat(String s) {
        if (s == null) {
            throw new IllegalArgumentException("not a float: null");
        }
        String t = s.strip();
        if (!FLOAT.matcher(t).matches()) {
            throw new IllegalArgumentException("not a float: " + s);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = lower.replaceFirst("^[+-]", "");
        if (body.equals("inf") || body.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(t.replace("_", ""));
    }

    /** Real and imaginary parts of a complex literal. */
    static double[] parseComplex(String s) {
        if (s == null) {
            throw new IllegalArgumentException("not a complex number: null");
        }
        String t = s.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (!t.endsWith("j") && !t.endsWith("J")) {
            return new double[] {parseFloat(t), 0.0};
        }
        String body = t.substring(0, t.length() - 1);
        // Find the sign that separates the real part from the imaginary part (not one
        // that follows an exponent marker).
        for (int i = body.length() - 1; i > 0; i--) {
            char c = body.charAt(i);
            char before = body.charAt(i - 1);
            if ((c == '+' || c == '-') && before != 'e' && before != 'E') {
                return new double[] {parseFloat(body.substring(0, i)), parseFloat(body.substring(i))};
            }
        }
        return new double[] {0.0, parseFloat(body)};
    }
}
