package dev.mpt.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Numeric.floorDivide (Python's x // y for ints, with a shortcut for short quotients of long
 * operands) against BigInteger.divideAndRemainder with Python's floor rule: the quotient is
 * rounded towards minus infinity, and a result that fits in 64 bits is a Long.
 */
class BigFloorDivideTest {

    private static Object expected(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            q = q.subtract(BigInteger.ONE);
        }
        return q.bitLength() < 64 ? (Object) q.longValue() : q;
    }

    private static BigInteger number(int bits, long seed) {
        return new BigInteger(bits, new Random(seed)).setBit(bits - 1);
    }

    @Provide
    Arbitrary<BigInteger> quotients() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(20)),
                Arbitraries.integers().between(0, 70).flatMap(k -> Arbitraries.integers().between(-3, 3)
                        .map(e -> BigInteger.ONE.shiftLeft(k).add(BigInteger.valueOf(e)).max(BigInteger.ZERO))),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(BigInteger::valueOf));
    }

    @Property(tries = 4000)
    void matchesDivideAndRemainderWithTheFloorRule(@ForAll @IntRange(min = 1, max = 2500) int yBits,
            @ForAll long ySeed, @ForAll("quotients") BigInteger q, @ForAll @IntRange(min = 0, max = 6) int rKind,
            @ForAll long rSeed, @ForAll boolean yNegative, @ForAll boolean qNegative) {
        BigInteger y = number(yBits, ySeed);
        BigInteger r = switch (rKind) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE;
            case 2 -> BigInteger.ONE.negate();
            case 3 -> y.subtract(BigInteger.ONE);
            case 4 -> y.negate().add(BigInteger.ONE);
            case 5 -> BigInteger.ONE.shiftLeft(64).min(y.subtract(BigInteger.ONE));
            default -> new BigInteger(yBits, new Random(rSeed)).mod(y);
        };
        if (yNegative) {
            y = y.negate();
        }
        BigInteger x = (qNegative ? q.negate() : q).multiply(y).add(r);
        assertThat(Numeric.floorDivide(x, y)).as("%s // %s", x, y).isEqualTo(expected(x, y));
    }

    @Property(tries = 2000)
    void anyTwoNumbersOfSimilarLength(@ForAll @IntRange(min = 1, max = 700) int xBits,
            @ForAll @IntRange(min = -40, max = 40) int diff, @ForAll long xSeed, @ForAll long ySeed,
            @ForAll boolean xNegative, @ForAll boolean yNegative) {
        BigInteger x = number(xBits, xSeed);
        BigInteger y = number(Math.max(1, xBits - diff), ySeed);
        x = xNegative ? x.negate() : x;
        y = yNegative ? y.negate() : y;
        assertThat(Numeric.floorDivide(x, y)).as("%s // %s", x, y).isEqualTo(expected(x, y));
    }

    @Example
    void cornersOfTheFloorRule() {
        BigInteger big = BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(12345));
        for (BigInteger x : new BigInteger[] {big, big.negate(), big.multiply(BigInteger.valueOf(7)),
                big.multiply(BigInteger.valueOf(-7)), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(63),
                BigInteger.ONE.shiftLeft(63).negate(), BigInteger.ZERO}) {
            for (BigInteger y : new BigInteger[] {BigInteger.ONE, BigInteger.ONE.negate(), big, big.negate(),
                    BigInteger.valueOf(7), BigInteger.valueOf(-7), big.shiftRight(1), big.shiftLeft(1).negate()}) {
                assertThat(Numeric.floorDivide(x, y)).as("%s // %s", x, y).isEqualTo(expected(x, y));
            }
        }
        assertThat(Numeric.floorDivide(BigInteger.ONE.shiftLeft(63).negate(), BigInteger.ONE.negate()))
                .isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(Numeric.floorDivide(big.negate(), big)).isEqualTo(-1L);
        assertThat(Numeric.floorDivide(big.negate().add(BigInteger.ONE), big)).isEqualTo(-1L);
        assertThat(Numeric.floorDivide(big.negate().subtract(BigInteger.ONE), big)).isEqualTo(-2L);
    }
}
