package org.autotune.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.journal.SampleRecord;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots of the samples as a sequence: the score of each sample with the best so far, each
 * parameter's trace, and the best-so-far path over the sample cloud on pairs of parameters.
 * Dense series are thinned to {@link ChartStyle#MAX_POINTS}; the best-so-far points are always kept.
 */
final class SamplePlots {
    static final int PANEL_WIDTH = 300;
    static final int PANEL_HEIGHT = 220;
    /** Pairs shown in the path plot. */
    static final int PAIRS = 4;

    private SamplePlots() {
    }

    /** (a) Score per sample and the best so far; a log axis when the scores span two decades. */
    static Optional<Figure> score(History h) {
        if (h.finished().isEmpty()) {
            return Optional.empty();
        }
        double[] scores = h.scores();
        boolean log = ChartStyle.spansDecades(scores);
        var chart = ChartStyle.xy(900, 380, "", "sample (in the order created)", log ? "score (log)" : "score", false);
        chart.getStyler().setYAxisLogarithmic(log);
        int[] keep = ChartStyle.thin(scores.length, ChartStyle.MAX_POINTS, h.improved());
        ChartStyle.scatter(chart, "samples", pick(h.position(), keep), pick(scores, keep), ChartStyle.SAMPLES);
        int[] best = h.bestSoFar();
        double[] bx = new double[best.length + 1];
        double[] by = new double[best.length + 1];
        for (int i = 0; i < best.length; i++) {
            bx[i] = h.position()[best[i]];
            by[i] = scores[best[i]];
        }
        bx[best.length] = h.total();
        by[best.length] = by[best.length - 1];
        ChartStyle.line(chart, "best so far", bx, by, ChartStyle.BEST, true);
        return Optional.of(Figure.single("score", "Score per sample",
            "Each finished sample's score (lower is better) in the order the samples were created, and the best "
                + "score so far. Scan, grid and check samples follow the optimizer's."
                + thinned(scores.length, ChartStyle.MAX_POINTS),
            chart, 900, 380));
    }

    /** (b) One panel per parameter: its value in each sample, failed samples apart, and the best so far. */
    static Optional<Figure> traces(History h, Space space) {
        if (h.finished().isEmpty() && h.failed().isEmpty()) {
            return Optional.empty();
        }
        var panels = new ArrayList<Chart<?, ?>>();
        int[] keep = ChartStyle.thin(h.finished().size(), ChartStyle.PANEL_POINTS, h.improved());
        int[] keepFailed = ChartStyle.thin(h.failed().size(), ChartStyle.PANEL_POINTS, null);
        for (var p : space.parameters()) {
            var chart = ChartStyle.xy(PANEL_WIDTH, PANEL_HEIGHT, p.name(), "sample", unit(p.unit()), true);
            chart.getStyler().setYAxisLogarithmic(p.kind() == ParameterKind.LOG);
            if (!h.finished().isEmpty()) {
                ChartStyle.scatter(chart, "finished", pick(h.position(), keep), values(h.finished(), p.name(), keep),
                    ChartStyle.SAMPLES);
            }
            if (!h.failed().isEmpty()) {
                ChartStyle.scatter(chart, "failed", pick(h.failedPosition(), keepFailed),
                    values(h.failed(), p.name(), keepFailed), ChartStyle.FAILED);
            }
            int[] best = h.bestSoFar();
            if (best.length > 0) {
                double[] bx = new double[best.length + 1];
                double[] by = new double[best.length + 1];
                for (int i = 0; i < best.length; i++) {
                    bx[i] = h.position()[best[i]];
                    by[i] = h.finished().get(best[i]).point().get(p.name());
                }
                bx[best.length] = h.total();
                by[best.length] = by[best.length - 1];
                ChartStyle.line(chart, "best so far", bx, by, ChartStyle.BEST, true);
            }
            panels.add(chart);
        }
        return Optional.of(new Figure("traces", "Parameter traces",
            "One panel per parameter: its value in each sample (blue: finished, purple: failed) and in the best "
                + "sample so far (red line). A trace that settles shows a parameter the score pins down; one that "
                + "keeps wandering while the score no longer improves shows a flat direction."
                + thinned(h.finished().size(), ChartStyle.PANEL_POINTS), panels, columns(panels.size()), PANEL_WIDTH,
            PANEL_HEIGHT));
    }

    /**
     * (c) The best-so-far sequence over the cloud of finished samples, projected on pairs of
     * parameters: the most correlated pairs when the analysis has correlations, else neighbours.
     */
    static Optional<Figure> path(History h, Space space, Optional<double[][]> correlation) {
        if (h.finished().isEmpty() || space.dimension() < 2) {
            return Optional.empty();
        }
        var panels = new ArrayList<Chart<?, ?>>();
        int[] keep = ChartStyle.thin(h.finished().size(), ChartStyle.PANEL_POINTS, h.improved());
        int[] best = h.bestSoFar();
        for (int[] pair : pairs(space.dimension(), correlation)) {
            var px = space.parameter(pair[0]);
            var py = space.parameter(pair[1]);
            XYChart chart = ChartStyle.xy(PANEL_WIDTH + 60, PANEL_HEIGHT + 60, px.name() + " – " + py.name(),
                px.name() + unitSuffix(px.unit()), py.name() + unitSuffix(py.unit()), true);
            chart.getStyler().setXAxisLogarithmic(px.kind() == ParameterKind.LOG);
            chart.getStyler().setYAxisLogarithmic(py.kind() == ParameterKind.LOG);
            ChartStyle.scatter(chart, "samples", values(h.finished(), px.name(), keep),
                values(h.finished(), py.name(), keep), ChartStyle.SAMPLES);
            var path = ChartStyle.line(chart, "best so far", values(h.finished(), px.name(), best),
                values(h.finished(), py.name(), best), ChartStyle.BEST, false);
            path.setMarker(SeriesMarkers.CIRCLE);
            path.setMarkerColor(ChartStyle.BEST);
            int first = best[0];
            int last = best[best.length - 1];
            ChartStyle.scatter(chart, "start", new double[] {value(h.finished().get(first), px.name())},
                new double[] {value(h.finished().get(first), py.name())}, ChartStyle.START)
                .setMarker(SeriesMarkers.SQUARE);
            ChartStyle.scatter(chart, "best", new double[] {value(h.finished().get(last), px.name())},
                new double[] {value(h.finished().get(last), py.name())}, ChartStyle.BEST)
                .setMarker(SeriesMarkers.DIAMOND);
            panels.add(chart);
        }
        return Optional.of(new Figure("path", "Descent path",
            "The best-so-far sequence (red, from the orange square to the red diamond) over the cloud of all "
                + "finished samples (blue), on " + (correlation.isPresent() ? "the most correlated pairs of "
                + "parameters (from the analysis)" : "neighbouring pairs of parameters") + ". A path that runs "
                + "along a diagonal valley shows two parameters that trade off."
                + thinned(h.finished().size(), ChartStyle.PANEL_POINTS),
            panels, Math.min(2, panels.size()), PANEL_WIDTH + 60, PANEL_HEIGHT + 60));
    }

    /** Up to {@link #PAIRS} pairs: by |correlation| (largest first) when known, else (0,1), (1,2), …. */
    static List<int[]> pairs(int n, Optional<double[][]> correlation) {
        var pairs = new ArrayList<int[]>();
        if (correlation.isPresent() && correlation.get().length == n) {
            double[][] r = correlation.get();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    pairs.add(new int[] {i, j});
                }
            }
            pairs.sort((a, b) -> Double.compare(Math.abs(r[b[0]][b[1]]), Math.abs(r[a[0]][a[1]])));
        } else {
            for (int i = 0; i + 1 < n; i++) {
                pairs.add(new int[] {i, i + 1});
            }
        }
        return pairs.subList(0, Math.min(PAIRS, pairs.size()));
    }

    static int columns(int panels) {
        return panels <= 3 ? panels : panels == 4 ? 2 : 3;   // 3 x 300 px: as wide as the page
    }

    static double[] pick(double[] values, int[] keep) {
        var out = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = values[keep[i]];
        }
        return out;
    }

    private static double[] values(List<SampleRecord> samples, String name, int[] keep) {
        var out = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = value(samples.get(keep[i]), name);
        }
        return out;
    }

    private static double value(SampleRecord s, String name) {
        return s.point().get(name);
    }

    private static String unit(String unit) {
        return unit.isEmpty() ? "value" : unit;
    }

    private static String unitSuffix(String unit) {
        return unit.isEmpty() ? "" : " [" + unit + "]";
    }

    private static String thinned(int n, int max) {
        return n > max ? " (" + n + " samples, thinned evenly to about " + max + " points per series; the "
            + "best-so-far ones are all kept.)" : "";
    }
}
