package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.autotune.score.Observable;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/** Profile intervals, eigentunes and goodness of fit on quadratics and observables with known answers. */
class ProfileTest {
    /** χ² Hessian in unit coordinates of a correlated pair: covariance 2·H⁻¹ has σ = 0.05, 0.04 and ρ = 0.6. */
    private static double[][] hessian() {
        double s1 = 0.05;
        double s2 = 0.04;
        double rho = 0.6;
        var cov = new Array2DRowRealMatrix(new double[][] {{s1 * s1, rho * s1 * s2}, {rho * s1 * s2, s2 * s2}});
        return MatrixUtils.inverse(cov).scalarMultiply(2).getData();
    }

    private static Space space() {
        return new Space(List.of(Parameter.real("a", 0, 1, 0.5), Parameter.real("b", 0, 10, 5)));
    }

    @Test
    void away_from_the_bounds_the_profile_interval_is_the_covariance_sigma_and_eigentunes_lie_at_delta_chi2_1() {
        var space = space();
        var center = space.fromUnit(new double[] {0.5, 0.5});
        var c = Constraints.of(space, center, hessian(), ScoreType.CHI_SQUARE);
        var p = Profile.of(space, center, c, ScoreType.CHI_SQUARE, 1);
        var a = p.intervals().get(0);
        var b = p.intervals().get(1);
        assertThat(a.low()).isCloseTo(0.5 - 0.05, within(1e-9));
        assertThat(a.high()).isCloseTo(0.5 + 0.05, within(1e-9));
        assertThat(b.low()).isCloseTo(5 - 0.4, within(1e-8));     // 0.04 of a range of 10
        assertThat(b.high()).isCloseTo(5 + 0.4, within(1e-8));
        assertThat(a.lowAtBound() || a.highAtBound()).isFalse();
        assertThat(p.eigentunes()).hasSize(4);
        for (var t : p.eigentunes()) {
            assertThat(t.delta()).isCloseTo(1, within(1e-9));
            assertThat(t.clipped()).isFalse();
        }
        // level 4 (2 sigma) doubles the intervals
        var two = Profile.of(space, center, c, ScoreType.CHI_SQUARE, 4);
        assertThat(two.intervals().get(0).high()).isCloseTo(0.6, within(1e-9));
        // −ln L: the same Hessian means a covariance half as large, intervals √2 narrower
        var nll = Profile.of(space, center, Constraints.of(space, center, hessian(), ScoreType.NEGATIVE_LOG_LIKELIHOOD),
            ScoreType.NEGATIVE_LOG_LIKELIHOOD, 1);
        assertThat(nll.intervals().get(0).high() - 0.5).isCloseTo(0.05 / Math.sqrt(2), within(1e-9));
    }

    @Test
    void a_partner_at_its_bound_makes_the_interval_asymmetric_and_a_flat_parameter_reaches_the_range_ends() {
        var space = space();
        var center = space.fromUnit(new double[] {0.5, 0.0});   // b at its lower bound
        var h = hessian();
        var constraints = Constraints.of(space, center, h, ScoreType.CHI_SQUARE);
        var p = Profile.of(space, center, constraints, ScoreType.CHI_SQUARE, 1);
        var a = p.intervals().get(0);
        // below the centre b would have to go below its bound: it stays at 0, so χ² = ½·H_aa·d² → d = √(2/H_aa)
        assertThat(0.5 - a.low()).isCloseTo(Math.sqrt(2 / h[0][0]), within(1e-7));
        // above, b follows freely: the full 1σ
        assertThat(a.high() - 0.5).isCloseTo(0.05, within(1e-7));
        assertThat(0.5 - a.low()).isLessThan(a.high() - 0.5);
        assertThat(p.intervals().get(1).lowAtBound()).isTrue();
        assertThat(p.eigentunes().stream().anyMatch(Profile.Eigentune::clipped)).isTrue();

        // a parameter the score does not depend on: both ends at the range
        var flat = Profile.of(space, space.fromUnit(new double[] {0.5, 0.5}), Constraints.of(space,
            space.fromUnit(new double[] {0.5, 0.5}), new double[][] {{800, 0}, {0, 0}}, ScoreType.CHI_SQUARE),
            ScoreType.CHI_SQUARE, 1);
        assertThat(flat.intervals().get(1).lowAtBound()).isTrue();
        assertThat(flat.intervals().get(1).highAtBound()).isTrue();
        assertThat(flat.intervals().get(0).high() - 0.5).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void goodness_of_fit_sums_the_pulls_and_lists_the_observables_the_tune_cannot_describe() {
        var obs = List.of(new Observable("x.mean", 1.2, 0.1, 1.0, 0.0),      // pull +2
            new Observable("x.sd", 0.5, 0.03, 0.5, 0.04),                    // pull 0
            new Observable("y.mean", -2.0, 0.3, 0.0, 0.4),                   // pull -4
            new Observable("y.sd", 1.0, 0.0, 1.1, 0.1));                     // pull -1
        var g = GoodnessOfFit.of(obs, 1).orElseThrow();
        assertThat(g.chi2()).isCloseTo(4 + 16 + 1, within(1e-9));
        assertThat(g.ndf()).isEqualTo(3);
        assertThat(g.pValue()).isCloseTo(1 - new ChiSquaredDistribution(3).cumulativeProbability(21), within(1e-12));
        assertThat(g.pulls().get(0).name()).isEqualTo("y.mean");
        assertThat(g.bad()).extracting(Observable::name).containsExactly("y.mean");
        assertThat(String.join("\n", g.describe(10))).contains("chi2/ndf = 21.0/3")
            .contains("1 observable(s) beyond 3 sigma");
        assertThat(GoodnessOfFit.of(List.of(), 2)).isEmpty();
    }

    @Test
    void eigentune_points_are_parameter_sets_of_the_space() {
        var space = space();
        var center = space.fromUnit(new double[] {0.5, 0.5});
        var p = Profile.of(space, center, Constraints.of(space, center, hessian(), ScoreType.CHI_SQUARE),
            ScoreType.CHI_SQUARE, 1);
        Point plus = p.eigentunes().get(0).point();
        Point minus = p.eigentunes().get(1).point();
        assertThat(space.contains(plus)).isTrue();
        // the pair is symmetric about the centre
        assertThat((plus.get(0) + minus.get(0)) / 2).isCloseTo(0.5, within(1e-12));
        assertThat((plus.get(1) + minus.get(1)) / 2).isCloseTo(5, within(1e-9));
        assertThat(p.toMap()).containsKeys("profile_intervals", "eigentunes");
    }
}
