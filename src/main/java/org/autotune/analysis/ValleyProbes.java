package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.score.Observable;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Whether the region ends where its draws end: real samples just beyond the region along its widest
 * directions. A wave whose own samples fit as predicted checks only the inside of the region; a
 * degenerate valley that runs on past the samples is invisible to that check (the emulator,
 * extrapolated, may call the far part of the valley poor when it fits as well as the best point). So
 * before a region is called validated, each of its widest principal directions (of the draws, in the
 * unit cube) is continued past its extreme draw on both sides, by half the distance from the densest
 * point, and run; a probe the region excludes whose observables fit within the region's own 95 % contour
 * of the best sample so far means the allowed region goes on there.
 */
final class ValleyProbes {
    /** Principal directions probed at most (two probes each). */
    static final int DIRECTIONS = 3;
    /** How far past its extreme draw a direction is continued, as a fraction of that draw's distance from the mode. */
    static final double BEYOND = 0.5;
    /** A direction narrower than this (standard deviation of the draws, unit cube) is not a valley. */
    static final double NARROW = 0.02;
    /** Credibility level whose contour a probe must fit within to count as inside the allowed region. */
    static final double LEVEL = 0.95;

    private ValleyProbes() {
    }

    /** The probe points of a region: none when every wide direction already ends at the range's ends. */
    static List<double[]> points(Region region) {
        var draws = region.draws();
        double[] mode = region.mode();
        int n = mode.length;
        double[] mean = new double[n];
        for (var d : draws) {
            for (int i = 0; i < n; i++) {
                mean[i] += d[i] / draws.size();
            }
        }
        double[][] cov = new double[n][n];
        for (var d : draws) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cov[i][j] += (d[i] - mean[i]) * (d[j] - mean[j]) / Math.max(1, draws.size() - 1);
                }
            }
        }
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        var out = new ArrayList<double[]>();
        // eigenvalues come largest first
        for (int k = 0; k < Math.min(DIRECTIONS, n); k++) {
            if (!(Math.sqrt(Math.max(0, eigen.getEigenvalue(k))) > NARROW)) {
                break;
            }
            double[] v = eigen.getEigenvector(k).toArray();
            for (int sign = -1; sign <= 1; sign += 2) {
                probe(draws, mode, v, sign).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<double[]> probe(List<double[]> draws, double[] mode, double[] v, int sign) {
        double far = Double.NEGATIVE_INFINITY;
        double[] extreme = null;
        for (var d : draws) {
            double t = 0;
            for (int i = 0; i < v.length; i++) {
                t += sign * (d[i] - mode[i]) * v[i];
            }
            if (t > far) {
                far = t;
                extreme = d;
            }
        }
        if (extreme == null || !(far > 0)) {
            return Optional.empty();
        }
        double[] p = new double[v.length];
        double moved = 0;
        for (int i = 0; i < v.length; i++) {
            p[i] = Math.min(1, Math.max(0, extreme[i] + BEYOND * (extreme[i] - mode[i])));
            moved = Math.max(moved, Math.abs(p[i] - extreme[i]));
        }
        // at the range's end in this direction already: nothing lies beyond
        return moved > 1e-3 ? Optional.of(p) : Optional.empty();
    }

    /** Σ pull² of a sample's observables: its χ² against the data. */
    static double chi2(Emulator.Sample s) {
        double c = 0;
        for (Observable o : s.observables()) {
            double z = o.pull();
            c += Double.isFinite(z) ? z * z : 0;
        }
        return c;
    }

    /**
     * The probes the region excludes (credibility level above {@link #LEVEL}) that fit within its contour of
     * that level around the best sample so far (χ² above the best's, divided by the emulator's error scale,
     * below the contour): the region claims they are excluded while the data allow them, so the valley goes on.
     */
    static List<Emulator.Sample> open(Region region, List<Emulator.Sample> probes, List<Emulator.Sample> all) {
        double best = Double.POSITIVE_INFINITY;
        for (var s : all) {
            best = Math.min(best, chi2(s));
        }
        double limit = region.contour(LEVEL);
        double scale = region.emulator().scale();
        var out = new ArrayList<Emulator.Sample>();
        for (var p : probes) {
            if ((chi2(p) - best) / scale <= limit && region.level(p.unit()) > LEVEL) {
                out.add(p);
            }
        }
        return out;
    }
}
