package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.autotune.model.PolynomialBasis;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.space.Space;

/**
 * Maps the region the data allow by history matching (Craig et al. 1997; Vernon et al. 2010): a
 * space-filling design over the whole search range (the unit cube: log parameters on their log scale),
 * an {@link Emulator} of the observables, and a cut on the {@link Implausibility} of every point, which
 * rules out where the data cannot be, given the emulator's error, the data's and the simulation's. What
 * is not ruled out yet (NROY) gets the next wave of real samples, spread over it; the emulator is refitted
 * on the samples inside NROY, and NROY is cut again with it. Unlike {@link RegionWaves}, which walks from
 * the best point, the map starts from the whole range, so a valley that bends away from the best point's
 * directions is not lost: a point is ruled out only where an emulator trusted there says the data do not
 * fit.
 *
 * <p>It stops when a wave leaves NROY almost as it was (more than {@value #SHRUNK} of it kept) and the
 * emulator's variance is below the data's and the simulation's there, or after {@code maxWaves} waves.
 * Then the posterior of an emulator fitted on the samples in NROY's box, in that box, is sampled
 * ({@link Region}) and checked with real samples drawn from it ({@link RegionWaves#validate}) and with the
 * samples already run in NROY (none the region clearly excludes may fit within its 95 % contour of the best
 * sample's χ², {@link #contradicted}); when either check fails, once more with a local emulator that
 * has learnt from the new samples too, and if that fails the region is not validated.
 *
 * <p>Deterministic: the same samples and seed give the same waves, so a journaled run resumes.
 */
public final class HistoryMatching {
    /** Points kept to represent NROY (a cloud refilled after each cut). */
    static final int CLOUD = 2000;
    /** A wave that keeps more than this fraction of NROY has stopped shrinking it. */
    static final double SHRUNK = 0.8;
    /** First wave: this many points per parameter over the whole range; later waves half as many. */
    static final int FIRST = 10;
    /** A sample whose credibility level is above this is clearly outside the region. */
    static final double EXCLUDED = 0.99;

    /** One refocusing wave: the samples its emulator learnt from, NROY's share of the range after its cut. */
    public record Refocus(int samples, String emulator, double kept, double nroy, double emulatorShare) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s on %d samples: kept %.2f of NROY, NROY %.3g of the range, "
                + "emulator variance %.2f of data + simulation", emulator, samples, kept, nroy, emulatorShare);
        }
    }

    /**
     * The refocusing waves, the region on the final emulator, the test of a point's being in NROY, and the
     * number of the first wave whose cut rules a point out (0: none does).
     */
    public record Result(List<Refocus> refocusing, RegionWaves.Outcome outcome, Predicate<double[]> nroy,
                         ToIntFunction<double[]> ruledOutBy) {
    }

    private HistoryMatching() {
    }

    /**
     * @param samples the finished samples so far (optimizer, scans): unit points and observables
     * @param local   true: local emulators (polynomials around anchors) in the refocusing waves, else one
     *                polynomial per observable
     * @param runner  runs wave k's points (k from 1) and returns their finished samples
     * @return empty when the samples do not determine an emulator
     */
    public static Optional<Result> run(Space space, List<Emulator.Sample> samples, boolean crn, int maxWaves,
                                       boolean local, long seed,
                                       BiFunction<Integer, List<double[]>, List<Emulator.Sample>> runner) {
        int n = space.dimension();
        var rng = new SplittableRandom(seed);
        var design = SpaceFillingDesign.shifted(n, rng);
        var all = new ArrayList<>(samples);
        var first = new ArrayList<double[]>();
        for (int k = 0; k < FIRST * n; k++) {
            first.add(design.next());
        }
        var cloud = new ArrayList<double[]>();
        for (int k = 0; k < CLOUD; k++) {
            cloud.add(design.next());
        }
        var cuts = new ArrayList<Implausibility>();
        var refocus = new ArrayList<Refocus>();
        double volume = 1;
        int wanted = 2 * PolynomialBasis.QUADRATIC.terms(n);
        int wave = 1;
        List<double[]> next = first;
        while (true) {
            var before = insideOf(all, cuts);
            var ran = runner.apply(wave, next);
            var earlier = before.size() >= wanted ? before : List.copyOf(all);
            all.addAll(ran);
            var inside = insideOf(all, cuts);
            double[][] box = box(cloud);
            var fitSet = inside.size() >= wanted ? inside : all;
            var fitted = fit(fitSet, crn, box, local);
            if (fitted.isEmpty()) {
                break;
            }
            var cut = new Implausibility(fitted.get(), tested(earlier, ran, crn, box, local, fitted.get()));
            var kept = cloud.stream().filter(cut::allows).toList();
            if (kept.isEmpty()) {
                // the emulator rules out everything: it is wrong somewhere, keep NROY as it was
                break;
            }
            cuts.add(cut);
            double fraction = (double) kept.size() / cloud.size();
            volume *= fraction;
            double share = medianShare(cut, kept, Implausibility.dataAndSim(cut.emulator(), fitSet));
            refocus.add(new Refocus(fitSet.size(), cut.emulator().description(), fraction, volume, share));
            cloud = refill(kept, cuts, rng);
            if ((fraction > SHRUNK && share < 1) || wave >= maxWaves) {
                break;
            }
            wave++;
            next = spread(cloud, all, (FIRST / 2) * n);
        }
        Predicate<double[]> nroy = u -> allowed(cuts, u);
        return posterior(space, all, cloud, nroy, crn, wave, seed, runner)
            .map(o -> new Result(List.copyOf(refocus), o, nroy, u -> firstRuling(cuts, u)));
    }

    /** The region on an emulator of NROY's samples in NROY's box, validated with real samples drawn from it. */
    private static Optional<RegionWaves.Outcome> posterior(Space space, List<Emulator.Sample> all, List<double[]> cloud,
                                                           Predicate<double[]> nroy, boolean crn, int wave, long seed,
                                                           BiFunction<Integer, List<double[]>, List<Emulator.Sample>>
                                                               runner) {
        int n = space.dimension();
        int wanted = 2 * PolynomialBasis.QUADRATIC.terms(n);
        var extra = new ArrayList<Emulator.Sample>();
        var box = box(cloud);
        var waves = new ArrayList<RegionWaves.Wave>();
        boolean local = false;
        for (int round = 1; round <= 2; round++) {
            var pool = new ArrayList<>(all);
            pool.addAll(extra);
            var candidates = pool.stream().filter(s -> nroy.test(s.unit())).toList();
            double[] center = (candidates.isEmpty() ? pool : candidates).stream()
                .min(Comparator.comparingDouble(HistoryMatching::chi2Sum)).orElseThrow().unit();
            var region = RegionWaves.regionIn(space, pool, box, center, crn, wanted, local, true,
                seed + 7919L * round);
            if (region.isEmpty()) {
                break;
            }
            var r = region.get();
            var drawn = r.validationPoints(3 * n);
            var ran = runner.apply(wave + round, drawn);
            var validation = RegionWaves.validate(r.emulator(), ran);
            waves.add(new RegionWaves.Wave(r, Optional.of(validation), false));
            // real samples already run in NROY that the region excludes while they fit within its 95 % contour
            // of the best sample's chi2: the region is narrower than the data allow
            var contradicted = contradicted(r, pool.stream().filter(smp -> nroy.test(smp.unit())).toList(), pool);
            if (validation.passed() && contradicted.isEmpty()) {
                return Optional.of(new RegionWaves.Outcome(waves, true));
            }
            extra.addAll(ran);
            local = true;
        }
        return waves.isEmpty() ? Optional.empty() : Optional.of(new RegionWaves.Outcome(waves, false));
    }

    private static Optional<Emulator> fit(List<Emulator.Sample> samples, boolean crn, double[][] box, boolean local) {
        return local ? Emulator.fitLocal(samples, crn, box[0], box[1]) : Emulator.fit(samples, crn, box[0], box[1]);
    }

    /**
     * The emulator's error on a wave's new samples, measured where it did not learn: each half of them predicted
     * by an emulator of the samples before the wave and the other half ({@link Implausibility#tested}); zeros
     * (the emulator's own error only) when no such emulator can be fitted.
     */
    static double[] tested(List<Emulator.Sample> before, List<Emulator.Sample> ran, boolean crn, double[][] box,
                           boolean local, Emulator full) {
        double[] out = new double[full.observables()];
        for (int half = 0; half < 2; half++) {
            var learn = new ArrayList<>(before);
            var unseen = new ArrayList<Emulator.Sample>();
            for (int k = 0; k < ran.size(); k++) {
                (k % 2 == half ? unseen : learn).add(ran.get(k));
            }
            var e = fit(learn, crn, box, local);
            if (e.isEmpty() || unseen.isEmpty() || !e.get().names().equals(full.names())) {
                continue;
            }
            double[] t = Implausibility.tested(e.get(), unseen);
            for (int k = 0; k < t.length; k++) {
                out[k] += t[k] * unseen.size() / ran.size();
            }
        }
        return out;
    }

    /**
     * The samples the region clearly excludes (credibility level above {@value #EXCLUDED}) that fit within its
     * 95 % contour of the best sample's χ² (as {@link ValleyProbes#open}, with a margin: among hundreds of
     * samples some lie just past the 95 % boundary by chance).
     */
    static List<Emulator.Sample> contradicted(Region region, List<Emulator.Sample> samples,
                                              List<Emulator.Sample> all) {
        double best = all.stream().mapToDouble(ValleyProbes::chi2).min().orElse(Double.POSITIVE_INFINITY);
        double limit = region.contour(ValleyProbes.LEVEL);
        double scale = region.emulator().scale();
        return samples.stream().filter(smp -> (ValleyProbes.chi2(smp) - best) / scale <= limit
            && region.level(smp.unit()) > EXCLUDED).toList();
    }

    /** Σ pull² of a sample's observables against the data (its χ² with the metric's errors). */
    private static double chi2Sum(Emulator.Sample s) {
        double c = 0;
        for (var o : s.observables()) {
            double v = o.referenceError() * o.referenceError() + o.simulatedError() * o.simulatedError();
            double d = o.simulated() - o.reference();
            c += v > 0 ? d * d / v : 0;
        }
        return c;
    }

    /** The number of the first wave whose cut rules u out; 0 when none does. */
    private static int firstRuling(List<Implausibility> cuts, double[] u) {
        for (int k = 0; k < cuts.size(); k++) {
            if (!cuts.get(k).allows(u)) {
                return k + 1;
            }
        }
        return 0;
    }

    private static boolean allowed(List<Implausibility> cuts, double[] u) {
        for (var c : cuts) {
            if (!c.allows(u)) {
                return false;
            }
        }
        return true;
    }

    private static List<Emulator.Sample> insideOf(List<Emulator.Sample> all, List<Implausibility> cuts) {
        return all.stream().filter(s -> allowed(cuts, s.unit())).toList();
    }

    /** Median over (up to 200 of) NROY's points of the emulator's share of the variance. */
    private static double medianShare(Implausibility cut, List<double[]> kept, double[] dataAndSim) {
        int stride = Math.max(1, kept.size() / 200);
        var shares = new ArrayList<Double>();
        for (int k = 0; k < kept.size(); k += stride) {
            shares.add(cut.emulatorShare(kept.get(k), dataAndSim));
        }
        shares.sort(Double::compare);
        return shares.get(shares.size() / 2);
    }

    /**
     * NROY's cloud refilled to {@value #CLOUD} points: random-walk steps from the points kept (Gaussian, half
     * their spread per coordinate), each accepted when it stays in the range and no cut rules it out.
     */
    static ArrayList<double[]> refill(List<double[]> kept, List<Implausibility> cuts, SplittableRandom rng) {
        var out = new ArrayList<>(kept);
        int n = kept.get(0).length;
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double ss = 0;
            for (var u : kept) {
                mean += u[i] / kept.size();
            }
            for (var u : kept) {
                ss += (u[i] - mean) * (u[i] - mean) / kept.size();
            }
            sd[i] = Math.max(0.5 * Math.sqrt(ss), 1e-3);
        }
        for (int tries = 0; out.size() < CLOUD && tries < 30 * CLOUD; tries++) {
            double[] base = out.get(rng.nextInt(out.size()));
            double[] x = new double[n];
            boolean in = true;
            for (int i = 0; i < n; i++) {
                x[i] = base[i] + sd[i] * rng.nextGaussian();
                in &= x[i] >= 0 && x[i] <= 1;
            }
            if (in && allowed(cuts, x)) {
                out.add(x);
            }
        }
        return out;
    }

    /** {@code count} points of the cloud, each the farthest from every sample and every point chosen before. */
    static List<double[]> spread(List<double[]> cloud, List<Emulator.Sample> samples, int count) {
        double[] d = new double[cloud.size()];
        for (int c = 0; c < d.length; c++) {
            d[c] = Double.POSITIVE_INFINITY;
            for (var s : samples) {
                d[c] = Math.min(d[c], Anchors.distance2(cloud.get(c), s.unit()));
            }
        }
        var out = new ArrayList<double[]>();
        for (int k = 0; k < Math.min(count, cloud.size()); k++) {
            int far = 0;
            for (int c = 1; c < d.length; c++) {
                far = d[c] > d[far] ? c : far;
            }
            double[] chosen = cloud.get(far).clone();
            out.add(chosen);
            for (int c = 0; c < d.length; c++) {
                d[c] = Math.min(d[c], Anchors.distance2(cloud.get(c), chosen));
            }
        }
        return out;
    }

    /** NROY's box: the cloud's extent widened by a twentieth of its width on each side, cut to the range. */
    static double[][] box(List<double[]> cloud) {
        double[][] b = Emulator.bounds(cloud);
        for (int i = 0; i < b[0].length; i++) {
            double w = Math.max(b[1][i] - b[0][i], 0.01);
            b[0][i] = Math.max(0, b[0][i] - 0.05 * w);
            b[1][i] = Math.min(1, b[1][i] + 0.05 * w);
        }
        return b;
    }
}
