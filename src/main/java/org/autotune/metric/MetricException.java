package org.autotune.metric;

/**
 * A sample's outputs could not be scored. Not a bug: the sample is recorded as failed with this
 * message, which names the file or column and what was wrong with it.
 */
public final class MetricException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetricException(String message) {
        super(message);
    }

    public MetricException(String message, Throwable cause) {
        super(message, cause);
    }
}
