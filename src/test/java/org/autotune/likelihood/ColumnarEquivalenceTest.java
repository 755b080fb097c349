package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.autotune.likelihood.examples.FlatBackground;
import org.autotune.likelihood.examples.GaussianPeak;
import org.autotune.likelihood.examples.PeakOnBackground;
import org.junit.jupiter.api.Test;

/**
 * The columnar likelihood gives the same −ln L, gradient and Hessian as the former per-event
 * {@code DerivativeStructure} implementation ({@link LegacyLikelihood}) to 1e-12 relative: the
 * arithmetic is the same, only summation order and batching differ.
 */
class ColumnarEquivalenceTest {
    private static final double REL = 1e-12;
    private static final List<String> FREE = List.of(PeakOnBackground.SIGNAL_MULTIPLIER,
        PeakOnBackground.BACKGROUND_MULTIPLIER, "peak_mean");

    @Test
    void peak_on_background_matches_the_per_event_implementation_at_three_points() {
        var events = PeakOnBackground.generate(new SplittableRandom(1), 3000, 30000); // 32 batches
        var columnar = Likelihood.builder().source("signal", new GaussianPeak(100, 5, 0.5))
            .source("background", new FlatBackground(1000, 0, 10)).dataset(new Dataset("d", events)).build();
        var legacy = LegacyLikelihood.builder().source("signal", LegacySources.gaussianPeak(100, 5, 0.5))
            .source("background", LegacySources.flatBackground(1000, 0, 10))
            .dataset(new Dataset("d", events)).build();
        var adapted = Likelihood.builder().source("signal", LegacySources.gaussianPeak(100, 5, 0.5))
            .source("background", LegacySources.flatBackground(1000, 0, 10))
            .dataset(new Dataset("d", events)).build();
        for (var at : List.of(new double[] {5, 30, 30}, new double[] {4.9, 25, 33}, new double[] {5.3, 40, 28})) {
            for (int order = 0; order <= 2; order++) {
                var expected = legacy.negLogLikelihood(at, FREE, order);
                assertSame(columnar.negLogLikelihood(at, FREE, order), expected);
                assertSame(adapted.negLogLikelihood(at, FREE, order), expected);
            }
        }
    }

    @Test
    void two_datasets_a_constraint_and_a_fixed_shape_parameter_match() {
        var rng = new SplittableRandom(4);
        var x1 = new double[700][];
        var x2 = new double[1300][];
        for (int i = 0; i < x1.length; i++) {
            x1[i] = new double[] {10 * rng.nextDouble()};
        }
        for (int i = 0; i < x2.length; i++) {
            x2[i] = new double[] {Math.floor(100 * rng.nextDouble()) / 10}; // many repeats
        }
        var columnar = Likelihood.builder().source("s", TestSources.exponential())
            .source("bg", new FlatBackground(200, 0, 10)).dataset(new Dataset("one", x1))
            .dataset(new Dataset("two", x2)).constraint(new Constraint("b", 0.25, 0.1)).build();
        var legacy = LegacyLikelihood.builder().source("s", TestSources.exponential())
            .source("bg", LegacySources.flatBackground(200, 0, 10)).dataset(new Dataset("one", x1))
            .dataset(new Dataset("two", x2)).constraint(new Constraint("b", 0.25, 0.1)).build();
        var at = columnar.defaults();
        for (var free : List.of(List.of("a", "b", "bg_rate_multiplier"), List.of("a", "s_rate_multiplier"),
                List.of("b"))) {
            assertSame(columnar.negLogLikelihood(at, free, 2), legacy.negLogLikelihood(at, free, 2));
        }
    }

    private static void assertSame(NegLogLikelihood actual, NegLogLikelihood expected) {
        assertThat(actual.value()).isCloseTo(expected.value(), within(REL * Math.abs(expected.value())));
        var g = expected.gradient();
        assertThat(actual.gradient()).hasSameSizeAs(g);
        for (int a = 0; a < g.length; a++) {
            assertThat(actual.gradient()[a]).isCloseTo(g[a], within(REL * Math.abs(g[a]) + 1e-15));
        }
        var h = expected.hessian();
        assertThat(actual.hessian().length).isEqualTo(h.length);
        for (int a = 0; a < h.length; a++) {
            for (int b = 0; b < h.length; b++) {
                assertThat(actual.hessian()[a][b]).isCloseTo(h[a][b], within(REL * Math.abs(h[a][b]) + 1e-15));
            }
        }
    }
}
