package org.autotune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Axes of the report's small panels, as a trace panel draws them (sample number across, a parameter
 * up), over the campaign sizes and parameter ranges users have: every axis carries at least two
 * labels, and neighbouring labels stand apart.
 */
class ChartAxesTest {
    @ParameterizedTest(name = "{0} samples, values {1}..{2}, log {3}")
    @CsvSource({
        "20, 0.5, 2.0, false", "156, 0.05, 0.25, true", "156, -1, 1, false", "400, 0.02, 0.5, true",
        "5000, 1e-3, 10, true", "20000, 1.3e8, 4.4e8, false", "7, 0.07, 0.09, true"})
    void tick_labels_of_a_trace_panel_are_at_least_two_and_stand_apart(int samples, double lo, double hi,
                                                                      boolean log) throws Exception {
        var chart = ChartStyle.xy(SamplePlots.PANEL_WIDTH, SamplePlots.PANEL_HEIGHT, "p", "sample", "unit", true);
        chart.getStyler().setYAxisLogarithmic(log);
        var random = new SplittableRandom(samples);
        double[] x = new double[samples];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = i + 1;   // samples are numbered from 1, as in the report
            y[i] = log ? lo * Math.pow(hi / lo, random.nextDouble()) : lo + (hi - lo) * random.nextDouble();
        }
        y[0] = lo;
        y[samples - 1] = hi;
        ChartStyle.scatter(chart, "finished", x, y, ChartStyle.SAMPLES);
        var figure = new Figure("traces", "t", "c", List.of(chart), 1, SamplePlots.PANEL_WIDTH,
            SamplePlots.PANEL_HEIGHT);
        figure.png();   // lays the chart out
        for (boolean across : new boolean[] {true, false}) {
            var ticks = TickLabels.of(chart, across);
            String where = (across ? "x axis " : "y axis ") + ticks.labels();
            assertThat(ticks.labels()).as(where).hasSizeGreaterThanOrEqualTo(2);
            assertThat(ticks.overlap()).as(where).isEmpty();
        }
    }

    /**
     * The score plot's log axis, as {@link SamplePlots#score} draws it, over score ranges of χ² and
     * likelihood campaigns: every label in one style, either all plain numbers or all mantissa E
     * exponent (the style of XChart's linear axes), each reading back as a whole decade in order.
     */
    @ParameterizedTest(name = "scores {0}..{1}")
    @CsvSource({"1e3, 1e6", "20, 5000", "3, 3e4", "0.02, 0.5", "1e-3, 10", "1e-6, 0.01", "0.5, 2e7", "150, 4e9"})
    void log_score_axis_labels_share_one_style_and_read_as_decades(double lo, double hi) throws Exception {
        var chart = ChartStyle.xy(900, 380, "", "sample (in the order created)", "score (log)", false);
        chart.getStyler().setYAxisLogarithmic(true);
        int samples = 200;
        var random = new SplittableRandom(7);
        double[] x = new double[samples];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = i + 1;
            y[i] = lo * Math.pow(hi / lo, random.nextDouble());
        }
        y[0] = hi;
        y[samples - 1] = lo;
        ChartStyle.scatter(chart, "samples", x, y, ChartStyle.SAMPLES);
        new Figure("score", "t", "c", List.of(chart), 1, 900, 380).png();
        var labels = TickLabels.of(chart, false).labels();
        assertThat(labels).as("y axis").hasSizeGreaterThanOrEqualTo(3);
        long exponents = labels.stream().filter(l -> l.matches("\\d+(\\.\\d+)?E-?\\d+")).count();
        long plain = labels.stream().filter(l -> l.matches("\\d+(\\.\\d+)?")).count();
        assertThat(exponents == labels.size() || plain == labels.size()).as("one style: %s", labels).isTrue();
        double previous = 0;
        for (var label : labels) {
            double v = Double.parseDouble(label);
            double decade = Math.log10(v);
            assertThat(decade).as("%s in %s is a decade", label, labels).isCloseTo(Math.rint(decade), within(1e-9));
            assertThat(v).as("increasing: %s", labels).isGreaterThan(previous);
            previous = v;
        }
        assertThat(Double.parseDouble(labels.get(0))).as("%s covers the lowest score", labels).isLessThanOrEqualTo(lo);
        assertThat(Double.parseDouble(labels.get(labels.size() - 1))).as("%s covers the highest", labels)
            .isGreaterThanOrEqualTo(hi);
    }
}
