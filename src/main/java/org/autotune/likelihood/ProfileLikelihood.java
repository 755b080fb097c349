package org.autotune.likelihood;

import java.util.ArrayList;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * Profile likelihood of one parameter (MINOS-like): hold it at a value, re-minimise −ln L over
 * the other free parameters, and find where 2Δ(−ln L) crosses the level on each side of the
 * minimum. Each side is bracketed by steps of the parabolic uncertainty that double until the
 * curve passes the level (or the bound is reached), then refined with Brent's method to 1e-4 of
 * the parabolic uncertainty. Each profile point starts from the previous one's nuisance values.
 */
public final class ProfileLikelihood {
    private ProfileLikelihood() {
    }

    /** The 68.3 % interval (2Δ(−ln L) = 1) of {@code parameter}, a free parameter of {@code fit}. */
    public static ProfileInterval interval(Fit fit, FitResult best, String parameter) {
        return interval(fit, best, parameter, 1.0);
    }

    /** The interval where 2Δ(−ln L) = {@code level} (1 → 68.3 %, 3.84 → 95 % for one parameter). */
    public static ProfileInterval interval(Fit fit, FitResult best, String parameter, double level) {
        if (!(level > 0)) {
            throw new IllegalArgumentException("level " + level + " must be positive");
        }
        var lik = fit.likelihood();
        int k = lik.indexOf(parameter);
        double centre = best.values()[k];
        double sigma = best.error(parameter);
        var others = new ArrayList<>(fit.free());
        others.remove(parameter);
        var curve = new Curve(new Fit(lik, others), best, k, level);
        var p = lik.parameters().get(k);
        var lo = side(curve, centre, -sigma, p.lower());
        var hi = side(curve, centre, sigma, p.upper());
        return new ProfileInterval(parameter, centre, lo.edge(), hi.edge(), level, lo.atBound(),
            hi.atBound());
    }

    private record Edge(double edge, boolean atBound) {
    }

    private static Edge side(Curve curve, double centre, double step, double bound) {
        curve.reset();
        double inside = centre;
        for (int i = 0; i < 40; i++) {
            double outside = centre + step;
            boolean beyond = step > 0 ? outside >= bound : outside <= bound;
            if (beyond) {
                outside = bound;
            }
            if (curve.value(outside) >= 0) {
                double tol = 1e-4 * Math.abs(step) / Math.pow(2, i);
                double root = new BrentSolver(tol).solve(200, curve::value, Math.min(inside, outside),
                    Math.max(inside, outside));
                return new Edge(root, false);
            }
            if (beyond || !Double.isFinite(outside)) {
                return new Edge(bound, true);
            }
            inside = outside;
            step *= 2;
        }
        throw new IllegalStateException("profile did not reach the level within 2^40 uncertainties of "
            + centre + "; fix: bound the parameter");
    }

    /** 2Δ(−ln L) − level at a fixed value of the parameter, warm-started from the last point. */
    private static final class Curve {
        private final Fit others;
        private final FitResult best;
        private final int k;
        private final double level;
        private double[] last;

        Curve(Fit others, FitResult best, int k, double level) {
            this.others = others;
            this.best = best;
            this.k = k;
            this.level = level;
        }

        void reset() {
            last = best.values();
        }

        double value(double v) {
            var start = last.clone();
            start[k] = v;
            var r = others.minimize(start);
            last = r.values();
            return 2 * (r.negLogLikelihood() - best.negLogLikelihood()) - level;
        }
    }
}
