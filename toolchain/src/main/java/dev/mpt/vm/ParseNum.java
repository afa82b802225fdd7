package dev.mpt.vm;

import java.math.BigInteger;

/** Number parsing: int() and float() and complex() from text, as MicroPython reads them (parsenum). */
public final class ParseNum {
    private ParseNum() {}

    public static Object parseInt(String text, int base) {
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

    static double[] parseComplex(String text) {
        String s = text.strip().toLowerCase();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        try {
            if (!s.endsWith("j")) {
                return new double[] {parseFloat(s), 0};
            }
            String body = s.substring(0, s.length() - 1);
            int split = -1;
            for (int i = body.length() - 1; i > 0; i--) {
                char c = body.charAt(i);
                if ((c == '+' || c == '-') && body.charAt(i - 1) != 'e') {
                    split = i;
                    break;
                }
            }
            String re = split < 0 ? "0" : body.substring(0, split);
            String im = split < 0 ? body : body.substring(split);
            if (im.isEmpty() || im.equals("+")) {
                im = "1";
            } else if (im.equals("-")) {
                im = "-1";
            }
            return new double[] {parseFloat(re), parseFloat(im)};
        } catch (PyError e) {
            throw Ops.valueError("complex() arg is a malformed string");
        }
    }
}
