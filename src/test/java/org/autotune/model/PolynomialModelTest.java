package org.autotune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolynomialModelTest {
    private static final List<PolynomialBasis> BASES = List.of(PolynomialBasis.LINEAR,
        PolynomialBasis.DIAGONAL_QUADRATIC, PolynomialBasis.QUADRATIC);

    @Test
    void a_full_quadratic_is_recovered_exactly_from_noise_free_samples() {
        var rng = new SplittableRandom(1);
        var frame = Frame.around(new double[] {0.4, 0.6}, 0.2);
        var units = randomUnits(rng, 12);
        double[] y = units.stream().mapToDouble(PolynomialModelTest::bowl).toArray();

        var model = PolynomialModel.fit(PolynomialBasis.QUADRATIC, frame, units, y);

        for (double[] u : randomUnits(rng, 5)) {
            assertThat(model.value(u)).isCloseTo(bowl(u), within(1e-10));
        }
        assertThat(model.chi2()).isLessThan(1e-20);
        assertThat(model.degreesOfFreedom()).isEqualTo(12 - 6);
        // in local coordinates x = (u - 0.4..0.6) / 0.2 the constant is the value at the centre
        assertThat(model.coefficients()[0]).isCloseTo(bowl(new double[] {0.4, 0.6}), within(1e-10));
    }

    @Test
    void a_down_weighted_outlier_barely_moves_the_fit() {
        var units = new ArrayList<double[]>();
        var y = new double[11];
        for (int k = 0; k < 11; k++) {
            double x = -1 + 0.2 * k;
            units.add(new double[] {x});
            y[k] = 2 + 3 * x + (k == 5 ? 10 : 0);   // the middle sample is off by 10
        }
        double[] weights = new double[11];
        Arrays.fill(weights, 1);
        var equal = PolynomialModel.fit(PolynomialBasis.LINEAR, Frame.identity(1), units, y, weights);
        weights[5] = 1e-6;
        var weighted = PolynomialModel.fit(PolynomialBasis.LINEAR, Frame.identity(1), units, y, weights);

        assertThat(equal.coefficients()[0]).isCloseTo(2 + 10.0 / 11, within(1e-9));
        assertThat(weighted.coefficients()[0]).isCloseTo(2, within(1e-4));
        assertThat(weighted.coefficients()[1]).isCloseTo(3, within(1e-9));
    }

    @Test
    void leave_one_out_picks_a_linear_model_for_linear_data() {
        var rng = new SplittableRandom(7);
        var units = randomUnits(rng, 30);
        double[] y = units.stream().mapToDouble(u -> 1 + 2 * u[0] - u[1] + 0.05 * rng.nextGaussian()).toArray();

        var model = PolynomialModel.choose(BASES, Frame.around(new double[] {0.5, 0.5}, 0.5), units, y, ones(30), 2);

        assertThat(model).isPresent();
        assertThat(model.get().basis()).isEqualTo(PolynomialBasis.LINEAR);
    }

    @Test
    void leave_one_out_picks_a_quadratic_for_curved_data() {
        var rng = new SplittableRandom(7);
        var units = randomUnits(rng, 30);
        double[] y = units.stream().mapToDouble(u -> bowl(u) + 0.05 * rng.nextGaussian()).toArray();

        var model = PolynomialModel.choose(BASES, Frame.around(new double[] {0.5, 0.5}, 0.5), units, y, ones(30), 2);

        assertThat(model).isPresent();
        assertThat(model.get().basis()).isEqualTo(PolynomialBasis.QUADRATIC);   // the bowl has a cross term
    }

    @Test
    void too_few_samples_for_any_basis_give_no_model() {
        var units = List.of(new double[] {0.1, 0.2}, new double[] {0.5, 0.9}, new double[] {0.7, 0.3});
        var model = PolynomialModel.choose(BASES, Frame.identity(2), units, new double[] {1, 2, 3}, ones(3), 2);
        assertThat(model).isEmpty();
    }

    /**
     * y = a + b·x at x = −1, 0, 1 with weights 1, 4, 1 and y = 0, 1, 1, by hand: XᵀWX = diag(6, 2),
     * XᵀWy = (5, 1), so a = 5/6, b = 1/2; residuals −1/3, 1/6, −1/3 give χ² = 1/3 on 1 degree of
     * freedom, σ² = 1/3. At x = 2, φ = (1, 2): φᵀ(XᵀWX)⁻¹φ = 1/6 + 4/2 = 13/6, so the prediction's
     * variance is σ²·13/6 = 13/18.
     */
    @Test
    void the_prediction_error_is_the_textbook_sigma_squared_x_transposed_inverse_normal_x() {
        var units = List.of(new double[] {-1}, new double[] {0}, new double[] {1});
        var model = PolynomialModel.fit(PolynomialBasis.LINEAR, Frame.identity(1), units, new double[] {0, 1, 1},
            new double[] {1, 4, 1});

        assertThat(model.coefficients()).containsExactly(new double[] {5.0 / 6, 0.5}, within(1e-12));
        assertThat(model.chi2()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(model.residualVariance()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(model.standardError(new double[] {2})).isCloseTo(Math.sqrt(13.0 / 18), within(1e-12));
        var cov = model.covariance();
        assertThat(cov.getEntry(0, 0)).isCloseTo(1.0 / 18, within(1e-12));
        assertThat(cov.getEntry(1, 1)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(cov.getEntry(0, 1)).isCloseTo(0, within(1e-12));
        // value(2) − value(0) = 2b: its error is 2·σ_b = 2·√(1/6)
        assertThat(model.differenceError(new double[] {2}, new double[] {0}))
            .isCloseTo(2 * Math.sqrt(1.0 / 6), within(1e-12));
    }

    @Test
    void leave_one_out_predictions_equal_refits_without_the_sample() {
        var rng = new SplittableRandom(3);
        var units = randomUnits(rng, 10);
        double[] y = units.stream().mapToDouble(u -> bowl(u) + 0.1 * rng.nextGaussian()).toArray();
        var frame = Frame.around(new double[] {0.5, 0.5}, 0.5);
        var loo = PolynomialModel.fit(PolynomialBasis.LINEAR, frame, units, y).leaveOneOut();

        for (int k = 0; k < units.size(); k++) {
            var others = new ArrayList<>(units);
            others.remove(k);
            double[] rest = new double[9];
            for (int j = 0, i = 0; j < 10; j++) {
                if (j != k) {
                    rest[i++] = y[j];
                }
            }
            var refit = PolynomialModel.fit(PolynomialBasis.LINEAR, frame, others, rest);
            assertThat(loo[k]).isCloseTo(refit.value(units.get(k)), within(1e-10));
        }
    }

    @Test
    void basis_terms_follow_the_documented_order() {
        double[] x = {2, 3};
        assertThat(PolynomialBasis.CONSTANT.row(x)).containsExactly(1);
        assertThat(PolynomialBasis.LINEAR.row(x)).containsExactly(1, 2, 3);
        assertThat(PolynomialBasis.DIAGONAL_QUADRATIC.row(x)).containsExactly(1, 2, 3, 4, 9);
        assertThat(PolynomialBasis.QUADRATIC.row(x)).containsExactly(1, 2, 3, 4, 6, 9);
        assertThat(PolynomialBasis.QUADRATIC.terms(10)).isEqualTo(66);
    }

    /** A tilted bowl with a cross term. */
    private static double bowl(double[] u) {
        double a = u[0] - 0.3;
        double b = u[1] - 0.7;
        return 1 + 0.5 * a + 4 * a * a + 3 * a * b + 2 * b * b;
    }

    private static List<double[]> randomUnits(SplittableRandom rng, int m) {
        var out = new ArrayList<double[]>();
        for (int k = 0; k < m; k++) {
            out.add(new double[] {rng.nextDouble(), rng.nextDouble()});
        }
        return out;
    }

    private static double[] ones(int m) {
        double[] w = new double[m];
        Arrays.fill(w, 1);
        return w;
    }
}
