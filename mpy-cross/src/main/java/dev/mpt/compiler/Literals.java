package dev.mpt.compiler;

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
            throw CompileError.syntax("invalid syntax for integer with base " + base + ": '"
                + text.substring(start) + "'", line);
        }
        return v;
    }

    static Object parseFloat(String text, int line) {
        boolean imag = false;
        String t = text;
        char last = t.charAt(t.length() - 1);
        if (last == 'j' || last == 'J') {
            imag = true;
            t = t.substring(0, t.length() - 1);
        }
        double d;
        try {
            if (!t.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?") || t.isEmpty() || t.equals(".")) {
                throw new NumberFormatException();
            }
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw CompileError.syntax("invalid syntax for number", line);
        }
        return imag ? new ParseNode.Complex(0.0, d) : (Object) d;
    }
}
