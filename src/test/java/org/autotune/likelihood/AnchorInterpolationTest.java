package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

class AnchorInterpolationTest {
    private static final double[] ANCHORS = {-1, 0, 1};
    /** Total-rate toy: μ(x, y) = 42 + x + 1.2 y + 0.5 x y on [−1, 1]². */
    private static final ToDoubleFunction<double[]> MU = p -> 42 + p[0] + 1.2 * p[1] + 0.5 * p[0] * p[1];
    /** The same toy with the parameters in the other order (y, x). */
    private static final ToDoubleFunction<double[]> MU_SWAPPED = p -> MU.applyAsDouble(new double[] {p[1], p[0]});

    private static AnchorInterpolation cross(ToDoubleFunction<double[]> mu) {
        return AnchorInterpolation.cross(List.of(ANCHORS, ANCHORS), new double[] {0, 0}, mu);
    }

    @Test
    void cross_interpolation_multiplies_one_at_a_time_ratios() {
        assertThat(cross(MU).value(0.5, 0)).isCloseTo(42.5, within(1e-12));
        assertThat(cross(MU).value(0.5, 0.3)).isCloseTo(42.5 * 42.36 / 42, within(1e-12));
        assertThat(cross(MU).value(0.5, 0.3)).isCloseTo(42.864286, within(5e-7));
    }

    @Test
    void grid_interpolation_is_multilinear_and_exact_at_anchors() {
        var grid = AnchorInterpolation.grid(List.of(ANCHORS, ANCHORS), MU);
        assertThat(grid.value(0.5, 0.3)).isCloseTo(42.935, within(1e-12));
        assertThat(grid.value(-1, -1)).isEqualTo(40.3);
    }

    @Test
    void results_do_not_depend_on_parameter_order() {
        assertThat(cross(MU_SWAPPED).value(0.3, 0.5)).isCloseTo(cross(MU).value(0.5, 0.3), within(1e-12));
        var grid = AnchorInterpolation.grid(List.of(ANCHORS, ANCHORS), MU);
        var swapped = AnchorInterpolation.grid(List.of(ANCHORS, ANCHORS), MU_SWAPPED);
        assertThat(swapped.value(0.3, 0.5)).isCloseTo(grid.value(0.5, 0.3), within(1e-12));
    }

    @Test
    void derivatives_follow_the_interpolating_polynomial() {
        var f = new DSFactory(2, 2);
        var grid = AnchorInterpolation.grid(List.of(ANCHORS, ANCHORS), MU);
        DerivativeStructure mu = grid.value(new DerivativeStructure[] {f.variable(0, 0.5), f.variable(1, 0.3)});
        // multilinear reproduces the bilinear toy: ∂x = 1 + 0.5 y, ∂y = 1.2 + 0.5 x, ∂x∂y = 0.5
        assertThat(mu.getPartialDerivative(1, 0)).isCloseTo(1.15, within(1e-12));
        assertThat(mu.getPartialDerivative(0, 1)).isCloseTo(1.45, within(1e-12));
        assertThat(mu.getPartialDerivative(1, 1)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void combined_grids_within_groups_and_multiplies_between_them() {
        // μ(x, y, z) = (42 + x + 1.2 y + 0.5 x y)(1 + 0.1 z): x and y interact, z scales
        ToDoubleFunction<double[]> mu = p -> MU.applyAsDouble(p) * (1 + 0.1 * p[2]);
        var anchors = List.of(ANCHORS, ANCHORS, ANCHORS);
        var calls = new java.util.HashSet<List<Double>>();
        var combined = AnchorInterpolation.combined(anchors, List.of(new int[] {0, 1}, new int[] {2}),
            new double[] {0, 0, 0}, p -> {
                calls.add(java.util.Arrays.stream(p).boxed().toList());
                return mu.applyAsDouble(p);
            });
        // exact for this product form: the {x, y} grid is exact and z factorises
        assertThat(combined.value(0.5, 0.3, 0.5)).isCloseTo(42.935 * 1.05, within(1e-12));
        assertThat(calls).hasSize(1 + (9 - 1) + (3 - 1));
        // one parameter per group is cross; one group of all is grid
        var asCross = AnchorInterpolation.combined(List.of(ANCHORS, ANCHORS), List.of(new int[] {0}, new int[] {1}),
            new double[] {0, 0}, MU);
        assertThat(asCross.value(0.5, 0.3)).isCloseTo(cross(MU).value(0.5, 0.3), within(1e-12));
        var asGrid = AnchorInterpolation.combined(List.of(ANCHORS, ANCHORS), List.of(new int[] {1, 0}),
            new double[] {0, 0}, MU);
        assertThat(asGrid.value(0.5, 0.3)).isCloseTo(42.935, within(1e-12));
    }
}
