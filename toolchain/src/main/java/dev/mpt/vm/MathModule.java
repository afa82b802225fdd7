package dev.mpt.vm;

import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;

/** math and cmath. */
final class MathModule {
    private MathModule() {}

    private static void f1(PyModule m, String name, DoubleUnaryOperator op) {
        m.fn(name, (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double r = op.applyAsDouble(x);
            if (Double.isNaN(r) && !Double.isNaN(x)) {
                throw Ops.valueError("math domain error");
            }
            if (Double.isInfinite(r) && !Double.isInfinite(x)) {
                throw Ops.valueError("math domain error"); // MicroPython: overflow too
            }
            return r;
        });
    }

    static PyModule math() {
        PyModule m = new PyModule("math");
        m.globals.put("pi", Math.PI);
        m.globals.put("e", Math.E);
        m.globals.put("tau", 2 * Math.PI);
        m.globals.put("inf", Double.POSITIVE_INFINITY);
        m.globals.put("nan", Double.NaN);
        f1(m, "sqrt", Math::sqrt);
        f1(m, "exp", Math::exp);
        f1(m, "expm1", Math::expm1);
        f1(m, "log10", Math::log10);
        f1(m, "log2", x -> Math.log(x) / Math.log(2));
        f1(m, "cos", Math::cos);
        f1(m, "sin", Math::sin);
        f1(m, "tan", Math::tan);
        f1(m, "acos", Math::acos);
        f1(m, "asin", Math::asin);
        f1(m, "atan", Math::atan);
        f1(m, "cosh", Math::cosh);
        f1(m, "sinh", Math::sinh);
        f1(m, "tanh", Math::tanh);
        f1(m, "acosh", x -> Math.log(x + Math.sqrt(x * x - 1)));
        f1(m, "asinh", x -> x == Double.NEGATIVE_INFINITY ? x : Math.log(x + Math.sqrt(x * x + 1)));
        f1(m, "atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)));
        f1(m, "fabs", Math::abs);
        f1(m, "degrees", Math::toDegrees);
        f1(m, "radians", Math::toRadians);
        f1(m, "erf", MathModule::erf);
        f1(m, "erfc", MathModule::erfc);
        f1(m, "gamma", x -> x == Double.POSITIVE_INFINITY ? x : gamma(x));
        f1(m, "lgamma", MathModule::lgamma);
        m.fn("log", (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            if (x <= 0) {
                throw Ops.valueError("math domain error");
            }
            double r = Math.log(x);
            if (a.length > 1) {
                double b = Ops.toDouble(a[1]);
                if (b <= 0) {
                    throw Ops.valueError("math domain error");
                }
                if (b == 1) {
                    throw Ops.zeroDiv();
                }
                r /= Math.log(b);
            }
            return r;
        });
        m.fn("pow", (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double y = Ops.toDouble(a[1]);
            if (x == 1.0 || y == 0.0) {
                return 1.0;
            }
            double r = Math.pow(x, y);
            if ((Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y))
                    || (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y))) {
                throw Ops.valueError("math domain error");
            }
            return r;
        });
        m.fn("atan2", (a, kw) -> Math.atan2(Ops.toDouble(a[0]), Ops.toDouble(a[1])));
        m.fn("copysign", (a, kw) -> Math.copySign(Ops.toDouble(a[0]), Ops.toDouble(a[1])));
        m.fn("fmod", (a, kw) -> {
            double y = Ops.toDouble(a[1]);
            double x = Ops.toDouble(a[0]);
            double r = (!Double.isInfinite(x) && Double.isInfinite(y)) ? x : x % y;
            if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
                throw Ops.valueError("math domain error");
            }
            return r;
        });
        m.fn("ceil", (a, kw) -> ObjInt.floatToInt(Math.ceil(Ops.toDouble(a[0]))));
        m.fn("floor", (a, kw) -> ObjInt.floatToInt(Math.floor(Ops.toDouble(a[0]))));
        m.fn("trunc", (a, kw) -> ObjInt.floatToInt(Ops.toDouble(a[0]) < 0 ? Math.ceil(Ops.toDouble(a[0]))
                : Math.floor(Ops.toDouble(a[0]))));
        m.fn("isfinite", (a, kw) -> Double.isFinite(Ops.toDouble(a[0])));
        m.fn("isinf", (a, kw) -> Double.isInfinite(Ops.toDouble(a[0])));
        m.fn("isnan", (a, kw) -> Double.isNaN(Ops.toDouble(a[0])));
        m.fn("isclose", (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double y = Ops.toDouble(a[1]);
            double rel = kw != null && kw.containsKey("rel_tol") ? Ops.toDouble(kw.get("rel_tol")) : 1e-9;
            double abs = kw != null && kw.containsKey("abs_tol") ? Ops.toDouble(kw.get("abs_tol")) : 0;
            if (rel < 0 || abs < 0) {
                throw Ops.valueError("tolerances must be non-negative");
            }
            if (x == y) {
                return true;
            }
            if (Double.isInfinite(x) || Double.isInfinite(y)) {
                return false;
            }
            double d = Math.abs(x - y);
            return d <= Math.abs(rel * y) || d <= Math.abs(rel * x) || d <= abs;
        });
        m.fn("modf", (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double ip = x < 0 ? Math.ceil(x) : Math.floor(x);
            return PyTuple.of(Double.isInfinite(x) ? Math.copySign(0.0, x) : Math.copySign(x - ip, x), ip);
        });
        m.fn("frexp", (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return PyTuple.of(x, 0L);
            }
            int e = Math.getExponent(x) + 1;
            double mant = x / Math.pow(2, e);
            if (Math.abs(mant) >= 1) {
                mant /= 2;
                e++;
            } else if (Math.abs(mant) < 0.5) {
                mant *= 2;
                e--;
            }
            return PyTuple.of(mant, (long) e);
        });
        m.fn("ldexp", (a, kw) -> Ops.toDouble(a[0]) * Math.pow(2, Ops.toLong(a[1])));
        m.fn("factorial", (a, kw) -> {
            long n = Ops.toLong(a[0]);
            if (n < 0) {
                throw Ops.valueError("negative factorial");
            }
            BigInteger r = BigInteger.ONE;
            for (long i = 2; i <= n; i++) {
                r = r.multiply(BigInteger.valueOf(i));
            }
            return Ops.normalize(r);
        });
        return m;
    }

    /**
     * erfc for |x| >= 2 from its continued fraction
     * erfc(x) = exp(-x²)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated with
     * Lentz's method; below that, 1 - erf(x) from erf's series is accurate enough.
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 2) {
            return x <= -2 ? 2 - erfc(-x) : 1 - erf(x);
        }
        if (x > 27) {
            return 0;
        }
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = d == 0 ? tiny : d;
            c = x + an / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** log|gamma(x)|: infinite at ±inf, a domain error at 0 and the negative integers. */
    static double lgamma(double x) {
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (x <= 0 && x == Math.floor(x)) {
            return Double.NaN;
        }
        if (x < 0.5) {
            // reflection: gamma(x) gamma(1-x) = pi / sin(pi x)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        if (x < 100) {
            return Math.log(Math.abs(gamma(x)));
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double y = x - 1;
        double a = g[0];
        double t = y + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (y + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
    }

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 2 && !Double.isInfinite(ax)) {
            return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
        }
        if (ax < 3) {
            // Maclaurin series: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
            double term = x;
            double sum = x;
            for (int n = 1; n < 200; n++) {
                term *= -x * x / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }

    static double gamma(double x) {
        if (x == Math.floor(x) && x <= 0) {
            return Double.NaN;
        }
        if (x == Math.floor(x) && x <= 171) {
            double f = 1;
            for (int i = 2; i < (int) x; i++) {
                f *= i;
            }
            return f;
        }
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
    }

    static PyModule cmath() {
        PyModule m = new PyModule("cmath");
        m.globals.put("pi", Math.PI);
        m.globals.put("e", Math.E);
        m.fn("phase", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            return Math.atan2(c[1], c[0]);
        });
        m.fn("polar", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            return PyTuple.of(ComplexMath.abs(c[0], c[1]), Math.atan2(c[1], c[0]));
        });
        m.fn("rect", (a, kw) -> {
            double r = Ops.toDouble(a[0]);
            double p = Ops.toDouble(a[1]);
            return new PyComplex(r * Math.cos(p), r * Math.sin(p));
        });
        m.fn("sqrt", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            double[] r = ComplexMath.sqrt(c[0], c[1]);
            return new PyComplex(r[0], r[1]);
        });
        m.fn("exp", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            double e = Math.exp(c[0]);
            return new PyComplex(e * Math.cos(c[1]), e * Math.sin(c[1]));
        });
        m.fn("log", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            double[] r = ComplexMath.log(c[0], c[1]);
            return new PyComplex(r[0], r[1]);
        });
        m.fn("log10", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            double[] r = ComplexMath.log10(c[0], c[1]);
            return new PyComplex(r[0], r[1]);
        });
        m.fn("cos", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            return new PyComplex(Math.cos(c[0]) * Math.cosh(c[1]), -Math.sin(c[0]) * Math.sinh(c[1]));
        });
        m.fn("sin", (a, kw) -> {
            double[] c = Numeric.complexOf(a[0]);
            return new PyComplex(Math.sin(c[0]) * Math.cosh(c[1]), Math.cos(c[0]) * Math.sinh(c[1]));
        });
        return m;
    }
}
