package org.autotune.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitBoxTest {
    @Test
    void clamping_keeps_values_in_the_cube_or_the_given_bounds() {
        assertThat(UnitBox.clamp(-0.5)).isEqualTo(0);
        assertThat(UnitBox.clamp(1.5)).isEqualTo(1);
        assertThat(UnitBox.clamp(0.25)).isEqualTo(0.25);
        assertThat(UnitBox.clamp(3, 0, 2)).isEqualTo(2);
        assertThat(UnitBox.clamp(new double[] {-1, 0.5, 2})).containsExactly(0, 0.5, 1);
    }

    @Test
    void distance_is_the_largest_coordinate_difference() {
        assertThat(UnitBox.distance(new double[] {0, 0}, new double[] {0.3, -0.5})).isEqualTo(0.5);
        assertThat(UnitBox.within(new double[] {0.3, 0.5}, new double[] {0.2, 0.4}, 0.1)).isTrue();
        assertThat(UnitBox.within(new double[] {0.31, 0.5}, new double[] {0.2, 0.4}, 0.1)).isFalse();
    }
}
