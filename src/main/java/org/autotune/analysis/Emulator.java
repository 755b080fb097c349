package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.autotune.model.Frame;
import org.autotune.model.LeastSquares;
import org.autotune.model.PolynomialBasis;
import org.autotune.model.PolynomialModel;
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
 */
public final class Emulator {
    private static final List<PolynomialBasis> BASES = List.of(PolynomialBasis.LINEAR,
        PolynomialBasis.DIAGONAL_QUADRATIC, PolynomialBasis.QUADRATIC);
    /** Widening of the samples' box in which the emulator is trusted, per side, as a fraction of its width. */
    private static final double MARGIN = 0.1;

    /** One finished sample: its unit-cube point and the observables its metric exposed. */
    public record Sample(double[] unit, List<Observable> observables) {
        public Sample {
            unit = unit.clone();
            observables = List.copyOf(observables);
        }
    }

    private final PolynomialBasis basis;
    private final Frame frame;
    private final List<String> names;
    private final double[][] coefficients;
    private final double[] reference;
    private final double[] fixedVariance;
    private final double[] modelVariance;
    private final double[][] inverseNormal;
    private final double[] lower;
    private final double[] upper;
    private final int samples;
    /** Multiplies every variance: 1, or χ²/ndf at the densest point when the data fit worse than the errors say. */
    private final double scale;

    private Emulator(PolynomialBasis basis, Frame frame, List<String> names, double[][] coefficients,
                     double[] reference, double[] fixedVariance, double[] modelVariance, double[][] inverseNormal,
                     double[] lower, double[] upper, int samples, double scale) {
        this.basis = basis;
        this.frame = frame;
        this.names = names;
        this.coefficients = coefficients;
        this.reference = reference;
        this.fixedVariance = fixedVariance;
        this.modelVariance = modelVariance;
        this.inverseNormal = inverseNormal;
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
        return new Emulator(basis, frame, names, coefficients, reference, fixedVariance, modelVariance, inverseNormal,
            lower, upper, samples, factor);
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
     * The emulator of {@code samples}' observables, trusted in the box [lower, upper] (unit cube).
     */
    public static Optional<Emulator> fit(List<Sample> samples, boolean commonRandomNumbers, double[] lower,
                                         double[] upper) {
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
        for (int j = 0; j < k; j++) {
            fixed[j] += commonRandomNumbers ? simVariance[j] : 0;
            fixed[j] = Math.max(fixed[j], 1e-300);
        }
        var frame = frameOf(units, n);
        PolynomialModel[] chosen = null;
        double bestPress = Double.POSITIVE_INFINITY;
        for (var basis : BASES) {
            int terms = basis.terms(n);
            if (m < terms + Math.max(3, terms / 4)) {
                break;
            }
            var design = LeastSquares.of(basis, frame, units);
            if (!design.determined()) {
                break;
            }
            var models = new PolynomialModel[k];
            double press = 0;
            for (int j = 0; j < k; j++) {
                models[j] = design.fit(y[j]);
                press += models[j].press() / (fixed[j] + (commonRandomNumbers ? 0 : simVariance[j]));
            }
            if (press < bestPress) {
                bestPress = press;
                chosen = models;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        var emulator = of(chosen, names, reference, fixed, commonRandomNumbers ? 0 : 1, simVariance, units);
        return Optional.of(lower == null ? emulator : new Emulator(emulator.basis, emulator.frame, emulator.names,
            emulator.coefficients, reference, emulator.fixedVariance, emulator.modelVariance, emulator.inverseNormal,
            lower.clone(), upper.clone(), emulator.samples, 1));
    }

    private static Emulator of(PolynomialModel[] models, List<String> names, double[] reference, double[] fixed,
                               double noiseInFit, double[] simVariance, List<double[]> units) {
        int k = models.length;
        int n = units.get(0).length;
        double[][] coefficients = new double[k][];
        double[] modelVariance = new double[k];
        for (int j = 0; j < k; j++) {
            coefficients[j] = models[j].coefficients();
            modelVariance[j] = models[j].residualVariance();
        }
        // the misfit: residual variance beyond the simulation noise the fit already contains
        double[] misfit = new double[k];
        for (int j = 0; j < k; j++) {
            misfit[j] = Math.max(0, modelVariance[j] - noiseInFit * simVariance[j]);
        }
        double[] total = new double[k];
        for (int j = 0; j < k; j++) {
            total[j] = fixed[j] + misfit[j];
        }
        double[][] box = bounds(units);
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double w = box[1][i] - box[0][i];
            lower[i] = Math.max(0, box[0][i] - MARGIN * w);
            upper[i] = Math.min(1, box[1][i] + MARGIN * w);
        }
        var design = models[0].design();
        return new Emulator(design.basis(), design.frame(), List.copyOf(names), coefficients, reference, total,
            modelVariance, design.inverseNormal().getData(), lower, upper, units.size(), 1);
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

    private static Frame frameOf(List<double[]> units, int n) {
        double[][] box = bounds(units);
        double[] center = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            center[i] = (box[0][i] + box[1][i]) / 2;
            scale[i] = Math.max((box[1][i] - box[0][i]) / 2, 1e-9);
        }
        return new Frame(center, scale);
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

    public PolynomialBasis basis() {
        return basis;
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

    /** True when u lies in the box in which the emulator is trusted. */
    public boolean trusted(double[] u) {
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= lower[i] && u[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    /** The predicted simulated values at u, one per observable. */
    public double[] predict(double[] u) {
        double[] phi = basis.row(frame.local(u));
        double[] out = new double[coefficients.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = dot(coefficients[j], phi);
        }
        return out;
    }

    /**
     * Total variance V_k(u) of data − prediction per observable (see the class comment).
     */
    public double[] variance(double[] u) {
        double q = leverage(basis.row(frame.local(u)));
        double[] out = new double[fixedVariance.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = scale * (fixedVariance[j] + modelVariance[j] * q);
        }
        return out;
    }

    /** Σ_k (prediction − data)²/V_k(u): the χ² the emulator expects at u. */
    public double chi2(double[] u) {
        double[] phi = basis.row(frame.local(u));
        double q = leverage(phi);
        double s = 0;
        for (int j = 0; j < coefficients.length; j++) {
            double d = dot(coefficients[j], phi) - reference[j];
            s += d * d / (scale * (fixedVariance[j] + modelVariance[j] * q));
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
        double[] phi = basis.row(frame.local(u));
        double q = leverage(phi);
        double s = 0;
        for (int j = 0; j < coefficients.length; j++) {
            double d = dot(coefficients[j], phi) - reference[j];
            double v = scale * (fixedVariance[j] + modelVariance[j] * q);
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
        double[] phi = basis.row(frame.local(u));
        double q = leverage(phi);
        var byName = new HashMap<String, Double>();
        observed.forEach(o -> byName.put(o.name(), o.simulated()));
        double[] out = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            Double y = byName.get(names.get(j));
            // the scatter of the samples the fit learnt from, not the larger σ_sim² of one sample: with
            // fixed seeds neighbouring samples share their noise pattern, and an emulator good only to
            // σ_sim misplaces the region (measured on the toy DMC: it then excludes the truth); a
            // millionth of the data's variance is the floor, below it differences do not matter
            double v = Math.max(modelVariance[j] * (1 + q), 1e-6 * fixedVariance[j]);
            out[j] = y == null ? Double.NaN : (y - dot(coefficients[j], phi)) / Math.sqrt(v);
        }
        return out;
    }

    // the parts, for EmulatorJson
    Frame frame() { return frame; }

    double[][] coefficients() { return coefficients; }

    double[] reference() { return reference; }

    double[] fixedVariance() { return fixedVariance; }

    double[] residualVariance() { return modelVariance; }

    double[][] inverseNormal() { return inverseNormal; }

    /** φᵀ(XᵀX)⁻¹φ: the prediction's variance in units of the residual variance. */
    private double leverage(double[] phi) {
        double s = 0;
        for (int a = 0; a < phi.length; a++) {
            double t = 0;
            double[] row = inverseNormal[a];
            for (int b = 0; b < phi.length; b++) {
                t += row[b] * phi[b];
            }
            s += phi[a] * t;
        }
        return s;
    }

    private static double dot(double[] c, double[] b) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += c[i] * b[i];
        }
        return s;
    }
}
