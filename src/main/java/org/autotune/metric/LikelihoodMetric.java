package org.autotune.metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.autotune.Options;
import org.autotune.data.Table;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;

/**
 * The unbinned negative log-likelihood of the reference events under a density estimated from the
 * sample's simulated events (see {@link EventDensity}):
 * <pre>
 *   −ln L = −Σ_{reference events i} ln p̂(x_i)   [ + ν − M ln ν  when extended, ν = scale · N ]
 * </pre>
 * with M reference and N simulated events (constant terms such as ln M! dropped). Its minimum over
 * the parameters is the maximum-likelihood fit to the reference data, and its curvature gives the
 * covariance H⁻¹ ({@link ScoreType#NEGATIVE_LOG_LIKELIHOOD}).
 *
 * <p>Standard error, from the simulation's statistics only (the reference data are fixed): for a
 * histogram the delta method on multinomial counts, Var ≈ Σ_k m_k² n_k/(n_k+f)² − (Σ_k m_k n_k/(n_k+f))²/N
 * (m_k reference and n_k simulated events in cell k, f the floor), plus (scale − M/N)² N for the
 * extended term; or, with {@code bootstrap: B}, the spread over B resamplings of the simulated
 * events, seeded with the sample's seed.
 */
final class LikelihoodMetric implements Metric {
    /** How the density is estimated from the simulated events (the reference data are fixed). */
    record Estimate(boolean histogram, int bins, double[] lower, double[] upper, double floor, double bandwidth) {
    }

    private final String output;
    private final List<String> columns;
    private final double[][] reference;
    private final Estimate estimate;
    private final OptionalDouble scale;
    private final int bootstrap;

    LikelihoodMetric(String output, List<String> columns, double[][] reference, Estimate estimate,
                     OptionalDouble scale, int bootstrap) {
        this.output = output;
        this.columns = List.copyOf(columns);
        this.reference = reference;
        this.estimate = estimate;
        this.scale = scale;
        this.bootstrap = bootstrap;
    }

    /** Builds the metric from {@code metric: {type: likelihood, ...}}; mistakes are InputErrors on its keys. */
    static Metric from(Options m, Path dir) {
        m.allowOnly("type", "output", "reference", "columns", "density", "bins", "range", "floor", "bandwidth",
            "extended", "scale", "bootstrap");
        var columns = m.strings("columns");
        if (columns.isEmpty()) {
            throw m.error("columns", "no columns to build the density over",
                "list the CSV columns (the observables), e.g. columns: [energy]");
        }
        var table = Tables.reference(m, "reference", dir, columns);
        if (table.rows() < 1) {
            throw m.error("reference", table.file() + " has no events", "give the measured events, one per row");
        }
        var ref = rows(table, columns);
        boolean histogram = m.oneOf("density", List.of("histogram", "kernel"), "histogram").equals("histogram");
        if (!histogram) {
            for (var key : List.of("bins", "range", "floor")) {
                if (m.has(key)) {
                    throw m.error(key, key + " is a histogram setting", "remove it, or use density: histogram");
                }
            }
        } else if (m.has("bandwidth")) {
            throw m.error("bandwidth", "bandwidth is a kernel setting", "remove it, or use density: kernel");
        }
        int bins = (int) m.integer("bins", 40, 1, 100_000);
        double floor = m.number("floor", 0.5);
        if (!(floor > 0) || Double.isInfinite(floor)) {
            throw m.error("floor", "floor " + floor + " must be a positive number of events",
                "use e.g. floor: 0.5 (each cell counts as if half a simulated event more were in it)");
        }
        double bandwidth = m.number("bandwidth", 1.0);
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw m.error("bandwidth", "bandwidth factor " + bandwidth + " must be positive",
                "use e.g. bandwidth: 1 (Scott's rule)");
        }
        double[][] range = range(m, columns, ref, bins, histogram);
        if (histogram && Math.pow(bins, columns.size()) > 10_000_000) {
            throw m.error("bins", bins + " bins in each of " + columns.size() + " columns make more than 10^7 cells",
                "use fewer bins or columns, or density: kernel");
        }
        boolean extended = m.bool("extended", false);
        if (m.has("scale") && !extended) {
            throw m.error("scale", "scale only applies to the extended term", "add extended: true, or remove scale");
        }
        double scale = m.number("scale", 1.0);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw m.error("scale", "scale " + scale + " must be positive",
                "give the expected number of reference events per simulated event, e.g. scale: 0.1");
        }
        int bootstrap = (int) m.integer("bootstrap", 0, 0, 10_000);
        if (bootstrap == 1) {
            throw m.error("bootstrap", "one bootstrap replicate gives no spread", "use bootstrap: 0 or at least 2");
        }
        return new LikelihoodMetric(m.string("output"), columns, ref,
            new Estimate(histogram, bins, range[0], range[1], floor, bandwidth),
            extended ? OptionalDouble.of(scale) : OptionalDouble.empty(), bootstrap);
    }

    @Override
    public Score score(SampleOutputs outputs) {
        var table = Tables.output(outputs, output, columns);
        if (table.rows() < 2) {
            throw new MetricException(outputs.file(output) + ": " + table.rows()
                + " simulated events; the likelihood metric needs at least 2 to estimate a density");
        }
        var events = rows(table, columns);
        var density = density(events);
        double shape = shape(density);
        double value = shape + extended(events.length);
        if (!Double.isFinite(value)) {
            throw new MetricException(outputs.file(output) + ": −ln L is " + value
                + " (non-finite values in the output?)");
        }
        var components = new LinkedHashMap<String, Double>();
        components.put("shape", shape);
        scale.ifPresent(s -> components.put("extended", extended(events.length)));
        components.put("simulated_events", (double) events.length);
        components.put("reference_events", (double) reference.length);
        OptionalDouble error = bootstrap >= 2 ? OptionalDouble.of(bootstrap(events, outputs.seed()))
            : density instanceof EventDensity.Histogram h ? OptionalDouble.of(analytic(h)) : OptionalDouble.empty();
        return new Score(value, error, components, List.of());
    }

    @Override
    public ScoreType type() {
        return ScoreType.NEGATIVE_LOG_LIKELIHOOD;
    }

    private EventDensity density(double[][] events) {
        return estimate.histogram()
            ? EventDensity.histogram(events, estimate.lower(), estimate.upper(), estimate.bins(), estimate.floor())
            : EventDensity.kernel(events, estimate.bandwidth());
    }

    private double shape(EventDensity density) {
        double sum = 0;
        for (var x : reference) {
            sum -= density.logDensity(x);
        }
        return sum;
    }

    /** ν − M ln ν with ν = scale · N: the Poisson term for the number of reference events. */
    private double extended(int simulated) {
        if (scale.isEmpty()) {
            return 0;
        }
        double nu = scale.getAsDouble() * simulated;
        return nu - reference.length * Math.log(nu);
    }

    /** Delta method on multinomial cell counts (see the class comment). */
    private double analytic(EventDensity.Histogram h) {
        var perCell = new HashMap<Integer, long[]>();
        for (var x : reference) {
            perCell.computeIfAbsent(h.cell(x), c -> new long[] {0, h.count(x)})[0]++;
        }
        double sumSquares = 0;
        double sum = 0;
        for (var mk : perCell.values()) {
            // g = m_k n_k / (n_k + f); the term m_k² n_k / (n_k + f)² is g² / n_k (0 for an empty cell)
            double g = mk[0] * (double) mk[1] / (mk[1] + h.floor());
            sumSquares += mk[1] == 0 ? 0 : g * g / mk[1];
            sum += g;
        }
        double n = h.total();
        double variance = Math.max(0, sumSquares - sum * sum / n);
        if (scale.isPresent()) {
            double d = scale.getAsDouble() - reference.length / n;
            variance += d * d * n;
        }
        return Math.sqrt(variance);
    }

    /** Standard deviation of the score over resamplings (with replacement) of the simulated events. */
    private double bootstrap(double[][] events, long seed) {
        var rng = new SplittableRandom(seed);
        double sum = 0;
        double sumSquares = 0;
        var resampled = new double[events.length][];
        for (int b = 0; b < bootstrap; b++) {
            for (int i = 0; i < events.length; i++) {
                resampled[i] = events[rng.nextInt(events.length)];
            }
            double v = shape(density(resampled)) + extended(events.length);
            sum += v;
            sumSquares += v * v;
        }
        double mean = sum / bootstrap;
        return Math.sqrt(Math.max(0, (sumSquares - bootstrap * mean * mean) / (bootstrap - 1)));
    }

    /** The events of a table as rows (one value per column, in the order of {@code columns}). */
    private static double[][] rows(Table table, List<String> columns) {
        var cols = new ArrayList<double[]>();
        for (var c : columns) {
            cols.add(table.column(c));
        }
        var rows = new double[table.rows()][columns.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.size(); j++) {
                rows[i][j] = cols.get(j)[i];
            }
        }
        return rows;
    }

    /**
     * {lower[], upper[]} of the histogram: {@code range: [lo, hi]} (one column only), else the
     * reference's extent widened by half a bin on each side. Every reference event must lie inside.
     */
    private static double[][] range(Options m, List<String> columns, double[][] ref, int bins, boolean histogram) {
        int d = columns.size();
        var lower = new double[d];
        var upper = new double[d];
        var given = m.strings("range");
        if (!given.isEmpty() && (given.size() != 2 || d != 1)) {
            throw m.error("range", d != 1 ? "range is for one column, but " + d + " columns are listed"
                : "expected two numbers [low, high], got " + given.size(),
                d != 1 ? "leave out range (the reference's extent is used)" : "write range: [0, 10]");
        }
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (var x : ref) {
                lo = Math.min(lo, x[j]);
                hi = Math.max(hi, x[j]);
            }
            if (!given.isEmpty()) {
                double refLo = lo;
                double refHi = hi;
                try {
                    lo = Double.parseDouble(given.get(0));
                    hi = Double.parseDouble(given.get(1));
                } catch (NumberFormatException e) {
                    throw m.error("range", "range " + given + " is not two numbers", "write range: [0, 10]");
                }
                if (!(lo < hi)) {
                    throw m.error("range", "low " + lo + " is not below high " + hi, "swap them");
                }
                if (refLo < lo || refHi > hi) {
                    throw m.error("range", "reference events lie outside [" + lo + ", " + hi + "] (from " + refLo
                        + " to " + refHi + ")", "widen the range to cover every reference event, or cut the reference");
                }
            } else if (histogram) {
                if (!(lo < hi)) {
                    throw m.error("reference",
                        "column " + columns.get(j) + " of the reference is constant (" + lo + ")",
                        "give range: [low, high] or use more varied reference data");
                }
                double half = (hi - lo) / bins / 2;
                lo -= half;
                hi += half;
            }
            lower[j] = lo;
            upper[j] = hi;
        }
        return new double[][] {lower, upper};
    }
}
