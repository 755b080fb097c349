package org.autotune.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
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
        // box smooths the saddle away: 9 or 10 of 10 seeds in the benchmark, 8 is the claim.
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
}
