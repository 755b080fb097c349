package org.autotune.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The analysis of the samples around a minimum: which samples lie in the scanned region, the
 * weighted quadratic fitted to them, its minimum, and the {@link Constraints} from its Hessian.
 * When the quadratic does not describe the samples, or the samples do not determine it, the
 * result says so instead of giving numbers.
 */
public final class LocalAnalysis {
    /** Below this p-value the quadratic is taken not to describe the samples. */
    public static final double MIN_P = 1e-3;

    private final Space space;
    private final ScanDesign design;
    private final int used;
    private final Optional<QuadraticFit> fit;
    private final Optional<Constraints> constraints;
    private final Optional<Point> minimum;
    private final List<String> problems;

    private LocalAnalysis(Space space, ScanDesign design, int used, Optional<QuadraticFit> fit,
                          Optional<Constraints> constraints, Optional<Point> minimum, List<String> problems) {
        this.space = space;
        this.design = design;
        this.used = used;
        this.fit = fit;
        this.constraints = constraints;
        this.minimum = minimum;
        this.problems = problems;
    }

    /** Analyses the finished samples that lie in the design's region. */
    public static LocalAnalysis of(Space space, ScoreType type, ScanDesign design, List<SampleRecord> samples) {
        var region = Region.of(space, design, samples);
        var problems = new ArrayList<String>();
        QuadraticFit fit;
        try {
            fit = QuadraticFit.fit(region.xs(), region.ys(), region.errors().orElse(null));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return new LocalAnalysis(space, design, region.size(), Optional.empty(), Optional.empty(),
                Optional.empty(), problems);
        }
        if (fit.weighted() && fit.pValue() < MIN_P) {
            problems.add(String.format(Locale.ROOT, "a quadratic does not describe the samples (chi2/ndf = %.1f/%d, "
                + "p = %.1g): the region is too wide for a parabola, or the score has steps; run 'autotune "
                + "scan' (again) with a smaller --width", fit.chi2(), fit.degreesOfFreedom(), fit.pValue()));
            return new LocalAnalysis(space, design, region.size(), Optional.of(fit), Optional.empty(),
                Optional.empty(), problems);
        }
        int n = space.dimension();
        double[][] h = fit.hessian();
        double[][] unitH = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                unitH[i][j] = h[i][j] / (design.widths()[i] * design.widths()[j]);
            }
        }
        var minimum = minimum(space, type, design, fit, unitH, problems);
        var center = minimum.orElse(space.fromUnit(design.center()));
        var constraints = Constraints.of(space, center, unitH, type);
        return new LocalAnalysis(space, design, region.size(), Optional.of(fit), Optional.of(constraints), minimum,
            problems);
    }

    /**
     * The quadratic's minimum when it is one (no falling direction at the centre) and lies within
     * 2.5 widths of the centre inside the cube; else empty, with the reason added to {@code problems}.
     */
    private static Optional<Point> minimum(Space space, ScoreType type, ScanDesign design, QuadraticFit fit,
                                           double[][] unitH, List<String> problems) {
        int n = space.dimension();
        var probe = Constraints.of(space, space.fromUnit(design.center()), unitH, type);
        if (probe.falling()) {
            problems.add("the score falls in some direction around the best point (a saddle, not a minimum); "
                + "the falling directions are listed below: run the optimizer further along them");
            return Optional.empty();
        }
        double[] x = Constraints.newtonStep(fit.hessian(), fit.gradient());
        double[] u = new double[n];
        boolean inside = true;
        for (int i = 0; i < n; i++) {
            inside &= Math.abs(x[i]) <= 2.5;
            u[i] = design.center()[i] + x[i] * design.widths()[i];
            inside &= u[i] >= 0 && u[i] <= 1;
        }
        if (!inside) {
            problems.add("the fitted minimum lies outside the analysed region; run 'autotune scan' again "
                + "(it centres on the best sample) or the optimizer longer");
            return Optional.empty();
        }
        return Optional.of(space.fromUnit(u));
    }

    /**
     * The finished samples inside the design's region, in the design's coordinates (offsets from
     * the centre in widths), with their scores and, when every one has a positive standard error,
     * those errors.
     */
    private record Region(double[][] xs, double[] ys, Optional<double[]> errors) {
        static Region of(Space space, ScanDesign design, List<SampleRecord> samples) {
            int n = space.dimension();
            var xs = new ArrayList<double[]>();
            var ys = new ArrayList<Double>();
            var errors = new ArrayList<Double>();
            boolean allErrors = true;
            for (var s : samples) {
                if (s.status() != SampleStatus.FINISHED || s.score().isEmpty()) {
                    continue;
                }
                double[] u = space.toUnit(pointOf(space, s.point()));
                if (!design.covers(u)) {
                    continue;
                }
                var x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = (u[i] - design.center()[i]) / design.widths()[i];
                }
                xs.add(x);
                ys.add(s.score().getAsDouble());
                allErrors &= s.scoreError().isPresent() && s.scoreError().getAsDouble() > 0;
                errors.add(s.scoreError().orElse(Double.NaN));
            }
            return new Region(xs.toArray(double[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray(),
                allErrors ? Optional.of(errors.stream().mapToDouble(Double::doubleValue).toArray()) : Optional.empty());
        }

        int size() {
            return xs.length;
        }
    }

    public int samplesUsed() { return used; }

    public Optional<QuadraticFit> fit() { return fit; }

    public Optional<Constraints> constraints() { return constraints; }

    /** The quadratic's minimum when it is a minimum inside the scanned region. */
    public Optional<Point> minimum() { return minimum; }

    /** What keeps the numbers from being trusted, in words (empty when all is well). */
    public List<String> problems() { return problems; }

    /** The report, as lines of text. */
    public List<String> describe() {
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "%d samples in the analysed region (within 2.5 widths of the centre)",
            used));
        fit.ifPresent(f -> out.add(f.weighted()
            ? String.format(Locale.ROOT, "quadratic fit: chi2/ndf = %.1f/%d, p = %.2g%s", f.chi2(),
                f.degreesOfFreedom(), f.pValue(), f.pValue() >= MIN_P ? " (a quadratic describes the samples)" : "")
            : String.format(Locale.ROOT, "quadratic fit: unweighted (the metric gives no standard errors), "
                + "rms residual %.3g", Math.sqrt(f.chi2() / Math.max(1, f.degreesOfFreedom())))));
        problems.forEach(p -> out.add("note: " + p));
        constraints.ifPresent(c -> {
            out.add(minimum.isPresent() ? "estimate (the fitted minimum) with 1 sigma:"
                : "at the best sample, 1 sigma:");
            for (var e : c.estimates()) {
                var p = space.parameter(spaceIndex(e.name()));
                out.add(String.format(Locale.ROOT, "  %-16s %14s  +- %-12s %s%s%s", e.name(),
                    Digits.value(e.value(), e.sigma()), Digits.sigma(e.sigma()),
                    p.unit().isEmpty() ? "" : p.unit() + " ", e.poor() ? "POORLY CONSTRAINED" : "",
                    e.rangeLimited() ? (e.poor() ? ", " : "") + "range-limited" : ""));
            }
            var poor = c.poorlyConstrained();
            out.add(poor.isEmpty() ? "every parameter is constrained to within a quarter of its range"
                : "poorly constrained: " + String.join(", ", poor));
            out.add("principal directions (unit-cube coordinates, log parameters on their log scale), "
                + "least constrained first:");
            for (var d : c.directions()) {
                out.add(String.format(Locale.ROOT, "  %-28s %s", Double.isNaN(d.width()) ? "flat or falling"
                    : "1 sigma = " + Digits.sigma(d.width()) + " of the range", c.describe(d)
                    + (d.poor() ? "   <- poorly constrained" : "")));
            }
            var strong = new ArrayList<String>();
            double[][] r = c.correlation();
            for (int i = 0; i < r.length; i++) {
                for (int j = i + 1; j < r.length; j++) {
                    if (Math.abs(r[i][j]) >= 0.5) {
                        strong.add(String.format(Locale.ROOT, "%s-%s %+.2f", space.parameter(i).name(),
                            space.parameter(j).name(), r[i][j]));
                    }
                }
            }
            if (!strong.isEmpty()) {
                out.add("correlations of 0.5 or more: " + String.join(", ", strong));
            }
        });
        return out;
    }

    /** The numbers, for the journal (and later reports). */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("samples_used", used);
        fit.ifPresent(f -> {
            map.put("fit_chi2", f.chi2());
            map.put("fit_ndf", f.degreesOfFreedom());
            map.put("fit_weighted", f.weighted());
        });
        map.put("problems", problems);
        minimum.ifPresent(m -> map.put("minimum", m.asMap()));
        constraints.ifPresent(c -> {
            var est = new LinkedHashMap<String, Object>();
            for (var e : c.estimates()) {
                est.put(e.name(), Map.of("value", e.value(), "sigma", e.sigma(), "poorly_constrained", e.poor(),
                    "range_limited", e.rangeLimited()));
            }
            map.put("estimates", est);
            map.put("poorly_constrained", c.poorlyConstrained());
            var dirs = new ArrayList<Object>();
            for (var d : c.directions()) {
                dirs.add(Map.of("vector", d.vector(), "width", Double.isNaN(d.width()) ? "flat" : d.width(),
                    "poorly_constrained", d.poor()));
            }
            map.put("directions", dirs);
            map.put("correlation", c.correlation());
        });
        return map;
    }

    /** A journaled point (parameter name to value) as a point of the space. */
    public static Point pointOf(Space space, Map<String, Double> values) {
        return new Point(space.names(), space.names().stream().mapToDouble(values::get).toArray());
    }

    private int spaceIndex(String name) {
        return space.names().indexOf(name);
    }

    private static double round(double v) {
        return Parameter.rounded(v, 3);
    }
}
