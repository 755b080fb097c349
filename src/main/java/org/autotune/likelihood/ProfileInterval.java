package org.autotune.likelihood;

/**
 * A profile-likelihood interval: where 2Δ(−ln L) = {@code level} (1 for 68.3 %) with the other
 * free parameters re-minimised. {@code lowerAtBound}/{@code upperAtBound} mean that the curve did
 * not reach the level before the parameter's bound; the edge is then the bound itself.
 */
public record ProfileInterval(String parameter, double best, double lower, double upper,
        double level, boolean lowerAtBound, boolean upperAtBound) {
    public ProfileInterval {
        if (!(lower <= best && best <= upper)) { // also rejects NaN
            throw new IllegalArgumentException("profile of %s: interval [%s, %s] does not hold %s"
                .formatted(parameter, lower, upper, best));
        }
    }

    /** best − lower (≥ 0). */
    public double minus() {
        return best - lower;
    }

    /** upper − best (≥ 0). */
    public double plus() {
        return upper - best;
    }
}
