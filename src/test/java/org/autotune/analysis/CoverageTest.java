package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The smaller version of bench/coverage (see {@link CoverageStudy}). */
@Tag("slow")
class CoverageTest {
    @Test
    void one_sigma_intervals_cover_the_truth_in_68_percent_of_pseudo_experiments() {
        int n = 60;
        int[] failed = {0};
        double[] coverage = CoverageStudy.coverage(1, n, failed);
        // the analysis must give an interval nearly always
        assertThat(failed[0]).isLessThanOrEqualTo(2);
        // binomial: sd of a fraction = sqrt(p(1 - p)/n); 3 sd around 0.683
        double tolerance = 3 * Math.sqrt(0.683 * 0.317 / (n - failed[0]));
        for (int i = 0; i < 3; i++) {
            assertThat(coverage[i]).as("coverage of " + CoverageStudy.SPACE.parameter(i).name())
                .isBetween(0.683 - tolerance, 0.683 + tolerance);
        }
    }
}
