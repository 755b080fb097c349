package org.autotune.metric;

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

    /** How the value relates to a likelihood, for later analysis (covariance = 2·H⁻¹ or H⁻¹). */
    default ScoreType type() {
        return ScoreType.CHI_SQUARE;
    }
}
