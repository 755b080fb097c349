package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Is the minimum a local hole? A space-filling (Sobol) sample over the whole space, or a box
 * around the minimum, and the points among it that beat the minimum by more than the noise:
 * score_min − score_p &gt; z·√(σ_min² + σ_p²) when the metric gives standard errors, plain
 * comparison otherwise.
 */
public final class LocalMinimumCheck {
    /** Significance of "better beyond noise", in combined standard errors. */
    public static final double Z = 2;

    /** A point that beats the minimum, with how many combined standard errors (infinite without errors). */
    public record Better(Point point, double score, double margin, double significance) {
    }

    private LocalMinimumCheck() {
    }

    /**
     * Sobol points in unit-cube coordinates: the whole cube for {@code width} ≥ 0.5, else the box of
     * half-width {@code width} around {@code center} cut to the cube. The sequence's first two
     * points (a corner, and the middle, which is the minimum itself) are skipped, and so are the
     * {@code used} points earlier checks took, so that a new check adds new points.
     */
    public static List<double[]> design(double[] center, double width, int count, int used) {
        int n = center.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = width >= 0.5 ? 0 : Math.max(0, center[i] - width);
            hi[i] = width >= 0.5 ? 1 : Math.min(1, center[i] + width);
        }
        var sobol = SpaceFillingDesign.plain(n).skip(2 + used);
        var out = new ArrayList<double[]>();
        for (int k = 0; k < count; k++) {
            out.add(sobol.nextIn(lo, hi));
        }
        return out;
    }

    /** The points that beat the minimum beyond noise, best first. */
    public static List<Better> better(Score minimum, List<Point> points, List<Optional<Score>> scores) {
        var out = new ArrayList<Better>();
        for (int k = 0; k < points.size(); k++) {
            if (scores.get(k).isEmpty()) {
                continue;
            }
            var s = scores.get(k).get();
            double margin = minimum.value() - s.value();
            if (!(margin > 0)) {
                continue;
            }
            double sig;
            if (minimum.standardError().isPresent() && s.standardError().isPresent()) {
                double e = Math.hypot(minimum.standardError().getAsDouble(), s.standardError().getAsDouble());
                sig = e > 0 ? margin / e : Double.POSITIVE_INFINITY;
            } else {
                sig = Double.POSITIVE_INFINITY;
            }
            if (sig > Z) {
                out.add(new Better(points.get(k), s.value(), margin, sig));
            }
        }
        out.sort(Comparator.comparingDouble(Better::score));
        return out;
    }

    /** One line per point, in the space's units. */
    public static String describe(Space space, Better b) {
        var values = new ArrayList<String>();
        space.format(b.point()).forEach((k, v) -> values.add(k + "=" + v));
        return String.format(Locale.ROOT, "score %.6g (better by %.4g%s): %s", b.score(), b.margin(),
            Double.isInfinite(b.significance()) ? "" : String.format(Locale.ROOT, ", %.1f sigma", b.significance()),
            String.join(" ", values));
    }
}
