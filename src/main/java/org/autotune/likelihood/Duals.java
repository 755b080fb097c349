package org.autotune.likelihood;

import static org.autotune.likelihood.ArrayMath.at;
import static org.autotune.likelihood.ArrayMath.fma;
import static org.autotune.likelihood.ArrayMath.scaled;
import static org.autotune.likelihood.ArrayMath.scaledAll;
import static org.autotune.likelihood.ArrayMath.sum;
import static org.autotune.likelihood.ArrayMath.times;
import static org.autotune.likelihood.ArrayMath.timesAll;

import java.util.Arrays;

/**
 * A batch of second-order dual numbers: for each event i of a batch, a value and its first and
 * second derivatives with respect to n variables, stored as one {@code double[]} per component
 * (structure of arrays). Arithmetic applies the chain rule to the whole batch in plain loops over
 * primitive arrays, which the JIT compiles to tight (often SIMD) code without an object per event.
 *
 * <p>Components: the values, ∂_a for each variable a (order ≥ 1), and ∂_a∂_b for a ≤ b (order 2).
 * A derivative component that is zero for every event is not stored, so a quantity that depends
 * on one parameter costs one derivative loop even when the likelihood has several free ones.
 *
 * <p>A batch without variables (from {@link #of} or {@link #constant}) is a plain array of
 * values; it combines with any other batch of the same size. Two batches with variables must
 * have the same number of variables. Immutable (results never share writable state) and
 * therefore thread-safe.
 */
public final class Duals {
    final int variables;
    final int order;
    final double[] v;
    final double[][] g; // [variables], null entry = zero
    final double[][] h; // [variables (variables + 1) / 2], packed a ≤ b, null entry = zero

    Duals(int variables, int order, double[] v, double[][] g, double[][] h) {
        this.variables = variables;
        this.order = variables == 0 ? 0 : order;
        this.v = v;
        this.g = g;
        this.h = h;
    }

    /** Event-dependent values without derivatives (e.g. an observable column); copied. */
    public static Duals of(double[] values) {
        return new Duals(0, 0, values.clone(), new double[0][], new double[0][]);
    }

    /** The same value for {@code size} events, without derivatives. */
    public static Duals constant(int size, double value) {
        var v = Arena.array(size);
        Arrays.fill(v, value);
        return new Duals(0, 0, v, new double[0][], new double[0][]);
    }

    /** Variable {@code k} of {@code variables} at {@code value} for every event of the batch. */
    static Duals variable(int size, int variables, int order, int k, double value) {
        var v = Arena.array(size);
        Arrays.fill(v, value);
        var g = new double[order >= 1 ? variables : 0][];
        if (order >= 1) {
            g[k] = Arena.array(size);
            Arrays.fill(g[k], 1);
        }
        return new Duals(variables, order, v, g, new double[order >= 2 ? pairs(variables) : 0][]);
    }

    /** A parameter held fixed: its value, shaped like a batch with these variables. */
    static Duals fixed(int size, int variables, int order, double value) {
        var v = Arena.array(size);
        Arrays.fill(v, value);
        return new Duals(variables, order, v, new double[order >= 1 ? variables : 0][],
            new double[order >= 2 ? pairs(variables) : 0][]);
    }

    static int pairs(int n) {
        return n * (n + 1) / 2;
    }

    /** Position of ∂_a∂_b among the packed second derivatives. */
    static int pair(int a, int b) {
        return a <= b ? b * (b + 1) / 2 + a : a * (a + 1) / 2 + b;
    }

    /** The number of events in the batch. */
    public int size() {
        return v.length;
    }

    /** The number of variables the derivatives are taken with respect to. */
    public int variables() {
        return variables;
    }

    /** The highest derivative order carried (0, 1 or 2). */
    public int order() {
        return order;
    }

    /** The value at event i. */
    public double value(int i) {
        return v[i];
    }

    /** The values (a copy). */
    public double[] values() {
        return v.clone();
    }

    /** ∂_a at event i (0 below order 1). */
    public double derivative(int a, int i) {
        return order >= 1 && g[a] != null ? g[a][i] : 0;
    }

    /** ∂_a∂_b at event i (0 below order 2). */
    public double secondDerivative(int a, int b, int i) {
        if (order < 2) {
            return 0;
        }
        var hab = h[pair(a, b)];
        return hab != null ? hab[i] : 0;
    }

    /**
     * This batch computed once per distinct tuple of {@code plan} (its {@code uniqueCount()}
     * events, in the plan's order), put back at every position the plan covers.
     */
    public Duals gather(UniqueGather plan) {
        checkSize(plan.uniqueCount());
        var index = new int[plan.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = plan.uniqueIndex(i);
        }
        return new Duals(variables, order, gathered(v, index), gatheredAll(g, index), gatheredAll(h, index));
    }

    private static double[] gathered(double[] x, int[] index) {
        var out = Arena.array(index.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[index[i]];
        }
        return out;
    }

    private static double[][] gatheredAll(double[][] x, int[] index) {
        var out = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] == null ? null : gathered(x[k], index);
        }
        return out;
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    /** this + o. */
    public Duals add(Duals o) {
        var s = shape(o);
        var v2 = Arena.array(v.length);
        for (int i = 0; i < v2.length; i++) {
            v2[i] = v[i] + o.v[i];
        }
        return new Duals(s.variables, s.order, v2, sum(g, o.g, s.g.length), sum(h, o.h, s.h.length));
    }

    /** this + c. */
    public Duals add(double c) {
        var v2 = Arena.array(v.length);
        for (int i = 0; i < v2.length; i++) {
            v2[i] = v[i] + c;
        }
        return new Duals(variables, order, v2, g, h);
    }

    /** this + x[i] at event i (x: a column of event values). */
    public Duals add(double[] x) {
        checkSize(x.length);
        var v2 = Arena.array(v.length);
        for (int i = 0; i < v2.length; i++) {
            v2[i] = v[i] + x[i];
        }
        return new Duals(variables, order, v2, g, h);
    }

    /** this − o. */
    public Duals subtract(Duals o) {
        return add(o.negate());
    }

    /** this − c. */
    public Duals subtract(double c) {
        return add(-c);
    }

    /** x[i] − this at event i. */
    public Duals subtractFrom(double[] x) {
        return negate().add(x);
    }

    /** −this. */
    public Duals negate() {
        return multiply(-1.0);
    }

    /** this × c. */
    public Duals multiply(double c) {
        return new Duals(variables, order, scaled(v, c), scaledAll(g, c), scaledAll(h, c));
    }

    /** this × x[i] at event i. */
    public Duals multiply(double[] x) {
        checkSize(x.length);
        return new Duals(variables, order, times(v, x), timesAll(g, x), timesAll(h, x));
    }

    /** this × o. */
    public Duals multiply(Duals o) {
        var s = shape(o);
        int n = s.variables;
        var v2 = times(v, o.v);
        var g2 = new double[s.g.length][];
        for (int a = 0; a < g2.length; a++) {
            g2[a] = fma(fma(null, at(g, a), o.v), v, at(o.g, a));
        }
        var h2 = new double[s.h.length][];
        for (int b = 0; b < n && h2.length > 0; b++) {
            for (int a = 0; a <= b; a++) {
                int ab = pair(a, b);
                var out = fma(null, at(h, ab), o.v);
                out = fma(out, at(g, a), at(o.g, b));
                out = fma(out, at(g, b), at(o.g, a));
                h2[ab] = fma(out, v, at(o.h, ab));
            }
        }
        return new Duals(n, s.order, v2, g2, h2);
    }

    /** this / o. */
    public Duals divide(Duals o) {
        return multiply(o.reciprocal());
    }

    /** this / c. */
    public Duals divide(double c) {
        return multiply(1 / c);
    }

    /** this / x[i] at event i. */
    public Duals divide(double[] x) {
        checkSize(x.length);
        var inv = Arena.array(x.length);
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1 / x[i];
        }
        return multiply(inv);
    }

    /** this². */
    public Duals square() {
        var f0 = Arena.array(v.length);
        var f1 = Arena.array(v.length);
        for (int i = 0; i < f0.length; i++) {
            f0[i] = v[i] * v[i];
            f1[i] = 2 * v[i];
        }
        return chain(f0, f1, order >= 2 ? filled(2) : null);
    }

    /** e^this. */
    public Duals exp() {
        var f0 = Arena.array(v.length);
        SimdMath.exp(v, f0);
        return chain(f0, f0, f0);
    }

    /** ln this. */
    public Duals log() {
        var f0 = Arena.array(v.length);
        var f1 = Arena.array(v.length);
        var f2 = order >= 2 ? Arena.array(v.length) : null;
        SimdMath.log(v, f0);
        for (int i = 0; i < f0.length; i++) {
            f1[i] = 1 / v[i];
        }
        for (int i = 0; f2 != null && i < f2.length; i++) {
            f2[i] = -f1[i] * f1[i];
        }
        return chain(f0, f1, f2);
    }

    /** ln(1 + this). */
    public Duals log1p() {
        var f0 = Arena.array(v.length);
        var f1 = Arena.array(v.length);
        var f2 = order >= 2 ? Arena.array(v.length) : null;
        for (int i = 0; i < f0.length; i++) {
            f0[i] = Math.log1p(v[i]);
            f1[i] = 1 / (1 + v[i]);
        }
        for (int i = 0; f2 != null && i < f2.length; i++) {
            f2[i] = -f1[i] * f1[i];
        }
        return chain(f0, f1, f2);
    }

    /** √this. */
    public Duals sqrt() {
        return pow(0.5);
    }

    /** 1 / this. */
    public Duals reciprocal() {
        var f0 = Arena.array(v.length);
        var f1 = Arena.array(v.length);
        var f2 = order >= 2 ? Arena.array(v.length) : null;
        for (int i = 0; i < f0.length; i++) {
            f0[i] = 1 / v[i];
            f1[i] = -f0[i] * f0[i];
        }
        for (int i = 0; f2 != null && i < f2.length; i++) {
            f2[i] = -2 * f1[i] * f0[i];
        }
        return chain(f0, f1, f2);
    }

    /** this^p for a constant exponent p. */
    public Duals pow(double p) {
        var f0 = Arena.array(v.length);
        var f1 = Arena.array(v.length);
        var f2 = order >= 2 ? Arena.array(v.length) : null;
        for (int i = 0; i < f0.length; i++) {
            f0[i] = Math.pow(v[i], p);
            f1[i] = p * Math.pow(v[i], p - 1);
        }
        for (int i = 0; f2 != null && i < f2.length; i++) {
            f2[i] = p * (p - 1) * Math.pow(v[i], p - 2);
        }
        return chain(f0, f1, f2);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** f(this) from f, f′ and f″ at every event: ∂f = f′ ∂u, ∂²f = f′ ∂²u + f″ ∂u ∂u. */
    private Duals chain(double[] f0, double[] f1, double[] f2) {
        var g2 = new double[g.length][];
        for (int a = 0; a < g2.length; a++) {
            g2[a] = g[a] == null ? null : times(f1, g[a]);
        }
        var h2 = new double[h.length][];
        for (int b = 0; b < variables && h2.length > 0; b++) {
            for (int a = 0; a <= b; a++) {
                int ab = pair(a, b);
                var out = h[ab] == null ? null : times(f1, h[ab]);
                if (g[a] != null && g[b] != null) {
                    out = fma(out, f2, g[a], g[b]);
                }
                h2[ab] = out;
            }
        }
        return new Duals(variables, order, f0, g2, h2);
    }

    /** The shape of a binary result; throws when both operands have variables that differ. */
    private Duals shape(Duals o) {
        checkSize(o.v.length);
        if (o.variables == 0) {
            return this;
        }
        if (variables == 0) {
            return o;
        }
        if (variables != o.variables || order != o.order) {
            throw new IllegalArgumentException(("batches with %d variables (order %d) and %d variables "
                + "(order %d) cannot be combined; fix: derive every Duals from the params passed in")
                .formatted(variables, order, o.variables, o.order));
        }
        return this;
    }

    private void checkSize(int n) {
        if (n != v.length) {
            throw new IllegalArgumentException(
                "batch of %d events combined with %d values; fix: use the batch's own columns"
                    .formatted(v.length, n));
        }
    }

    private double[] filled(double c) {
        var out = Arena.array(v.length);
        Arrays.fill(out, c);
        return out;
    }
}
