package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class LocalMinimumDesignTest {
    @Test
    void a_check_over_the_whole_cube_takes_sobol_points_after_the_corner_and_the_middle() {
        var design = LocalMinimumCheck.design(new double[] {0.3, 0.7, 0.5}, 0.5, 8, 0);
        var sobol = new SobolSequenceGenerator(3);
        sobol.nextVector();   // (0, 0, 0): a corner
        sobol.nextVector();   // (½, ½, ½): the middle
        for (double[] u : design) {
            assertThat(u).containsExactly(sobol.nextVector());
        }
    }

    @Test
    void a_later_check_continues_where_the_earlier_ones_stopped() {
        var first = LocalMinimumCheck.design(new double[] {0.5, 0.5}, 0.5, 5, 0);
        var second = LocalMinimumCheck.design(new double[] {0.5, 0.5}, 0.5, 5, 5);
        var both = LocalMinimumCheck.design(new double[] {0.5, 0.5}, 0.5, 10, 0);
        for (int k = 0; k < 5; k++) {
            assertThat(first.get(k)).containsExactly(both.get(k));
            assertThat(second.get(k)).containsExactly(both.get(5 + k));
        }
    }

    @Test
    void a_narrow_check_stays_in_its_box_cut_to_the_cube() {
        for (double[] u : LocalMinimumCheck.design(new double[] {0.05, 0.5}, 0.1, 50, 3)) {
            assertThat(u[0]).isBetween(0.0, 0.15 + 1e-12);
            assertThat(u[1]).isCloseTo(0.5, within(0.1 + 1e-12));
        }
    }
}
