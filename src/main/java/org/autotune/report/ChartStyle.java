package org.autotune.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's look, in one place: colours, fonts, series kinds, log axes and downsampling. */
final class ChartStyle {
    /** Data (reference) values. */
    static final Color DATA = Color.BLACK;
    /** Samples: translucent, so that a dense cloud shows where it is dense. */
    static final Color SAMPLES = new Color(31, 119, 180, 110);
    static final Color BEST = new Color(214, 39, 40);
    static final Color START = new Color(255, 127, 14);
    static final Color FAILED = new Color(148, 103, 189);
    static final Color FIT = new Color(44, 160, 44);
    static final Color BAND = new Color(31, 119, 180, 50);
    static final Color SIGMA = new Color(214, 39, 40, 45);

    /** The name of the invisible point {@link #tidy} adds to keep XChart's x ticks round. */
    static final String GHOST = " ";

    /** At most this many points per scatter series; more are thinned evenly (never the best-so-far ones). */
    static final int MAX_POINTS = 1500;
    /** The same for the small panels of a grid of plots. */
    static final int PANEL_POINTS = 800;

    private ChartStyle() {
    }

    /** An XY chart with the report's style: white, light grid, small markers, legend inside. */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle, boolean small) {
        var chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setMarkerSize(small ? 3 : 4);
        s.setLocale(Locale.ROOT);
        s.setErrorBarsColorSeriesColor(true);
        int size = small ? 10 : 12;
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, size + 1));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, size - 1));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, size - 1));
        s.setLegendVisible(!small);
        s.setXAxisTickMarkSpacingHint(small ? 55 : 70);
        return chart;
    }

    /** A heat map with the report's style; blue-white-red when {@code diverging}, else light-to-dark. */
    static HeatMapChart heat(int width, int height, String title, String xTitle, String yTitle, boolean diverging) {
        var chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setLocale(Locale.ROOT);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setRangeColors(diverging
            ? new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)}
            : new Color[] {new Color(255, 255, 204), new Color(253, 141, 60), new Color(128, 0, 38)});
        return chart;
    }

    static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color color) {
        var series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return series;
    }

    /** Points with vertical error bars. */
    static XYSeries errors(XYChart chart, String name, double[] x, double[] y, double[] err, Color color) {
        var series = chart.addSeries(name, x, y, err);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
        return series;
    }

    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, boolean step) {
        var series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(step ? XYSeriesRenderStyle.Step : XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(1.5f));
        return series;
    }

    /** A filled polygon (a band), drawn under the other series when added first. */
    static XYSeries polygon(XYChart chart, String name, double[] x, double[] y, Color fill) {
        var series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(fill);
        return series;
    }

    /** True when the values are all positive and span two decades or more: plot them on a log axis. */
    static boolean spansDecades(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return values.length > 0 && max >= 100 * min;
    }

    /** Indices 0..n-1 thinned evenly to at most {@code max}, always keeping those marked in {@code keep}. */
    static int[] thin(int n, int max, boolean[] keep) {
        int stride = Math.max(1, (int) Math.ceil((double) n / max));
        var out = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            if (i % stride == 0 || (keep != null && keep[i])) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A decimal pattern that shows the largest of the values with about four significant digits. */
    static String pattern(double[][] values) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        if (max >= 1e4 || (max > 0 && max < 1e-3)) {
            return "0.##E0";
        }
        int decimals = max == 0 ? 1 : Math.max(0, 3 - (int) Math.floor(Math.log10(max)));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }

    /**
     * Gives a chart's axes bounds its tick labels can be read on: a linear x axis starts and ends on a
     * round step (XChart puts its first tick at the axis minimum, so data starting at sample 1 gave
     * ticks 1, 14, 27, ... that ran together); a log axis spans whole decades, at least two of them
     * (three labelled ticks), and one over less than a decade is drawn linear instead, where it gets
     * several labels. Axes whose bounds the plot set itself are left alone.
     */
    static void tidy(XYChart chart) {
        var s = chart.getStyler();
        var series = chart.getSeriesCollection();
        if (series.isEmpty()) {
            return;
        }
        double xMin = series.stream().mapToDouble(XYSeries::getXMin).min().orElse(0);
        double xMax = series.stream().mapToDouble(XYSeries::getXMax).max().orElse(0);
        double yMin = series.stream().mapToDouble(XYSeries::getYMin).min().orElse(0);
        double yMax = series.stream().mapToDouble(XYSeries::getYMax).max().orElse(0);
        boolean free = s.getXAxisMin() == null && s.getXAxisMax() == null && chart.getSeries(GHOST) == null;
        if (free && Double.isFinite(xMin) && Double.isFinite(xMax)) {
            if (s.isXAxisLogarithmic()) {
                double[] d = decades(xMin, xMax);
                s.setXAxisLogarithmic(d.length > 0);
                if (d.length > 0) {
                    s.setXAxisMin(d[0]).setXAxisMax(d[1]);
                    s.setXAxisTickLabelsFormattingFunction(logLabels(d[0], d[1]));
                }
            } else {
                // about one labelled tick per 70 px of axis (chart width less the y axis' labels and title)
                double[] b = round(xMin, xMax, Math.max(2, (chart.getWidth() - 80) / 70));
                s.setXAxisMin(b[0]).setXAxisMax(b[1]);
                // XChart labels equally spaced x values (samples 1, 2, 3, ...) with every k-th value
                // (1, 14, 27, ...) instead of round numbers: one invisible point off that grid avoids it
                var ghost = chart.addSeries(GHOST, new double[] {b[0] + (b[1] - b[0]) * 1e-4 * Math.PI},
                    new double[] {Double.isFinite(yMin) ? yMin : 0});
                ghost.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                ghost.setMarker(SeriesMarkers.NONE);
                ghost.setShowInLegend(false);
            }
        }
        if (s.isYAxisLogarithmic() && s.getYAxisMin() == null && s.getYAxisMax() == null) {
            double[] d = decades(yMin, yMax);
            s.setYAxisLogarithmic(d.length > 0);
            if (d.length > 0) {
                s.setYAxisMin(d[0]).setYAxisMax(d[1]);
                s.setYAxisTickLabelsFormattingFunction(logLabels(d[0], d[1]));
            }
        }
    }

    /**
     * Tick labels of a log axis over [lo, hi], in one style for the whole axis: plain numbers (0.01,
     * 0.1, 1, 10, 1000) when every decade reads well so, else all in the exponent notation XChart's
     * linear axes use for large and small numbers (1E3, 1E4, 1E5, 1E6), never a mix of both (XChart's
     * own log labels switch at 10⁴: 1000, 1E4, 1E5).
     */
    static Function<Double, String> logLabels(double lo, double hi) {
        boolean exponent = hi > 1e4 * (1 + 1e-9) || lo < 1e-3 * (1 - 1e-9);
        return v -> exponent ? exponent(v) : plain(v);
    }

    /** Four significant digits without exponent and without trailing zeros: 0.001, 2.5, 10000. */
    private static String plain(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** {@code v} as mantissa E exponent, the mantissa with up to three significant digits: 1E5, 2.5E-4. */
    private static String exponent(double v) {
        if (!(v != 0) || !Double.isFinite(v)) {
            return plain(v);
        }
        int k = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
        double m = new BigDecimal(v / Math.pow(10, k)).round(new MathContext(3)).doubleValue();
        if (Math.abs(m) >= 10) {   // 9.999 rounded up to 10.0
            m /= 10;
            k++;
        }
        return plain(m) + "E" + k;
    }

    /** Whole decades around [lo, hi], at least two; empty when the values span less than one decade. */
    static double[] decades(double lo, double hi) {
        if (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi) || hi < 10 * lo) {
            return new double[0];
        }
        double a = Math.floor(Math.log10(lo));
        double b = Math.max(Math.ceil(Math.log10(hi)), a + 2);
        return new double[] {Math.pow(10, a), Math.pow(10, b)};
    }

    /** [lo, hi] widened to multiples of a round step (1, 2, 2.5 or 5 times a power of ten), about {@code ticks}. */
    static double[] round(double lo, double hi, int ticks) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return round(lo - pad, hi + pad, ticks);
        }
        double raw = (hi - lo) / ticks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * power >= raw) {
                step = f * power;
                break;
            }
        }
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    /** [lo, hi] widened to two significant digits, for the ends of a colour bar: 41.4024363881301 -> 42. */
    static double[] roundOut(double lo, double hi) {
        return new double[] {outward(lo, RoundingMode.FLOOR), outward(hi, RoundingMode.CEILING)};
    }

    private static double outward(double v, RoundingMode mode) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(2, mode)).doubleValue();
    }

    /** Four significant digits, for labels. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        var text = String.format(Locale.ROOT, "%.4g", v);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceFirst("0+$", "").replaceFirst("\\.$", "") : text;
    }
}
