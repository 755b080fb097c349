package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

class AnalysisTest {
    /** χ² = (x − a)ᵀ H (x − a) / 2 with a correlated pair (0, 1) and an independent third parameter. */
    private static final double[][] H = {{8, 6, 0}, {6, 8, 0}, {0, 0, 2}};
    private static final double[] A = {0.1, -0.2, 0.05};

    private static double truth(double[] x) {
        double v = 3;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                v += 0.5 * (x[i] - A[i]) * H[i][j] * (x[j] - A[j]);
            }
        }
        return v;
    }

    private static double[][] design(SplittableRandom rng, int m) {
        var x = new double[m][3];
        for (double[] row : x) {
            for (int i = 0; i < 3; i++) {
                row[i] = rng.nextDouble(-1, 1);
            }
        }
        return x;
    }

    @Test
    void an_exact_quadratic_is_recovered_exactly() {
        var x = design(new SplittableRandom(1), 30);
        var y = java.util.Arrays.stream(x).mapToDouble(AnalysisTest::truth).toArray();
        var fit = QuadraticFit.fit(x, y, null);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(fit.hessian()[i][j]).isCloseTo(H[i][j], within(1e-9));
            }
        }
        assertThat(fit.value(A)).isCloseTo(3, within(1e-9));
        assertThat(fit.degreesOfFreedom()).isEqualTo(30 - 10);
    }

    @Test
    void with_gaussian_noise_the_fit_chi2_follows_its_distribution_and_the_hessian_is_unbiased() {
        // 200 repeats: the mean of chi2/ndf is 1 within 4 standard errors (sd of chi2/ndf = sqrt(2/ndf)/sqrt(200)),
        // and the mean fitted H01 is within 4 standard errors of the truth.
        var rng = new SplittableRandom(7);
        int repeats = 200;
        int m = 60;
        double sigma = 0.05;
        double sumRatio = 0;
        double[] h01 = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            var x = design(rng, m);
            var y = new double[m];
            var s = new double[m];
            for (int k = 0; k < m; k++) {
                y[k] = truth(x[k]) + sigma * rng.nextGaussian();
                s[k] = sigma;
            }
            var fit = QuadraticFit.fit(x, y, s);
            sumRatio += fit.chi2() / fit.degreesOfFreedom();
            h01[r] = fit.hessian()[0][1];
        }
        int ndf = m - 10;
        assertThat(sumRatio / repeats).isCloseTo(1, within(4 * Math.sqrt(2.0 / ndf) / Math.sqrt(repeats)));
        double mean = java.util.Arrays.stream(h01).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(h01).map(v -> (v - mean) * (v - mean)).sum() / (repeats - 1));
        assertThat(mean).isCloseTo(6, within(4 * sd / Math.sqrt(repeats)));
    }

    @Test
    void a_surface_that_is_not_quadratic_fails_the_goodness_of_fit() {
        var rng = new SplittableRandom(3);
        var x = design(rng, 80);
        var y = new double[80];
        var s = new double[80];
        for (int k = 0; k < 80; k++) {
            y[k] = truth(x[k]) + 3 * Math.pow(x[k][0], 4) + 0.01 * rng.nextGaussian();
            s[k] = 0.01;
        }
        assertThat(QuadraticFit.fit(x, y, s).pValue()).isLessThan(1e-6);
    }

    @Test
    void too_few_or_degenerate_samples_are_refused_with_the_count_needed() {
        assertThatThrownBy(() -> QuadraticFit.fit(design(new SplittableRandom(1), 9), new double[9], null))
            .hasMessageContaining("at least 11 samples");
        var line = new double[20][3];   // all samples on one axis: the cross terms are undetermined
        for (int k = 0; k < 20; k++) {
            line[k][0] = k / 10.0;
        }
        assertThatThrownBy(() -> QuadraticFit.fit(line, new double[20], null)).hasMessageContaining("rank");
    }

    private static Space unitSpace() {
        return new Space(List.of(Parameter.real("a", 0, 1, 0.5), Parameter.real("b", 0, 10, 5),
            Parameter.real("c", 0, 1, 0.5)));
    }

    @Test
    void covariance_is_twice_the_inverse_hessian_for_chi2_and_the_inverse_for_a_likelihood() {
        // unit-cube Hessian: a and b correlated, c tight
        double[][] h = {{800, 600, 0}, {600, 800, 0}, {0, 0, 20000}};
        var center = new Point(List.of("a", "b", "c"), new double[] {0.5, 5, 0.5});
        var chi2 = Constraints.of(unitSpace(), center, h, ScoreType.CHI_SQUARE);
        // H^-1 = 1/(800^2-600^2) [[800,-600],[-600,800]] -> var_a = 2*800/280000
        double unitA = Math.sqrt(2 * 800 / 280000.0);
        assertThat(chi2.estimates().get(0).unitSigma()).isCloseTo(unitA, within(1e-12));
        assertThat(chi2.estimates().get(1).sigma()).isCloseTo(10 * unitA, within(1e-9));   // b's range is 10
        assertThat(chi2.correlation()[0][1]).isCloseTo(-0.75, within(1e-12));
        var nll = Constraints.of(unitSpace(), center, h, ScoreType.NEGATIVE_LOG_LIKELIHOOD);
        assertThat(nll.estimates().get(0).unitSigma()).isCloseTo(unitA / Math.sqrt(2), within(1e-12));
        assertThat(chi2.poorlyConstrained()).isEmpty();
    }

    @Test
    void a_nearly_flat_direction_is_reported_with_the_parameters_that_span_it() {
        // a and b trade off: the score rises only with a - b; c is well measured
        double[][] h = {{1000, -999.9, 0}, {-999.9, 1000, 0}, {0, 0, 20000}};
        var center = new Point(List.of("a", "b", "c"), new double[] {0.5, 5, 0.5});
        var c = Constraints.of(unitSpace(), center, h, ScoreType.CHI_SQUARE);
        var flat = c.directions().get(0);
        assertThat(flat.poor()).isTrue();
        assertThat(c.describe(flat)).isEqualTo("+0.71 a +0.71 b");
        assertThat(c.poorlyConstrained()).containsExactly("a", "b");
        assertThat(c.directions().get(2).poor()).isFalse();
        assertThat(c.positiveDefinite()).isTrue();
    }

    @Test
    void a_saddle_is_not_a_minimum_and_gives_no_uncertainties() {
        double[][] h = {{100, 0, 0}, {0, -5, 0}, {0, 0, 100}};
        var center = new Point(List.of("a", "b", "c"), new double[] {0.5, 5, 0.5});
        var c = Constraints.of(unitSpace(), center, h, ScoreType.CHI_SQUARE);
        assertThat(c.positiveDefinite()).isFalse();
        // b falls: its 1 sigma is the cap, half its range (10), marked as limited by the range
        assertThat(c.estimates().get(1).sigma()).isCloseTo(Constraints.CAP * 10, within(1e-12));
        assertThat(c.estimates().get(1).rangeLimited()).isTrue();
        assertThat(c.estimates().get(0).rangeLimited()).isFalse();
        assertThat(c.poorlyConstrained()).containsExactly("b");
    }
}
