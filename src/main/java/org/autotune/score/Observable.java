package org.autotune.score;

/**
 * One quantity a metric compares, e.g. a histogram bin or a column's mean: its simulated value
 * with the error from the sample's finite statistics, and the reference value with its error.
 */
public record Observable(String name, double simulated, double simulatedError,
                         double reference, double referenceError) {

    public Observable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an observable needs a name");
        }
        if (!(simulatedError >= 0) || !(referenceError >= 0)) {
            throw new IllegalArgumentException(name + ": errors must be >= 0");
        }
    }

    /** (simulated − reference) / combined error; 0 when both errors are zero and values agree. */
    public double pull() {
        double d = simulated - reference;
        double e = Math.hypot(simulatedError, referenceError);
        return e == 0 ? (d == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d)) : d / e;
    }
}
