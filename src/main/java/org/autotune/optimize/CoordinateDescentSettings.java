package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What coordinate descent was configured with.
 *
 * @param shrink       factor on every step after a cycle without improvement, in (0, 1)
 * @param refinements  how many times the steps shrink before the search stops, in [0, 30]
 * @param significance standard errors a score must improve by to move there (0: plain comparison)
 */
record CoordinateDescentSettings(double shrink, int refinements, double significance) {
    CoordinateDescentSettings {
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("shrink factor " + shrink + " must lie between 0 and 1");
        }
        if (refinements < 0) {
            throw new IllegalArgumentException("refinements must be >= 0, got " + refinements);
        }
        if (!(significance >= 0)) {
            throw new IllegalArgumentException("significance must be >= 0, got " + significance);
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static CoordinateDescentSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "shrink", "refinements", "significance");
        double shrink = opt.number("shrink", 0.5);
        if (!(shrink > 0 && shrink < 1)) {
            throw opt.error("shrink", "shrink factor " + shrink + " must lie between 0 and 1",
                "use e.g. 0.5 to halve the steps");
        }
        int refinements = (int) opt.integer("refinements", 4, 0, 30);
        double significance = opt.number("significance", 0);
        if (!(significance >= 0)) {
            throw opt.error("significance", "must be >= 0",
                "use 0 (plain comparison) or e.g. 1 (one standard error)");
        }
        return new CoordinateDescentSettings(shrink, refinements, significance);
    }
}
