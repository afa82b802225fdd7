package dev.mpt.vm;

/**
 * A non-negative number in the x87 80-bit extended format, C's {@code long double} on x86-64:
 * a 64-bit significand, every operation rounded to nearest, ties to even. MicroPython's unix
 * port formats and parses floats with this type, so to print the digits it prints we repeat
 * its arithmetic here bit for bit.
 *
 * <p>The value is {@code sig * 2**exp}, {@code sig} read as unsigned with its top bit set (or
 * zero for 0). Values beyond the format's range become infinity; values below its smallest
 * normal become 0 (extended subnormals never matter for results that fit a double).
 */
record LongDouble(long sig, int exp) {
    private static final int INF_EXP = Integer.MAX_VALUE;
    /** Largest exponent of the top significand bit, and the smallest, of a normal value. */
    private static final int MAX_TOP = 16383;
    private static final int MIN_TOP = -16382;

    static final LongDouble ZERO = new LongDouble(0, 0);
    static final LongDouble INF = new LongDouble(0, INF_EXP);
    static final LongDouble HALF = ofUnsigned(1).scaled(-1);
    static final LongDouble TEN = ofUnsigned(10);

    /** 10**(2**k) as computed by repeated squaring from 10: the factors mp_decimal_exp uses. */
    private static final LongDouble[] SQUARES = new LongDouble[16];

    static {
        SQUARES[0] = TEN;
        for (int k = 1; k < SQUARES.length; k++) {
            SQUARES[k] = SQUARES[k - 1].mul(SQUARES[k - 1]);
        }
    }

    boolean isZero() {
        return sig == 0 && exp != INF_EXP;
    }

    boolean isInf() {
        return exp == INF_EXP;
    }

    static LongDouble ofUnsigned(long v) {
        if (v == 0) {
            return ZERO;
        }
        int n = Long.numberOfLeadingZeros(v);
        return new LongDouble(v << n, -n);
    }

    /** The exact value of a non-negative double (its sign is ignored). */
    static LongDouble ofDouble(double d) {
        if (Double.isInfinite(d)) {
            return INF;
        }
        long bits = Double.doubleToRawLongBits(d);
        int field = (int) ((bits >>> 52) & 0x7ff);
        long frac = bits & 0xfffffffffffffL;
        if (field == 0) {
            return ofUnsigned(frac).scaled(-1074);
        }
        return new LongDouble((frac | 1L << 52) << 11, field - 1075 - 11);
    }

    private LongDouble scaled(int by) {
        return isZero() || isInf() ? this : make(sig, exp + by);
    }

    /** Checks the range of a normalised significand and exponent. */
    private static LongDouble make(long sig, long exp) {
        long top = exp + 63;
        if (top > MAX_TOP) {
            return INF;
        }
        if (top < MIN_TOP) {
            return ZERO;
        }
        return new LongDouble(sig, (int) exp);
    }

    /**
     * Rounds the 128-bit significand hi:lo (hi's top bit set), plus a sticky bit for anything
     * below lo, to 64 bits; hi's lowest bit weighs 2**exp.
     */
    private static LongDouble round(long hi, long lo, boolean sticky, long exp) {
        boolean guard = lo < 0;
        boolean rest = (lo << 1) != 0 || sticky;
        if (guard && (rest || (hi & 1) != 0)) {
            hi++;
            if (hi == 0) {
                hi = Long.MIN_VALUE;
                exp++;
            }
        }
        return make(hi, exp);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    LongDouble mul(LongDouble o) {
        if (isInf() || o.isInf()) {
            return INF;
        }
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        long hi = unsignedMultiplyHigh(sig, o.sig);
        long lo = sig * o.sig;
        long e = (long) exp + o.exp + 64;
        if (hi >= 0) {
            hi = hi << 1 | lo >>> 63;
            lo <<= 1;
            e--;
        }
        return round(hi, lo, false, e);
    }

    LongDouble div(LongDouble o) {
        if (isInf() || isZero()) {
            return this;
        }
        if (o.isInf()) {
            return ZERO;
        }
        if (o.isZero()) {
            return INF;
        }
        long d = o.sig;
        long e = (long) exp - o.exp;
        if (Long.compareUnsigned(sig, d) >= 0) {
            // quotient in [1, 2): a leading 1, then 64 fraction bits from the remainder
            long rem = sig - d;
            long frac = divideShifted(rem, d);
            long r = -(frac * d);
            return round(Long.MIN_VALUE | frac >>> 1, (frac & 1) != 0 ? Long.MIN_VALUE : 0, r != 0, e - 63);
        }
        // quotient in (1/2, 1): 64 bits, then the next bit and the rest from the remainder
        long q = divideShifted(sig, d);
        long r = -(q * d);
        int half = Long.compareUnsigned(r, d - r);
        return round(q, half >= 0 ? Long.MIN_VALUE : 0, half > 0 || (half < 0 && r != 0), e - 64);
    }

    private static final long LOW32 = 0xffffffffL;

    /**
     * floor(hi * 2**64 / d) for a divisor with its top bit set and hi below d, by long division
     * in 32-bit digits (the remainder is then {@code -(q * d)} modulo 2**64).
     */
    private static long divideShifted(long hi, long d) {
        long dHigh = d >>> 32;
        long dLow = d & LOW32;

        long q1 = Long.divideUnsigned(hi, dHigh);
        long rhat = hi - q1 * dHigh;
        while (Long.compareUnsigned(q1, LOW32) > 0 || Long.compareUnsigned(q1 * dLow, rhat << 32) > 0) {
            q1--;
            rhat += dHigh;
            if (Long.compareUnsigned(rhat, LOW32) > 0) {
                break;
            }
        }
        long mid = (hi << 32) - q1 * d;

        long q0 = Long.divideUnsigned(mid, dHigh);
        rhat = mid - q0 * dHigh;
        while (Long.compareUnsigned(q0, LOW32) > 0 || Long.compareUnsigned(q0 * dLow, rhat << 32) > 0) {
            q0--;
            rhat += dHigh;
            if (Long.compareUnsigned(rhat, LOW32) > 0) {
                break;
            }
        }
        return q1 << 32 | q0;
    }

    LongDouble add(LongDouble o) {
        if (isInf() || o.isInf()) {
            return INF;
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        LongDouble a = this;
        LongDouble b = o;
        if (b.exp > a.exp) {
            a = o;
            b = this;
        }
        long shift = (long) a.exp - b.exp;
        long bHi;
        long bLo;
        boolean sticky = false;
        if (shift == 0) {
            bHi = b.sig;
            bLo = 0;
        } else if (shift < 64) {
            bHi = b.sig >>> shift;
            bLo = b.sig << (64 - shift);
        } else if (shift < 128) {
            bHi = 0;
            bLo = b.sig >>> (shift - 64);
            sticky = shift > 64 && (b.sig << (128 - shift)) != 0;
        } else {
            bHi = 0;
            bLo = 0;
            sticky = true;
        }
        long lo = bLo;
        long hi = a.sig + bHi;
        boolean carry = Long.compareUnsigned(hi, a.sig) < 0;
        long e = a.exp;
        if (carry) {
            sticky |= (lo & 1) != 0;
            lo = lo >>> 1 | hi << 63;
            hi = hi >>> 1 | Long.MIN_VALUE;
            e++;
        }
        return round(hi, lo, sticky, e);
    }

    /** C's conversion to uint64_t: truncation toward zero (the value must be below 2**64). */
    long toUnsignedTruncated() {
        if (isZero()) {
            return 0;
        }
        if (exp >= 0) {
            return exp >= 64 ? 0 : sig << exp;
        }
        return exp <= -64 ? 0 : sig >>> -exp;
    }

    /** Rounds to the nearest double, ties to even, subnormal and infinite results included. */
    double toDouble() {
        if (isInf()) {
            return Double.POSITIVE_INFINITY;
        }
        if (isZero()) {
            return 0.0;
        }
        long shift = Math.max(11, -1074L - exp);
        if (shift > 64) {
            return 0.0;
        }
        long m = shift == 64 ? 0 : sig >>> shift;
        long below = shift == 64 ? sig : sig << (64 - shift);
        boolean guard = below < 0;
        boolean rest = (below << 1) != 0;
        if (guard && (rest || (m & 1) != 0)) {
            m++;
        }
        return Math.scalb((double) m, (int) (exp + shift));
    }

    /** {@code num * 10**decExp} the way MicroPython's mp_decimal_exp computes it in long double. */
    static LongDouble decimalExp(LongDouble num, int decExp) {
        if (decExp == 0 || num.isZero()) {
            return num;
        }
        boolean negative = decExp < 0;
        long n = Math.abs((long) decExp);
        LongDouble res = num;
        for (int k = 0; n != 0; k++, n >>= 1) {
            if ((n & 1) != 0) {
                LongDouble factor = k < SQUARES.length ? SQUARES[k] : INF;
                res = negative ? res.div(factor) : res.mul(factor);
            }
        }
        return res;
    }
}
