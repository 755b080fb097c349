package org.autotune.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.autotune.model.UnitBox;
import org.autotune.score.ScoreType;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;

/**
 * Profile intervals and eigentunes from the quadratic around a minimum, with the search range as
 * hard bounds.
 *
 * <p>The quadratic is the one {@link Constraints} describes: Hessian Σ (k/w_d²)·v_d·v_dᵀ over the
 * principal directions, with each width w_d capped at the whole range ({@link #FLAT}) for the
 * profile, so that flat directions are bounded by the range alone. The <em>profile</em> of
 * parameter i at value t is the
 * quadratic's minimum over all other parameters with parameter i held at t, inside the unit cube;
 * its interval at a level (Δχ² = level, or Δ(−ln L) = level/2) is where the profile crosses it.
 * Without bounds this is the 1σ of the covariance; a bound that cuts off a correlated partner
 * makes the interval asymmetric, and an interval that reaches the end of the range says so.
 *
 * <p><em>Eigentunes</em> are the two points along each principal direction at the same level:
 * centre ± √level·w_d·v_d, clipped to the range (the expected Δscore is then smaller, and the
 * tune says so).
 */
public final class Profile {
    /**
     * The 1σ half-width a flat (or barely rising) direction gets in the profile: the whole range,
     * so that a parameter moving along it reaches the range's ends.
     */
    static final double FLAT = 1.0;

    /** One parameter's profile interval, in its own units; {@code lowAtBound} when it reaches the range's end. */
    public record Interval(String name, double value, double low, double high, boolean lowAtBound,
                           boolean highAtBound) {
    }

    /** One end of a principal direction: the parameter values and the quadratic's Δscore there. */
    public record Eigentune(int direction, char sign, Point point, double delta, boolean clipped) {
    }

    private final List<Interval> intervals;
    private final List<Eigentune> eigentunes;
    private final double level;

    private Profile(List<Interval> intervals, List<Eigentune> eigentunes, double level) {
        this.intervals = intervals;
        this.eigentunes = eigentunes;
        this.level = level;
    }

    /**
     * @param center the minimum (or best point) the constraints were computed at
     * @param level  Δχ² of the interval: 1 for 1σ
     */
    public static Profile of(Space space, Point center, Constraints constraints, ScoreType type, double level) {
        if (!(level > 0)) {
            throw new IllegalArgumentException("level must be positive, got " + level);
        }
        int n = space.dimension();
        double k = type == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
        double target = level * k / 2;   // Δscore at the level
        double[] m = space.toUnit(center);
        double[][] h = new double[n][n];
        var directions = constraints.directions();
        double[] widths = new double[directions.size()];
        for (int d = 0; d < directions.size(); d++) {
            var dir = directions.get(d);
            double w = dir.eigenvalue() > 0 ? Math.sqrt(k / dir.eigenvalue()) : Double.POSITIVE_INFINITY;
            widths[d] = Math.min(w, Constraints.CAP);
            double wp = Math.min(w, FLAT);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    h[i][j] += k / (wp * wp) * dir.vector()[i] * dir.vector()[j];
                }
            }
        }
        var intervals = new ArrayList<Interval>();
        for (int i = 0; i < n; i++) {
            final int axis = i;
            DoubleUnaryOperator profile = t -> profileAt(h, m, axis, t);
            double lo = crossing(profile, m[i], 0, target);
            double hi = crossing(profile, m[i], 1, target);
            var p = space.parameter(i);
            intervals.add(new Interval(p.name(), center.get(i), p.fromUnit(Double.isNaN(lo) ? 0 : lo),
                p.fromUnit(Double.isNaN(hi) ? 1 : hi), Double.isNaN(lo), Double.isNaN(hi)));
        }
        var tunes = new ArrayList<Eigentune>();
        for (int d = 0; d < directions.size(); d++) {
            double[] v = directions.get(d).vector();
            for (int s = 1; s >= -1; s -= 2) {
                double[] u = new double[n];
                boolean clipped = false;
                for (int i = 0; i < n; i++) {
                    double x = m[i] + s * Math.sqrt(level) * widths[d] * v[i];
                    u[i] = UnitBox.clamp(x);
                    clipped |= u[i] != x;
                }
                tunes.add(new Eigentune(d + 1, s > 0 ? '+' : '-', space.fromUnit(u), quadratic(h, m, u), clipped));
            }
        }
        return new Profile(List.copyOf(intervals), List.copyOf(tunes), level);
    }

    public List<Interval> intervals() { return intervals; }

    /** Two per principal direction, in the order of {@link Constraints#directions()} (least constrained first). */
    public List<Eigentune> eigentunes() { return eigentunes; }

    public double level() { return level; }

    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("level", level);
        var iv = new LinkedHashMap<String, Object>();
        for (var i : intervals) {
            iv.put(i.name(), Map.of("value", i.value(), "low", i.low(), "high", i.high(), "low_at_bound",
                i.lowAtBound(), "high_at_bound", i.highAtBound()));
        }
        map.put("profile_intervals", iv);
        var tunes = new ArrayList<Object>();
        for (var t : eigentunes) {
            tunes.add(Map.of("direction", t.direction(), "sign", String.valueOf(t.sign()), "parameters",
                t.point().asMap(), "delta_score", t.delta(), "clipped", t.clipped()));
        }
        map.put("eigentunes", tunes);
        return map;
    }

    /** ½·(u − m)ᵀ H (u − m). */
    static double quadratic(double[][] h, double[] m, double[] u) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                sum += (u[i] - m[i]) * h[i][j] * (u[j] - m[j]);
            }
        }
        return sum / 2;
    }

    /**
     * The quadratic minimised over every coordinate but {@code axis} (held at t) inside the unit
     * cube: projected Gauss–Seidel, which converges for a positive definite H.
     */
    static double profileAt(double[][] h, double[] m, int axis, double t) {
        int n = m.length;
        double[] u = conditional(h, m, axis, t);
        boolean inside = true;
        for (int j = 0; j < n; j++) {
            inside &= u[j] >= 0 && u[j] <= 1;
            u[j] = UnitBox.clamp(u[j]);
        }
        if (inside) {
            return quadratic(h, m, u);   // the unconstrained minimum is in the range: exact
        }
        for (int sweep = 0; sweep < 20_000; sweep++) {
            double change = 0;
            for (int j = 0; j < n; j++) {
                if (j == axis) {
                    continue;
                }
                // ∂/∂u_j = Σ_l H_jl (u_l − m_l) = 0  →  u_j = m_j − Σ_{l≠j} H_jl (u_l − m_l) / H_jj
                double s = 0;
                for (int l = 0; l < n; l++) {
                    if (l != j) {
                        s += h[j][l] * (u[l] - m[l]);
                    }
                }
                double next = UnitBox.clamp(m[j] - s / h[j][j]);
                change = Math.max(change, Math.abs(next - u[j]));
                u[j] = next;
            }
            if (change < 1e-12) {
                break;
            }
        }
        return quadratic(h, m, u);
    }

    /** The unconstrained minimiser with coordinate {@code axis} held at t: the others at m − H₋₋⁻¹·H₋ᵢ·(t − mᵢ). */
    private static double[] conditional(double[][] h, double[] m, int axis, double t) {
        int n = m.length;
        double[] u = m.clone();
        u[axis] = t;
        if (n == 1) {
            return u;
        }
        var sub = new Array2DRowRealMatrix(n - 1, n - 1);
        var rhs = new ArrayRealVector(n - 1);
        for (int a = 0, i = 0; a < n; a++) {
            if (a == axis) {
                continue;
            }
            for (int b = 0, j = 0; b < n; b++) {
                if (b != axis) {
                    sub.setEntry(i, j++, h[a][b]);
                }
            }
            rhs.setEntry(i++, -h[a][axis] * (t - m[axis]));
        }
        var x = new LUDecomposition(sub).getSolver().solve(rhs);
        for (int a = 0, i = 0; a < n; a++) {
            if (a != axis) {
                u[a] = m[a] + x.getEntry(i++);
            }
        }
        return u;
    }

    /** Where the profile rises to {@code target} going from {@code from} towards {@code bound}; NaN if it does not. */
    private static double crossing(DoubleUnaryOperator profile, double from, double bound,
                                   double target) {
        if (profile.applyAsDouble(bound) < target) {
            return Double.NaN;
        }
        double a = from;
        double b = bound;
        for (int it = 0; it < 100 && Math.abs(b - a) > 1e-12; it++) {
            double mid = (a + b) / 2;
            if (profile.applyAsDouble(mid) < target) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }
}
