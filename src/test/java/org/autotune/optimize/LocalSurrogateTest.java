package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.autotune.InputError;
import org.autotune.metric.Score;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalSurrogateTest {
    /**
     * Drives the optimizer like the campaign loop (tell in order, ask after each tell) and checks
     * every point against the trust box in force when it was asked.
     */
    static List<Point> drive(Optimizer opt, int slots, int budget, ToDoubleFunction<Point> f) {
        var local = (LocalSurrogate) opt;
        var asked = new ArrayList<Point>();
        var queue = new ArrayDeque<Point>();
        while (true) {
            if (!opt.done()) {
                for (var p : opt.ask(Math.min(slots - queue.size(), budget - asked.size()))) {
                    var box = local.box();
                    assertThat(box.contains(CmaEsTest.box(p.names().size(), 0, 1, 0), unitOf(p))).isTrue();
                    asked.add(p);
                    queue.add(p);
                }
            }
            if (queue.isEmpty()) {
                return asked;
            }
            var p = queue.poll();
            opt.tell(List.of(new Result(p, Optional.of(Score.of(f.applyAsDouble(p))))));
        }
    }

    private static Point unitOf(Point p) {
        return p;
    }

    @Test
    void finds_the_minimum_of_a_correlated_quadratic() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var opt = CmaEsTest.create("type: local-surrogate\ntolerance: 0.0001", space, 1, 8);
        var asked = CoordinateDescentTest.drive(opt, 8, 20_000, CmaEsTest::quadratic);
        var est = opt.estimate().orElseThrow();
        System.out.println(asked.size() + " " + opt.done() + " " + est + " " + CmaEsTest.quadratic(est)
            + " " + ((LocalSurrogate) opt).trace().size());
    }

    @Test
    void finds_rosenbrock() {
        var space = CmaEsTest.box(4, -2, 3, -1);
        var opt = CmaEsTest.create("type: local-surrogate\ntolerance: 0.0001", space, 1, 8);
        var asked = CoordinateDescentTest.drive(opt, 8, 20_000, LocalSurrogateTest::g4);
        var est = opt.estimate().orElseThrow();
        System.out.println(asked.size() + " " + opt.done() + " " + est + " " + ((LocalSurrogate) opt).trace().size());
        int k=0; for (var b : ((LocalSurrogate) opt).trace()) if (k++ % 20 == 0) System.out.print(String.format("%.3f %.3f %.4f| ", b.center()[0], b.center()[1], b.radius()));
    }

    static double g4(Point p) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double x = p.get("x" + i);
            s += (1 - x) * (1 - x);
            if (i < 3) {
                double y = p.get("x" + (i + 1));
                s += (y - x * x) * (y - x * x);
            }
        }
        return s;
    }

    @Test
    void noisy() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var rng = new SplittableRandom(5);
        var opt = CmaEsTest.create("type: local-surrogate\nnoisy: yes", space, 3, 8);
        var asked = CoordinateDescentTest.drive(opt, 8, 5000, p -> CmaEsTest.quadratic(p) + rng.nextGaussian());
        var est = opt.estimate().orElseThrow();
        System.out.println(asked.size() + " " + opt.done() + " " + est + " " + CmaEsTest.quadratic(est) + " " + ((LocalSurrogate) opt).trace().size());
        for (var b : ((LocalSurrogate) opt).trace()) System.out.print(String.format("%.4f ", b.radius()));
    }
}
