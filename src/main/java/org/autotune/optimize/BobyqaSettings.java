package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What BOBYQA was configured with (radii as fractions of each parameter's range).
 *
 * @param radius      first trust-region radius, in (0, 0.5]
 * @param tolerance   final trust-region radius: the search stops there, in (0, radius)
 * @param evaluations the library gives up after this many samples, at least 1
 */
record BobyqaSettings(double radius, double tolerance, int evaluations) {
    BobyqaSettings {
        if (!(radius > 0 && radius <= 0.5)) {
            throw new IllegalArgumentException("first trust radius " + radius + " must lie in (0, 0.5]");
        }
        if (!(tolerance > 0 && tolerance < radius)) {
            throw new IllegalArgumentException("final trust radius " + tolerance
                + " must be positive and below radius " + radius);
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations " + evaluations + " must be at least 1");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static BobyqaSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "radius", "tolerance", "evaluations", "noisy");
        OptimizerKeys.continuousOnly(opt, space, "bobyqa");
        OptimizerKeys.deterministicOnly(opt, "bobyqa", noisy);
        int n = space.dimension();
        if (n < 2) {
            throw opt.error("type", "bobyqa needs at least two parameters; this campaign has " + n,
                "use type: nelder-mead or coordinate-descent for one parameter");
        }
        double radius = opt.number("radius", 0.1);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first trust radius " + radius + " must lie in (0, 0.5]: it is a fraction of "
                + "each parameter's range", "use e.g. radius: 0.1");
        }
        double tolerance = opt.number("tolerance", 1e-4);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "final trust radius " + tolerance + " must be positive and below radius "
                + radius, "use e.g. tolerance: 0.0001");
        }
        int evaluations = (int) opt.integer("evaluations", 100_000, 10, 100_000_000);
        return new BobyqaSettings(radius, tolerance, evaluations);
    }
}
