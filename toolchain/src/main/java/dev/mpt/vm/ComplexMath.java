package dev.mpt.vm;

/**
 * Complex arithmetic with MicroPython's formulas, which differ from CPython's (no hypot, so
 * magnitudes over- and underflow as {@code sqrt(re*re + im*im)} does; powers through
 * exp/log/atan2), so that results agree with the board's to the last digit. Results are
 * {real, imag} pairs.
 */
public final class ComplexMath {
    private ComplexMath() {}

    /** |z| as MicroPython computes it. */
    public static double abs(double re, double im) {
        return Math.sqrt(re * re + im * im);
    }

    /**
     * z1 ** z2 = exp(z2 * log(z1)); null when z1's magnitude is 0 and the power is not a
     * non-negative real (MicroPython's "0.0 to a complex power").
     */
    public static double[] power(double re1, double im1, double re2, double im2) {
        double abs1 = abs(re1, im1);
        if (abs1 == 0) {
            if (im2 == 0 && re2 >= 0) {
                // the real part becomes 1 for a zero power, else 0; the imaginary part stays
                return new double[] {re2 == 0 ? 1 : 0, im1};
            }
            return null;
        }
        double ln1 = Math.log(abs1);
        double arg1 = Math.atan2(im1, re1);
        double x3 = re2 * ln1 - im2 * arg1;
        double y3 = im2 * ln1 + re2 * arg1;
        double expX3 = Math.exp(x3);
        return new double[] {expX3 * Math.cos(y3), expX3 * Math.sin(y3)};
    }

    /** cmath.sqrt. */
    public static double[] sqrt(double re, double im) {
        double sqrtAbs = Math.pow(re * re + im * im, 0.25);
        double theta = 0.5 * Math.atan2(im, re);
        return new double[] {sqrtAbs * Math.cos(theta), sqrtAbs * Math.sin(theta)};
    }

    /** cmath.log. */
    public static double[] log(double re, double im) {
        return new double[] {0.5 * Math.log(re * re + im * im), Math.atan2(im, re)};
    }

    /** cmath.log10. */
    public static double[] log10(double re, double im) {
        return new double[] {0.5 * Math.log10(re * re + im * im), 0.4342944819032518 * Math.atan2(im, re)};
    }
}
