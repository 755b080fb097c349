package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.autotune.model.Frame;
import org.autotune.model.LeastSquares;
import org.autotune.model.PolynomialBasis;
import org.autotune.space.Space;

/**
 * The scale a quadratic model of an exact score is fitted on: the score itself, or its logarithm.
 * Far from the minimum of a curved valley (Rosenbrock's) the score grows like the fourth power of
 * the distance, and a quadratic model of the score crawls down the valley's walls (its step covers a
 * third of the way, as Newton's step on x⁴); the logarithm of such a score is much closer to
 * quadratic. Near a quadratic minimum it is the other way round.
 *
 * <p>{@link #choose} lets the samples decide, as a Box–Cox choice between the raw scale (λ = 1) and
 * the logarithm (λ = 0): a full quadratic is fitted on both scales to the samples nearest a centre,
 * and the scale whose leave-one-out predictions miss the left-out samples less wins; the log scale's
 * misses are multiplied by the geometric mean of the shifted scores, which puts both on the score's
 * units (Box and Cox 1964: the profile likelihood with the transformation's Jacobian). The log scale
 * must win clearly ({@value #CLEAR}), as a change of scale costs a new model's first samples.
 *
 * <p>The log scale is log(score + shift), with the shift a hundredth of the smallest score seen when
 * it is chosen (so that it becomes quadratic again within a hundredth of that score's height above
 * zero). It is offered only for scores that were all non-negative (χ²-like); a later negative score
 * continues the logarithm linearly, so the scale stays monotone.
 */
final class ScoreScale {
    /** The raw score. */
    static final ScoreScale RAW = new ScoreScale(Double.NaN);
    /**
     * The log scale's leave-one-out sum of squares (on the score's units) must be below this fraction of
     * the raw scale's. Measured with bench/suite-fast, seeds 1-3 (bench/RESULTS.md): see Auto.
     */
    static final double CLEAR = Double.parseDouble(System.getProperty("auto.clear", "0.5"));
    /** The shift as a fraction of the smallest score. */
    private static final double SHIFT = 1e-2;

    private final double shift;

    private ScoreScale(double shift) {
        this.shift = shift;
    }

    /** log(score + shift), shift positive. */
    static ScoreScale log(double shift) {
        if (!(shift > 0 && shift < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the log scale's shift must be positive and finite, got " + shift);
        }
        return new ScoreScale(shift);
    }

    boolean logarithmic() {
        return !Double.isNaN(shift);
    }

    /** The score on this scale: monotone increasing, finite for every finite score. */
    double apply(double value) {
        if (!logarithmic() || !Double.isFinite(value)) {
            return value;
        }
        return value >= 0 ? Math.log(value + shift) : Math.log(shift) + value / shift;
    }

    /** The samples {@link #choose} needs in n parameters: twice a full quadratic's coefficients. */
    static int samples(int n) {
        int p = PolynomialBasis.QUADRATIC.terms(n);
        return Integer.getInteger("auto.check", 0) == 1 ? p + n + 1 : 2 * p;
    }

    static volatile double lastRatio;

    /**
     * The scale the samples nearest {@code centre} (unit cube) favour: of the finite results, the
     * 2·(n + 1)(n + 2)/2 nearest, when there are that many (else the raw scale).
     */
    static ScoreScale choose(Space space, List<Result> results, double[] centre) {
        int m = samples(space.dimension());
        var finite = results.stream().filter(r -> Double.isFinite(r.value())).toList();
        if (finite.size() < m) {
            return RAW;
        }
        var units = new ArrayList<double[]>();
        for (var r : finite) {
            units.add(space.toUnit(r.point()));
        }
        var order = new ArrayList<Integer>();
        for (int k = 0; k < units.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble(k -> distance(units.get(k), centre)));
        var near = new ArrayList<double[]>();
        double[] v = new double[m];
        double reach = 0;
        for (int k = 0; k < m; k++) {
            int i = order.get(k);
            near.add(units.get(i));
            v[k] = finite.get(i).value();
            reach = Math.max(reach, distance(units.get(i), centre));
        }
        return compare(near, v, centre, reach);
    }

    /** Raw against log: see the class comment. */
    private static ScoreScale compare(List<double[]> units, double[] v, double[] centre, double reach) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double x : v) {
            smallest = Math.min(smallest, x);
        }
        if (!(smallest > 0) || !(reach > 0)) {
            return RAW;
        }
        var scale = log(SHIFT * smallest);
        var design = LeastSquares.of(PolynomialBasis.QUADRATIC, Frame.around(centre, reach), units);
        if (!design.determined()) {
            return RAW;
        }
        double[] z = new double[v.length];
        double meanLog = 0;
        for (int k = 0; k < v.length; k++) {
            z[k] = scale.apply(v[k]);
            meanLog += z[k] / v.length;
        }
        double geometricMean = Math.exp(meanLog);
        double raw = design.fit(v).press();
        double logarithmic = geometricMean * geometricMean * design.fit(z).press();
        lastRatio = logarithmic / raw;
        return logarithmic < CLEAR * raw ? scale : RAW;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Override
    public String toString() {
        return logarithmic() ? "log(score + " + shift + ")" : "raw";
    }
}
