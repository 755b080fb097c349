package org.autotune.likelihood;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * A total expected count μ(θ) interpolated from values at anchor points (e.g. simulated once per
 * anchor), usable inside {@link Source#expectedCount} with exact derivatives.
 *
 * <ul>
 * <li><b>Cross</b> ({@link #cross}): vary one parameter at a time around a nominal point and
 * combine multiplicatively, μ = μ0 · Π_k μ_k(θ_k) / μ0, with μ_k linear between that parameter's
 * anchors. Needs 1 + Σ(n_k − 1) anchor values; ignores interactions between parameters.
 * <li><b>Grid</b> ({@link #grid}): multilinear interpolation on the full tensor grid of anchors.
 * Needs Π n_k values; exact for functions that are linear in each parameter separately.
 * <li><b>Combined</b> ({@link #combined}): grids within groups of parameters (those that interact),
 * combined multiplicatively between groups around a nominal point, μ = μ0 · Π_g G_g(θ_g) / μ0.
 * Needs 1 + Σ_g (Π_{k in g} n_k − 1) values; cross is the case of one parameter per group, grid
 * that of a single group.
 * </ul>
 * Outside the outermost anchors the end segment is extended linearly. At an anchor the result
 * is the anchor value itself. Results do not depend on the order of the parameters (up to
 * floating-point reassociation in the cross product). Immutable and thread-safe.
 */
public final class AnchorInterpolation {
    private final double[][] anchors;
    private final boolean grid;
    private final double nominalValue;
    private final double[][] oneAtATime; // cross: μ along each parameter's anchors
    private final double[] table;        // grid: μ at every grid point, first parameter slowest
    private final int[][] groups;        // combined: parameter indices of each group
    private final AnchorInterpolation[] parts; // combined: a grid per group

    private AnchorInterpolation(double[][] anchors, boolean grid, double nominalValue,
            double[][] oneAtATime, double[] table) {
        this(anchors, grid, nominalValue, oneAtATime, table, null, null);
    }

    private AnchorInterpolation(double[][] anchors, boolean grid, double nominalValue,
            double[][] oneAtATime, double[] table, int[][] groups, AnchorInterpolation[] parts) {
        this.anchors = anchors;
        this.grid = grid;
        this.nominalValue = nominalValue;
        this.oneAtATime = oneAtATime;
        this.table = table;
        this.groups = groups;
        this.parts = parts;
    }

    /**
     * Cross interpolation: {@code mu} is called at {@code nominal} and at each anchor of each
     * parameter with the others at nominal. {@code nominal[k]} must be one of {@code anchors[k]}.
     */
    public static AnchorInterpolation cross(List<double[]> anchors, double[] nominal,
            ToDoubleFunction<double[]> mu) {
        var a = checked(anchors);
        if (nominal.length != a.length) {
            throw new IllegalArgumentException("nominal has %d values for %d parameters"
                .formatted(nominal.length, a.length));
        }
        var along = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            int finalK = k;
            if (Arrays.stream(a[k]).noneMatch(v -> v == nominal[finalK])) {
                throw new IllegalArgumentException(
                    "nominal value %s of parameter %d is not one of its anchors %s; fix: add it"
                        .formatted(nominal[k], k, Arrays.toString(a[k])));
            }
            along[k] = new double[a[k].length];
            for (int i = 0; i < a[k].length; i++) {
                var point = nominal.clone();
                point[k] = a[k][i];
                along[k][i] = mu.applyAsDouble(point);
            }
        }
        return new AnchorInterpolation(a, false, mu.applyAsDouble(nominal.clone()), along, null);
    }

    /** Grid interpolation: {@code mu} is called at every point of the anchor grid. */
    public static AnchorInterpolation grid(List<double[]> anchors, ToDoubleFunction<double[]> mu) {
        var a = checked(anchors);
        int size = 1;
        for (var ak : a) {
            size = Math.multiplyExact(size, ak.length);
        }
        var table = new double[size];
        var point = new double[a.length];
        for (int flat = 0; flat < size; flat++) {
            int rest = flat;
            for (int k = a.length - 1; k >= 0; k--) {
                point[k] = a[k][rest % a[k].length];
                rest /= a[k].length;
            }
            table[flat] = mu.applyAsDouble(point.clone());
        }
        return new AnchorInterpolation(a, true, Double.NaN, null, table);
    }

    /**
     * Combined interpolation: a grid over each group's anchors with the other parameters at
     * {@code nominal}, and the groups multiplied as in {@link #cross}. Every parameter is in exactly
     * one group; {@code nominal[k]} must be one of {@code anchors[k]}.
     */
    public static AnchorInterpolation combined(List<double[]> anchors, List<int[]> groups, double[] nominal,
            ToDoubleFunction<double[]> mu) {
        var a = checked(anchors);
        if (nominal.length != a.length) {
            throw new IllegalArgumentException("nominal has %d values for %d parameters"
                .formatted(nominal.length, a.length));
        }
        var seen = new boolean[a.length];
        for (var g : groups) {
            for (int k : g) {
                if (k < 0 || k >= a.length || seen[k]) {
                    throw new IllegalArgumentException(
                        "parameter %d is %s; fix: put each parameter in exactly one group"
                            .formatted(k, k < 0 || k >= a.length ? "not a parameter" : "in two groups"));
                }
                seen[k] = true;
            }
        }
        for (int k = 0; k < a.length; k++) {
            int finalK = k;
            if (!seen[k]) {
                throw new IllegalArgumentException("parameter %d is in no group; fix: add it to one".formatted(k));
            }
            if (Arrays.stream(a[k]).noneMatch(v -> v == nominal[finalK])) {
                throw new IllegalArgumentException(
                    "nominal value %s of parameter %d is not one of its anchors %s; fix: add it"
                        .formatted(nominal[k], k, Arrays.toString(a[k])));
            }
        }
        var copies = groups.stream().map(int[]::clone).toArray(int[][]::new);
        var parts = new AnchorInterpolation[copies.length];
        for (int g = 0; g < copies.length; g++) {
            var members = copies[g];
            var sub = Arrays.stream(members).mapToObj(k -> a[k]).toList();
            parts[g] = grid(sub, x -> {
                var point = nominal.clone();
                for (int i = 0; i < members.length; i++) {
                    point[members[i]] = x[i];
                }
                return mu.applyAsDouble(point);
            });
        }
        return new AnchorInterpolation(a, false, mu.applyAsDouble(nominal.clone()), null, null, copies, parts);
    }

    /** μ at plain parameter values. */
    public double value(double... params) {
        var f = new DSFactory(0, 0);
        return value(Arrays.stream(params).mapToObj(f::constant).toArray(DerivativeStructure[]::new))
            .getValue();
    }

    /** μ with derivatives (one structure per parameter, in anchor order). */
    public DerivativeStructure value(DerivativeStructure[] params) {
        if (params.length != anchors.length) {
            throw new IllegalArgumentException("got %d parameters for %d anchor lists"
                .formatted(params.length, anchors.length));
        }
        if (parts != null) {
            return groupProduct(params);
        }
        return grid ? multilinear(params) : crossProduct(params);
    }

    private DerivativeStructure groupProduct(DerivativeStructure[] params) {
        var result = params[0].getFactory().constant(nominalValue);
        for (int g = 0; g < groups.length; g++) {
            var sub = Arrays.stream(groups[g]).mapToObj(k -> params[k]).toArray(DerivativeStructure[]::new);
            result = result.multiply(parts[g].value(sub).divide(nominalValue));
        }
        return result;
    }

    private DerivativeStructure crossProduct(DerivativeStructure[] params) {
        var result = params[0].getFactory().constant(nominalValue);
        for (int k = 0; k < params.length; k++) {
            int i = segment(anchors[k], params[k].getValue());
            var t = weight(anchors[k], i, params[k]);
            var along = t.multiply(oneAtATime[k][i + 1]).add(t.negate().add(1).multiply(oneAtATime[k][i]));
            result = result.multiply(along.divide(nominalValue));
        }
        return result;
    }

    private DerivativeStructure multilinear(DerivativeStructure[] params) {
        int n = params.length;
        var lowIndex = new int[n];
        var t = new DerivativeStructure[n];
        for (int k = 0; k < n; k++) {
            lowIndex[k] = segment(anchors[k], params[k].getValue());
            t[k] = weight(anchors[k], lowIndex[k], params[k]);
        }
        var sum = params[0].getFactory().constant(0);
        for (int corner = 0; corner < (1 << n); corner++) {
            var w = params[0].getFactory().constant(1);
            int flat = 0;
            for (int k = 0; k < n; k++) {
                boolean up = ((corner >> k) & 1) == 1;
                w = w.multiply(up ? t[k] : t[k].negate().add(1));
                flat = flat * anchors[k].length + lowIndex[k] + (up ? 1 : 0);
            }
            sum = sum.add(w.multiply(table[flat]));
        }
        return sum;
    }

    /** The segment [a_i, a_{i+1}] holding x (end segments extend outwards). */
    private static int segment(double[] a, double x) {
        int i = 0;
        while (i < a.length - 2 && x >= a[i + 1]) {
            i++;
        }
        return i;
    }

    private static DerivativeStructure weight(double[] a, int i, DerivativeStructure x) {
        return x.subtract(a[i]).divide(a[i + 1] - a[i]);
    }

    private static double[][] checked(List<double[]> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no parameters; fix: pass one anchor list per parameter");
        }
        var a = anchors.stream().map(double[]::clone).toArray(double[][]::new);
        for (int k = 0; k < a.length; k++) {
            if (a[k].length < 2) {
                throw new IllegalArgumentException("parameter %d has %d anchors; fix: give at least 2"
                    .formatted(k, a[k].length));
            }
            for (int i = 1; i < a[k].length; i++) {
                if (!(a[k][i - 1] < a[k][i])) { // also rejects NaN
                    throw new IllegalArgumentException("anchors of parameter %d must increase: %s"
                        .formatted(k, Arrays.toString(a[k])));
                }
            }
        }
        return a;
    }
}
