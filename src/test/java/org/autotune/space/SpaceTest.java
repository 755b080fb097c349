package org.autotune.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpaceTest {
    private static final Space SPACE = new Space(List.of(
        new Parameter("tc", ParameterKind.REAL, 0.05, 0.09, 0.062, 0.004, "K", "", List.of()),
        new Parameter("absorption", ParameterKind.LOG, 1e-4, 1e-1, 1e-2, 2, "", "", List.of()),
        new Parameter("planes", ParameterKind.INTEGER, 2, 9, 4, 1, "", "", List.of()),
        new Parameter("material", ParameterKind.CHOICE, 0, 0, 1, 1, "", "", List.of("copper", "lead", "tungsten"))));

    /** 200 random points of the space, from a fixed seed. */
    static Stream<Point> randomPoints() {
        var rng = new SplittableRandom(20261125);
        return IntStream.range(0, 200).mapToObj(i -> {
            var u = new double[SPACE.dimension()];
            for (int k = 0; k < u.length; k++) {
                u[k] = rng.nextDouble();
            }
            return SPACE.fromUnit(u);
        });
    }

    @ParameterizedTest
    @MethodSource("randomPoints")
    void points_map_to_the_unit_cube_and_back(Point p) {
        var back = SPACE.fromUnit(SPACE.toUnit(p));
        for (int i = 0; i < p.size(); i++) {
            assertThat(back.get(i)).isCloseTo(p.get(i), within(1e-12 * Math.max(1, Math.abs(p.get(i)))));
        }
    }

    @ParameterizedTest
    @MethodSource("randomPoints")
    void points_from_the_unit_cube_stay_in_bounds_and_whole_where_needed(Point p) {
        assertThat(SPACE.contains(p)).isTrue();
        assertThat(p.get("planes")).isEqualTo(Math.rint(p.get("planes")));
    }

    @Test
    void unit_values_outside_the_cube_are_clamped_to_the_bounds() {
        var p = SPACE.fromUnit(new double[] {-0.5, 1.7, 2, -3});
        assertThat(p.values()).containsExactly(0.05, 1e-1, 9, 0);
    }

    @Test
    void log_parameters_are_uniform_in_the_logarithm() {
        var log = SPACE.parameter(1);
        assertThat(log.fromUnit(0.5)).isCloseTo(Math.sqrt(1e-4 * 1e-1), within(1e-15));
        assertThat(log.unitStep()).isCloseTo(Math.log(2) / Math.log(1000), within(1e-15));
    }

    @Test
    void values_render_exactly_without_exponents_and_choices_by_name() {
        double tc = 0.1 + 0.2 - 0.3 + 0.062;   // not exactly 0.062: the text must keep every digit
        var text = SPACE.format(SPACE.start().with("absorption", 0.00015).with("tc", tc));
        assertThat(text).containsEntry("absorption", "0.00015").containsEntry("planes", "4")
            .containsEntry("material", "lead").containsEntry("tc", "0.062000000000000055");
        assertThat(Double.parseDouble(text.get("tc"))).isEqualTo(tc);
        assertThat(Parameter.plain(62.0)).isEqualTo("62");
        assertThat(Parameter.plain(-3.5e-12)).isEqualTo("-0.0000000000035");
    }

    /** Many seeded values over every magnitude: the text is the exact decimal of the double, as BigDecimal prints it. */
    @Test
    void values_render_as_the_exact_decimal_at_every_magnitude() {
        var rng = new SplittableRandom(21);
        for (int i = 0; i < 200_000; i++) {
            double v = (rng.nextBoolean() ? -1 : 1) * rng.nextDouble() * Math.pow(10, rng.nextInt(-12, 13));
            if (i % 4 == 0) {
                v = Math.rint(v * 1000) / 1000;   // values on a step, as a stepped parameter gives
            }
            String expected = v == 0 ? "0" : new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
            assertThat(Parameter.plain(v)).as("%s", v).isEqualTo(expected);
        }
    }

    @Test
    void integer_cells_are_centred_so_rounding_never_drifts() {
        var planes = SPACE.parameter(2);
        for (int v = 2; v <= 9; v++) {
            assertThat(planes.fromUnit(planes.toUnit(v))).isEqualTo(v);
        }
    }

    @Test
    void rounded_values_print_without_float_noise() {
        // 4.48e8 / 1e-5 style rounding gave 447999999.99999994; the nearest double to the decimal does not
        assertThat(Parameter.plain(Parameter.rounded(447_999_999.99999994, 4))).isEqualTo("448000000");
        assertThat(Parameter.plain(Parameter.rounded(117_699_999.99999999, 4))).isEqualTo("117700000");
        assertThat(Parameter.plain(Parameter.rounded(0.012345678, 3))).isEqualTo("0.0123");
        assertThat(Parameter.plain(Parameter.roundedTo(1.2015625000001, -4))).isEqualTo("1.2016");
        assertThat(Parameter.rounded(0, 3)).isZero();
    }
}
