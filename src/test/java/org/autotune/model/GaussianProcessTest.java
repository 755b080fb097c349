package org.autotune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
    private static final double NUGGET = 1e-10;

    @Test
    void with_tiny_noise_the_mean_interpolates_the_samples_and_the_variance_vanishes_there() {
        double[][] units = {{0.1, 0.2}, {0.5, 0.9}, {0.8, 0.4}, {0.3, 0.6}, {0.9, 0.1}};
        double[] values = {1.0, 3.0, -2.0, 0.5, 4.0};
        var gp = GaussianProcess.of(units, values, new double[5], theta(2, 0.4, 1, NUGGET));

        for (int k = 0; k < units.length; k++) {
            double[] p = gp.predict(units[k]);
            assertThat(p[0]).isCloseTo(values[k], within(1e-4));
            assertThat(p[1]).isLessThan(1e-3);
            assertThat(gp.mean(units[k])).isEqualTo(p[0]);
        }
    }

    @Test
    void far_from_every_sample_the_posterior_returns_to_the_prior() {
        double[][] units = {{0.1}, {0.4}, {0.7}};
        double[] values = {2.0, 5.0, 3.0};
        double signal = 1.5;
        var gp = GaussianProcess.of(units, values, new double[3], theta(1, 0.2, signal, NUGGET));
        double mean = (2.0 + 5.0 + 3.0) / 3;
        double sd = Math.sqrt(((2 - mean) * (2 - mean) + (5 - mean) * (5 - mean) + (3 - mean) * (3 - mean)) / 2);

        double[] far = gp.predict(new double[] {50});

        assertThat(far[0]).isCloseTo(mean, within(1e-9));   // the standardisation's offset
        assertThat(far[1]).isCloseTo(sd * Math.sqrt(signal), within(1e-9));
        assertThat(gp.scale()).isCloseTo(sd, within(1e-12));
    }

    /**
     * Two samples in 1-D, y = 0 at x = 0 and y = 1 at x = 1, length scale 0.5: standardised to
     * ∓1/√2 (mean ½, sd 1/√2), so the posterior at x is ½ + (1/√2)·kᵀK⁻¹y with the 2×2 Matérn-5/2
     * covariance K inverted by hand (Rasmussen &amp; Williams eqs. 2.25–2.26).
     */
    @Test
    void a_two_sample_one_dimensional_posterior_matches_the_closed_form() {
        double length = 0.5;
        var gp = GaussianProcess.of(new double[][] {{0}, {1}}, new double[] {0, 1}, new double[2],
            theta(1, length, 1, NUGGET));
        double diag = 1 + 1e-10 + NUGGET;   // the process adds a relative jitter of 1e-10 to the diagonal
        double off = matern(1 / length);
        double det = diag * diag - off * off;
        double[] y = {-Math.sqrt(0.5), Math.sqrt(0.5)};
        double[] alpha = {(diag * y[0] - off * y[1]) / det, (-off * y[0] + diag * y[1]) / det};

        for (double x : new double[] {0.25, 0.5, 0.9, 1.7}) {
            double k0 = matern(Math.abs(x) / length);
            double k1 = matern(Math.abs(x - 1) / length);
            double mean = 0.5 + Math.sqrt(0.5) * (k0 * alpha[0] + k1 * alpha[1]);
            double quad = (diag * k0 * k0 - 2 * off * k0 * k1 + diag * k1 * k1) / det;
            double sd = Math.sqrt(0.5) * Math.sqrt(1 - quad);

            double[] p = gp.predict(new double[] {x});
            assertThat(p[0]).as("mean at %s", x).isCloseTo(mean, within(1e-9));
            assertThat(p[1]).as("sd at %s", x).isCloseTo(sd, within(1e-7));
        }
    }

    @Test
    void extra_noise_free_samples_pull_the_mean_to_their_values() {
        double[][] units = {{0.1, 0.1}, {0.9, 0.9}, {0.1, 0.9}};
        var gp = GaussianProcess.of(units, new double[] {0, 1, 2}, new double[3], theta(2, 0.3, 1, 1e-6));
        double[] lie = {0.5, 0.5};

        var liar = gp.with(new double[][] {lie}, new double[] {7});

        assertThat(liar.mean(lie)).isCloseTo(7, within(0.01));
        assertThat(liar.scale()).isEqualTo(gp.scale());   // same standardisation
    }

    @Test
    void fitted_length_scales_are_longer_for_a_smooth_score_than_for_a_wiggly_one() {
        var rng = new SplittableRandom(11);
        int m = 25;
        double[][] units = new double[m][];
        double[] smooth = new double[m];
        double[] wiggly = new double[m];
        for (int k = 0; k < m; k++) {
            units[k] = new double[] {rng.nextDouble()};
            smooth[k] = units[k][0] * units[k][0];
            wiggly[k] = Math.sin(40 * units[k][0]);
        }
        var starts = List.of(HyperparameterFit.defaults(1, false));
        double[] thetaSmooth = HyperparameterFit.fit(units, smooth, new double[m], false, starts, 300);
        double[] thetaWiggly = HyperparameterFit.fit(units, wiggly, new double[m], false, starts, 300);

        assertThat(thetaSmooth[0]).isGreaterThan(thetaWiggly[0]);
        var gp = HyperparameterFit.condition(units, smooth, new double[m], thetaSmooth);
        assertThat(gp.mean(new double[] {0.5})).isCloseTo(0.25, within(0.01));
    }

    private static double[] theta(int d, double length, double signal, double nugget) {
        double[] t = new double[d + 2];
        for (int i = 0; i < d; i++) {
            t[i] = Math.log(length);
        }
        t[d] = Math.log(signal);
        t[d + 1] = Math.log(nugget);
        return t;
    }

    /** Matérn-5/2 at length-scaled distance r, unit variance. */
    private static double matern(double r) {
        double s = Math.sqrt(5) * r;
        return (1 + s + s * s / 3) * Math.exp(-s);
    }
}
