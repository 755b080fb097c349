package org.autotune.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Binned χ² of one column of a sample's output against the reference data, for two unweighted
 * histograms of different totals (N simulated, M reference entries; Porter, "Testing consistency of
 * two histograms", arXiv:0804.0380; the test ROOT's TH1::Chi2Test calls "UU"):
 * <pre>
 *   χ² = Σ_i (M·n_i − N·m_i)² / (M·N·(n_i + m_i)),   over bins with n_i + m_i > 0,
 * </pre>
 * with ndf = (non-empty bins − 1). It accounts for the statistics of both samples, so a small
 * simulated sample is not punished for its own fluctuations. Entries outside the range count in
 * neither histogram; the fractions of simulated entries below and above it are kept as the
 * components {@code underflow} and {@code overflow}.
 */
final class HistogramChiSquareMetric implements Metric {
    private final String output;
    private final String column;
    private final double lo;
    private final double hi;
    private final long[] reference;
    private final long referenceTotal;

    HistogramChiSquareMetric(String output, String column, int bins, double lo, double hi, double[] reference) {
        this.output = output;
        this.column = column;
        this.lo = lo;
        this.hi = hi;
        this.reference = new long[bins];
        this.referenceTotal = fill(reference, this.reference)[0];
    }

    long referenceTotal() {
        return referenceTotal;
    }

    @Override
    public boolean observables() {
        return true;
    }

    @Override
    public Score score(SampleOutputs outputs) {
        var x = Tables.output(outputs, output, List.of(column)).column(column);
        var sim = new long[reference.length];
        long[] counts = fill(x, sim);
        long n = counts[0];
        if (n == 0) {
            throw new MetricException(outputs.file(output) + ": no entries of column " + column + " fall in the range ["
                + lo + ", " + hi + "]");
        }
        double m = referenceTotal;
        double chi2 = 0;
        int used = 0;
        var observables = new ArrayList<Observable>();
        for (int i = 0; i < sim.length; i++) {
            double ni = sim[i];
            double mi = reference[i];
            if (ni + mi > 0) {
                double d = m * ni - n * mi;
                chi2 += d * d / (m * n * (ni + mi));
                used++;
            }
            observables.add(new Observable(column + "[" + i + "]", ni / n, Math.sqrt(ni) / n,
                mi / m, Math.sqrt(mi) / m));
        }
        int ndf = Math.max(1, used - 1);
        var components = new LinkedHashMap<String, Double>();
        components.put("ndf", (double) ndf);
        components.put("p_value", 1 - new ChiSquaredDistribution(ndf).cumulativeProbability(chi2));
        components.put("underflow", counts[1] / (double) x.length);
        components.put("overflow", counts[2] / (double) x.length);
        return new Score(chi2, OptionalDouble.of(ChiSquareSpread.of(chi2, ndf)), components, observables);
    }

    /** Fills the histogram; returns {entries in range, below, above}. */
    private long[] fill(double[] x, long[] histogram) {
        long in = 0;
        long below = 0;
        long above = 0;
        double width = (hi - lo) / histogram.length;
        for (double v : x) {
            if (v < lo) {
                below++;
            } else if (v > hi) {
                above++;
            } else {
                histogram[Math.min(histogram.length - 1, (int) ((v - lo) / width))]++;
                in++;
            }
        }
        return new long[] {in, below, above};
    }
}
