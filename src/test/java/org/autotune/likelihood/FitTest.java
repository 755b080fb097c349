package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.Test;

class FitTest {
    private static final String M = Likelihood.multiplierName("s");

    /** One constant source, μ0 = 50 at multiplier 1, with n events: m̂ = n/μ0, σ = √n/μ0. */
    private static Likelihood counting(int n) {
        var rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {0.1 * i};
        }
        return Likelihood.builder().source("s", TestSources.constant(5, 50))
            .dataset(new Dataset("d", rows)).build();
    }

    @Test
    void counting_experiment_gives_n_over_mu_with_poisson_uncertainty() {
        var lik = counting(64);
        var best = new Fit(lik, List.of(M)).minimize(lik.defaults());
        assertThat(best.converged()).isTrue();
        assertThat(best.value(lik, M)).isCloseTo(64.0 / 50, within(1e-9));
        assertThat(best.error(M)).isCloseTo(8.0 / 50, within(1e-9));
    }

    @Test
    void profile_interval_of_a_counting_experiment_solves_the_poisson_likelihood_ratio() {
        var lik = counting(9);
        var fit = new Fit(lik, List.of(M));
        var best = fit.minimize(lik.defaults());
        var interval = ProfileLikelihood.interval(fit, best, M);
        // 2 [μ − n ln μ − (n − n ln n)] = 1 for μ = 50 m, n = 9, solved independently
        int n = 9;
        org.hipparchus.analysis.UnivariateFunction q =
            mu -> 2 * (mu - n * Math.log(mu) - (n - n * Math.log(n))) - 1;
        double lo = new BrentSolver(1e-12).solve(100, q, 1, 9);
        double hi = new BrentSolver(1e-12).solve(100, q, 9, 30);
        assertThat(50 * interval.lower()).isCloseTo(lo, within(1e-4));
        assertThat(50 * interval.upper()).isCloseTo(hi, within(1e-4));
        assertThat(interval.plus()).isGreaterThan(interval.minus()); // Poisson: asymmetric
    }

    @Test
    void parameter_pushed_past_its_bound_stops_at_the_bound_and_is_flagged() {
        var shift = new SourceParameter("shift", 5, 0, 10);
        var lik = Likelihood.builder().source("s", TestSources.constant(5, 3.14, shift))
            .dataset(new Dataset("d", new double[][] {{1}})).constraint(new Constraint("shift", -1, 1))
            .build();
        var best = new Fit(lik, List.of("shift")).minimize(lik.defaults());
        assertThat(best.value(lik, "shift")).isEqualTo(0.0);
        assertThat(best.pinned()).containsExactly(true);
        assertThat(best.error("shift")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void two_parameter_fit_has_symmetric_covariance_and_unit_diagonal_correlation() {
        var rng = new java.util.SplittableRandom(5);
        var rows = new double[400][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {-Math.log(1 - rng.nextDouble()) / 0.4}; // exponential, b = 0.4
        }
        var lik = Likelihood.builder().source("s", TestSources.exponential())
            .dataset(new Dataset("d", rows)).build();
        var best = new Fit(lik, List.of("a", "b")).minimize(lik.defaults());
        assertThat(best.converged()).isTrue();
        var cov = best.covariance();
        assertThat(cov[0][1]).isEqualTo(cov[1][0]);
        assertThat(best.correlation("a", "a")).isEqualTo(1.0);
        assertThat(Math.abs(best.correlation("a", "b"))).isLessThan(1);
        // b̂ within 4σ of 0.4 (fixed seed; events beyond x = 10 are outside the model but rare)
        assertThat(best.value(lik, "b")).isCloseTo(0.4, within(4 * best.error("b")));
        // at the minimum the gradient vanishes
        var g = lik.negLogLikelihood(best.values(), List.of("a", "b"), 1).gradient();
        assertThat(Math.abs(g[0]) + Math.abs(g[1])).isLessThan(1e-4);
    }
}
