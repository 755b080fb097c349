package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What the surrogate trust region was configured with (widths as fractions of each parameter's range).
 *
 * @param batch     samples per wave, at least 2
 * @param radius    first half-width of the trust box, in (0, 0.5]
 * @param spread    half-width of each wave's design around the proposal, as a fraction of the radius, in (0, 1]
 * @param tolerance stop when the box is smaller than this, in (0, radius)
 * @param waves     stop after this many waves, at least 1
 * @param noisy     scores are noisy: judge on the refitted surrogate, stop at the noise floor
 */
record SurrogateSettings(int batch, double radius, double spread, double tolerance, int waves, boolean noisy) {
    SurrogateSettings {
        if (batch < 2) {
            throw new IllegalArgumentException("batch " + batch + " must be at least 2");
        }
        if (!(radius > 0 && radius <= 0.5)) {
            throw new IllegalArgumentException("first box half-width " + radius + " must lie in (0, 0.5]");
        }
        if (!(spread > 0 && spread <= 1)) {
            throw new IllegalArgumentException("design half-width " + spread + " must lie in (0, 1]");
        }
        if (!(tolerance > 0 && tolerance < radius)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be positive and below radius "
                + radius);
        }
        if (waves < 1) {
            throw new IllegalArgumentException("waves " + waves + " must be at least 1");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static SurrogateSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "batch", "radius", "spread", "tolerance", "waves", "noisy");
        OptimizerKeys.continuousOnly(opt, space, "surrogate");
        int batch = (int) opt.integer("batch", Surrogate.defaultBatch(space.dimension(), slots), 2, 100_000);
        double radius = opt.number("radius", 0.25);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first box half-width " + radius + " must lie in (0, 0.5]: it is a fraction "
                + "of each parameter's range", "use e.g. radius: 0.25");
        }
        boolean isNoisy = OptimizerKeys.noisy(opt, noisy);
        // noisy scores: the design spans the whole trust box, so that the fit averages the noise
        // over a wide base; otherwise it clusters around the proposal, where the minimum is expected
        double spread = opt.number("spread", isNoisy ? 1.0 : 0.25);
        if (!(spread > 0 && spread <= 1)) {
            throw opt.error("spread", "design half-width " + spread + " must lie in (0, 1]: it is a fraction of "
                + "the trust radius", "use e.g. spread: 0.25");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below radius " + radius,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        int waves = (int) opt.integer("waves", 1000, 1, 1_000_000);
        return new SurrogateSettings(batch, radius, spread, tolerance, waves, isNoisy);
    }
}
