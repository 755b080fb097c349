package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.model.BoxMinimizer;
import org.autotune.model.GaussianProcess;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.model.UnitBox;
import org.hipparchus.special.Erf;

/**
 * Where a Gaussian process says to sample next: the maximum over the unit cube of the expected
 * improvement over an incumbent score, or of the lower confidence bound μ − κσ (minimised).
 * Found by a multi-start search: a randomly shifted Sobol set plus Gaussian steps around anchor
 * points (the best samples), the best few refined by BOBYQA ({@link BoxMinimizer}). Points closer
 * than a minimum distance to any point to avoid are never chosen.
 */
final class Acquisition {
    /** How to trade the model's mean against its uncertainty. */
    enum Kind {
        /** Expected improvement over the incumbent (Jones, Schonlau &amp; Welch 1998). */
        EI,
        /** Lower confidence bound μ − κσ with κ = 2 (Srinivas et al. 2010, a fixed κ). */
        LCB
    }

    /** Standard deviations of the lower confidence bound. */
    static final double KAPPA = 2;
    private static final int STARTS = 5;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Stands in for ln EI = −∞ (no chance of improvement), so that BOBYQA's model stays finite. */
    private static final double NO_IMPROVEMENT = -1e6;

    /**
     * A chosen point and the largest expected improvement seen anywhere in the search (for the
     * stopping rule, whatever the acquisition).
     */
    record Choice(double[] unit, double maxExpectedImprovement) {
    }

    private final Kind kind;
    private final GaussianProcess model;
    private final double incumbent;
    private double maxExpectedImprovement;

    private Acquisition(Kind kind, GaussianProcess model, double incumbent) {
        this.kind = kind;
        this.model = model;
        this.incumbent = incumbent;
    }

    /**
     * The best point to sample, or empty when every candidate lies within {@code minDistance} of
     * a point to avoid.
     *
     * @param incumbent the score to improve on (the best posterior mean at a sample)
     * @param avoid     points already sampled or pending, in the unit cube
     * @param anchors   points to search closely around (e.g. the best samples)
     */
    static Optional<Choice> maximise(Kind kind, GaussianProcess model, double incumbent, PointSet avoid,
                                     List<double[]> anchors, double minDistance, SplittableRandom rng) {
        var acq = new Acquisition(kind, model, incumbent);
        var starts = new ArrayList<Scored>();
        for (double[] u : candidates(anchors, model.lengths(), rng)) {
            if (!avoid.near(u, minDistance)) {
                starts.add(new Scored(u, acq.value(u)));
            }
        }
        starts.sort(Comparator.comparingDouble(Scored::value).reversed());
        int d = model.lengths().length;
        var search = BoxMinimizer.unitCube(d, 200 + 50 * d);
        Scored best = null;
        for (var s : starts.subList(0, Math.min(STARTS, starts.size()))) {
            var found = search.minimize(u -> -acq.value(u), List.of(s.unit));
            var refined = new Scored(found.point(), -found.value());
            var pick = !avoid.near(refined.unit, minDistance) && refined.value > s.value ? refined : s;
            if (best == null || pick.value > best.value) {
                best = pick;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Choice(best.unit, acq.maxExpectedImprovement));
    }

    /** Expected improvement E[max(incumbent − f, 0)] of a normal posterior N(mean, sd²) for f. */
    static double expectedImprovement(double mean, double sd, double incumbent) {
        return Math.exp(logExpectedImprovement(mean, sd, incumbent));
    }

    /**
     * ln EI, accurate far into the tail where EI itself underflows, so that the search still has
     * a slope to climb: EI = σ·h(z) with z = (incumbent − μ)/σ and h(z) = zΦ(z) + φ(z); for z
     * below −6, h(z) = φ(z)/z² (1 − 3/z² + 15/z⁴ − …) (the asymptotic series of Mills' ratio).
     */
    static double logExpectedImprovement(double mean, double sd, double incumbent) {
        if (!(sd > 0)) {
            return incumbent > mean ? Math.log(incumbent - mean) : Double.NEGATIVE_INFINITY;
        }
        double z = (incumbent - mean) / sd;
        double logH;
        if (z > -6) {
            double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            double pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
            logH = Math.log(z * cdf + pdf);
        } else {
            double z2 = z * z;
            logH = -0.5 * z2 - LOG_SQRT_2PI - Math.log(z2) + Math.log1p(-3 / z2 + 15 / (z2 * z2));
        }
        return Math.log(sd) + logH;
    }

    /** Candidate starts: a Sobol set with a random shift, and Gaussian steps around each anchor at two scales. */
    private static List<double[]> candidates(List<double[]> anchors, double[] lengths, SplittableRandom rng) {
        int d = lengths.length;
        var out = new ArrayList<double[]>();
        var sobol = SpaceFillingDesign.shifted(d, rng);
        int global = 500 + 100 * d;
        for (int k = 0; k < global; k++) {
            out.add(sobol.next());
        }
        for (double[] a : anchors) {
            for (int k = 0; k < 20 + 5 * d; k++) {
                double width = k % 2 == 0 ? 0.2 : 0.02;   // a length scale's fifth, and a fiftieth
                double[] u = new double[d];
                for (int i = 0; i < d; i++) {
                    u[i] = UnitBox.clamp(a[i] + width * Math.min(lengths[i], 1) * rng.nextGaussian());
                }
                out.add(u);
            }
        }
        return out;
    }

    /** The acquisition value to maximise: ln EI, or −(μ − κσ); records the largest EI seen. */
    private double value(double[] u) {
        double[] p = model.predict(u);
        double logEi = logExpectedImprovement(p[0], p[1], incumbent);
        maxExpectedImprovement = Math.max(maxExpectedImprovement, Math.exp(logEi));
        return kind == Kind.EI ? Math.max(logEi, NO_IMPROVEMENT) : -(p[0] - KAPPA * p[1]);
    }

    private record Scored(double[] unit, double value) {
    }
}
