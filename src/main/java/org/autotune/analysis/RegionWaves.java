package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.autotune.model.PolynomialBasis;
import org.autotune.space.Space;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Maps the region the data allow in waves, in the manner of history matching: fit the
 * {@link Emulator} to the samples in a box, sample its posterior ({@link Region}), run real samples
 * at points drawn from that posterior, and check them against the emulator's prediction. The next
 * box is the posterior's extent widened by half on each side (by its full width when the posterior
 * crowded the box's edge), so a valley that runs on beyond the
 * samples is followed wave by wave, and the new samples teach the emulator where the posterior
 * lives. It stops when a wave's samples agree with the prediction (p ≥ 0.01), the posterior no
 * longer crowds an edge of the box that is not the end of the search range, and real samples just past
 * the region's ends along its widest directions fit worse than the region allows ({@link ValleyProbes});
 * or after
 * {@code maxWaves} waves, and then says the region is not validated.
 *
 * <p>Deterministic: the same samples and seed give the same waves, so a journaled run resumes.
 */
public final class RegionWaves {
    /** p-value below which a wave's samples contradict the emulator. */
    public static final double REJECT = 0.01;
    private static final double WIDEN = 0.5;

    /** How one wave's real samples compared with the emulator's prediction. */
    public record Validation(int samples, double chi2, int ndf, double pValue) {
        public boolean passed() {
            return pValue >= REJECT;
        }
    }

    /** One wave: its region, the check of its samples, whether the region crowded its box's edge. */
    public record Wave(Region region, Optional<Validation> validation, boolean beyond) {
    }

    /** The waves run; the last one's region is the answer. */
    public record Outcome(List<Wave> waves, boolean validated) {
        public Region region() {
            return waves.get(waves.size() - 1).region();
        }
    }

    private RegionWaves() {
    }

    /**
     * @param samples the finished samples so far (optimizer, scans): unit points and observables
     * @param best    unit-cube point of the best sample: where the first box is centred
     * @param runner  runs wave k's points (k from 1) and returns their finished samples
     * @param points  points per wave
     * @return empty when the samples do not determine an emulator
     */
    public static Optional<Outcome> run(Space space, List<Emulator.Sample> samples, double[] best, boolean crn,
                                        int maxWaves, int points, long seed,
                                        BiFunction<Integer, List<double[]>, List<Emulator.Sample>> runner) {
        int n = space.dimension();
        int wanted = 2 * PolynomialBasis.QUADRATIC.terms(n);
        var all = new ArrayList<>(samples);
        var near = nearest(all, best, wanted);
        double[][] box = widen(Emulator.bounds(near.stream().map(Emulator.Sample::unit).toList()), WIDEN);
        var waves = new ArrayList<Wave>();
        boolean local = false;
        for (int wave = 1; wave <= maxWaves; wave++) {
            var region = regionIn(space, all, box, best, crn, wanted, local, seed + wave);
            if (region.isEmpty()) {
                return waves.isEmpty() ? Optional.empty() : Optional.of(new Outcome(waves, false));
            }
            var r = region.get();
            boolean beyond = anyTrue(r.beyondSamples()) || r.beyondReach();
            var drawn = r.validationPoints(points);
            var explore = explore(space, r, points, seed + 1000 + wave);
            beyond |= !explore.isEmpty();
            var ran = runner.apply(wave, concat(drawn, explore));
            var validation = validate(r.emulator(), ran.stream().filter(smp -> contains(drawn, smp.unit())).toList());
            all.addAll(ran);
            var extent = new ArrayList<>(r.draws());
            if (validation.passed() && !beyond) {
                // the inside fits as predicted; before calling it the region, look past its ends
                var probes = ValleyProbes.points(r);
                var probed = probes.isEmpty() ? List.<Emulator.Sample>of() : runner.apply(wave, probes);
                all.addAll(probed);
                var open = ValleyProbes.open(r, probed, all);
                if (open.isEmpty()) {
                    waves.add(new Wave(r, Optional.of(validation), false));
                    return Optional.of(new Outcome(waves, true));
                }
                beyond = true;
                open.forEach(o -> extent.add(o.unit()));
            }
            waves.add(new Wave(r, Optional.of(validation), beyond));
            box = widen(Emulator.bounds(extent), beyond ? 2 * WIDEN : WIDEN);
            best = r.mode();
            // samples that do not fit as one polynomial per observable predicted: from now on local fits
            local |= !validation.passed();
        }
        return Optional.of(new Outcome(waves, false));
    }

    /** The region from the samples inside {@code box} (at least the {@code wanted} nearest to {@code center}). */
    static Optional<Region> regionIn(Space space, List<Emulator.Sample> all, double[][] box, double[] center,
                                     boolean crn, int wanted, boolean local, long seed) {
        return regionIn(space, all, box, center, crn, wanted, local, false, seed);
    }

    /**
     * As above; with {@code scaleWhenRejected} the errors are scaled only when the χ² at the densest point
     * rejects them (p below {@link #REJECT}), not whenever it exceeds its degrees of freedom: with few of
     * them (one, on a model of four observables and three parameters) χ²/ndf > 1 happens by chance in a
     * third of the data sets, and scaling then widens the region beyond its claimed coverage.
     */
    static Optional<Region> regionIn(Space space, List<Emulator.Sample> all, double[][] box, double[] center,
                                     boolean crn, int wanted, boolean local, boolean scaleWhenRejected, long seed) {
        var inside = new ArrayList<Emulator.Sample>();
        for (var s : all) {
            if (inBox(s.unit(), box)) {
                inside.add(s);
            }
        }
        var fitSet = inside.size() >= wanted ? inside : nearest(all, center, wanted);
        var fitted = local ? Emulator.fitLocal(fitSet, crn, box[0], box[1]) : Emulator.fit(fitSet, crn, box[0], box[1]);
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        var emulator = fitted.get();
        var starts = fitSet.stream().sorted(Comparator.comparingDouble(s -> emulator.chi2(s.unit()))).limit(3)
            .map(Emulator.Sample::unit).filter(u -> inBox(u, box)).toList();
        if (starts.isEmpty()) {
            starts = List.of(clampInto(center, box));
        }
        double[] mode = Region.densest(emulator, starts);
        int ndf = emulator.observables() - space.dimension();
        double factor = ndf > 0 ? emulator.chi2(mode) / ndf : 1;
        if (scaleWhenRejected && ndf > 0
            && 1 - new ChiSquaredDistribution(ndf).cumulativeProbability(emulator.chi2(mode)) >= REJECT) {
            factor = 1;
        }
        // the emulator fits the data worse than its errors say: scale them (PDG's S factor); the walkers
        // start at the unscaled densest point, and burn-in moves them to the scaled posterior's
        var scaled = factor > 1 ? emulator.scaled(factor) : emulator;
        return Optional.of(Region.around(space, scaled, mode, seed));
    }

    /**
     * A local emulator's look beyond its samples: its posterior with the fits extrapolated over the whole
     * box; when that posterior's denser part lies beyond the fits' reach (the data may fit better where no
     * sample is yet), a third as many points as a wave drawn from it, else none.
     */
    static List<double[]> explore(Space space, Region r, int points, long seed) {
        if (!r.emulator().local()) {
            return List.of();
        }
        var free = Region.around(space, r.emulator().unbounded(), r.mode(), seed);
        return free.denseBeyond(r.emulator(), 1) ? free.validationPoints(Math.max(2, points / 3)) : List.of();
    }

    private static List<double[]> concat(List<double[]> a, List<double[]> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean contains(List<double[]> points, double[] u) {
        return points.stream().anyMatch(p -> Arrays.equals(p, u));
    }

    /** The wave's samples against the prediction: Σ prediction χ² over samples, one ndf per observable. */
    static Validation validate(Emulator emulator, List<Emulator.Sample> ran) {
        double chi2 = 0;
        int ndf = 0;
        for (var s : ran) {
            chi2 += emulator.predictionChi2(s.unit(), s.observables());
            ndf += emulator.observables();
        }
        double p = ndf > 0 ? 1 - new ChiSquaredDistribution(ndf).cumulativeProbability(chi2) : 1;
        return new Validation(ran.size(), chi2, ndf, p);
    }

    static List<Emulator.Sample> nearest(List<Emulator.Sample> all, double[] center, int count) {
        return all.stream().sorted(Comparator.comparingDouble(s -> chebyshev(s.unit(), center))).limit(count).toList();
    }

    private static double chebyshev(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** The box widened by {@code by} of its width on each side (at least 0.01), cut to the unit cube. */
    private static double[][] widen(double[][] box, double by) {
        int n = box[0].length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double w = Math.max(box[1][i] - box[0][i], 0.01);
            lo[i] = Math.max(0, box[0][i] - by * w);
            hi[i] = Math.min(1, box[1][i] + by * w);
        }
        return new double[][] {lo, hi};
    }

    private static boolean inBox(double[] u, double[][] box) {
        for (int i = 0; i < u.length; i++) {
            if (u[i] < box[0][i] || u[i] > box[1][i]) {
                return false;
            }
        }
        return true;
    }

    private static double[] clampInto(double[] u, double[][] box) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = Math.min(box[1][i], Math.max(box[0][i], u[i]));
        }
        return out;
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }
}
