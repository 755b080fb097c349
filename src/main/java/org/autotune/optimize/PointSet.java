package org.autotune.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points in the unit cube that a new point must keep a distance from (the points asked so far),
 * with a test "is any of them closer than r to u" that costs O(log N) instead of a pass over all
 * N: the points are kept sorted by a projection w·u onto a fixed direction, and since
 * |w·(u − p)| ≤ |w| |u − p|, only the points whose projection lies within |w| r of u's can be that
 * close; those few are tested exactly (squared distance below r², summed in coordinate order, as a
 * pass over all points would). An overlay ({@link #over}) adds points for one question without
 * copying the set it lies over.
 */
final class PointSet {
    /** A margin far above the rounding error of a projection of a point in the unit cube. */
    private static final double MARGIN = 1e-9;

    private final PointSet base;
    private final TreeMap<Double, List<double[]>> byProjection = new TreeMap<>();
    private int size;
    private double[] weights;
    private double norm;

    PointSet() {
        this(null);
    }

    private PointSet(PointSet base) {
        this.base = base;
    }

    /** A new, empty set whose {@link #near} also answers for every point of {@code base}, now and later. */
    static PointSet over(PointSet base) {
        return new PointSet(base);
    }

    void add(double[] u) {
        if (weights == null) {
            // weights in [1, 2) from the golden ratio's multiples: irrational ratios, so that distinct
            // points on a grid of steps rarely share a projection
            weights = new double[u.length];
            double sum = 0;
            for (int i = 0; i < u.length; i++) {
                weights[i] = 1 + (i + 1) * 0.6180339887498949 % 1;
                sum += weights[i] * weights[i];
            }
            norm = Math.sqrt(sum);
        }
        byProjection.computeIfAbsent(project(u), x -> new ArrayList<>(1)).add(u);
        size++;
    }

    /** How many points were added (an overlay's own, not its base's). */
    int size() {
        return size;
    }

    /** True when a point of this set (or of its base) is closer than {@code r} to {@code u}. */
    boolean near(double[] u, double r) {
        if (base != null && base.near(u, r)) {
            return true;
        }
        if (size == 0) {
            return false;
        }
        double p = project(u);
        double reach = norm * r * (1 + 1e-9) + MARGIN;
        double limit = r * r;
        for (Map.Entry<Double, List<double[]>> e : byProjection.subMap(p - reach, true, p + reach, true).entrySet()) {
            for (double[] q : e.getValue()) {
                if (distance2Below(u, q, limit)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean distance2Below(double[] u, double[] q, double limit) {
        double s = 0;
        for (int i = 0; i < u.length && s < limit; i++) {
            double t = u[i] - q[i];
            s += t * t;
        }
        return s < limit;
    }

    private double project(double[] u) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += weights[i] * u[i];
        }
        return s + 0.0;   // -0.0 and 0.0 are one key
    }
}
