package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Draws points from a density given by its logarithm with the affine-invariant ensemble sampler of
 * Goodman and Weare (Comm. App. Math. Comp. Sci. 5 (2010) 65), the "stretch move" that emcee uses:
 * each walker moves along the line to another walker of the other half of the ensemble, by a factor
 * z drawn from g(z) ∝ 1/√z on [1/a, a], and accepts with probability min(1, z^(n−1) p(new)/p(old)).
 * Being invariant under linear maps, it samples long, narrow, correlated valleys as fast as round
 * ones, with no step size to tune. No Java library we depend on has an MCMC sampler; this is the
 * whole algorithm (30 lines).
 */
public final class EnsembleSampler {
    private static final double STRETCH = 2;

    /** The draws (after burn-in, thinned) with their log densities, and the acceptance fraction. */
    public record Chain(List<double[]> points, double[] logDensity, double acceptance) {
    }

    private EnsembleSampler() {
    }

    /**
     * @param logDensity ln p(x) up to a constant; −∞ outside the support
     * @param start      the walkers' starting points (an even number ≥ 2·dimension, each with finite density)
     * @param steps      moves per walker after burn-in; as many again are burnt in first
     * @param thin       keep every thin-th position of each walker
     */
    public static Chain sample(ToDoubleFunction<double[]> logDensity, List<double[]> start, int steps, int thin,
                               long seed) {
        int walkers = start.size();
        int n = start.get(0).length;
        if (walkers < 2 * n || walkers % 2 != 0) {
            throw new IllegalArgumentException("need an even number of at least " + 2 * n + " walkers, got " + walkers);
        }
        var rng = new SplittableRandom(seed);
        double[][] x = new double[walkers][];
        double[] lp = new double[walkers];
        for (int w = 0; w < walkers; w++) {
            x[w] = start.get(w).clone();
            lp[w] = logDensity.applyAsDouble(x[w]);
            if (!(lp[w] > Double.NEGATIVE_INFINITY)) {
                throw new IllegalArgumentException("walker " + w + " starts where the density is zero");
            }
        }
        var points = new ArrayList<double[]>();
        var densities = new ArrayList<Double>();
        long accepted = 0;
        long proposed = 0;
        int half = walkers / 2;
        for (int step = 0; step < 2 * steps; step++) {
            for (int side = 0; side < 2; side++) {
                int from = side * half;
                int other = (1 - side) * half;
                for (int w = from; w < from + half; w++) {
                    double[] partner = x[other + rng.nextInt(half)];
                    double u = rng.nextDouble();
                    double z = Math.pow((STRETCH - 1) * u + 1, 2) / STRETCH;
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        y[i] = partner[i] + z * (x[w][i] - partner[i]);
                    }
                    double ly = logDensity.applyAsDouble(y);
                    double logAccept = (n - 1) * Math.log(z) + ly - lp[w];
                    proposed += step >= steps ? 1 : 0;
                    if (ly > Double.NEGATIVE_INFINITY && Math.log(rng.nextDouble()) < logAccept) {
                        x[w] = y;
                        lp[w] = ly;
                        accepted += step >= steps ? 1 : 0;
                    }
                }
            }
            if (step >= steps && (step - steps) % thin == thin - 1) {
                for (int w = 0; w < walkers; w++) {
                    points.add(x[w].clone());
                    densities.add(lp[w]);
                }
            }
        }
        return new Chain(points, densities.stream().mapToDouble(Double::doubleValue).toArray(),
            proposed == 0 ? 0 : (double) accepted / proposed);
    }
}
