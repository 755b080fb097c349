package org.autotune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceFillingDesignTest {
    @Test
    void every_point_lies_in_the_unit_cube() {
        var design = SpaceFillingDesign.shifted(5, new SplittableRandom(3));
        for (int k = 0; k < 500; k++) {
            for (double v : design.next()) {
                assertThat(v).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_points_and_another_seed_other_points() {
        var a = SpaceFillingDesign.shifted(3, new SplittableRandom(42));
        var b = SpaceFillingDesign.shifted(3, new SplittableRandom(42));
        var c = SpaceFillingDesign.shifted(3, new SplittableRandom(43));
        for (int k = 0; k < 20; k++) {
            double[] p = a.next();
            assertThat(b.next()).containsExactly(p);
            assertThat(c.next()).isNotEqualTo(p);
        }
    }

    @Test
    void sixteen_points_hit_every_cell_of_a_four_by_four_grid() {
        assertOnePerCell(SpaceFillingDesign.plain(2));
        // a shift by whole cells only permutes the cells
        assertOnePerCell(new SpaceFillingDesign(new double[] {0.25, 0.75}));
    }

    @Test
    void a_shift_is_the_plain_sequence_moved_modulo_one() {
        var plain = SpaceFillingDesign.plain(2);
        var shifted = new SpaceFillingDesign(new double[] {0.3, 0.6});
        for (int k = 0; k < 50; k++) {
            double[] p = plain.next();
            double[] s = shifted.next();
            assertThat(s[0]).isEqualTo((p[0] + 0.3) % 1.0);
            assertThat(s[1]).isEqualTo((p[1] + 0.6) % 1.0);
        }
    }

    @Test
    void points_around_a_centre_stay_in_its_box_cut_to_the_cube() {
        var design = SpaceFillingDesign.shifted(2, new SplittableRandom(5));
        double[] center = {0.95, 0.5};
        for (int k = 0; k < 200; k++) {
            double[] u = design.nextAround(center, 0.1);
            assertThat(u[0]).isBetween(0.85, 1.0);
            assertThat(u[1]).isBetween(0.4, 0.6);
        }
        var boxed = SpaceFillingDesign.plain(2).skip(1);
        double[] u = boxed.nextIn(new double[] {0.2, 0.4}, new double[] {0.4, 0.8});
        assertThat(u).containsExactly(new double[] {0.3, 0.6}, within(1e-12));   // the second point is (½, ½)
    }

    @Test
    void skipping_continues_the_sequence_where_next_would() {
        var stepped = SpaceFillingDesign.plain(3);
        for (int k = 0; k < 5; k++) {
            stepped.next();
        }
        var skipped = SpaceFillingDesign.plain(3).skip(2).skip(3);
        for (int k = 0; k < 10; k++) {
            assertThat(skipped.next()).containsExactly(stepped.next());
        }
    }

    @Test
    void a_shift_outside_zero_to_one_is_refused() {
        assertThatThrownBy(() -> new SpaceFillingDesign(new double[] {1.0}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
    }

    private static void assertOnePerCell(SpaceFillingDesign design) {
        int[][] hits = new int[4][4];
        for (int k = 0; k < 16; k++) {
            double[] u = design.next();
            hits[(int) (4 * u[0])][(int) (4 * u[1])]++;
        }
        for (int[] row : hits) {
            assertThat(row).containsOnly(1);
        }
    }
}
