package dev.mpt.compiler;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Float and complex {@code repr} text as MicroPython writes it into .mpy constant tables. */
final class FloatRepr {
    private FloatRepr() {}

    static String repr(double d, boolean alwaysDecimal) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            String z = (Double.doubleToRawLongBits(d) < 0 ? "-0" : "0");
            return alwaysDecimal ? z + ".0" : z;
        }
        String sign = d < 0 ? "-" : "";
        double a = Math.abs(d);
        BigDecimal exact = new BigDecimal(a);
        BigDecimal r = null;
        for (int p = 15; p <= 17; p++) {
            r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == a) {
                break;
            }
        }
        r = r.stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int exp = digits.length() - 1 - r.scale();
        StringBuilder sb = new StringBuilder(sign);
        if (exp < -4 || exp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= exp + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exp; i++) {
                sb.append('0');
            }
            if (alwaysDecimal) {
                sb.append(".0");
            }
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }

    static String complexRepr(double re, double im) {
        if (re == 0 && Double.doubleToRawLongBits(re) >= 0) {
            return repr(im, false) + "j";
        }
        String imS = repr(im, false);
        if (!imS.startsWith("-") && !Double.isNaN(im)) {
            imS = "+" + imS;
        }
        return "(" + repr(re, false) + imS + "j)";
    }
}
