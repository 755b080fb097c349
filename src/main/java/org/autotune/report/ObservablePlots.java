package org.autotune.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.autotune.journal.SampleRecord;
import org.autotune.score.Observable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Plots of the observables behind the score (histogram bins, means and widths, spectrum bins):
 * the envelope of all samples against the data, and the simulation at the start and at the best
 * sample against the data, with the pulls. One panel per group of observables, since their
 * scales differ; at most {@link #MAX_PANELS} panels (the list of observables outside the
 * envelope always covers all of them).
 */
final class ObservablePlots {
    static final int MAX_PANELS = 24;
    /** Up to this many observables, the pulls' x axis names each one. */
    static final int NAMED_PULLS = 4;

    private ObservablePlots() {
    }

    /** (g) Per observable: the band from the lowest to the highest simulated value, and the data ± error. */
    static Optional<Figure> envelope(Envelope envelope) {
        if (envelope.bands().isEmpty()) {
            return Optional.empty();
        }
        var groups = Envelope.groups(envelope.names());
        var panels = new ArrayList<Chart<?, ?>>();
        for (var g : groups.subList(0, Math.min(MAX_PANELS, groups.size()))) {
            int m = g.members().size();
            var chart = panel(g, m);
            double[] bx = new double[m == 1 ? 4 : 2 * m];
            double[] by = new double[bx.length];
            if (m == 1) {
                var b = envelope.bands().get(g.members().get(0));
                bx = new double[] {-0.3, -0.3, 0.3, 0.3};
                by = new double[] {b.min(), b.max(), b.max(), b.min()};
            } else {
                for (int k = 0; k < m; k++) {
                    var b = envelope.bands().get(g.members().get(k));
                    bx[k] = k;
                    by[k] = b.max();
                    bx[2 * m - 1 - k] = k;
                    by[2 * m - 1 - k] = b.min();
                }
            }
            ChartStyle.polygon(chart, "all samples", bx, by, ChartStyle.BAND);
            var inside = new Points();
            var outside = new Points();
            for (int k = 0; k < m; k++) {
                var b = envelope.bands().get(g.members().get(k));
                (b.outside() ? outside : inside).add(k, b.reference(), b.referenceError());
            }
            inside.plot(chart, "data", ChartStyle.DATA);
            outside.plot(chart, "data outside", ChartStyle.BEST);
            panels.add(chart);
        }
        return Optional.of(new Figure("envelope", "Envelope of all samples against the data",
            "For each observable, the band from the lowest to the highest simulated value over all "
                + envelope.samples() + " finished samples with observables (blue), and the data ± error "
                + "(black; red where the data lie "
                + "outside the band by more than the combined error). Data outside the band cannot be fitted by any "
                + "point the campaign has sampled." + more(groups.size()), panels, SamplePlots.columns(panels.size()),
            SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT));
    }

    /** (h) The simulation ± error at the start and at the best sample, against the data ± error. */
    static Optional<Figure> overlay(SampleRecord start, SampleRecord best) {
        if (best.observables().isEmpty()) {
            return Optional.empty();
        }
        var names = best.observables().stream().map(Observable::name).toList();
        var groups = Envelope.groups(names);
        var startByName = new HashMap<String, Observable>();
        start.observables().forEach(o -> startByName.put(o.name(), o));
        var panels = new ArrayList<Chart<?, ?>>();
        for (var g : groups.subList(0, Math.min(MAX_PANELS, groups.size()))) {
            int m = g.members().size();
            var chart = panel(g, m);
            var data = new Points();
            var first = new Points();
            var last = new Points();
            // side by side within each observable, so that the error bars stay apart
            double shift = m == 1 ? 0.15 : 0.2;
            for (int k = 0; k < m; k++) {
                var o = best.observables().get(g.members().get(k));
                data.add(k, o.reference(), o.referenceError());
                var s = startByName.get(o.name());
                if (s != null) {
                    first.add(k - shift, s.simulated(), s.simulatedError());
                }
                last.add(k + shift, o.simulated(), o.simulatedError());
            }
            data.plot(chart, "data", ChartStyle.DATA);
            first.plot(chart, "start (sample " + start.name() + ")", ChartStyle.START);
            last.plot(chart, "best (sample " + best.name() + ")", ChartStyle.BEST);
            panels.add(chart);
        }
        return Optional.of(new Figure("overlay", "Data and simulation at the start and at the best sample",
            "For each observable: the data ± error (black), the simulation ± its statistical error at the first "
                + "finished sample (orange, sample " + start.name() + ") and at the best sample (red, sample "
                + best.name() + ")." + more(groups.size()), panels, SamplePlots.columns(panels.size()),
            SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT));
    }

    /** (h) The pulls (simulated − data) / combined error of every observable, at the start and at the best sample. */
    static Optional<Figure> pulls(SampleRecord start, SampleRecord best) {
        if (best.observables().isEmpty()) {
            return Optional.empty();
        }
        var panels = new ArrayList<Chart<?, ?>>();
        for (var s : List.of(start, best)) {
            String which = s == start ? "start" : "best";
            int n = s.observables().size();
            var named = new ArrayList<String>();
            for (int k = 0; k < n && n <= NAMED_PULLS; k++) {
                named.add(k + " " + s.observables().get(k).name());
            }
            // few observables: the axis title names each index; many: their names are in the metric's order
            var chart = ChartStyle.xy(450, 260, "pulls at the " + which + " (sample " + s.name() + ")",
                n <= NAMED_PULLS ? String.join(", ", named) : "observable (index in the metric's order)", "pull", true);
            chart.getStyler().setXAxisMin(-1.0).setXAxisMax((double) n);
            ChartStyle.polygon(chart, "±1", new double[] {-0.5, -0.5, n - 0.5, n - 0.5}, new double[] {-1, 1, 1, -1},
                ChartStyle.BAND);
            var x = new ArrayList<Double>();
            var y = new ArrayList<Double>();
            for (int k = 0; k < n; k++) {
                double pull = s.observables().get(k).pull();
                if (Double.isFinite(pull)) {
                    x.add((double) k);
                    y.add(pull);
                }
            }
            if (!x.isEmpty()) {
                ChartStyle.scatter(chart, "pull", x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray(),
                    s == start ? ChartStyle.START : ChartStyle.BEST);
            }
            panels.add(chart);
        }
        return Optional.of(new Figure("pulls", "Pulls at the start and at the best sample",
            "(simulated − data) / √(σ_sim² + σ_data²) for every observable, at the first finished sample (sample "
                + start.name() + ") and at the best sample (sample " + best.name() + "); the band marks ±1. At a good "
                + "tune they scatter around 0 with a spread of about 1; a run of pulls on one side is a shape the "
                + "simulation misses.", panels, 2, 450, 260));
    }

    private static XYChart panel(Envelope.Group g, int m) {
        var chart = ChartStyle.xy(SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT,
            m == 1 ? g.name() : g.name() + " [0.." + (m - 1) + "]", m == 1 ? "" : "index", g.name(), true);
        if (m == 1) {
            chart.getStyler().setXAxisMin(-1.0);
            chart.getStyler().setXAxisMax(1.0);
            chart.getStyler().setXAxisTicksVisible(false);
        }
        return chart;
    }

    private static String more(int groups) {
        return groups > MAX_PANELS ? " Only the first " + MAX_PANELS + " of " + groups + " groups of observables are "
            + "drawn." : "";
    }

    /** Points with errors, collected before they become one series (a series must not be empty). */
    private static final class Points {
        private final List<double[]> rows = new ArrayList<>();

        void add(double x, double y, double err) {
            if (Double.isFinite(y)) {
                rows.add(new double[] {x, y, Double.isFinite(err) ? err : 0});
            }
        }

        void plot(XYChart chart, String name, Color color) {
            if (rows.isEmpty()) {
                return;
            }
            double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] y = rows.stream().mapToDouble(r -> r[1]).toArray();
            double[] e = rows.stream().mapToDouble(r -> r[2]).toArray();
            ChartStyle.errors(chart, name, x, y, e, color);
        }
    }
}
