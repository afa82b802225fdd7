package dev.mpt.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The long double arithmetic behind float printing rounds every result to 64 significant bits,
 * to nearest, ties to even: checked here against exact integer arithmetic.
 */
class LongDoubleTest {
    /** The exactly rounded value of num / 2**shift as a LongDouble (num > 0). */
    private static LongDouble rounded(BigInteger num, long shift) {
        int extra = num.bitLength() - 64;
        BigInteger q = num;
        if (extra > 0) {
            q = num.shiftRight(extra);
            BigInteger rest = num.subtract(q.shiftLeft(extra));
            int cmp = rest.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(extra));
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            if (q.bitLength() > 64) {
                q = q.shiftRight(1);
                extra++;
            }
        } else {
            q = num.shiftLeft(-extra);
        }
        return new LongDouble(q.longValue(), (int) (extra - shift));
    }

    private static BigInteger big(long unsigned) {
        return new BigInteger(Long.toUnsignedString(unsigned));
    }

    private static LongDouble random(Random r) {
        return new LongDouble(r.nextLong() | Long.MIN_VALUE, r.nextInt(200) - 100);
    }

    @Test
    void productsAreRoundedToNearestEven() {
        Random r = new Random(1);
        for (int i = 0; i < 20000; i++) {
            LongDouble a = random(r);
            LongDouble b = i % 10 == 0 ? LongDouble.TEN : random(r);
            BigInteger exact = big(a.sig()).multiply(big(b.sig()));
            LongDouble want = rounded(exact, -(long) (a.exp() + b.exp()));
            assertThat(a.mul(b)).as("%s * %s", a, b).isEqualTo(want);
        }
    }

    @Test
    void quotientsAreRoundedToNearestEven() {
        Random r = new Random(2);
        for (int i = 0; i < 20000; i++) {
            LongDouble a = random(r);
            LongDouble b = i % 10 == 0 ? LongDouble.TEN : random(r);
            // a / b to 130 bits and a sticky bit
            BigInteger[] qr = big(a.sig()).shiftLeft(130).divideAndRemainder(big(b.sig()));
            BigInteger q = qr[0].shiftLeft(1).or(qr[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO);
            LongDouble want = rounded(q, 131 - (long) a.exp() + b.exp());
            assertThat(a.div(b)).as("%s / %s", a, b).isEqualTo(want);
        }
    }

    @Test
    void sumsAreRoundedToNearestEven() {
        Random r = new Random(3);
        for (int i = 0; i < 20000; i++) {
            LongDouble a = random(r);
            LongDouble b = i % 3 == 0 ? LongDouble.HALF : new LongDouble(r.nextLong() | Long.MIN_VALUE, a.exp() - r.nextInt(140));
            int low = Math.min(a.exp(), b.exp());
            BigInteger exact = big(a.sig()).shiftLeft(a.exp() - low).add(big(b.sig()).shiftLeft(b.exp() - low));
            LongDouble want = rounded(exact, -(long) low);
            assertThat(a.add(b)).as("%s + %s", a, b).isEqualTo(want);
            assertThat(b.add(a)).isEqualTo(want);
        }
    }

    @Test
    void convertsToDoubleRoundingOnce() {
        // 2**64 - 1 rounds up to 2**64; 1 + 2**-53 (a tie) rounds to even, 1 + 2**-53 + 2**-63 up
        assertThat(LongDouble.ofUnsigned(-1L).toDouble()).isEqualTo(0x1p64);
        assertThat(new LongDouble(Long.MIN_VALUE | 1L << 10, -63).toDouble()).isEqualTo(1.0);
        assertThat(new LongDouble(Long.MIN_VALUE | 1L << 10 | 1, -63).toDouble()).isEqualTo(1.0 + 0x1p-52);
        // subnormal results round at their own precision
        assertThat(new LongDouble(Long.MIN_VALUE, -1074 - 63).toDouble()).isEqualTo(Double.MIN_VALUE);
        assertThat(new LongDouble(Long.MIN_VALUE, -1075 - 63).toDouble()).isEqualTo(0.0);
        assertThat(new LongDouble(Long.MIN_VALUE | 1, -1075 - 63).toDouble()).isEqualTo(Double.MIN_VALUE);
        assertThat(new LongDouble(Long.MIN_VALUE, 1024 - 63).toDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        Random r = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double d = Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE);
            if (!Double.isNaN(d)) {
                assertThat(LongDouble.ofDouble(d).toDouble()).isEqualTo(d);
            }
        }
    }

    @Test
    void powersOfTenComeFromRepeatedSquaring() {
        // 10**16 is exact; 10**32 = (10**16)**2 is the first that rounds; 1/10 is 0xcccc...cd
        assertThat(LongDouble.decimalExp(LongDouble.ofUnsigned(1), 16).toUnsignedTruncated()).isEqualTo(10_000_000_000_000_000L);
        assertThat(LongDouble.decimalExp(LongDouble.ofUnsigned(1), -1)).isEqualTo(new LongDouble(0xcccccccccccccccdL, -67));
        assertThat(LongDouble.decimalExp(LongDouble.ofUnsigned(1), 5000).isInf()).isTrue();
        assertThat(LongDouble.decimalExp(LongDouble.ofUnsigned(1), -5000).toDouble()).isZero();
    }
}
