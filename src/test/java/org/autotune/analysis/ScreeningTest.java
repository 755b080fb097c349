package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

class ScreeningTest {
    private static final Space SPACE = new Space(List.of(Parameter.real("quad", 0, 1, 0.5),
        Parameter.real("lin", 0, 1, 0.5), Parameter.real("none", 0, 1, 0.5), Parameter.real("small", 0, 1, 0.5)));

    private static double f(double[] u) {
        return 10 * u[0] * u[0] + 2 * u[1] + 0.1 * u[3];
    }

    @Test
    void trajectories_move_each_parameter_once_by_two_thirds_on_the_grid() {
        var points = Screening.design(4, 5, 1);
        assertThat(points).hasSize(5 * 5);
        for (int t = 0; t < 5; t++) {
            var moved = new java.util.HashSet<Integer>();
            for (int s = 0; s < 4; s++) {
                double[] a = points.get(t * 5 + s);
                double[] b = points.get(t * 5 + s + 1);
                for (int i = 0; i < 4; i++) {
                    if (a[i] != b[i]) {
                        assertThat(Math.abs(b[i] - a[i])).isCloseTo(2.0 / 3, within(1e-12));
                        assertThat(moved.add(i)).isTrue();
                    }
                    assertThat(b[i]).isBetween(0.0, 1.0);
                }
            }
            assertThat(moved).hasSize(4);
        }
        assertThat(Screening.design(4, 5, 1)).usingRecursiveComparison().isEqualTo(points);
    }

    @Test
    void ranks_by_influence_and_puts_a_parameter_that_does_not_enter_last() {
        var points = Screening.design(4, 12, 7);
        List<Optional<Score>> scores = points.stream().map(u -> Optional.of(Score.of(f(u), 0.01))).toList();
        var effects = Screening.effects(SPACE, points, scores);
        assertThat(effects).extracting(Screening.Effect::name).containsExactly("quad", "lin", "small", "none");
        var lin = effects.get(1);
        assertThat(lin.muStar()).isCloseTo(2, within(1e-9));   // a linear term: every EE is its slope
        assertThat(lin.sigma()).isCloseTo(0, within(1e-9));
        assertThat(effects.get(0).sigma()).isGreaterThan(0);    // the quadratic's EE depend on where it moves
        assertThat(effects.get(3).muStar()).isZero();
        assertThat(effects.get(3).withinNoise()).isTrue();
        assertThat(lin.withinNoise()).isFalse();
        // noise of mu*: sqrt(2)*0.01/(2/3)/sqrt(12)
        assertThat(lin.noise()).isCloseTo(Math.sqrt(2) * 0.01 * 1.5 / Math.sqrt(12), within(1e-12));
        assertThat(String.join("\n", Screening.describe(effects))).contains("within noise: a candidate to fix");
    }

    @Test
    void failed_samples_leave_out_the_moves_they_take_part_in() {
        var points = Screening.design(4, 3, 2);
        List<Optional<Score>> scores = new java.util.ArrayList<>(points.stream()
            .map(u -> Optional.of(Score.of(f(u)))).toList());
        scores.set(2, Optional.empty());    // the second and third move of trajectory 1
        var effects = Screening.effects(SPACE, points, scores);
        assertThat(effects.stream().mapToInt(Screening.Effect::effects).sum()).isEqualTo(3 * 4 - 2);
    }
}
