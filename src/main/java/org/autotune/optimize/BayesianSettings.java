package org.autotune.optimize;

import java.util.List;
import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What Bayesian optimisation was configured with; see docs/optimizers.md.
 *
 * @param initial     points of the space-filling design before the model takes over, in [2, evaluations]
 * @param acquisition where the next point goes: expected improvement or a lower confidence bound
 * @param evaluations stop after this many points
 * @param tolerance   stop when the expected improvement stays below this fraction of the noise level
 * @param noisy       scores are noisy: the model averages them
 * @param logScale    model the logarithm of scores that are never negative (see {@code Bayesian})
 */
record BayesianSettings(int initial, Acquisition.Kind acquisition, int evaluations, double tolerance,
                        boolean noisy, boolean logScale) {
    BayesianSettings {
        if (!(initial >= 2 && initial <= evaluations)) {
            throw new IllegalArgumentException("initial design " + initial + " must be in [2, evaluations]");
        }
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static BayesianSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "initial", "acquisition", "evaluations", "tolerance", "noisy", "scale");
        OptimizerKeys.continuousOnly(opt, space, "bayesian");
        int evaluations = (int) opt.integer("evaluations", 500, 2, 100_000);
        int initial = (int) opt.integer("initial", Math.min(evaluations,
            Bayesian.defaultInitial(space.dimension(), slots)), 2, 100_000);
        if (initial > evaluations) {
            throw opt.error("initial", "an initial design of " + initial + " samples does not fit into "
                + "evaluations: " + evaluations, "lower initial or raise evaluations");
        }
        var acquisition = opt.oneOf("acquisition", List.of("ei", "lcb"), "ei").equals("ei")
            ? Acquisition.Kind.EI : Acquisition.Kind.LCB;
        double tolerance = opt.number("tolerance", 0.05);
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive: it is a fraction of the "
                + "noise level", "use e.g. tolerance: 0.05");
        }
        boolean isNoisy = OptimizerKeys.noisy(opt, noisy);
        boolean log = opt.oneOf("scale", List.of("linear", "log"), "linear").equals("log");
        return new BayesianSettings(initial, acquisition, evaluations, tolerance, isNoisy, log);
    }
}
