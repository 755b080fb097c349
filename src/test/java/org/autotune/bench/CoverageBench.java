package org.autotune.bench;

import java.util.Locale;
import org.autotune.analysis.CoverageStudy;
import org.autotune.analysis.CurvedValleyStudy;

/**
 * Coverage of the analysis' 1σ intervals over many pseudo-experiments with a known truth (see
 * {@link CoverageStudy}): the fraction per parameter, its binomial standard error, and whether it
 * is consistent with 68.3 % within three of them; then the same for the region the data allow on a
 * curved, partly degenerate model ({@link CurvedValleyStudy}).
 *
 * <p>usage: CoverageBench [PSEUDO_EXPERIMENTS (default 200)]
 */
public final class CoverageBench {
    private CoverageBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long t0 = System.nanoTime();
        int[] failed = {0};
        double[] c = CoverageStudy.coverage(1, n, failed);
        int used = n - failed[0];
        double se = Math.sqrt(0.683 * 0.317 / used);
        System.out.printf(Locale.ROOT, "pseudo-experiments: %d (%d without an interval), %.1f s%n", n, failed[0],
            (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %s%n", "parameter", "coverage", "binom. se", "vs 0.683");
        for (int i = 0; i < c.length; i++) {
            double pull = (c[i] - 0.683) / se;
            System.out.printf(Locale.ROOT, "%-10s %10.3f %10.3f %+.1f se %s%n", CoverageStudy.SPACE.parameter(i).name(),
                c[i], se, pull, Math.abs(pull) <= 3 ? "consistent" : "NOT consistent");
        }
        // the region the data allow, on the curved, partly degenerate model
        long t1 = System.nanoTime();
        int[] in = CurvedValleyStudy.covered(n);
        System.out.printf(Locale.ROOT, "%ncurved, partly degenerate model (a.b, c): region the data allow, %d "
            + "pseudo-experiments, %.1f s%n", n, (System.nanoTime() - t1) / 1e9);
        printRegions(in, n);
        long t2 = System.nanoTime();
        int[] hm = CurvedValleyStudy.coveredByHistoryMatching(n);
        System.out.printf(Locale.ROOT, "%nthe same by history matching from a space-filling design, %d pseudo-experiments, "
            + "%.1f s: truth in NROY %d of %d, validated %d, %d refocusing waves%n", n, (System.nanoTime() - t2) / 1e9,
            hm[2], n, hm[3], hm[4]);
        printRegions(hm, n);
    }

    /** The truth's share in the 68 % and 95 % regions ({@code in[0]}, {@code in[1]} of n), with binomial errors. */
    private static void printRegions(int[] in, int n) {
        for (int j = 0; j < 2; j++) {
            double p = j == 0 ? 0.68 : 0.95;
            double f = (double) in[j] / n;
            double e = Math.sqrt(p * (1 - p) / n);
            System.out.printf(Locale.ROOT, "truth in the %2.0f%% region: %d of %d = %.3f +- %.3f, %+.1f se %s%n",
                100 * p, in[j], n, f, e, (f - p) / e, Math.abs(f - p) <= 3 * e ? "consistent" : "NOT consistent");
        }
    }
}
