package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What local-surrogate gradient descent was configured with (widths as fractions of each
 * parameter's range).
 *
 * @param batch        samples per iteration, at least 1
 * @param radius       first half-width of the trust box, in (0, 0.5]
 * @param tolerance    stop when the box is smaller than this, in (0, radius)
 * @param learningRate Adam's step size, about the largest step per iteration, in (0, 0.5]
 * @param iterations   stop after this many iterations, at least 1
 * @param replay       reuse earlier samples that lie in the current box
 * @param noisy        scores are noisy: the box narrows only when the design stops improving
 * @param minRadius    with noisy scores the box never narrows below this half-width, in (0, radius]
 */
record LocalSurrogateSettings(int batch, double radius, double tolerance, double learningRate, int iterations,
                              boolean replay, boolean noisy, double minRadius) {
    /** Default first half-width: wide, so the model smooths over small dips and barriers. */
    static final double RADIUS = 0.2;
    /** Default narrowest half-width with noisy scores. */
    static final double MIN_RADIUS = 0.025;

    /** Settings with the default narrowest box (never wider than the first). */
    LocalSurrogateSettings(int batch, double radius, double tolerance, double learningRate, int iterations,
                           boolean replay, boolean noisy) {
        this(batch, radius, tolerance, learningRate, iterations, replay, noisy, Math.min(radius, MIN_RADIUS));
    }

    LocalSurrogateSettings {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch + " must be at least 1");
        }
        if (!(radius > 0 && radius <= 0.5)) {
            throw new IllegalArgumentException("first box half-width " + radius + " must lie in (0, 0.5]");
        }
        if (!(tolerance > 0 && tolerance < radius)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be positive and below radius "
                + radius);
        }
        if (!(learningRate > 0 && learningRate <= 0.5)) {
            throw new IllegalArgumentException("Adam step size " + learningRate + " must lie in (0, 0.5]");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations " + iterations + " must be at least 1");
        }
        if (!(minRadius > 0 && minRadius <= radius)) {
            throw new IllegalArgumentException("narrowest box half-width " + minRadius + " must lie in (0, radius "
                + radius + "]");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static LocalSurrogateSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "batch", "radius", "tolerance", "learning-rate", "iterations", "replay", "noisy",
            "min-radius");
        OptimizerKeys.continuousOnly(opt, space, "local-surrogate");
        int n = space.dimension();
        int batch = (int) opt.integer("batch", LocalSurrogate.defaultBatch(n, slots), 1, 100_000);
        if (batch < n + 2 && !opt.bool("replay", true)) {
            throw opt.error("batch", "a batch of " + batch + " samples cannot fit a linear model of " + n
                + " parameters without replay (it needs n + 2 = " + (n + 2) + ")", "raise batch to at least "
                + (n + 2) + ", or leave replay on");
        }
        double radius = opt.number("radius", RADIUS);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first box half-width " + radius + " must lie in (0, 0.5]: it is a fraction "
                + "of each parameter's range", "use e.g. radius: 0.2");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below radius " + radius,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        double learningRate = opt.number("learning-rate", 0.01);
        if (!(learningRate > 0 && learningRate <= 0.5)) {
            throw opt.error("learning-rate", "Adam step size " + learningRate + " must lie in (0, 0.5]: it is "
                + "about the largest step per iteration, as a fraction of each parameter's range",
                "use e.g. learning-rate: 0.01");
        }
        int iterations = (int) opt.integer("iterations", 1000, 1, 10_000_000);
        double minRadius = opt.number("min-radius", Math.min(radius, MIN_RADIUS));
        if (!(minRadius > 0 && minRadius <= radius)) {
            throw opt.error("min-radius", "narrowest box half-width " + minRadius + " must be positive and at most "
                + "radius " + radius, "use e.g. min-radius: " + Math.min(radius, MIN_RADIUS));
        }
        boolean replay = opt.bool("replay", true);
        boolean isNoisy = OptimizerKeys.noisy(opt, noisy);
        return new LocalSurrogateSettings(batch, radius, tolerance, learningRate, iterations, replay, isNoisy,
            minRadius);
    }
}
