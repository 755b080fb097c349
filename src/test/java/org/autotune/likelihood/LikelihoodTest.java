package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class LikelihoodTest {
    private static final String M = Likelihood.multiplierName("s");

    private static Dataset events(String name, double... x) {
        var rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i]};
        }
        return new Dataset(name, rows);
    }

    @Test
    void constant_rate_five_and_mu_pi_on_two_events_gives_known_log_likelihood() {
        var lik = Likelihood.builder().source("s", TestSources.constant(5, 3.14))
            .dataset(events("d", 1.0, 2.0)).build();
        // ln L = −3.14 + 2 ln 5
        assertThat(-lik.value(lik.defaults())).isCloseTo(0.078876, within(5e-7));
        assertThat(-lik.value(lik.defaults())).isCloseTo(-3.14 + 2 * Math.log(5), within(1e-14));
    }

    @Test
    void constraint_contributing_one_hundred_shifts_log_likelihood_by_one_hundred() {
        var theta = SourceParameter.of("shift", 10);
        var plain = Likelihood.builder().source("s", TestSources.constant(5, 3.14, theta))
            .dataset(events("d", 1.0, 2.0)).build();
        // (10 − 0)² / (2 σ²) = 100 for σ² = 1/2; σ = √0.5 is not exact in binary, so allow
        // the last bits of 100 (relative 1e-14).
        var constrained = Likelihood.builder().source("s", TestSources.constant(5, 3.14, theta))
            .dataset(events("d", 1.0, 2.0)).constraint(new Constraint("shift", 0, Math.sqrt(0.5)))
            .build();
        double shift = plain.value(plain.defaults()) - constrained.value(constrained.defaults());
        assertThat(shift).isCloseTo(-100, within(1e-12));
    }

    @Test
    void two_identical_datasets_double_the_log_likelihood() {
        var one = Likelihood.builder().source("s", TestSources.constant(5, 3.14))
            .dataset(events("d", 1.0, 2.0)).build();
        var two = Likelihood.builder().source("s", TestSources.constant(5, 3.14))
            .dataset(events("d1", 1.0, 2.0)).dataset(events("d2", 1.0, 2.0)).build();
        assertThat(two.value(two.defaults())).isEqualTo(2 * one.value(one.defaults()));
    }

    @Test
    void no_events_and_mu_forty_two_gives_minus_forty_two() {
        var lik = Likelihood.builder().source("s", TestSources.constant(5, 42))
            .dataset(events("empty")).build();
        assertThat(-lik.value(lik.defaults())).isEqualTo(-42.0);
    }

    @Test
    void rate_multiplier_scales_mu_and_rate() {
        var lik = Likelihood.builder().source("s", TestSources.constant(5, 3.14))
            .dataset(events("d", 1.0, 2.0)).build();
        var v = lik.defaults();
        v[lik.indexOf(M)] = 2;
        assertThat(-lik.value(v)).isCloseTo(-6.28 + 2 * Math.log(10), within(1e-13));
    }

    @Test
    void gradient_and_hessian_match_central_finite_differences() {
        var lik = exponentialToy(40);
        var free = List.of("a", "b");
        double[] at = lik.defaults();
        var exact = lik.negLogLikelihood(at, free, 2);
        for (int k = 0; k < 2; k++) {
            int p = lik.indexOf(free.get(k));
            double h = 1e-5 * Math.abs(at[p]);
            var up = at.clone();
            var down = at.clone();
            up[p] += h;
            down[p] -= h;
            // value: central difference, truncation ~h², rounding ~1e-16 |f| / h
            double fd = (lik.value(up) - lik.value(down)) / (2 * h);
            assertThat(fd).isCloseTo(exact.gradient()[k], within(1e-6 * maxAbs(exact.gradient())));
            // Hessian column: central difference of the exact gradient
            var gu = lik.negLogLikelihood(up, free, 1).gradient();
            var gd = lik.negLogLikelihood(down, free, 1).gradient();
            for (int j = 0; j < 2; j++) {
                double fdh = (gu[j] - gd[j]) / (2 * h);
                assertThat(fdh).isCloseTo(exact.hessian()[j][k],
                    within(1e-6 * Math.abs(exact.hessian()[j][k])));
            }
        }
    }

    @Test
    void inverse_hessian_is_symmetric() {
        var lik = exponentialToy(40);
        var h = lik.negLogLikelihood(lik.defaults(), List.of("a", "b"), 2).hessian();
        assertThat(h[0][1]).isEqualTo(h[1][0]);
        var inv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(h)).getData();
        assertThat(inv[0][1]).isCloseTo(inv[1][0], within(1e-12 * Math.abs(inv[0][1])));
    }

    @Test
    void result_does_not_depend_on_the_number_of_threads() throws Exception {
        var lik = exponentialToy(5000); // 20 chunks
        var free = List.of("a", "b");
        var parallel = lik.negLogLikelihood(lik.defaults(), free, 2);
        var pool = new ForkJoinPool(1);
        try {
            var serial = pool.submit(() -> lik.negLogLikelihood(lik.defaults(), free, 2)).get();
            assertThat(serial.value()).isEqualTo(parallel.value());
            assertThat(serial.gradient()).isEqualTo(parallel.gradient());
            assertThat(serial.hessian()).isEqualTo(parallel.hessian());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void repeated_events_count_once_per_occurrence() {
        var lik = Likelihood.builder().source("s", TestSources.exponential())
            .dataset(events("d", 1.0, 1.0, 1.0, 2.0)).build();
        var split = Likelihood.builder().source("s", TestSources.exponential())
            .dataset(events("d1", 1.0, 1.0)).dataset(events("d2", 1.0, 2.0)).build();
        // split counts μ twice: subtract one μ = a (1 − e^{−3}) / 0.3 to compare
        double mu = 50 * (1 - Math.exp(-3)) / 0.3;
        assertThat(lik.value(lik.defaults()))
            .isCloseTo(split.value(split.defaults()) - mu, within(1e-10));
    }

    @Test
    void a_dataset_given_as_columns_gives_the_same_result_as_rows() {
        var rng = new SplittableRandom(13);
        var x = new double[3000];
        var rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.floor(1000 * rng.nextDouble()) / 100; // some repeats
            rows[i] = new double[] {x[i]};
        }
        var byRows = Likelihood.builder().source("s", TestSources.exponential()).dataset(new Dataset("d", rows)).build();
        var byColumns = Likelihood.builder().source("s", TestSources.exponential())
            .dataset(Dataset.ofColumns("d", x)).build();
        var a = byRows.negLogLikelihood(byRows.defaults(), List.of("a", "b"), 2);
        var b = byColumns.negLogLikelihood(byColumns.defaults(), List.of("a", "b"), 2);
        assertThat(b.value()).isEqualTo(a.value());
        assertThat(b.hessian()).isEqualTo(a.hessian());
        assertThat(Dataset.ofColumns("d", x).events()).isEqualTo(rows);
        assertThatThrownBy(() -> Dataset.ofColumns("d", x, new double[2])).hasMessageContaining("fix:");
    }

    private static Likelihood exponentialToy(int n) {
        var rng = new SplittableRandom(8);
        var x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * rng.nextDouble();
        }
        return Likelihood.builder().source("s", TestSources.exponential())
            .dataset(events("d", x)).build();
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
