package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Duals against Hipparchus DerivativeStructure, the reference for forward-mode derivatives. */
class DualsTest {
    private static final int EVENTS = 64;

    static Stream<Integer> orders() {
        return Stream.of(0, 1, 2);
    }

    @ParameterizedTest
    @MethodSource("orders")
    void every_operation_matches_derivative_structures_at_every_event(int order) {
        var rng = new SplittableRandom(5 + order);
        var x = new double[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            x[i] = 0.5 + 2 * rng.nextDouble();
        }
        double a = 0.7;
        double b = 1.9;
        double c = -0.4;
        // a composite touching every operation, written twice: on Duals and on DerivativeStructures
        Function<Duals[], Duals> onDuals = p -> p[0].multiply(x).add(p[1].square()).log()
            .add(p[2].subtractFrom(x).divide(p[1]).exp()).multiply(p[0].sqrt())
            .subtract(p[1].reciprocal().log1p()).divide(p[2].add(3).pow(1.5)).add(x).subtract(0.25)
            .divide(x).negate().add(p[0].multiply(p[1]).multiply(p[2]).multiply(2.5).divide(4));
        BiFunction<DerivativeStructure[], Double, DerivativeStructure> onDs = (p, xi) ->
            p[0].multiply(xi).add(p[1].square()).log()
            .add(p[2].negate().add(xi).divide(p[1]).exp()).multiply(p[0].sqrt())
            .subtract(p[1].reciprocal().log1p()).divide(p[2].add(3).pow(1.5)).add(xi).subtract(0.25)
            .divide(xi).negate().add(p[0].multiply(p[1]).multiply(p[2]).multiply(2.5).divide(4));
        var duals = onDuals.apply(new Duals[] {Duals.variable(EVENTS, 3, order, 0, a),
            Duals.variable(EVENTS, 3, order, 1, b), Duals.variable(EVENTS, 3, order, 2, c)});
        var factory = new DSFactory(3, order);
        var p = new DerivativeStructure[] {factory.variable(0, a), factory.variable(1, b), factory.variable(2, c)};
        for (int i = 0; i < EVENTS; i++) {
            var ds = onDs.apply(p, x[i]);
            assertThat(duals.value(i)).isCloseTo(ds.getValue(), within(1e-13 * Math.abs(ds.getValue())));
            for (int k = 0; k < 3 && order >= 1; k++) {
                var o = new int[3];
                o[k] = 1;
                double expected = ds.getPartialDerivative(o);
                assertThat(duals.derivative(k, i)).isCloseTo(expected, within(1e-12 * (1 + Math.abs(expected))));
                for (int l = 0; l < 3 && order >= 2; l++) {
                    var o2 = o.clone();
                    o2[l]++;
                    double e2 = ds.getPartialDerivative(o2);
                    assertThat(duals.secondDerivative(k, l, i)).isCloseTo(e2, within(1e-12 * (1 + Math.abs(e2))));
                }
            }
        }
    }

    @Test
    void a_quantity_of_one_parameter_stores_no_derivative_for_the_others() {
        var mean = Duals.variable(8, 3, 2, 1, 5.0);
        var x = new double[] {1, 2, 3, 4, 5, 6, 7, 8};
        var r = mean.subtractFrom(x).square().multiply(-0.5).exp();
        assertThat(r.g[0]).isNull();
        assertThat(r.g[2]).isNull();
        assertThat(r.h[Duals.pair(0, 2)]).isNull();
        assertThat(r.derivative(0, 3)).isZero();
        assertThat(r.derivative(1, 4)).isEqualTo(0.0); // at x = mean the slope is 0
        assertThat(r.secondDerivative(1, 1, 4)).isEqualTo(-1.0);
    }

    @Test
    void batches_with_different_variables_or_sizes_are_rejected_with_a_fix() {
        var a = Duals.variable(4, 2, 2, 0, 1.0);
        var b = Duals.variable(4, 3, 2, 0, 1.0);
        assertThatThrownBy(() -> a.add(b)).hasMessageContaining("fix:");
        assertThatThrownBy(() -> a.multiply(new double[3])).hasMessageContaining("fix:");
        assertThat(a.multiply(Duals.constant(4, 2.0)).derivative(0, 0)).isEqualTo(2.0);
    }

    @Test
    void the_tests_run_on_the_simd_path_and_it_matches_math_within_one_ulp() {
        assertThat(SimdMath.VECTOR).as("surefire adds jdk.incubator.vector").isTrue();
        var rng = new SplittableRandom(9);
        var x = new double[1003];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e-3 + 50 * rng.nextDouble();
        }
        var e = new double[x.length];
        var l = new double[x.length];
        SimdMath.exp(x, e);
        SimdMath.log(x, l);
        for (int i = 0; i < x.length; i++) {
            assertThat(e[i]).isCloseTo(Math.exp(x[i]), within(Math.ulp(Math.exp(x[i]))));
            assertThat(l[i]).isCloseTo(Math.log(x[i]), within(Math.ulp(Math.log(x[i]))));
        }
    }

    @Test
    void gathering_a_batch_computed_on_distinct_values_is_bit_identical_to_computing_every_event() {
        var rng = new SplittableRandom(12);
        var x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(7); // a hidden count with many repeats
        }
        var plan = UniqueGather.of(x);
        var distinct = new double[plan.uniqueCount()];
        for (int u = 0; u < distinct.length; u++) {
            distinct[u] = plan.uniqueArguments()[u][0];
        }
        var p = Duals.variable(distinct.length, 2, 2, 1, 0.3);
        var once = p.multiply(distinct).exp().gather(plan);
        var every = Duals.variable(x.length, 2, 2, 1, 0.3).multiply(x).exp();
        assertThat(plan.uniqueCount()).isEqualTo(7);
        for (int i = 0; i < x.length; i++) {
            assertThat(once.value(i)).isEqualTo(every.value(i));
            assertThat(once.derivative(1, i)).isEqualTo(every.derivative(1, i));
            assertThat(once.secondDerivative(1, 1, i)).isEqualTo(every.secondDerivative(1, 1, i));
        }
        assertThatThrownBy(() -> every.gather(plan)).hasMessageContaining("fix:");
    }
}
