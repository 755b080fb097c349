package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default optimizer on fresh seeds whose score is exact but for rare outliers (bbob-noisy's
 * Cauchy model at its moderate level: an offset of 10, and on 5 % of the samples a heavy-tailed
 * outlier), against the same optimizer told the scores are noisy.
 */
class AutoNoiseProbeTest {
    private static final int BUDGET = 200;

    /** A rotated-free ellipsoid in 5 parameters (condition 100), minimum 0 at x_i = i - 2. */
    private static double ellipsoid(Point p) {
        double s = 0;
        for (int i = 0; i < 5; i++) {
            double z = p.values()[i] - (i - 2);
            s += Math.pow(100, i / 4.0) * z * z;
        }
        return s;
    }

    /** bbob-noisy's Cauchy noise, alpha 0.01, p 0.05, on the ellipsoid; seeded, so each run draws alike. */
    private static ToDoubleFunction<Point> cauchy(long seed) {
        var rng = new SplittableRandom(seed);
        return p -> {
            double outlier = rng.nextDouble() < 0.05 ? rng.nextGaussian() / (Math.abs(rng.nextGaussian()) + 1e-199) : 0;
            return ellipsoid(p) + 0.01 * Math.max(0, 1000 + outlier);
        };
    }

    private static double best(List<Point> asked) {
        return asked.stream().mapToDouble(AutoNoiseProbeTest::ellipsoid).min().orElseThrow();
    }

    private static Optimizer create(String yaml, Space space, long seed) {
        return Optimizers.create(YamlFile.parse(Path.of("t.yaml"), yaml), space, seed, 1, true, false);
    }

    /** Measured: best 1e-26 to 1e-28 searched as exact, 4e-5 to 1.3e-4 modelled as noisy (seeds 1-3). */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void a_score_exact_but_for_rare_outliers_is_searched_as_exact(long seed) {
        var space = CmaEsTest.box(5, -5, 5, 4);
        var probed = CoordinateDescentTest.drive(create("{}", space, seed), 1, BUDGET, cauchy(seed));
        var modelled = CoordinateDescentTest.drive(create("{noisy: yes}", space, seed), 1, BUDGET, cauchy(seed));
        assertThat(probed.subList(0, 2)).containsOnly(space.start());
        assertThat(best(probed)).isLessThan(best(modelled));
    }

    /** Gaussian noise of 0.5 on the ellipsoid: every sample of the start scores differently. */
    private static ToDoubleFunction<Point> gauss(long seed) {
        var rng = new SplittableRandom(seed);
        return p -> ellipsoid(p) + 0.5 * rng.nextGaussian();
    }

    private static List<Point> wave(Optimizer opt, int slots, ToDoubleFunction<Point> f) {
        var points = opt.ask(slots);
        opt.tell(points.stream().map(p -> new Result(p, Optional.of(Score.of(f.applyAsDouble(p))))).toList());
        return points;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 8})
    void with_several_slots_the_probe_costs_no_wave_of_its_own(int slots) {
        var space = CmaEsTest.box(5, -5, 5, 4);
        var noisy = Optimizers.create(YamlFile.parse(Path.of("t.yaml"), "{}"), space, 1, slots, true, false);
        var first = wave(noisy, slots, gauss(1));
        // the start twice and the global phase's first design points fill the first wave
        assertThat(first).hasSize(slots);
        assertThat(first.stream().filter(space.start()::equals)).hasSize(2);
        assertThat(first.stream().filter(p -> !p.equals(space.start()))).doesNotHaveDuplicates();
        // noisy: the Bayesian phase goes on, a full wave at a time, with points not asked before
        var second = wave(noisy, slots, gauss(1));
        assertThat(second).hasSize(slots).doesNotContainAnyElementsOf(first);
        // exact but for outliers: the same first wave, then BOBYQA, which asks one point at a time
        var exact = Optimizers.create(YamlFile.parse(Path.of("t.yaml"), "{}"), space, 1, slots, true, false);
        assertThat(wave(exact, slots, cauchy(1))).isEqualTo(first);
        assertThat(wave(exact, slots, cauchy(1))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void with_noise_the_same_scores_give_the_same_points(int slots) {
        var space = CmaEsTest.box(5, -5, 5, 4);
        var first = CoordinateDescentTest.drive(Optimizers.create(YamlFile.parse(Path.of("t.yaml"), "{}"), space, 2,
            slots, true, false), slots, 60, gauss(2));
        var second = CoordinateDescentTest.drive(Optimizers.create(YamlFile.parse(Path.of("t.yaml"), "{}"), space, 2,
            slots, true, false), slots, 60, gauss(2));
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void the_same_scores_give_the_same_points(long seed) {
        var space = CmaEsTest.box(5, -5, 5, 4);
        var first = CoordinateDescentTest.drive(create("{}", space, seed), 1, 80, cauchy(seed));
        var second = CoordinateDescentTest.drive(create("{}", space, seed), 1, 80, cauchy(seed));
        assertThat(second).isEqualTo(first);
    }
}
