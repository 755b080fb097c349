package org.autotune.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a measured value and its 1σ are printed, the same way in the CLI and the report: σ with two
 * significant digits, and the value to the same decimal place (Particle Data Group style, without
 * its 354 rule): 1.20102 ± 0.00099, 0.2990 ± 0.0034, 448000000 ± 12000000. Trailing zeros are kept:
 * they are digits the uncertainty vouches for. Without a usable σ the value gets six significant digits.
 */
public final class Digits {
    private Digits() {
    }

    /** {@code value} to the decimal place of the second significant digit of {@code sigma}. */
    public static String value(double value, double sigma) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            return new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
        }
        return plain(new BigDecimal(value).setScale(scale(sigma), RoundingMode.HALF_EVEN));
    }

    /** {@code sigma} with two significant digits ("unbounded" when it is not finite). */
    public static String sigma(double sigma) {
        if (!Double.isFinite(sigma)) {
            return "unbounded";
        }
        if (!(sigma > 0)) {
            return sigma == 0 ? "0" : String.valueOf(sigma);
        }
        return plain(new BigDecimal(sigma).setScale(scale(sigma), RoundingMode.HALF_EVEN));
    }

    /** Decimal places that keep two significant digits of sigma (negative: round to tens, hundreds, ...). */
    static int scale(double sigma) {
        var two = new BigDecimal(sigma).round(new MathContext(2, RoundingMode.HALF_EVEN));   // 0.000996 -> 0.0010
        return two.scale() - two.precision() + 2;
    }

    private static String plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
    }
}
