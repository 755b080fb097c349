package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Discrete design choices by enumeration: every combination of the integer and choice parameters
 * (e.g. the number of detector planes and the absorber material) gets its own optimizer over the
 * real and log parameters, and the best combination wins. The combinations run side by side: asks
 * go round-robin over the combinations that still propose points, one point each, so every slot
 * stays busy even while one combination waits for a generation to finish.
 *
 * <p>Proposals are a pure function of (configuration, seed, results told): the combinations are in
 * a fixed order, each inner optimizer has its own seed derived from the campaign's, and the round-robin
 * cursor moves only on asks.
 */
final class Enumeration implements Optimizer {
    /** One combination: its discrete values, its optimizer and what it used. */
    private static final class Combination {
        final double[] discrete;
        final Optimizer inner;
        int asked;
        int told;
        double best = Double.POSITIVE_INFINITY;
        Point bestPoint;

        Combination(double[] discrete, Optimizer inner) {
            this.discrete = discrete;
            this.inner = inner;
        }
    }

    private final Space space;
    private final int[] discreteIndex;
    private final int[] continuousIndex;
    private final Space continuous;
    private final int samples;
    private final List<Combination> combinations = new ArrayList<>();
    private final Map<List<Double>, Combination> byValues = new HashMap<>();
    private int cursor;

    /**
     * @param settings at most {@code settings.samples()} points per combination
     * @param inner   builds the optimizer of combination k over the real and log parameters (the
     *                second argument is the combination's number, for its seed); not called when
     *                every parameter is discrete (each combination is then one point)
     */
    Enumeration(Space space, EnumerationSettings settings, BiFunction<Space, Integer, Optimizer> inner) {
        this.space = space;
        this.samples = settings.samples();
        var d = new ArrayList<Integer>();
        var c = new ArrayList<Integer>();
        for (int i = 0; i < space.dimension(); i++) {
            (space.parameter(i).kind().continuous() ? c : d).add(i);
        }
        this.discreteIndex = d.stream().mapToInt(Integer::intValue).toArray();
        this.continuousIndex = c.stream().mapToInt(Integer::intValue).toArray();
        this.continuous = c.isEmpty() ? null : new Space(c.stream().map(space::parameter).toList());
        var values = combinationsOf(space, discreteIndex);
        for (int k = 0; k < values.size(); k++) {
            var opt = continuous == null ? new FixedDesign(List.of(new Point(List.of(), new double[0])))
                : inner.apply(continuous, k);
            var comb = new Combination(values.get(k), opt);
            combinations.add(comb);
            byValues.put(key(values.get(k)), comb);
        }
    }

    /** Closes every combination's optimizer. */
    @Override
    public void close() {
        combinations.forEach(c -> c.inner.close());
    }

    /** How many combinations the integer and choice parameters of a space make. */
    static long count(Space space) {
        long n = 1;
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                n = Math.multiplyExact(n, cells(p));
            }
        }
        return n;
    }

    @Override
    public List<Point> ask(int n) {
        var out = new ArrayList<Point>();
        int idle = 0;   // combinations in a row that proposed nothing
        while (out.size() < n && idle < combinations.size()) {
            var comb = combinations.get(cursor);
            cursor = (cursor + 1) % combinations.size();
            var asked = comb.asked < samples && !comb.inner.done() ? comb.inner.ask(1) : List.<Point>of();
            if (asked.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            comb.asked++;
            out.add(full(comb, asked.get(0)));
        }
        return out;
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            var comb = byValues.get(key(discreteOf(r.point())));
            if (comb == null) {
                throw new IllegalArgumentException("told a result for " + r.point() + ", which was never asked");
            }
            comb.told++;
            if (r.value() < comb.best) {
                comb.best = r.value();
                comb.bestPoint = r.point();
            }
            comb.inner.tell(List.of(new Result(innerOf(r.point()), r.score())));
        }
    }

    @Override
    public boolean done() {
        return combinations.stream().allMatch(c -> c.asked >= samples || c.inner.done());
    }

    /** Every combination's search converged before its share of samples was spent. */
    @Override
    public boolean converged() {
        return combinations.stream().allMatch(c -> c.inner.converged());
    }

    /** The best combination's own estimate (or its best point). */
    @Override
    public Optional<Point> estimate() {
        return combinations.stream().filter(c -> c.bestPoint != null)
            .min(Comparator.comparingDouble(c -> c.best))
            .map(c -> c.inner.estimate().map(e -> full(c, e)).orElse(c.bestPoint));
    }

    private Point full(Combination comb, Point inner) {
        double[] v = new double[space.dimension()];
        for (int i = 0; i < discreteIndex.length; i++) {
            v[discreteIndex[i]] = comb.discrete[i];
        }
        for (int i = 0; i < continuousIndex.length; i++) {
            v[continuousIndex[i]] = inner.get(i);
        }
        return new Point(space.names(), v);
    }

    private double[] discreteOf(Point full) {
        double[] v = new double[discreteIndex.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = full.get(discreteIndex[i]);
        }
        return v;
    }

    private Point innerOf(Point full) {
        if (continuous == null) {
            return new Point(List.of(), new double[0]);
        }
        double[] v = new double[continuousIndex.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = full.get(continuousIndex[i]);
        }
        return new Point(continuous.names(), v);
    }

    private static List<Double> key(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** All combinations in odometer order, the last discrete parameter changing fastest. */
    private static List<double[]> combinationsOf(Space space, int[] index) {
        var out = new ArrayList<double[]>();
        out.add(new double[0]);
        for (int i : index) {
            var p = space.parameter(i);
            var next = new ArrayList<double[]>();
            for (var prefix : out) {
                for (long k = 0; k < cells(p); k++) {
                    double[] v = Arrays.copyOf(prefix, prefix.length + 1);
                    v[prefix.length] = p.min() + k;
                    next.add(v);
                }
            }
            out = next;
        }
        return out;
    }

    private static long cells(Parameter p) {
        return (long) (p.max() - p.min()) + 1;
    }
}
