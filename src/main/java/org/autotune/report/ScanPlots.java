package org.autotune.report;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.QuadraticFit;
import org.autotune.analysis.ScanDesign;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Plots of the scans around the minimum: the 1-D profiles along each parameter with the fitted
 * quadratic and the ±1σ band of the analysis, the 2-D grid maps, and the correlation matrix.
 * No contour is interpolated between noisy samples: a grid shows its cells as they were measured.
 */
final class ScanPlots {
    /** Points along each fitted parabola. */
    static final int CURVE = 61;

    private ScanPlots() {
    }

    /**
     * (d) For each parameter, the samples on the scan's line through its centre along that
     * parameter (others at the centre), the slice of the quadratic fitted to the scan's region
     * along the same line, and the analysis' estimate ± 1σ as a band.
     */
    static Optional<Figure> profiles(ReportSource source, Optional<AnalysisNumbers> analysis,
                                     Optional<QuadraticFit> fit) {
        if (source.scan().isEmpty()) {
            return Optional.empty();
        }
        var panels = new ArrayList<Chart<?, ?>>();
        for (int i = 0; i < varied(source.space()).dimension(); i++) {
            profile(source, i, analysis, fit).ifPresent(panels::add);   // absent: every sample on the line failed
        }
        if (panels.isEmpty()) {
            return Optional.empty();
        }
        int k = source.scan().get().number();
        var held = source.scan().get().held();
        return Optional.of(new Figure("profiles", "1-D scan profiles",
            "Scan " + k + (held.isEmpty() ? "" : " (" + source.scan().get().heldText(source.space()) + " held)")
                + ": for each "
                + "real and log parameter, the samples on the line through the scan's centre along that "
                + "parameter, the others held at the centre (black, with the scores' standard errors), the slice "
                + "of the quadratic fitted to every sample of the scan's region along the same line (green), and "
                + "the analysis' estimate ± 1σ (red band; the fitted minimum of all parameters together, so it need "
                + "not sit at the bottom of one slice when parameters are correlated). Samples that sit off the "
                + "curve show where a quadratic stops describing the score." + (fit.isEmpty()
                ? " No quadratic could be fitted to this region (see the analysis)." : ""),
            panels, SamplePlots.columns(panels.size()), SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT));
    }

    /** One panel of {@link #profiles}: parameter {@code i}'s line of samples, the fit's slice, the 1σ band. */
    private static Optional<XYChart> profile(ReportSource source, int i, Optional<AnalysisNumbers> analysis,
                                             Optional<QuadraticFit> fit) {
        var space = varied(source.space());
        var design = source.scan().get().design();
        var p = space.parameter(i);
        var line = onAxis(space, design.center(), design.widths(), i, atHeld(source));
        var chart = ChartStyle.xy(SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT, p.name(),
            p.unit().isEmpty() ? p.name() : p.name() + " [" + p.unit() + "]", "score", true);
        chart.getStyler().setXAxisLogarithmic(p.kind() == ParameterKind.LOG);
        double[] curveX = new double[CURVE];
        double[] curveY = new double[CURVE];
        if (fit.isPresent()) {
            for (int k = 0; k < CURVE; k++) {
                double t = -2.5 + 5.0 * k / (CURVE - 1);
                double[] x = new double[space.dimension()];
                x[i] = t;
                curveX[k] = p.fromUnit(design.center()[i] + t * design.widths()[i]);
                curveY[k] = fit.get().value(x);
            }
        }
        double lo = Math.min(min(line.scores()), fit.isPresent() ? min(curveY) : Double.POSITIVE_INFINITY);
        double hi = Math.max(max(line.scores()), fit.isPresent() ? max(curveY) : Double.NEGATIVE_INFINITY);
        var estimate = analysis.map(a -> a.estimates().get(p.name()));
        sigmaBand(chart, p, estimate, line, fit.isPresent() ? curveX : new double[0], lo, hi);
        if (fit.isPresent()) {
            ChartStyle.line(chart, "fitted quadratic", curveX, curveY, ChartStyle.FIT, false);
        }
        if (line.scores().length > 0) {
            if (line.hasErrors()) {
                ChartStyle.errors(chart, "scan samples", line.values(), line.scores(), line.errors(),
                    ChartStyle.DATA);
            } else {
                ChartStyle.scatter(chart, "scan samples", line.values(), line.scores(), ChartStyle.DATA);
            }
        }
        return chart.getSeriesCollection().isEmpty() ? Optional.empty() : Optional.of(chart);
    }

    /** The analysis' estimate ± 1σ as a band from {@code lo} to {@code hi}, where it overlaps the plot. */
    private static void sigmaBand(XYChart chart, Parameter p, Optional<AnalysisNumbers.Estimate> estimate, Line line,
                                  double[] curveX, double lo, double hi) {
        if (estimate.isPresent() && estimate.get() != null && Double.isFinite(lo) && Double.isFinite(hi)
            && Double.isFinite(estimate.get().sigma())) {
            var e = estimate.get();
            // clipped to the plotted line, so that a range-limited 1σ does not squeeze the samples
            double left = Math.min(min(line.values()), min(curveX));
            double right = Math.max(max(line.values()), max(curveX));
            double a = Math.max(e.value() - e.sigma(), left);
            double b = Math.min(e.value() + e.sigma(), right);
            if (a < b && (p.kind() != ParameterKind.LOG || a > 0)) {
                ChartStyle.polygon(chart, "estimate ± 1σ", new double[] {a, a, b, b}, new double[] {lo, hi, hi, lo},
                    ChartStyle.SIGMA);
            }
        }
    }

    /** The finished samples on the line through {@code center} along parameter {@code axis}, within 2.5 widths. */
    record Line(double[] values, double[] scores, double[] errors, boolean hasErrors) {
    }

    static Line onAxis(Space space, double[] center, double[] widths, int axis, List<SampleRecord> samples) {
        var rows = new ArrayList<double[]>();
        boolean errors = true;
        for (var s : samples) {
            if (s.status() != SampleStatus.FINISHED || s.score().isEmpty()) {
                continue;
            }
            double[] u = space.toUnit(LocalAnalysis.pointOf(space, s.point()));
            boolean on = Math.abs(u[axis] - center[axis]) <= 2.5 * widths[axis] + 1e-12;
            for (int j = 0; j < u.length && on; j++) {
                // the journal keeps the values the scan ran, so the round trip is exact to rounding
                on = j == axis || Math.abs(u[j] - center[j]) <= 1e-9 + 1e-6 * widths[j];
            }
            if (on) {
                errors &= s.scoreError().isPresent();
                rows.add(new double[] {s.point().get(space.parameter(axis).name()), s.score().getAsDouble(),
                    s.scoreError().orElse(0)});
            }
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        var line = new Line(new double[rows.size()], new double[rows.size()], new double[rows.size()],
            errors && !rows.isEmpty());
        for (int r = 0; r < rows.size(); r++) {
            line.values()[r] = rows.get(r)[0];
            line.scores()[r] = rows.get(r)[1];
            line.errors()[r] = rows.get(r)[2];
        }
        return line;
    }

    /** (e) One heat map per finished grid: the score in each cell as measured (failed cells are left blank). */
    static List<Figure> grids(ReportSource source) {
        var out = new ArrayList<Figure>();
        for (var g : source.grids()) {
            var x = source.space().parameter(source.space().names().indexOf(g.x()));
            var y = source.space().parameter(source.space().names().indexOf(g.y()));
            HeatMapChart chart = ChartStyle.heat(560, 460, "score over " + g.x() + " and " + g.y(),
                g.x() + (x.unit().isEmpty() ? "" : " [" + x.unit() + "]"),
                g.y() + (y.unit().isEmpty() ? "" : " [" + y.unit() + "]"), false);
            var cells = new ArrayList<Number[]>();
            for (int row = 0; row < g.ys().length; row++) {
                for (int col = 0; col < g.xs().length; col++) {
                    double v = g.scores()[row][col];
                    if (Double.isFinite(v)) {
                        cells.add(new Number[] {col, row, v});
                    }
                }
            }
            if (cells.isEmpty()) {
                continue;
            }
            chart.addSeries("score", labels(g.xs()), labels(g.ys()), cells);
            chart.getStyler().setShowValue(g.xs().length <= 9);
            chart.getStyler().setHeatMapValueDecimalPattern(ChartStyle.pattern(g.scores()));
            // the colour bar prints its ends as they are: give it round ones (two significant digits, outward)
            double[] ends = ChartStyle.roundOut(cells.stream().mapToDouble(c -> c[2].doubleValue()).min().orElse(0),
                cells.stream().mapToDouble(c -> c[2].doubleValue()).max().orElse(1));
            chart.getStyler().setMin(ends[0]);
            chart.getStyler().setMax(ends[1]);
            out.add(Figure.single("grid-" + g.number(), "2-D grid " + g.number() + ": " + g.x() + " and " + g.y(),
                "The score of each sample of grid " + g.number() + " (" + g.xs().length + " × " + g.ys().length
                    + " points, every other parameter at the minimum), one cell per sample, coloured from low (light) "
                    + "to high (dark). A valley running diagonally is the correlation of the pair seen directly. "
                    + "Blank cells are failed samples.", chart, 560, 460));
        }
        return out;
    }

    /** The quadratic fitted to the newest scan's region (as the analysis fits it), shared by the scan plots. */
    static Optional<QuadraticFit> fit(ReportSource source) {
        return source.scan().flatMap(scan -> LocalAnalysis.of(varied(source.space()), source.scoreType(),
            scan.design(), atHeld(source)).fit());
    }

    /**
     * The parameters a scan and the analysis vary: every one of a continuous campaign, else the real
     * and log ones (the integer and choice ones are held).
     */
    static Space varied(Space space) {
        var continuous = space.parameters().stream().filter(p -> p.kind().continuous()).toList();
        return continuous.isEmpty() || space.continuous() ? space : new Space(continuous);
    }

    /**
     * The samples with the values the newest scan held the integer and choice parameters at, without
     * the noise replicates (other seeds than the samples the quadratic was fitted to).
     */
    private static List<SampleRecord> atHeld(ReportSource source) {
        var scan = source.scan().orElseThrow();
        return source.samples().stream().filter(s -> !s.noiseReplicate() && scan.holds(s.point())).toList();
    }

    /** Points along each contour ellipse. */
    static final int ELLIPSE = 121;

    /**
     * (e) For each finished grid with a quadratic fitted to the newest scan: the grid's samples and
     * the fitted quadratic's 1σ and 2σ contours (Δχ² = 1 and 4; Δ(−ln L) = ½ and 2) in the pair's
     * plane, the other parameters where the grid held them. The contours are the fit's, not
     * interpolated between noisy samples; none are drawn where the fit does not rise in the plane.
     */
    static List<Figure> contours(ReportSource source, Optional<QuadraticFit> fit) {
        var out = new ArrayList<Figure>();
        if (source.scan().isEmpty()) {
            return out;
        }
        if (fit.isEmpty()) {
            return out;
        }
        for (var g : source.grids()) {
            contour(source, g, fit.get()).ifPresent(out::add);
        }
        return out;
    }

    /** One figure of {@link #contours}: grid {@code g}'s samples and the fit's contours in its plane. */
    private static Optional<Figure> contour(ReportSource source, ReportSource.Grid g, QuadraticFit fit) {
        var space = varied(source.space());
        var design = source.scan().get().design();
        double k = source.scoreType() == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
        int i = space.names().indexOf(g.x());
        int j = space.names().indexOf(g.y());
        var gridSamples = atHeld(source).stream().filter(r -> r.origin().equals("grid-" + g.number())
            && r.status() == SampleStatus.FINISHED).toList();
        if (gridSamples.isEmpty()) {
            return Optional.empty();
        }
        var z = sliceMinimum(space, design, fit, i, j, gridSamples.get(0));
        if (z.isEmpty()) {
            return Optional.empty();
        }
        double[][] h = fit.hessian();
        var px = space.parameter(i);
        var py = space.parameter(j);
        XYChart chart = ChartStyle.xy(560, 460, "fitted contours over " + g.x() + " and " + g.y(),
            g.x() + (px.unit().isEmpty() ? "" : " [" + px.unit() + "]"),
            g.y() + (py.unit().isEmpty() ? "" : " [" + py.unit() + "]"), false);
        chart.getStyler().setXAxisLogarithmic(px.kind() == ParameterKind.LOG);
        chart.getStyler().setYAxisLogarithmic(py.kind() == ParameterKind.LOG);
        ChartStyle.scatter(chart, "grid samples", gridSamples.stream().mapToDouble(r -> r.point().get(g.x()))
            .toArray(), gridSamples.stream().mapToDouble(r -> r.point().get(g.y())).toArray(), ChartStyle.SAMPLES);
        double[] sigmas = {1, 2};
        Color[] colors = {ChartStyle.BEST, ChartStyle.START};
        for (int c = 0; c < sigmas.length; c++) {
            double level = k / 2 * sigmas[c] * sigmas[c];
            double[] ex = new double[ELLIPSE];
            double[] ey = new double[ELLIPSE];
            for (int t = 0; t < ELLIPSE; t++) {
                double phi = 2 * Math.PI * t / (ELLIPSE - 1);
                double di = Math.cos(phi);
                double dj = Math.sin(phi);
                double curv = h[i][i] * di * di + 2 * h[i][j] * di * dj + h[j][j] * dj * dj;
                double r = Math.sqrt(2 * level / curv);
                ex[t] = px.fromUnit(design.center()[i] + (z.get()[0] + r * di) * design.widths()[i]);
                ey[t] = py.fromUnit(design.center()[j] + (z.get()[1] + r * dj) * design.widths()[j]);
            }
            ChartStyle.line(chart, sigmas[c] == 1 ? "1 sigma" : "2 sigma", ex, ey, colors[c], false);
        }
        return Optional.of(Figure.single("contour-" + g.number(), "Fitted contours on grid " + g.number() + ": "
                + g.x() + " and " + g.y(),
            "The 1σ and 2σ contours (Δχ² = 1 and 4) of the quadratic fitted to scan " + source.scan().get().number()
                + ", in the plane of grid " + g.number() + " (every other parameter where the grid held it), over "
                + "the grid's samples. A tilted ellipse is a correlation; one far wider than the grid, a parameter "
                + "the data barely constrain. The ellipses are not cut at the search range.", chart, 560, 460));
    }

    /**
     * The minimum (z_i, z_j) of the fit's slice in the plane of parameters i and j through a grid
     * sample, in the fit's coordinates x = (u − centre) / width; empty where the fit does not rise
     * in that plane.
     */
    private static Optional<double[]> sliceMinimum(Space space, ScanDesign design, QuadraticFit fit, int i, int j,
                                                   SampleRecord onGrid) {
        double[] u0 = space.toUnit(LocalAnalysis.pointOf(space, onGrid.point()));
        int n = space.dimension();
        double[] x0 = new double[n];
        for (int a = 0; a < n; a++) {
            x0[a] = (u0[a] - design.center()[a]) / design.widths()[a];
        }
        double[][] h = fit.hessian();
        double[] grad = fit.gradient();
        // the slice's minimum: solve H_pp z = −(g_p + H_p,others x_others)
        double bi = grad[i];
        double bj = grad[j];
        for (int a = 0; a < n; a++) {
            if (a != i && a != j) {
                bi += h[i][a] * x0[a];
                bj += h[j][a] * x0[a];
            }
        }
        double det = h[i][i] * h[j][j] - h[i][j] * h[j][i];
        if (!(h[i][i] > 0 && det > 0)) {
            return Optional.empty();
        }
        return Optional.of(new double[] {-(h[j][j] * bi - h[i][j] * bj) / det, -(h[i][i] * bj - h[j][i] * bi) / det});
    }

    /** (f) The correlation matrix of the analysis, −1 (blue) to +1 (red). */
    static Optional<Figure> correlation(Space space, Optional<AnalysisNumbers> analysis) {
        if (analysis.isEmpty() || analysis.get().correlation().isEmpty()) {
            return Optional.empty();
        }
        double[][] r = analysis.get().correlation().get();
        int n = r.length;
        if (n != space.dimension() || n < 2) {
            return Optional.empty();
        }
        var names = space.names();
        var reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        var cells = new ArrayList<Number[]>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Double.isFinite(r[i][j])) {
                    cells.add(new Number[] {j, n - 1 - i, r[i][j]});   // row i from the top
                }
            }
        }
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        int size = Math.min(900, 240 + 45 * n);
        var chart = ChartStyle.heat(size + 80, size, "correlation", "", "", true);
        chart.addSeries("correlation", names, reversed, cells);
        chart.getStyler().setMin(-1);
        chart.getStyler().setMax(1);
        chart.getStyler().setShowValue(n <= 12);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        return Optional.of(Figure.single("correlation", "Correlation matrix",
            "Correlations of the parameters from the analysis (" + analysis.get().region() + "): +1 (red) the two "
                + "move together along the valley of the score, −1 (blue) they trade off, 0 (white) independent.",
            chart, size + 80, size));
    }

    /** Axis labels with as few significant digits (4 or more) as keep them apart. */
    static List<String> labels(double[] values) {
        for (int digits = 4; ; digits++) {
            var out = new ArrayList<String>();
            for (double v : values) {
                out.add(digits >= 17 ? Double.toString(v) : new BigDecimal(v)
                    .round(new MathContext(digits)).stripTrailingZeros().toPlainString());
            }
            if (digits >= 17 || new HashSet<>(out).size() == out.size()) {
                return out;
            }
        }
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
