package org.autotune.metric;

import java.util.List;
import java.util.Optional;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;

/**
 * Turns a finished sample's outputs into a score, comparing them with the reference data the
 * metric was built with (reference data are read once, when the metric is created).
 *
 * <p>Threading: {@link #score} may be called from several threads at once for different samples.
 * Failure: a sample whose outputs cannot be scored (missing column, unparsable output, NaN) throws
 * {@link MetricException}; the sample is then recorded as failed with that message.
 */
public interface Metric {
    Score score(SampleOutputs outputs);

    /**
     * For a metric computed inside the sample's job (heavy metrics on a cluster): the command the
     * job runs after the simulator, in the sample folder; {@link #score} then reads what it wrote.
     * Empty (the default): the coordinator computes the metric.
     */
    default Optional<List<String>> jobCommand(SampleOutputs outputs) {
        return Optional.empty();
    }

    /**
     * True when the scores carry the observables behind the value ({@link Score#observables()}),
     * e.g. a χ² over the means and widths of simulated columns. The default optimizer then models
     * each observable (the surrogate) instead of the single number.
     */
    default boolean observables() {
        return false;
    }

    /** How the value relates to a likelihood, for later analysis (covariance = 2·H⁻¹ or H⁻¹). */
    default ScoreType type() {
        return ScoreType.CHI_SQUARE;
    }
}
