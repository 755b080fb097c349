package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Uncertainties, correlations and principal directions from a quadratic's Hessian, in the unit-cube
 * coordinates of the search space (log parameters on their log scale).
 *
 * <p>With the Hessian H of the score in those coordinates, the covariance is 2·H⁻¹ for a χ²-like
 * score (Δχ² = 1 at 1σ) and H⁻¹ for a negative log-likelihood (Δ = ½). Along an eigenvector with
 * eigenvalue λ the 1σ half-width is √(k/λ) (k = 2 or 1). A direction is <em>poorly constrained</em>
 * when that width exceeds {@value #POOR} of the search range, or when λ ≤ 0 (the score does not
 * rise that way at all); a parameter is poorly constrained when its own 1σ exceeds {@value #POOR}
 * of its range or it takes part in a poorly constrained direction. Directions along which the
 * score rises less than that (or not at all) contribute a half-width of {@value #CAP} of the range
 * (the search range bounds them); a parameter with a component of {@value #UNBOUNDED} or more in
 * one has a range-limited 1σ.
 */
public final class Constraints {
    /** A 1σ half-width above this fraction of the search range counts as poorly constrained. */
    public static final double POOR = 0.25;
    /** A parameter takes part in a direction when its component has at least this size. */
    static final double PART = 0.3;
    /**
     * A parameter with a component of at least this size in a flat or falling direction has no
     * finite uncertainty: moving along that direction moves it without raising the score.
     */
    static final double UNBOUNDED = 0.1;
    /**
     * The widest 1σ half-width a direction contributes, in unit-cube coordinates: a direction along
     * which the data barely constrain the score (or not at all) is limited by the search range,
     * as with a flat prior over it.
     */
    public static final double CAP = 0.5;

    /** One principal direction: unit vector in unit-cube coordinates and its 1σ half-width (NaN if flat). */
    public record Direction(double[] vector, double eigenvalue, double width, boolean poor) {
    }

    /**
     * One parameter's result: best value, 1σ (in the parameter's units, linearised), whether it is
     * poorly constrained, and whether its 1σ is limited by the search range rather than by the data
     * (it takes part in a direction along which the score barely rises).
     */
    public record Estimate(String name, double value, double sigma, double unitSigma, boolean poor,
                           boolean rangeLimited) {
    }

    private final Space space;
    private final List<Estimate> estimates;
    private final double[][] correlation;
    private final List<Direction> directions;
    private final boolean positiveDefinite;

    private Constraints(Space space, List<Estimate> estimates, double[][] correlation, List<Direction> directions,
                        boolean positiveDefinite) {
        this.space = space;
        this.estimates = estimates;
        this.correlation = correlation;
        this.directions = directions;
        this.positiveDefinite = positiveDefinite;
    }

    /**
     * @param space     the search space (continuous parameters only)
     * @param center    the point the unit coordinates are measured from (the best point)
     * @param unitHessian the score's Hessian in unit-cube coordinates
     * @param type      what the score is, which fixes Δscore at 1σ
     */
    public static Constraints of(Space space, Point center, double[][] unitHessian, ScoreType type) {
        int n = space.dimension();
        double k = type == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(unitHessian));
        var directions = new ArrayList<Direction>();
        boolean positive = true;
        double largest = 0;
        for (int d = 0; d < n; d++) {
            largest = Math.max(largest, Math.abs(eigen.getEigenvalue(d)));
        }
        for (int d = 0; d < n; d++) {
            double lambda = eigen.getEigenvalue(d);
            if (Math.abs(lambda) <= 1e-9 * largest) {
                lambda = 0;   // flat within rounding
            }
            double[] v = eigen.getEigenvector(d).toArray();
            normaliseSign(v);
            double width = lambda > 0 ? Math.sqrt(k / lambda) : Double.NaN;
            boolean poor = !(lambda > 0) || width > POOR;
            positive &= lambda > 0;
            directions.add(new Direction(v, lambda, width, poor));
        }
        directions.sort(Comparator.comparingDouble((Direction d) -> d.eigenvalue()));
        // covariance = Σ w_d² v_d v_dᵀ with w_d = √(k/λ_d), capped at CAP for flat and barely rising directions
        double[][] cov = new double[n][n];
        for (var d : directions) {
            double w2 = d.eigenvalue() > 0 ? Math.min(k / d.eigenvalue(), CAP * CAP) : CAP * CAP;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cov[i][j] += w2 * d.vector()[i] * d.vector()[j];
                }
            }
        }
        var estimates = new ArrayList<Estimate>();
        double[] unit = space.toUnit(center);
        for (int i = 0; i < n; i++) {
            var p = space.parameter(i);
            boolean inPoor = false;
            boolean limited = false;
            for (var d : directions) {
                boolean capped = !(d.eigenvalue() > 0) || k / d.eigenvalue() > CAP * CAP;
                inPoor |= d.poor() && Math.abs(d.vector()[i]) >= PART;
                limited |= capped && Math.abs(d.vector()[i]) >= UNBOUNDED;
            }
            double unitSigma = Math.sqrt(cov[i][i]);
            estimates.add(new Estimate(p.name(), center.get(i), unitSigma * derivative(p, unit[i]), unitSigma,
                inPoor || unitSigma > POOR, limited));
        }
        double[][] corr = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                corr[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
            }
        }
        return new Constraints(space, estimates, corr, directions, positive);
    }

    /** d value / d unit at u (linear parameters: the range; log parameters: value · ln(max/min)). */
    private static double derivative(Parameter p, double u) {
        if (p.kind() == ParameterKind.LOG) {
            return p.fromUnit(u) * Math.log(p.max() / p.min());
        }
        return p.max() - p.min();
    }

    /** Makes the largest component positive, so that directions print the same way each time. */
    private static void normaliseSign(double[] v) {
        int big = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[big])) {
                big = i;
            }
        }
        if (v[big] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
    }

    /** True when the score falls in some direction (a saddle, not a minimum). */
    public boolean falling() {
        return directions.stream().anyMatch(d -> d.eigenvalue() < 0);
    }

    /**
     * The step from the centre to the quadratic's stationary point, in the fit's coordinates, over
     * the rising directions only (no step along flat ones).
     */
    static double[] newtonStep(double[][] hessian, double[] gradient) {
        int n = gradient.length;
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(hessian));
        double largest = 0;
        for (int d = 0; d < n; d++) {
            largest = Math.max(largest, Math.abs(eigen.getEigenvalue(d)));
        }
        var step = new double[n];
        for (int d = 0; d < n; d++) {
            double lambda = eigen.getEigenvalue(d);
            if (lambda > 1e-9 * largest) {
                double[] v = eigen.getEigenvector(d).toArray();
                double along = 0;
                for (int i = 0; i < n; i++) {
                    along += v[i] * gradient[i];
                }
                for (int i = 0; i < n; i++) {
                    step[i] -= v[i] * along / lambda;
                }
            }
        }
        return step;
    }

    public List<Estimate> estimates() { return estimates; }

    public double[][] correlation() { return correlation; }

    /** Principal directions, the least constrained (smallest eigenvalue) first. */
    public List<Direction> directions() { return directions; }

    /** True when the score rises in every direction (a minimum, not a saddle or a flat valley). */
    public boolean positiveDefinite() { return positiveDefinite; }

    /** The parameters flagged as poorly constrained. */
    public List<String> poorlyConstrained() {
        return estimates.stream().filter(Estimate::poor).map(Estimate::name).toList();
    }

    /** The direction in words: which parameters move together or against each other. */
    public String describe(Direction d) {
        var parts = new ArrayList<String>();
        int[] order = IntStream.range(0, d.vector().length).boxed()
            .sorted(Comparator.comparingLong(i -> -Math.round(100 * Math.abs(d.vector()[i]))))
            .mapToInt(Integer::intValue).toArray();
        for (int i : order) {
            if (Math.abs(d.vector()[i]) >= PART) {
                var p = space.parameter(i);
                parts.add(String.format(Locale.ROOT, "%+.2f %s%s", d.vector()[i],
                    p.kind() == ParameterKind.LOG ? "log " : "", p.name()));
            }
        }
        return String.join(" ", parts);
    }
}
