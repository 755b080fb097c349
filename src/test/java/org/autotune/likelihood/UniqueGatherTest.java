package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UniqueGatherTest {

    static Stream<Long> seeds() {
        return new SplittableRandom(20261122).longs(20).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void doubles_are_bit_identical_and_evaluated_once_per_unique_value(long seed) {
        var rng = new SplittableRandom(seed);
        var x = new double[1 + rng.nextInt(500)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(1 + rng.nextInt(40)) * 0.1; // many repeats
        }
        var calls = new AtomicInteger();
        var gathered = UniqueGather.apply(x, v -> {
            calls.incrementAndGet();
            return Math.exp(Math.sin(v)) / (1 + v * v);
        });
        for (int i = 0; i < x.length; i++) {
            double plain = Math.exp(Math.sin(x[i])) / (1 + x[i] * x[i]);
            assertThat(Double.doubleToRawLongBits(gathered[i]))
                .isEqualTo(Double.doubleToRawLongBits(plain));
        }
        assertThat(calls.get()).isEqualTo((int) java.util.Arrays.stream(x).distinct().count());
    }

    @Test
    void derivative_structures_are_bit_identical_to_plain_evaluation() {
        var factory = new DSFactory(2, 2);
        var a = factory.variable(0, 1.3);
        var b = factory.variable(1, 0.7);
        var rng = new SplittableRandom(3);
        var args = new double[300][];
        for (int i = 0; i < args.length; i++) {
            args[i] = new double[] {rng.nextInt(7), rng.nextInt(5)};
        }
        var calls = new AtomicInteger();
        var plan = UniqueGather.of(args);
        List<DerivativeStructure> gathered = plan.apply(t -> {
            calls.incrementAndGet();
            return f(a, b, t);
        });
        for (int i = 0; i < args.length; i++) {
            assertThat(gathered.get(i).getAllDerivatives()).isEqualTo(f(a, b, args[i]).getAllDerivatives());
        }
        assertThat(calls.get()).isEqualTo(plan.uniqueCount()).isLessThanOrEqualTo(35);
    }

    @Test
    void hidden_quanta_depending_on_their_sum_need_five_times_fewer_evaluations() {
        // 200 events × n_electrons 0..29 × n_photons 0..29; the yield model depends only on the
        // event's drift-time bin (10 bins) and on quanta = n_electrons + n_photons.
        var rng = new SplittableRandom(11);
        var args = new ArrayList<double[]>();
        for (int event = 0; event < 200; event++) {
            int driftBin = rng.nextInt(10);
            for (int ne = 0; ne < 30; ne++) {
                for (int nph = 0; nph < 30; nph++) {
                    args.add(new double[] {driftBin, ne + nph});
                }
            }
        }
        var calls = new AtomicInteger();
        var plan = UniqueGather.of(args.toArray(double[][]::new));
        var values = plan.apply(t -> {
            calls.incrementAndGet();
            return Math.exp(-0.01 * t[1]) * (1 - 0.02 * t[0]);
        });
        assertThat(values).hasSize(180_000);
        assertThat(calls.get()).isEqualTo(plan.uniqueCount()).isLessThanOrEqualTo(10 * 59);
        assertThat(args.size() / calls.get()).isGreaterThanOrEqualTo(5);
    }

    private static DerivativeStructure f(DerivativeStructure a, DerivativeStructure b, double[] t) {
        return a.multiply(t[0]).add(b.multiply(t[1]).exp()).log();
    }
}
