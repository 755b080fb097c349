package org.autotune.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import org.autotune.data.Table;
import org.autotune.score.Observable;
import org.autotune.score.Score;

/**
 * Compares the mean and the width (standard deviation) of named columns between a sample's
 * output and the reference data. For each column, the pulls
 * <pre>
 *   d_mean = (m_sim − m_ref) / sqrt(s_sim²/n_sim + s_ref²/n_ref)
 *   d_std  = (s_sim − s_ref) / sqrt(s_sim²/(2(n_sim−1)) + s_ref²/(2(n_ref−1)))
 * </pre>
 * (the second uses the standard error of a sample standard deviation, s/sqrt(2(n−1)), exact for
 * normal data, a fair approximation for others). The score is Σ(d_mean² + d_std²): a χ² with
 * 2·columns degrees of freedom when simulation and data agree.
 */
final class MeanStdMetric implements Metric {
    private final String output;
    private final List<String> columns;
    private final List<Moments> reference;

    /** Mean, standard deviation and count of one column. */
    record Moments(double mean, double std, int n) {
        static Moments of(double[] x) {
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= x.length;
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            return new Moments(mean, x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0, x.length);
        }

        double meanError() {
            return std / Math.sqrt(n);
        }

        double stdError() {
            return n > 1 ? std / Math.sqrt(2.0 * (n - 1)) : 0;
        }
    }

    MeanStdMetric(String output, List<String> columns, Table reference) {
        this.output = output;
        this.columns = List.copyOf(columns);
        this.reference = columns.stream().map(c -> Moments.of(reference.column(c))).toList();
    }

    @Override
    public boolean observables() {
        return true;
    }

    @Override
    public Score score(SampleOutputs outputs) {
        var table = Tables.output(outputs, output, columns);
        if (table.rows() < 2) {
            throw new MetricException(outputs.file(output) + ": " + table.rows()
                + " rows; mean-std needs at least 2 to estimate a width");
        }
        double chi2 = 0;
        var components = new LinkedHashMap<String, Double>();
        var observables = new ArrayList<Observable>();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            var sim = Moments.of(table.column(c));
            var ref = reference.get(i);
            var mean = new Observable(c + ".mean", sim.mean(), sim.meanError(), ref.mean(), ref.meanError());
            var std = new Observable(c + ".std", sim.std(), sim.stdError(), ref.std(), ref.stdError());
            for (var o : List.of(mean, std)) {
                double pull = o.pull();
                components.put(o.name(), pull);
                observables.add(o);
                chi2 += pull * pull;
            }
        }
        if (Double.isNaN(chi2)) {
            throw new MetricException(outputs.file(output) + ": the score is NaN (constant columns in both files?)");
        }
        var spread = OptionalDouble.of(ChiSquareSpread.of(chi2, 2 * columns.size()));
        return new Score(chi2, spread, components, observables);
    }
}
