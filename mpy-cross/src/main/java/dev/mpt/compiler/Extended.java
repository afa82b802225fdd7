package dev.mpt.compiler;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A non-negative number in x87 80-bit extended precision ({@code m * 2**e}, m of at most 64
 * significant bits, round to nearest even), or infinity. The official mpy-cross, built for
 * x86-64, parses and prints floats with {@code long double} arithmetic; to produce the same
 * constants this class repeats that arithmetic exactly.
 */
record Extended(BigInteger m, long e) {
    private static final int BITS = 64;
    private static final long MAX_EXP = 16384;
    private static final long MIN_EXP = -16446;
    private static final Extended INF = new Extended(null, 0);
    private static final Extended ZERO = new Extended(BigInteger.ZERO, 0);

    static Extended ofUnsigned(long v) {
        return new Extended(new BigInteger(Long.toUnsignedString(v)), 0).norm();
    }

    static Extended ofDouble(double d) {
        if (Double.isInfinite(d)) {
            return INF;
        }
        if (d == 0) {
            return ZERO;
        }
        long bits = Double.doubleToRawLongBits(d);
        int exp = (int) ((bits >> 52) & 0x7ff);
        long frac = bits & 0xfffffffffffffL;
        if (exp == 0) {
            return new Extended(BigInteger.valueOf(frac), -1074).norm();
        }
        return new Extended(BigInteger.valueOf(frac | 1L << 52), exp - 1075).norm();
    }

    boolean isInf() {
        return m == null;
    }

    boolean isZero() {
        return m != null && m.signum() == 0;
    }

    private Extended norm() {
        if (m == null || m.signum() == 0) {
            return this;
        }
        int extra = m.bitLength() - BITS;
        BigInteger mm = m;
        long ee = e;
        if (extra > 0) {
            BigInteger q = mm.shiftRight(extra);
            BigInteger rem = mm.subtract(q.shiftLeft(extra));
            BigInteger half = BigInteger.ONE.shiftLeft(extra - 1);
            int cmp = rem.compareTo(half);
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            mm = q;
            ee += extra;
        }
        if (ee + mm.bitLength() > MAX_EXP) {
            return INF;
        }
        if (ee + mm.bitLength() < MIN_EXP) {
            return ZERO;
        }
        return new Extended(mm, ee);
    }

    Extended mul(Extended o) {
        if (isInf() || o.isInf()) {
            return INF;
        }
        return new Extended(m.multiply(o.m), e + o.e).norm();
    }

    Extended div(Extended o) {
        if (isInf() || isZero()) {
            return this;
        }
        if (o.isInf()) {
            return ZERO;
        }
        int shift = Math.max(0, BITS + 66 + o.m.bitLength() - m.bitLength());
        BigInteger[] qr = m.shiftLeft(shift).divideAndRemainder(o.m);
        BigInteger q = qr[0].shiftLeft(1);
        if (qr[1].signum() != 0) {
            q = q.or(BigInteger.ONE);
        }
        return new Extended(q, e - o.e - shift - 1).norm();
    }

    Extended add(Extended o) {
        if (isInf() || o.isInf()) {
            return INF;
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        long minE = Math.min(e, o.e);
        BigInteger a = m.shiftLeft((int) (e - minE));
        BigInteger b = o.m.shiftLeft((int) (o.e - minE));
        return new Extended(a.add(b), minE).norm();
    }

    /** Truncates toward zero to an integer. */
    BigInteger toInteger() {
        if (isInf()) {
            throw new ArithmeticException("infinite");
        }
        return e >= 0 ? m.shiftLeft((int) e) : m.shiftRight((int) -e);
    }

    double toDouble() {
        if (isInf()) {
            return Double.POSITIVE_INFINITY;
        }
        if (m.signum() == 0) {
            return 0.0;
        }
        BigDecimal v = new BigDecimal(m);
        if (e >= 0) {
            v = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft((int) e)));
        } else {
            v = v.divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -e)));
        }
        return v.doubleValue();
    }
}
