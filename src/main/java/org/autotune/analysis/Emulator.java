package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.autotune.model.Frame;
import org.autotune.model.PolynomialBasis;
import org.autotune.score.Observable;

/**
 * What the simulation would give for each observable anywhere in a region, learnt from the
 * samples there: one polynomial per observable (linear, diagonal or full quadratic in the unit
 * cube, one basis for all, the one that predicts left-out samples best), with its prediction error.
 *
 * <p>The likelihood of the data at a point u is Gaussian in the observables, with variance
 * V_k(u) = σ_data,k² + σ_sim,k² (common random numbers only: the simulation's fixed noise pattern
 * does not average out, it is one more draw like the data's) + the model's misfit (residual
 * variance beyond the simulation's noise) + the model's prediction error at u (which grows away
 * from the samples). So the region it allows widens where the emulator knows less, never narrows.
 * The emulator is trusted only inside the box its samples span, widened by a tenth on each side.
 *
 * <p>A {@linkplain #fitLocal local} emulator fits such polynomials around many anchor samples, each to
 * its nearest samples, and blends the nearest fits: it follows observables that change along a long
 * curved valley more than one polynomial can, and the spread of its fits' predictions counts as
 * prediction error.
 */
public final class Emulator {
    /** Widening of the samples' box in which the emulator is trusted, per side, as a fraction of its width. */
    private static final double MARGIN = 0.1;
    /** A local emulator blends the fits around this many nearest anchors. */
    private static final int BLEND = 3;
    /** At most this many anchors (local fits) in a local emulator. */
    private static final int ANCHORS = 160;

    /** One finished sample: its unit-cube point and the observables its metric exposed. */
    public record Sample(double[] unit, List<Observable> observables) {
        public Sample {
            unit = unit.clone();
            observables = List.copyOf(observables);
        }
    }

    private final List<EmulatorFit> fits;
    /** The point each fit is centred on (one fit: its samples' centre); a local emulator blends the nearest. */
    private final double[][] anchors;
    /** Local only: each anchor's reach (the distance to the farthest sample its fit learnt from); else null. */
    private final double[] radii;
    private final List<String> names;
    private final double[] reference;
    /** Per observable σ_data² (+ σ_sim² with fixed seeds): the part of the variance no fit changes. */
    private final double[] fixed;
    private final double[] lower;
    private final double[] upper;
    private final int samples;
    /** Multiplies every variance: 1, or χ²/ndf at the densest point when the data fit worse than the errors say. */
    private final double scale;

    private Emulator(List<EmulatorFit> fits, double[][] anchors, double[] radii, List<String> names,
                     double[] reference, double[] fixed, double[] lower, double[] upper, int samples, double scale) {
        this.fits = fits;
        this.anchors = anchors;
        this.radii = radii;
        this.names = names;
        this.reference = reference;
        this.fixed = fixed;
        this.lower = lower;
        this.upper = upper;
        this.samples = samples;
        this.scale = scale;
    }

    /** The same emulator with every variance multiplied by {@code factor} (≥ 1): errors scaled to the misfit. */
    public Emulator scaled(double factor) {
        if (!(factor >= 1 && factor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale factor must be >= 1 and finite, got " + factor);
        }
        return new Emulator(fits, anchors, radii, names, reference, fixed, lower, upper, samples, factor);
    }

    /** The same emulator trusted in its whole box, beyond its local fits' reach: where it extrapolates. */
    public Emulator unbounded() {
        return new Emulator(fits, anchors, null, names, reference, fixed, lower, upper, samples, scale);
    }

    /** True for a local emulator (fits around anchors, trusted within their reach). */
    public boolean local() {
        return radii != null;
    }

    /** The factor every variance is multiplied by (1 unless {@link #scaled}). */
    public double scale() {
        return scale;
    }

    /** How many observables it emulates. */
    public int observables() {
        return names.size();
    }

    /**
     * The emulator of {@code samples}' observables (those every sample has).
     *
     * @param commonRandomNumbers true when every sample ran with the same seed
     * @return empty when no observable is shared or the samples determine not even a linear model
     */
    public static Optional<Emulator> fit(List<Sample> samples, boolean commonRandomNumbers) {
        return fit(samples, commonRandomNumbers, null, null);
    }

    /**
     * The emulator of {@code samples}' observables, trusted in the box [lower, upper] (unit cube;
     * null: the samples' box widened by a tenth on each side).
     */
    public static Optional<Emulator> fit(List<Sample> samples, boolean commonRandomNumbers, double[] lower,
                                         double[] upper) {
        return build(samples, commonRandomNumbers, lower, upper, false);
    }

    /**
     * A local emulator: around each of up to {@value #ANCHORS} anchor samples, its own polynomials fitted to
     * the anchor's nearest samples (twice as many as a full quadratic has terms); a prediction blends the
     * fits of the {@value #BLEND} anchors nearest to the point (weights 1/distance²), and the fits'
     * disagreement there adds to its variance. It follows observables that vary along a long curved
     * valley more than one polynomial describes, where the samples are dense.
     *
     * @return a global emulator ({@link #fit}) when there are too few samples for local fits
     */
    public static Optional<Emulator> fitLocal(List<Sample> samples, boolean commonRandomNumbers, double[] lower,
                                              double[] upper) {
        return build(samples, commonRandomNumbers, lower, upper, true);
    }

    private static Optional<Emulator> build(List<Sample> samples, boolean crn, double[] lower, double[] upper,
                                            boolean local) {
        var names = samples.isEmpty() ? List.<String>of() : commonNames(samples);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        int n = samples.get(0).unit().length;
        int m = samples.size();
        int k = names.size();
        var units = samples.stream().map(Sample::unit).toList();
        double[][] y = new double[k][m];
        double[] reference = new double[k];
        double[] fixed = new double[k];
        double[] simVariance = new double[k];
        for (int s = 0; s < m; s++) {
            var byName = new HashMap<String, Observable>();
            samples.get(s).observables().forEach(o -> byName.put(o.name(), o));
            for (int j = 0; j < k; j++) {
                var o = byName.get(names.get(j));
                y[j][s] = o.simulated();
                reference[j] = o.reference();
                simVariance[j] += o.simulatedError() * o.simulatedError() / m;
                fixed[j] = o.referenceError() * o.referenceError();
            }
        }
        double[] weight = new double[k];
        for (int j = 0; j < k; j++) {
            fixed[j] += crn ? simVariance[j] : 0;
            fixed[j] = Math.max(fixed[j], 1e-300);
            weight[j] = fixed[j] + (crn ? 0 : simVariance[j]);
        }
        double[][] box = bounds(units);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double w = box[1][i] - box[0][i];
            lo[i] = lower != null ? lower[i] : Math.max(0, box[0][i] - MARGIN * w);
            hi[i] = upper != null ? upper[i] : Math.min(1, box[1][i] + MARGIN * w);
        }
        int neighbours = 2 * PolynomialBasis.QUADRATIC.terms(n);
        double noiseInFit = crn ? 0 : 1;
        if (local && m >= 2 * neighbours) {
            var fitted = LocalFits.of(units, y, weight, noiseInFit, simVariance, neighbours, ANCHORS);
            if (fitted.fits().length > 0) {
                return Optional.of(new Emulator(List.of(fitted.fits()), fitted.anchors(), fitted.radii(),
                    List.copyOf(names), reference, fixed, lo, hi, m, 1));
            }
        }
        return EmulatorFit.choose(units, y, weight, noiseInFit, simVariance).map(f -> new Emulator(List.of(f),
            new double[][] {Anchors.centre(box)}, null, List.copyOf(names), reference, fixed, lo, hi, m, 1));
    }

    /** The smallest box holding every point: {lower corner, upper corner}. */
    static double[][] bounds(List<double[]> units) {
        int n = units.get(0).length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (var u : units) {
            for (int i = 0; i < n; i++) {
                lo[i] = Math.min(lo[i], u[i]);
                hi[i] = Math.max(hi[i], u[i]);
            }
        }
        return new double[][] {lo, hi};
    }

    private static List<String> commonNames(List<Sample> samples) {
        var names = new LinkedHashSet<String>();
        samples.get(0).observables().forEach(o -> names.add(o.name()));
        for (var s : samples) {
            var here = new LinkedHashSet<String>();
            s.observables().forEach(o -> here.add(o.name()));
            names.retainAll(here);
        }
        return new ArrayList<>(names);
    }

    /** The observables' names, in the emulator's order. */
    public List<String> names() {
        return names;
    }

    /** The polynomial basis of its (first) fit. */
    public PolynomialBasis basis() {
        return fits.get(0).basis();
    }

    /** What it is, for reports: e.g. "quadratic" or "local polynomials around 160 anchors". */
    public String description() {
        return fits.size() == 1 ? fits.get(0).basis().toString()
            : "local polynomials around " + fits.size() + " anchors";
    }

    /** How many samples it learnt from. */
    public int samples() {
        return samples;
    }

    /** Lower corner of the box in which it is trusted (unit cube). */
    public double[] lower() {
        return lower.clone();
    }

    /** Upper corner of the box in which it is trusted (unit cube). */
    public double[] upper() {
        return upper.clone();
    }

    /**
     * True when u lies in the box in which the emulator is trusted and, for a local emulator, within the
     * reach of some anchor's fit: a point farther from every sample than the fits reach is unknown.
     */
    public boolean trusted(double[] u) {
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= lower[i] && u[i] <= upper[i])) {
                return false;
            }
        }
        return reach(u) <= 1;
    }

    /**
     * How far u lies within the local fits' reach: the smallest distance to an anchor over that anchor's
     * reach (0 at an anchor, 1 at the edge of what the samples cover); 0 for a global emulator.
     */
    public double reach(double[] u) {
        if (radii == null) {
            return 0;
        }
        double r = Double.POSITIVE_INFINITY;
        for (int a = 0; a < anchors.length; a++) {
            r = Math.min(r, Math.sqrt(Anchors.distance2(anchors[a], u)) / radii[a]);
        }
        return r;
    }

    /** The predicted simulated values at u, one per observable. */
    public double[] predict(double[] u) {
        return at(u).mean();
    }

    /**
     * Total variance V_k(u) of data − prediction per observable (see the class comment).
     */
    public double[] variance(double[] u) {
        var p = at(u);
        double[] out = new double[fixed.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = scale * (fixed[j] + p.model()[j]);
        }
        return out;
    }

    /** Σ_k (prediction − data)²/V_k(u): the χ² the emulator expects at u. */
    public double chi2(double[] u) {
        var p = at(u);
        double s = 0;
        for (int j = 0; j < fixed.length; j++) {
            double d = p.mean()[j] - reference[j];
            s += d * d / (scale * (fixed[j] + p.model()[j]));
        }
        return s;
    }

    /**
     * ln of the data's likelihood at u (up to a constant): −½ Σ_k [(prediction − data)²/V_k + ln V_k];
     * −∞ outside the trusted box.
     */
    public double logLikelihood(double[] u) {
        if (!trusted(u)) {
            return Double.NEGATIVE_INFINITY;
        }
        var p = at(u);
        double s = 0;
        for (int j = 0; j < fixed.length; j++) {
            double d = p.mean()[j] - reference[j];
            double v = scale * (fixed[j] + p.model()[j]);
            s += d * d / v + Math.log(v);
        }
        return -0.5 * s;
    }

    /**
     * How far a new sample's observables are from the prediction: Σ_k (y_k − m_k(u))² / (s_k²(1 + q(u))),
     * with s_k² the fit's residual variance and q the prediction's leverage. For samples like those
     * the emulator learnt from it follows a χ² with one degree of freedom per observable.
     */
    public double predictionChi2(double[] u, List<Observable> observed) {
        double s = 0;
        for (double z : predictionPulls(u, observed)) {
            s += Double.isNaN(z) ? 0 : z * z;
        }
        return s;
    }

    /**
     * Per observable (in {@link #names()} order), (y_k − m_k(u)) / √(s_k²(1 + q(u))) for a new
     * sample's observables; NaN for an observable the sample lacks.
     */
    public double[] predictionPulls(double[] u, List<Observable> observed) {
        var p = at(u);
        var byName = new HashMap<String, Double>();
        observed.forEach(o -> byName.put(o.name(), o.simulated()));
        double[] out = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            Double y = byName.get(names.get(j));
            out[j] = y == null ? Double.NaN : (y - p.mean()[j]) / Math.sqrt(p.pull()[j]);
        }
        return out;
    }

    // the parts of a global emulator (one fit), for EmulatorJson
    Frame frame() {
        return single().frame();
    }

    double[][] coefficients() {
        return single().coefficients();
    }

    double[] reference() {
        return reference.clone();
    }

    double[] fixedVariance() {
        return perObservable(j -> fixed[j] + single().misfit(j));
    }

    double[] residualVariance() {
        return perObservable(j -> single().residual(j));
    }

    double[][] inverseNormal() {
        return single().inverseNormal();
    }

    private EmulatorFit single() {
        if (fits.size() != 1) {
            throw new IllegalStateException("a local emulator has " + fits.size() + " fits, not one");
        }
        return fits.get(0);
    }

    private double[] perObservable(IntToDoubleFunction f) {
        double[] out = new double[names.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = f.applyAsDouble(j);
        }
        return out;
    }

    private Prediction at(double[] u) {
        return Prediction.at(fits, anchors, fixed, u, BLEND);
    }
}
