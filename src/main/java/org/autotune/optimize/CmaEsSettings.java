package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What CMA-ES was configured with (spreads as fractions of each parameter's range).
 *
 * @param population  points per generation (λ), at least 4
 * @param sigma       first spread of the search distribution, in (0, 1]
 * @param tolerance   stop when the distribution's largest standard deviation falls below it, in (0, sigma)
 * @param generations stop after this many generations, at least 1
 */
record CmaEsSettings(int population, double sigma, double tolerance, int generations) {
    CmaEsSettings {
        if (population < 4) {
            throw new IllegalArgumentException("population " + population + " must be at least 4");
        }
        if (!(sigma > 0 && sigma <= 1)) {
            throw new IllegalArgumentException("initial spread " + sigma + " must lie in (0, 1]");
        }
        if (!(tolerance > 0 && tolerance < sigma)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be positive and below sigma " + sigma);
        }
        if (generations < 1) {
            throw new IllegalArgumentException("generations " + generations + " must be at least 1");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static CmaEsSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "population", "sigma", "tolerance", "generations");
        OptimizerKeys.continuousOnly(opt, space, "cma-es");
        int population = (int) opt.integer("population", CmaEs.defaultPopulation(space.dimension(), slots), 4,
            10_000);
        double sigma = opt.number("sigma", 0.2);
        if (!(sigma > 0 && sigma <= 1)) {
            throw opt.error("sigma", "initial spread " + sigma + " must lie in (0, 1]: it is a fraction of each "
                + "parameter's range", "use e.g. sigma: 0.2");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < sigma)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below sigma " + sigma,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        int generations = (int) opt.integer("generations", 1000, 1, 1_000_000);
        return new CmaEsSettings(population, sigma, tolerance, generations);
    }
}
