package org.autotune.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.autotune.space.Point;

/**
 * The closure's summary over pseudo-data sets, as the goal states it: the fraction of sets whose truth
 * lies in the reported 68 % and 95 % regions (a set whose region is not validated reports no region, so
 * it does not cover), with binomial errors; how often the parameters named degenerate are the physics'
 * set; and the reported best's score against the truth's (same seed) in units of the score's noise.
 */
final class ClosureTally {
    /** The toy's physics: what the data fix and what moves together. */
    static final Set<String> FIXED = Set.of("PhononAbsQET", "L");
    static final Set<String> DEGENERATE = Set.of("TESsubgapAbs", "Tc", "Tw", "Tsubst", "W_gamma", "W_sigma");
    /** Fresh simulation seeds at the truth that measure the score's noise. */
    static final int NOISE_SEEDS = 8;

    /** One pseudo-data set's outcome. */
    record Set1(int number, boolean validated, double truthLevel, double bestMinusTruth, double noise, List<String> fixed,
                List<String> degenerate) {
    }

    private final List<Set1> sets = new ArrayList<>();

    void add(Set1 s) {
        sets.add(s);
    }

    /** The standard deviation of the truth's score over {@value #NOISE_SEEDS} fresh simulation seeds. */
    static double noiseAtTruth(ToyDmcInProcess toy, Point truth, long[] ids) throws Exception {
        double sum = 0;
        double sum2 = 0;
        for (int k = 1; k <= NOISE_SEEDS; k++) {
            double v = toy.score(++ids[0], truth, 900_001L + 7919L * k, 40).value();
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / NOISE_SEEDS;
        return Math.sqrt(Math.max(0, (sum2 - NOISE_SEEDS * mean * mean) / (NOISE_SEEDS - 1)));
    }

    List<String> describe() {
        int n = sets.size();
        long validated = sets.stream().filter(Set1::validated).count();
        long in68 = sets.stream().filter(s -> s.validated() && s.truthLevel() <= 0.68).count();
        long in95 = sets.stream().filter(s -> s.validated() && s.truthLevel() <= 0.95).count();
        long physics = sets.stream().filter(s -> Set.copyOf(s.fixed()).equals(FIXED)
            && Set.copyOf(s.degenerate()).equals(DEGENERATE)).count();
        long withinNoise = sets.stream().filter(s -> s.bestMinusTruth() <= s.noise()).count();
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "SUMMARY %d sets: validated %d; truth in the 68%% region %s (goal 0.68), "
            + "in the 95%% region %s (goal 0.95); named sets = the physics' %d of %d; best - truth within the "
            + "score's noise %d of %d", n, validated, fraction(in68, n), fraction(in95, n), physics, n, withinNoise, n));
        for (int i = 0; i < n; i++) {
            var s = sets.get(i);
            out.add(String.format(Locale.ROOT, "  set %d: best - truth %+.1f (noise %.1f, %+.2f noise)", s.number(),
                s.bestMinusTruth(), s.noise(), s.bestMinusTruth() / s.noise()));
        }
        return out;
    }

    private static String fraction(long k, int n) {
        double f = n == 0 ? Double.NaN : (double) k / n;
        return String.format(Locale.ROOT, "%d/%d = %.2f +- %.2f", k, n, f, Math.sqrt(f * (1 - f) / Math.max(1, n)));
    }
}
