package org.autotune.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Seeded runs of the design-problem benchmark at local-surrogate's defaults, so its claims cannot rot. */
class DesignBenchTest {
    @Test
    void at_its_defaults_local_surrogate_leaves_the_shallow_camel_minimum_for_the_global_basin() {
        var camel = DesignProblems.of("camel");
        long global = LongStream.rangeClosed(1, 10).filter(seed -> camel.inGlobalBasin(
            DesignBench.localSurrogate(camel, seed, "type: local-surrogate").design())).count();
        // The start (2, -1) lies in the basin of the local minimum 0.299, behind a saddle 0.58 higher;
        // gradient flow (and finite differences, 0 of 10 in the benchmark) ends there. The wide first
        // box smooths the saddle away: 10 of 10 seeds in the benchmark, 8 is the claim.
        assertThat(global).isGreaterThanOrEqualTo(8);
    }

    @Test
    void finite_differences_from_the_same_start_stay_in_the_shallow_minimum() {
        var camel = DesignProblems.of("camel");
        var run = DesignBench.finiteDifferences(camel, 1);
        assertThat(camel.inGlobalBasin(run.design())).isFalse();   // the problem does have a trap
        assertThat(run.finalG()).isBetween(0.29, 0.5);
    }

    @Test
    void the_embedded_problem_starts_inside_the_cube_where_the_10_d_one_does() {
        var problem = DesignProblems.of("embedded-100");
        var tenD = DesignProblems.of("rosenbrock-10");
        double g = tenD.g().applyAsDouble(tenD.start());   // 10 (1 - 2)² + 9 (2 - 2²)² = 46
        assertThat(problem.g().applyAsDouble(problem.start())).isCloseTo(g, within(1e-9));
        for (double x : problem.start()) {
            assertThat(x).isBetween(DesignProblems.LOWER, DesignProblems.UPPER);
        }
    }

    @Test
    @Tag("slow")
    void on_the_10_d_rosenbrock_the_design_stays_below_half_from_early_on() {
        var problem = DesignProblems.of("rosenbrock-10");
        long[] stays = LongStream.rangeClosed(1, 3)
            .map(seed -> DesignBench.localSurrogate(problem, seed, "type: local-surrogate").drawsToStay())
            .map(d -> d < 0 ? Long.MAX_VALUE : d).sorted().toArray();
        // benchmark, 5 seeds: median 70 k of 3 M draws; with a narrowest box of 0.0125 it was
        // 2.16 M, and with restarts every 3 iterations at the narrowest box 1.12 M (the design
        // wandered back above 0.5 on the noise of the smallest box)
        assertThat(stays[1]).isLessThan(300_000);
    }

    @Test
    @Tag("slow")
    void with_100_parameters_it_ends_far_below_finite_differences_at_equal_draws() {
        var problem = DesignProblems.of("embedded-100");
        var surrogate = DesignBench.localSurrogate(problem, 1, "type: local-surrogate");
        var differences = DesignBench.finiteDifferences(problem, 1);
        // benchmark, 5 seeds: 0.112 (0.054-0.144) against 0.746 (0.642-0.858)
        assertThat(surrogate.finalG()).isLessThan(0.5 * differences.finalG());
    }

    @Test
    @Tag("slow")
    void with_100_parameters_the_design_stays_below_1_from_before_800_k_of_3_m_draws() {
        var problem = DesignProblems.of("embedded-100");
        long[] stays = LongStream.rangeClosed(1, 3)
            .map(seed -> DesignBench.localSurrogate(problem, seed, "type: local-surrogate").drawsToStay())
            .map(d -> d < 0 ? Long.MAX_VALUE : d).sorted().toArray();
        // benchmark, 5 seeds: median 606 k of 3 M draws (20 %); with momentum steps only and
        // patience 5 it was 1.05 M (990 k over these 3 seeds), which this bound refuses
        assertThat(stays[1]).isLessThan(800_000);
    }
}
