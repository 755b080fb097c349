package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What the Nelder–Mead simplex was configured with.
 *
 * @param tolerance   stop when the score changes by less than this between steps (relative and absolute)
 * @param evaluations the library gives up after this many samples, at least 1
 */
record NelderMeadSettings(double tolerance, int evaluations) {
    NelderMeadSettings {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be positive");
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations " + evaluations + " must be at least 1");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static NelderMeadSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "tolerance", "evaluations", "noisy");
        OptimizerKeys.continuousOnly(opt, space, "nelder-mead");
        OptimizerKeys.deterministicOnly(opt, "nelder-mead", noisy);
        double tolerance = opt.number("tolerance", 1e-6);
        if (!(tolerance > 0)) {
            throw opt.error("tolerance", "must be positive",
                "use e.g. tolerance: 1e-6 (change of the score between steps)");
        }
        int evaluations = (int) opt.integer("evaluations", 100_000, 10, 100_000_000);
        return new NelderMeadSettings(tolerance, evaluations);
    }
}
