package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.autotune.model.BoxMinimizer;
import org.autotune.space.Space;

/**
 * The region of the parameter space the data allow, mapped by sampling the posterior of the
 * {@link Emulator}'s likelihood (flat prior over the search range in the unit cube, i.e. flat in
 * log for log parameters) with the {@link EnsembleSampler}. Unlike a parabola at one point, the
 * draws follow a curved or degenerate valley wherever it goes inside the emulator's trusted box.
 *
 * <p>From the draws: per parameter the median and the central 68 % and 95 % intervals (marginal:
 * every other parameter free); a point's credibility level (the fraction of the posterior's mass
 * denser than it: a point is inside the 68 % region when its level is below 0.68);
 * and from the observables' Jacobian at the posterior's densest point, the combinations the data
 * measure ({@link Degeneracy}).
 */
public final class Region {
    private static final int STEPS = 1500;
    private static final int THIN = 10;

    /** One parameter's marginal posterior, in unit-cube coordinates. */
    public record Marginal(String name, double median, double low68, double high68, double low95, double high95,
                           double sd) {
    }

    private final Space space;
    private final Emulator emulator;
    private final EnsembleSampler.Chain chain;
    private final double[] mode;
    private final List<Marginal> marginals;
    private final double[] sortedLogDensity;

    private Region(Space space, Emulator emulator, EnsembleSampler.Chain chain, double[] mode) {
        this.space = space;
        this.emulator = emulator;
        this.chain = chain;
        this.mode = mode;
        this.marginals = marginals(space, chain.points());
        this.sortedLogDensity = chain.logDensity().clone();
        Arrays.sort(sortedLogDensity);
    }

    /**
     * Samples the emulator's posterior.
     *
     * @param starts unit-cube points to start the search for the densest point from (e.g. the best samples)
     */
    public static Region of(Space space, Emulator emulator, List<double[]> starts, long seed) {
        return around(space, emulator, densest(emulator, starts), seed);
    }

    /** The emulator's densest point in its trusted box, searched from {@code starts}. */
    static double[] densest(Emulator emulator, List<double[]> starts) {
        int n = emulator.lower().length;
        var box = new BoxMinimizer(emulator.lower(), emulator.upper(), 300 + 100 * n);
        return box.minimize(u -> -emulator.logLikelihood(u), starts).point();
    }

    /** Samples the emulator's posterior with walkers starting around {@code mode}, its densest point. */
    static Region around(Space space, Emulator emulator, double[] mode, long seed) {
        int n = space.dimension();
        var rng = new SplittableRandom(seed);
        int walkers = Math.max(32, 4 * n);
        var start = new ArrayList<double[]>();
        double[] lo = emulator.lower();
        double[] hi = emulator.upper();
        for (int w = 0; w < walkers; w++) {
            double[] x;
            int tries = 0;
            do {
                x = new double[n];
                double spread = 0.01 / (1 + tries / 10);
                for (int i = 0; i < n; i++) {
                    x[i] = mode[i] + spread * (hi[i] - lo[i]) * (2 * rng.nextDouble() - 1);
                }
                tries++;
            } while (!(emulator.logLikelihood(x) > Double.NEGATIVE_INFINITY) && tries < 1000);
            start.add(emulator.logLikelihood(x) > Double.NEGATIVE_INFINITY ? x : mode.clone());
        }
        var chain = EnsembleSampler.sample(emulator::logLikelihood, start, STEPS, THIN, rng.nextLong());
        return new Region(space, emulator, chain, mode);
    }

    public Emulator emulator() {
        return emulator;
    }

    /** The posterior's draws (unit cube). */
    public List<double[]> draws() {
        return chain.points();
    }

    /** The fraction of proposed moves the sampler accepted. */
    public double acceptance() {
        return chain.acceptance();
    }

    /** The densest point found (unit cube). */
    public double[] mode() {
        return mode.clone();
    }

    public List<Marginal> marginals() {
        return marginals;
    }

    /**
     * The credibility level of unit-cube point u: the fraction of the posterior's draws denser than
     * u (1 outside the emulator's trusted box). u lies in the reported X region when this is below X.
     */
    public double level(double[] u) {
        double lp = emulator.logLikelihood(u);
        if (!(lp > Double.NEGATIVE_INFINITY)) {
            return 1;
        }
        int below = Arrays.binarySearch(sortedLogDensity, lp);
        int index = below >= 0 ? below : -below - 1;
        return 1 - (double) index / sortedLogDensity.length;
    }

    /**
     * The region's {@code level} contour in χ² units: twice the log-density between the densest draw and the
     * draw at that credibility level (about the χ² quantile of the parameters' count for a Gaussian posterior).
     */
    public double contour(double level) {
        int n = sortedLogDensity.length;
        double at = sortedLogDensity[Math.min(n - 1, (int) Math.floor((1 - level) * n))];
        return 2 * (sortedLogDensity[n - 1] - at);
    }

    /** The emulator's χ² at the densest point. */
    public double chi2AtMode() {
        return emulator.chi2(mode);
    }

    /**
     * Points of the posterior to run as real samples: {@code count} draws spread over the chain
     * (deterministic for a given region).
     */
    public List<double[]> validationPoints(int count) {
        var draws = chain.points();
        var out = new ArrayList<double[]>();
        for (int k = 0; k < count && !draws.isEmpty(); k++) {
            out.add(draws.get((int) ((k + 0.5) * draws.size() / count)).clone());
        }
        return out;
    }

    /**
     * True for a parameter whose draws crowd the edge of the emulator's trusted box where that edge
     * is not the end of the search range (more than 1 % of them in the outer 5 % of the box): the
     * allowed region goes on beyond the samples.
     */
    public boolean[] beyondSamples() {
        int n = space.dimension();
        double[] lo = emulator.lower();
        double[] hi = emulator.upper();
        boolean[] out = new boolean[n];
        var draws = chain.points();
        for (int i = 0; i < n; i++) {
            double band = 0.05 * (hi[i] - lo[i]);
            int low = 0;
            int high = 0;
            for (var d : draws) {
                low += d[i] < lo[i] + band ? 1 : 0;
                high += d[i] > hi[i] - band ? 1 : 0;
            }
            out[i] = (lo[i] > 1e-9 && low > 0.01 * draws.size()) || (hi[i] < 1 - 1e-9 && high > 0.01 * draws.size());
        }
        return out;
    }

    /**
     * True when the denser half of the draws reaches the edge of what a local emulator's fits cover (more
     * than 5 % of it beyond nine tenths of their reach): the allowed region runs on beyond the samples.
     * Always false for a global emulator (its edge is its box: {@link #beyondSamples}).
     */
    public boolean beyondReach() {
        return denseBeyond(emulator, 0.9);
    }

    /**
     * True when more than 5 % of the denser half of the draws lie beyond {@code within} of {@code bounded}'s
     * reach: for a region sampled on {@link Emulator#unbounded} (the fits extrapolated), that the data
     * may be fitted better where no sample has been yet.
     */
    public boolean denseBeyond(Emulator bounded, double within) {
        var draws = chain.points();
        double[] lp = chain.logDensity();
        double median = quantile(sortedLogDensity, 0.5);
        int dense = 0;
        int edge = 0;
        for (int k = 0; k < draws.size(); k++) {
            if (lp[k] >= median) {
                dense++;
                edge += bounded.reach(draws.get(k)) > within ? 1 : 0;
            }
        }
        return edge > 0.05 * dense;
    }

    private static List<Marginal> marginals(Space space, List<double[]> draws) {
        int n = space.dimension();
        var out = new ArrayList<Marginal>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[draws.size()];
            double mean = 0;
            for (int k = 0; k < v.length; k++) {
                v[k] = draws.get(k)[i];
                mean += v[k] / v.length;
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            Arrays.sort(v);
            out.add(new Marginal(space.parameter(i).name(), quantile(v, 0.5), quantile(v, 0.16), quantile(v, 0.84),
                quantile(v, 0.025), quantile(v, 0.975), Math.sqrt(ss / Math.max(1, v.length - 1))));
        }
        return List.copyOf(out);
    }

    /** Linear interpolation between order statistics of sorted {@code v}. */
    static double quantile(double[] v, double p) {
        double x = p * (v.length - 1);
        int lo = (int) Math.floor(x);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (x - lo) * (v[hi] - v[lo]);
    }
}
