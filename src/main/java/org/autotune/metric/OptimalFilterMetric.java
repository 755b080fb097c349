package org.autotune.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import org.autotune.data.DataException;
import org.autotune.data.Traces;
import org.autotune.score.Score;

/**
 * Compares simulated pulse shapes with the data through the optimal filter (see
 * {@link OptimalFilter}). From the reference data it builds the pulse template (the average
 * baseline-subtracted pulse, scaled to a peak of 1) and the noise power spectral density (from
 * noise-only traces). Two modes:
 * <ul>
 *   <li>{@code average}: the average simulated pulse against the template, amplitude fitted,
 *   χ² weighted by the noise of both averages, PSD·(1/n_sim + a²/(n_ref·A_ref²)), with A_ref the
 *   reference pulses' mean peak; a χ² with N − 2 degrees of freedom when the shapes agree;</li>
 *   <li>{@code per-event}: the mean over simulated events of each trace's optimal-filter χ² per
 *   degree of freedom (about 1 when the shapes agree, larger for large pulses of the wrong shape).</li>
 * </ul>
 * In average mode the residuals in the lowest {@code observables} frequency bins are exposed as
 * observables (see {@link OptimalFilter#observables}), so that surrogate optimizers can model the
 * pulse shape bin by bin.
 */
final class OptimalFilterMetric implements Metric {
    enum Mode { AVERAGE, PER_EVENT }

    private final String output;
    private final int pretrigger;
    private final Mode mode;
    private final OptimalFilter filter;
    private final int referencePulses;
    private final double referencePeak;
    private final int length;
    private final int bins;
    /** Largest time offset fitted, in samples (0: the amplitude only). */
    private final int maxShift;

    OptimalFilterMetric(String output, List<double[]> pulses, List<double[]> noise, int pretrigger, Mode mode) {
        this(output, pulses, noise, pretrigger, mode, 64, 0);
    }

    /** @param bins frequency bins exposed as observables in average mode (0: none) */
    OptimalFilterMetric(String output, List<double[]> pulses, List<double[]> noise, int pretrigger, Mode mode,
                        int bins, int maxShift) {
        this.bins = bins;
        this.maxShift = maxShift;
        this.output = output;
        this.pretrigger = pretrigger;
        this.mode = mode;
        this.length = pulses.get(0).length;
        var average = average(pulses, pretrigger);
        double peak = 0;
        for (double v : average) {
            peak = Math.max(peak, v);
        }
        if (!(peak > 0)) {
            throw new IllegalArgumentException("the average reference pulse has no positive peak");
        }
        for (int i = 0; i < average.length; i++) {
            average[i] /= peak;
        }
        this.referencePulses = pulses.size();
        this.referencePeak = peak;
        this.filter = new OptimalFilter(average, OptimalFilter.psd(noise));
    }

    @Override
    public boolean observables() {
        return mode == Mode.AVERAGE && bins > 0;
    }

    @Override
    public Score score(SampleOutputs outputs) {
        List<double[]> traces;
        try {
            traces = Traces.read(outputs.file(output));
        } catch (DataException e) {
            throw new MetricException(e.getMessage());
        }
        if (traces.get(0).length != length) {
            throw new MetricException(outputs.file(output) + ": traces have " + traces.get(0).length
                + " samples, the reference traces " + length);
        }
        return mode == Mode.AVERAGE ? averageScore(traces) : perEventScore(traces);
    }

    private Score averageScore(List<double[]> traces) {
        var avg = average(traces, pretrigger);
        var fit = fit(avg);
        double a = fit.amplitude();
        double scale = 1.0 / traces.size() + a * a / (referencePulses * referencePeak * referencePeak);
        double chi2 = fit.chi2() / scale;
        int dof = filter.degreesOfFreedom() - (maxShift > 0 ? 1 : 0);
        var components = new LinkedHashMap<String, Double>();
        components.put("amplitude", a);
        if (maxShift > 0) {
            components.put("shift", (double) fit.shift());
        }
        components.put("chi2_per_dof", chi2 / dof);
        components.put("ndf", (double) dof);
        return new Score(chi2, OptionalDouble.of(ChiSquareSpread.of(chi2, dof)), components,
            filter.observables(avg, fit, scale, bins, "f"));
    }

    private Score perEventScore(List<double[]> traces) {
        int dof = filter.degreesOfFreedom() - (maxShift > 0 ? 1 : 0);
        double sum = 0;
        double sq = 0;
        double amplitude = 0;
        for (var t : traces) {
            var fit = fit(baselineSubtracted(t, pretrigger));
            double r = fit.chi2() / dof;
            sum += r;
            sq += r * r;
            amplitude += fit.amplitude();
        }
        int n = traces.size();
        double mean = sum / n;
        double se = n > 1 ? Math.sqrt(Math.max(0, sq / n - mean * mean) / (n - 1)) : 0;
        var components = new LinkedHashMap<String, Double>();
        components.put("amplitude", amplitude / n);
        components.put("events", (double) n);
        return new Score(mean, OptionalDouble.of(se), components, List.of());
    }

    private OptimalFilter.Fit fit(double[] trace) {
        return maxShift > 0 ? filter.fitWithShift(trace, maxShift) : filter.fit(trace);
    }

    /** Mean of the baseline-subtracted traces. */
    static double[] average(List<double[]> traces, int pretrigger) {
        var avg = new double[traces.get(0).length];
        for (var t : traces) {
            var y = baselineSubtracted(t, pretrigger);
            for (int i = 0; i < avg.length; i++) {
                avg[i] += y[i] / traces.size();
            }
        }
        return avg;
    }

    /** The trace minus the mean of its first {@code pretrigger} samples. */
    static double[] baselineSubtracted(double[] trace, int pretrigger) {
        double base = 0;
        for (int i = 0; i < pretrigger; i++) {
            base += trace[i];
        }
        base /= pretrigger;
        var y = new double[trace.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = trace[i] - base;
        }
        return y;
    }
}
