package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float constants are stored as MicroPython's repr text; these values were checked against it. */
class FloatReprTest {

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "1e100, 1e+100", "1.5, 1.5", "2.0, 2.0", "1e-7, 1e-07",
        "123456789012345678.0, 1.2345678901234568e+17", "3.14159, 3.14159", "1e16, 1e+16", "1.2e-5, 1.2e-05",
        "0.30000000000000004, 0.30000000000000004", "99.9, 99.90000000000001", "8.888e32, 8.888000000000001e+32",
        "0.0, 0.0", "1234.5, 1234.5", "0.0001, 0.0001"})
    void reprMatchesMicroPython(String literal, String repr) {
        double d = (Double) Literals.parseFloat(literal, 1);
        assertThat(FloatRepr.repr(d, true)).isEqualTo(repr);
    }

    @org.junit.jupiter.api.Test
    void negativeZeroKeepsItsSign() {
        assertThat(FloatRepr.repr(-0.0, true)).isEqualTo("-0.0");
        assertThat(FloatRepr.repr(Double.NaN, true)).isEqualTo("nan");
        assertThat(FloatRepr.repr(Double.NEGATIVE_INFINITY, true)).isEqualTo("-inf");
    }

    @ParameterizedTest
    @CsvSource({"2j, 2j", "1.5j, 1.5j", "0j, 0j"})
    void imaginaryLiterals(String literal, String repr) {
        ParseNode.Complex c = (ParseNode.Complex) Literals.parseFloat(literal, 1);
        assertThat(FloatRepr.complexRepr(c.real(), c.imag())).isEqualTo(repr);
    }
}
