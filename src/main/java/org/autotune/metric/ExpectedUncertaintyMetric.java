package org.autotune.metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.autotune.Options;
import org.autotune.data.Table;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;

/**
 * An inference-aware design objective: the expected standard error of the signal count s that an
 * analysis of the sample's observables would reach, from a binned Asimov model (the expected data
 * equal the model; Cowan et al., Eur. Phys. J. C 71 (2011) 1554). The sample's simulated signal and
 * background events fill histograms over the observables; with S_k, B_k the fractions of signal and
 * background events in cell k, the expected counts are ν_k = s·S_k + b·B_k and the Fisher
 * information of Poisson counts is
 * <pre>
 *   I_ss = Σ S_k²/ν_k,   I_sb = Σ S_k B_k/ν_k,   I_bb = Σ B_k²/ν_k + 1/(δ b)²
 * </pre>
 * (δ the relative constraint on the background normalisation; none when it is free). The score is
 * σ_s = 1/√I_ss with b known, or σ_s = 1/√(I_ss − I_sb²/I_bb) with b profiled (nuisance
 * {@code background-norm}); optionally divided by s. Known answer: signal and background in
 * disjoint cells give σ_s = √s either way. Identical shapes with b free make the Fisher matrix
 * singular: the sample fails with a message saying so.
 *
 * <p>Standard error: spread over {@code bootstrap} Poisson resamplings of the cell counts, seeded
 * with the sample's seed (cheap: only the histograms are resampled).
 */
final class ExpectedUncertaintyMetric implements Metric {
    /** Where signal and background events come from: two files, or one file with a 0/1 label column. */
    record Inputs(Optional<String> labelled, String label, String signal, String background) {
    }

    /** The histogram over the observables: bins per column, and the range of each column. */
    record Binning(List<String> columns, int bins, double[] lower, double[] upper) {
    }

    /** Relative singularity below which the profiled information counts as zero (identical shapes). */
    private static final double SINGULAR = 1e-9;

    private final Inputs inputs;
    private final Binning binning;
    private final double signalScale;
    private final double backgroundScale;
    private final boolean profileBackground;
    private final OptionalDouble backgroundConstraint;
    private final boolean relative;
    private final int bootstrap;

    ExpectedUncertaintyMetric(Inputs inputs, Binning binning, double signalScale, double backgroundScale,
                              boolean profileBackground, OptionalDouble backgroundConstraint, boolean relative,
                              int bootstrap) {
        this.inputs = inputs;
        this.binning = binning;
        this.signalScale = signalScale;
        this.backgroundScale = backgroundScale;
        this.profileBackground = profileBackground;
        this.backgroundConstraint = backgroundConstraint;
        this.relative = relative;
        this.bootstrap = bootstrap;
    }

    /** Builds the metric from {@code metric: {type: expected-uncertainty, ...}}; mistakes are InputErrors. */
    static Metric from(Options m, Path dir) {
        m.allowOnly("type", "output", "label", "signal", "background", "columns", "bins", "range", "signal-scale",
            "background-scale", "nuisances", "background-norm-uncertainty", "value", "bootstrap");
        var inputs = inputs(m);
        var columns = m.strings("columns");
        if (columns.isEmpty() || columns.size() > 3) {
            throw m.error("columns", columns.isEmpty() ? "no observables to histogram"
                : columns.size() + " observables make too many cells for a binned model",
                "list 1 to 3 CSV columns, e.g. columns: [energy]");
        }
        if (columns.contains(inputs.label())) {
            throw m.error("columns", "the label column '" + inputs.label() + "' is listed as an observable",
                "list only observables in columns");
        }
        var binning = binning(m, columns);
        double signalScale = positive(m, "signal-scale");
        double backgroundScale = positive(m, "background-scale");
        var nuisances = m.strings("nuisances");
        for (var n : nuisances) {
            if (!n.equals("background-norm")) {
                throw m.error("nuisances", "unknown nuisance parameter '" + n + "'",
                    "use nuisances: [background-norm], or leave it out for a known background");
            }
        }
        boolean profile = nuisances.contains("background-norm");
        if (m.has("background-norm-uncertainty") && !profile) {
            throw m.error("background-norm-uncertainty", "the background normalisation is not a nuisance here",
                "add nuisances: [background-norm], or remove background-norm-uncertainty");
        }
        var constraint = m.has("background-norm-uncertainty")
            ? OptionalDouble.of(positive(m, "background-norm-uncertainty")) : OptionalDouble.empty();
        boolean relative = m.oneOf("value", List.of("sigma", "relative"), "sigma").equals("relative");
        int bootstrap = (int) m.integer("bootstrap", 20, 0, 10_000);
        if (bootstrap == 1) {
            throw m.error("bootstrap", "one bootstrap replicate gives no spread", "use bootstrap: 0 or at least 2");
        }
        return new ExpectedUncertaintyMetric(inputs, binning, signalScale,
            backgroundScale, profile, constraint, relative, bootstrap);
    }

    /** The histogram of the observables: {@code bins} per column over each column's {@code range}. */
    private static Binning binning(Options m, List<String> columns) {
        int bins = (int) m.integer("bins", 20, 1, 1000);
        if (Math.pow(bins, columns.size()) > 1_000_000) {
            throw m.error("bins", bins + " bins in each of " + columns.size() + " columns make more than 10^6 cells",
                "use fewer bins: the simulated events must fill the cells");
        }
        var range = m.strings("range");
        if (range.size() != 2 * columns.size()) {
            throw m.error("range", range.isEmpty() ? "no range given" : "expected " + 2 * columns.size()
                + " numbers (low, high per column), got " + range.size(),
                "give the histogram range of each column, e.g. range: [0, 100] (or [0, 100, -1, 1] for two columns)");
        }
        var lower = new double[columns.size()];
        var upper = new double[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            try {
                lower[j] = Double.parseDouble(range.get(2 * j));
                upper[j] = Double.parseDouble(range.get(2 * j + 1));
            } catch (NumberFormatException e) {
                throw m.error("range", "range " + range + " is not all numbers", "write e.g. range: [0, 100]");
            }
            if (!(lower[j] < upper[j])) {
                throw m.error("range", "for " + columns.get(j) + ", low " + lower[j] + " is not below high " + upper[j],
                    "swap them");
            }
        }
        return new Binning(columns, bins, lower, upper);
    }

    @Override
    public Score score(SampleOutputs outputs) {
        var signal = new double[cells()];
        var background = new double[cells()];
        long[] totals = fill(outputs, signal, background);
        if (totals[0] == 0 || totals[1] == 0) {
            throw new MetricException(outputs.folder() + ": " + totals[0] + " signal and " + totals[1]
                + " background events; the expected-uncertainty metric needs both");
        }
        double s = signalScale * totals[0];
        double b = backgroundScale * totals[1];
        var sigma = sigma(signal, background, totals)
            .orElseThrow(() -> new MetricException(outputs.folder() + ": signal and background have the same shape in "
                + binning.columns() + ", so with the background normalisation free the signal cannot be told from it "
                + "(sigma_s diverges); add an observable that separates them, or constrain it with "
                + "background-norm-uncertainty"));
        var components = new LinkedHashMap<String, Double>();
        components.put("s", s);
        components.put("b", b);
        components.put("sigma_s", sigma[0]);
        components.put("sigma_s_b_known", sigma[1]);
        double value = relative ? sigma[0] / s : sigma[0];
        var error = bootstrap >= 2 ? OptionalDouble.of(bootstrap(signal, background, totals, outputs.seed()))
            : OptionalDouble.empty();
        return new Score(value, error, components, List.of());
    }

    @Override
    public ScoreType type() {
        return ScoreType.OTHER;
    }

    /**
     * {σ_s as configured, σ_s with b known} from cell counts of signal and background events
     * ({@code totals}: all events, also those outside the range); empty when singular.
     */
    private Optional<double[]> sigma(double[] signal, double[] background, long[] totals) {
        double s = signalScale * totals[0];
        double b = backgroundScale * totals[1];
        double iss = 0;
        double isb = 0;
        double ibb = 0;
        for (int k = 0; k < signal.length; k++) {
            double sk = signal[k] / totals[0];
            double bk = background[k] / totals[1];
            double nu = s * sk + b * bk;
            if (nu > 0) {
                iss += sk * sk / nu;
                isb += sk * bk / nu;
                ibb += bk * bk / nu;
            }
        }
        if (backgroundConstraint.isPresent()) {
            double width = backgroundConstraint.getAsDouble() * b;
            ibb += 1 / (width * width);
        }
        double known = 1 / Math.sqrt(iss);
        if (!profileBackground) {
            return Optional.of(new double[] {known, known});
        }
        // Schur complement: the information on s left after profiling b
        double profiled = iss - isb * isb / ibb;
        if (!(profiled > SINGULAR * iss)) {
            return Optional.empty();
        }
        return Optional.of(new double[] {1 / Math.sqrt(profiled), known});
    }

    /** Spread of the score over Poisson resamplings of every cell's simulated counts. */
    private double bootstrap(double[] signal, double[] background, long[] totals, long seed) {
        var rng = new SplittableRandom(seed);
        double sum = 0;
        double sumSquares = 0;
        int used = 0;
        for (int r = 0; r < bootstrap; r++) {
            var sig = resample(signal, rng);
            var bkg = resample(background, rng);
            // events outside the range keep their count: they only set the totals
            long[] t = {totals[0] - sum(signal) + sum(sig), totals[1] - sum(background) + sum(bkg)};
            if (t[0] == 0 || t[1] == 0) {
                continue;
            }
            var v = sigma(sig, bkg, t);
            if (v.isPresent()) {
                double x = relative ? v.get()[0] / (signalScale * t[0]) : v.get()[0];
                sum += x;
                sumSquares += x * x;
                used++;
            }
        }
        if (used < 2) {
            return 0;
        }
        double mean = sum / used;
        return Math.sqrt(Math.max(0, (sumSquares - used * mean * mean) / (used - 1)));
    }

    private static double[] resample(double[] counts, SplittableRandom rng) {
        var out = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            out[k] = counts[k] == 0 ? 0 : poisson(counts[k], rng);
        }
        return out;
    }

    /** A Poisson draw: by inversion for small means, else the normal approximation (rounded, ≥ 0). */
    private static double poisson(double mean, SplittableRandom rng) {
        if (mean > 50) {
            return Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double p = Math.exp(-mean);
        double cumulative = p;
        double u = rng.nextDouble();
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    private static long sum(double[] counts) {
        double t = 0;
        for (double c : counts) {
            t += c;
        }
        return Math.round(t);
    }

    private int cells() {
        return (int) Math.pow(binning.bins(), binning.columns().size());
    }

    /** Fills the two histograms; returns {signal events, background events} including those outside the range. */
    private long[] fill(SampleOutputs outputs, double[] signal, double[] background) {
        var cols = binning.columns();
        if (inputs.labelled().isPresent()) {
            var wanted = new ArrayList<>(cols);
            wanted.add(inputs.label());
            var t = Tables.output(outputs, inputs.labelled().get(), wanted);
            var x = columns(t);
            var label = t.column(inputs.label());
            long[] totals = new long[2];
            for (int i = 0; i < t.rows(); i++) {
                if (label[i] != 0 && label[i] != 1) {
                    throw new MetricException(outputs.file(inputs.labelled().get()) + ": row " + (i + 1) + " has "
                        + inputs.label() + " = " + label[i] + "; the label must be 1 (signal) or 0 (background)");
                }
                boolean isSignal = label[i] == 1;
                totals[isSignal ? 0 : 1]++;
                add(x, i, isSignal ? signal : background);
            }
            return totals;
        }
        var sig = Tables.output(outputs, inputs.signal(), cols);
        var bkg = Tables.output(outputs, inputs.background(), cols);
        var xs = columns(sig);
        for (int i = 0; i < sig.rows(); i++) {
            add(xs, i, signal);
        }
        var xb = columns(bkg);
        for (int i = 0; i < bkg.rows(); i++) {
            add(xb, i, background);
        }
        return new long[] {sig.rows(), bkg.rows()};
    }

    private double[][] columns(Table t) {
        return binning.columns().stream().map(t::column).toArray(double[][]::new);
    }

    /** Counts the event in {@code row} into its cell; events outside the range are not counted. */
    private void add(double[][] columns, int row, double[] histogram) {
        int cell = 0;
        for (int j = 0; j < columns.length; j++) {
            double x = columns[j][row];
            double lo = binning.lower()[j];
            double hi = binning.upper()[j];
            if (!(x >= lo && x <= hi)) {
                return;
            }
            cell = cell * binning.bins() + Math.min(binning.bins() - 1, (int) ((x - lo) / (hi - lo) * binning.bins()));
        }
        histogram[cell]++;
    }

    private static Inputs inputs(Options m) {
        boolean labelled = m.has("output");
        if (labelled == (m.has("signal") || m.has("background"))) {
            throw m.error(labelled ? "output" : "signal", labelled ? "both output and signal/background are given"
                : "no simulated events named", "give either output: events.csv with label: is_signal, "
                + "or signal: signal.csv and background: background.csv");
        }
        if (labelled) {
            return new Inputs(Optional.of(m.string("output")), m.string("label", "is_signal"), "", "");
        }
        if (m.has("label")) {
            throw m.error("label", "label only applies to one labelled output file", "remove label, or use output:");
        }
        return new Inputs(Optional.empty(), "", m.string("signal"), m.string("background"));
    }

    private static double positive(Options m, String key) {
        double v = m.number(key, 1.0);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw m.error(key, key + " " + v + " must be a positive number", "use e.g. " + key + ": 1");
        }
        return v;
    }
}
