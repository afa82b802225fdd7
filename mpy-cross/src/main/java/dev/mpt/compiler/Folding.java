package dev.mpt.compiler;

import dev.mpt.compiler.ParseNode.Singleton;
import java.math.BigInteger;
import java.util.List;

/**
 * The arithmetic the parser folds at compile time, with MicroPython's semantics: ints of any
 * size, floats (doubles), true division and negative powers giving floats, floor division and
 * modulo rounding toward negative infinity. An operation that would raise (zero division, a
 * negative shift, a complex result, a type error) returns {@code null}: it is left unfolded.
 */
final class Folding {
    private Folding() {}

    private static final BigInteger MAX_SHIFT = BigInteger.valueOf(1 << 20);

    static String opOf(TokenKind tok) {
        return switch (tok) {
            case OP_DBL_LESS -> "<<";
            case OP_DBL_MORE -> ">>";
            case OP_PLUS -> "+";
            case OP_MINUS -> "-";
            case OP_STAR -> "*";
            case OP_AT -> "@";
            case OP_DBL_SLASH -> "//";
            case OP_SLASH -> "/";
            case OP_PERCENT -> "%";
            default -> throw new IllegalArgumentException(tok.name());
        };
    }

    static boolean isTrue(Object o) {
        if (o instanceof BigInteger v) {
            return v.signum() != 0;
        } else if (o instanceof Double d) {
            return d != 0.0;
        } else if (o instanceof ParseNode.Complex c) {
            return c.real() != 0 || c.imag() != 0;
        } else if (o instanceof String s) {
            return !s.isEmpty();
        } else if (o instanceof ParseNode.Bytes b) {
            return !b.value().isEmpty();
        } else if (o instanceof List<?> l) {
            return !l.isEmpty();
        } else if (o instanceof Singleton s) {
            return s == Singleton.TRUE || s == Singleton.ELLIPSIS;
        }
        return true;
    }

    static Object binary(String op, Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return intOp(op, x, y);
        }
        double x = a instanceof BigInteger bi ? bi.doubleValue() : (Double) a;
        double y = b instanceof BigInteger bi ? bi.doubleValue() : (Double) b;
        return floatOp(op, x, y);
    }

    private static Object intOp(String op, BigInteger x, BigInteger y) {
        switch (op) {
            case "|":
                return x.or(y);
            case "^":
                return x.xor(y);
            case "&":
                return x.and(y);
            case "+":
                return x.add(y);
            case "-":
                return x.subtract(y);
            case "*":
                return x.multiply(y);
            case "<<":
                if (y.signum() < 0 || y.compareTo(MAX_SHIFT) > 0) {
                    return null;
                }
                return x.shiftLeft(y.intValue());
            case ">>":
                if (y.signum() < 0) {
                    return null;
                }
                return y.compareTo(MAX_SHIFT) > 0 ? BigInteger.valueOf(x.signum() < 0 ? -1 : 0)
                    : x.shiftRight(y.intValue());
            case "//":
                if (y.signum() == 0) {
                    return null;
                }
                return floorDiv(x, y)[0];
            case "%":
                if (y.signum() == 0) {
                    return null;
                }
                return floorDiv(x, y)[1];
            case "/":
                if (y.signum() == 0) {
                    return null;
                }
                return x.doubleValue() / y.doubleValue();
            case "**":
                if (y.signum() < 0) {
                    return floatOp("**", x.doubleValue(), y.doubleValue());
                }
                if (y.bitLength() > 31 || (long) x.bitLength() * y.longValue() > 1 << 22) {
                    return null;
                }
                return x.pow(y.intValue());
            default:
                return null;
        }
    }

    private static BigInteger[] floorDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(y);
        }
        return qr;
    }

    private static Object floatOp(String op, double x, double y) {
        switch (op) {
            case "+":
                return x + y;
            case "-":
                return x - y;
            case "*":
                return x * y;
            case "/":
                if (y == 0) {
                    return null;
                }
                return x / y;
            case "//":
            case "%": {
                if (y == 0) {
                    return null;
                }
                double mod = x % y;
                double div = (x - mod) / y;
                if (mod != 0 && (y < 0) != (mod < 0)) {
                    mod += y;
                    div -= 1;
                }
                if (op.equals("%")) {
                    return mod == 0 ? Math.copySign(0.0, y) : mod;
                }
                double fd = Math.floor(div);
                if (div - fd > 0.5) {
                    fd += 1;
                }
                if (div == 0) {
                    fd = Math.copySign(0.0, x / y);
                }
                return fd;
            }
            case "**":
                if (x == 0 && y < 0) {
                    return null;
                }
                if (x < 0 && y != Math.floor(y)) {
                    return null;
                }
                return Math.pow(x, y);
            default:
                return null;
        }
    }

    // One object per module attribute: the same attribute folded twice is the same constant.
    private static final Double MATH_E = Math.E;
    private static final Double MATH_PI = Math.PI;
    private static final Double MATH_TAU = 2 * Math.PI;
    private static final Double MATH_INF = Double.POSITIVE_INFINITY;
    private static final Double MATH_NAN = Double.NaN;

    /** Float and int attributes of the modules the parser may fold ({@code math}). */
    static Object moduleConstant(String module, String attr) {
        if (!module.equals("math")) {
            return null;
        }
        return switch (attr) {
            case "e" -> MATH_E;
            case "pi" -> MATH_PI;
            case "tau" -> MATH_TAU;
            case "inf" -> MATH_INF;
            case "nan" -> MATH_NAN;
            default -> null;
        };
    }
}
