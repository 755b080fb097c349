package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values are printed to two significant digits of their 1σ, in the CLI and the report alike. */
class DigitsTest {
    @Test
    void a_value_shows_the_digits_its_sigma_vouches_for_and_no_float_noise() {
        assertThat(Digits.value(1.201022, 0.000988) + " +- " + Digits.sigma(0.000988)).isEqualTo("1.20102 +- 0.00099");
        assertThat(Digits.value(0.29896, 0.00344) + " +- " + Digits.sigma(0.00344)).isEqualTo("0.2990 +- 0.0034");
        // a sigma that rounds up to the next decade takes the value's digits with it: 0.000996 -> 0.0010
        assertThat(Digits.value(1.2, 0.000996) + " +- " + Digits.sigma(0.000996)).isEqualTo("1.2000 +- 0.0010");
        // large values: no exponent and no 447999999.99999994
        assertThat(Digits.value(447_999_999.99999994, 12_345_678) + " +- " + Digits.sigma(12_345_678))
            .isEqualTo("448000000 +- 12000000");
        assertThat(Digits.value(123.456, 25) + " +- " + Digits.sigma(25)).isEqualTo("123 +- 25");
        assertThat(Digits.value(-3.3, 0.05)).isEqualTo("-3.300");
    }

    @Test
    void without_a_usable_sigma_a_value_gets_six_significant_digits() {
        assertThat(Digits.value(1.2015625000000011, Double.NaN)).isEqualTo("1.20156");
        assertThat(Digits.value(1.2015625000000011, 0)).isEqualTo("1.20156");
        assertThat(Digits.value(0.0798129, Double.POSITIVE_INFINITY)).isEqualTo("0.0798129");
        assertThat(Digits.sigma(Double.POSITIVE_INFINITY)).isEqualTo("unbounded");
    }
}
