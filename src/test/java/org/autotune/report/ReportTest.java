package org.autotune.report;

import org.autotune.scan.Grids;
import org.autotune.scan.Scans;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.cli.Main;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleStatus;
import org.autotune.score.ScoreType;
import org.autotune.web.Chromium;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real campaign: an awk program (a real process) writes events x = a + b + e,
 * y = a − b/2 + f and z = 1 + e with fixed noise patterns, scored with mean-std against data at
 * a = 1.5, b = 2, but with z around 5, which no point reaches; b above 2.5 makes the simulator
 * exit 3. Coordinate descent (40 samples, some failing), a scan and a 5 × 5 grid run once for
 * all tests; then the report's figures, files and page are checked.
 */
class ReportTest {
    @TempDir
    static Path dir;

    static Path file;
    static final int N_REF = 1000;

    @BeforeAll
    static void run_campaign_scan_and_grid() throws Exception {
        Files.writeString(dir.resolve("lin.awk"), """
            BEGIN {
                if (b > 2.5) {
                    print "b = " b " is beyond what this detector model covers" > "/dev/stderr"
                    exit 3
                }
                print "x,y,z" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g,%.12g\\n", a + b + (k % 10 - 4.5) / 3, \\
                        a - 0.5 * b + ((7 * k) % 10 - 4.5) / 3, 1 + (k % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x,y,z\n");
        for (int k = 0; k < N_REF; k++) {
            double e = (k % 10 - 4.5) / 3;
            double f = ((7 * k) % 10 - 4.5) / 3;
            ref.append(1.5 + 2 + e).append(',').append(1.5 - 1 + f).append(',').append(5 + e).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: lin
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.2, unit: V}
              b: {kind: real, min: 0, max: 4, start: 2.4, step: 0.2}
              c: {kind: real, min: 0, max: 4, start: 2.0, step: 0.2}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "n={{events}}", -f, "{{campaign_dir}}/lin.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y, z]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 40
            budget: 40
            seed: 5
            """);
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            Scans.run(c, Progress.NONE, Clock.systemUTC(), 1);
            Grids.run(c, Optional.empty(), 5, 2, Progress.NONE, Clock.systemUTC());
        }
    }

    /** The report as the command builds it, with the analysis the command computes. */
    private static Report report() {
        var out = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "analyze", file.toString()))
            .isZero();
        try (var journal = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            var text = List.of(out.toString().split("\n"));
            var analysis = new ReportSource.AnalysisSummary(text, journal.meta("analysis").orElseThrow());
            return Report.of(ReportSource.read(journal, CampaignConfig.read(file).space(), ScoreType.CHI_SQUARE,
                Optional.of(analysis)));
        }
    }

    private static Figure figure(Report report, String id) {
        return report.figures().stream().filter(f -> f.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no figure " + id));
    }

    private static List<String> names(XYChart chart) {
        return chart.getSeriesCollection().stream().map(s -> s.getName()).toList();
    }

    private static long count(SampleStatus status) {
        try (var journal = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            return journal.samples().stream().filter(s -> s.status() == status).count();
        }
    }

    @Test
    void the_score_plot_and_every_trace_hold_each_finished_and_failed_sample() {
        var report = report();
        long finished = count(SampleStatus.FINISHED);
        long failed = count(SampleStatus.FAILED);
        assertThat(failed).as("the campaign makes some samples fail").isPositive();
        var score = (XYChart) figure(report, "score").panels().get(0);
        assertThat(score.getSeries("samples").getXData()).hasSize((int) finished);
        assertThat(names(score)).contains("best so far");
        var traces = figure(report, "traces");
        assertThat(traces.panels()).hasSize(3);
        for (var panel : traces.panels()) {
            var chart = (XYChart) panel;
            assertThat(chart.getSeries("finished").getXData()).hasSize((int) finished);
            assertThat(chart.getSeries("failed").getXData()).hasSize((int) failed);
        }
        // the best-so-far path ends at the best sample on each of its pairs
        var path = figure(report, "path");
        assertThat(path.panels()).hasSize(3);
        var first = (XYChart) path.panels().get(0);
        assertThat(first.getSeries("samples").getXData()).hasSize((int) finished);
        // a and b are the correlated pair: drawn first
        assertThat(first.getTitle()).isEqualTo("a – b");
    }

    @Test
    void scan_profiles_show_the_line_samples_the_fitted_quadratic_and_the_sigma_band_per_parameter() {
        var profiles = figure(report(), "profiles");
        assertThat(profiles.panels()).hasSize(3);
        for (var panel : profiles.panels()) {
            var chart = (XYChart) panel;
            // the centre and the full scan's -2, -1, +1, +2 widths at least
            assertThat(chart.getSeries("scan samples").getXData().length).as(panel.getTitle())
                .isGreaterThanOrEqualTo(5);
            assertThat(chart.getSeries("fitted quadratic").getXData()).hasSize(ScanPlots.CURVE);
        }
        // a is measured: its band spans estimate +- sigma around the truth 1.5
        var a = ((XYChart) profiles.panels().get(0)).getSeries("estimate ± 1σ").getXData();
        assertThat(a[0]).isLessThan(1.5);
        assertThat(a[3]).isGreaterThan(1.5);
    }

    @Test
    void the_grid_map_has_a_cell_per_grid_sample_and_the_correlation_map_one_per_pair() {
        var report = report();
        var grid = (HeatMapChart) figure(report, "grid-1").panels().get(0);
        assertThat(grid.getHeatMapSeries().getHeatData()).hasSize(25);
        assertThat(grid.getHeatMapSeries().getXData()).hasSize(5);
        // the fitted contours: the grid's 25 samples and two closed ellipses (1 and 2 sigma), the 2-sigma one wider
        var contour = (org.knowm.xchart.XYChart) figure(report, "contour-1").panels().get(0);
        assertThat(contour.getSeriesCollection().stream().map(s -> s.getName())
            .filter(name -> !name.equals(ChartStyle.GHOST)).toList())
            .containsExactly("grid samples", "1 sigma", "2 sigma");
        assertThat(contour.getSeries("grid samples").getXData()).hasSize(25);
        var one = contour.getSeries("1 sigma");
        var two = contour.getSeries("2 sigma");
        assertThat(one.getXData()[0]).isCloseTo(one.getXData()[one.getXData().length - 1],
            org.assertj.core.api.Assertions.within(1e-9));
        assertThat(span(two.getXData())).isGreaterThan(span(one.getXData()));
        var correlation = (HeatMapChart) figure(report, "correlation").panels().get(0);
        assertThat(correlation.getHeatMapSeries().getHeatData()).hasSize(9);
        assertThat(correlation.getHeatMapSeries().getXData()).asList().containsExactly("a", "b", "c");
    }

    @Test
    void the_envelope_names_the_observable_no_sample_reaches_and_overlays_compare_start_and_best() {
        var report = report();
        assertThat(report.outsideEnvelope()).containsExactly("z.mean");
        var envelope = figure(report, "envelope");
        // mean-std on x, y, z: six observables, one panel each
        assertThat(envelope.panels()).hasSize(6);
        var zMean = (XYChart) envelope.panels().get(4);
        assertThat(zMean.getTitle()).isEqualTo("z.mean");
        assertThat(names(zMean)).contains("all samples", "data outside").doesNotContain("data");
        assertThat(names((XYChart) figure(report, "overlay").panels().get(0))).hasSize(3);
        var pulls = figure(report, "pulls");
        assertThat(pulls.panels()).hasSize(2);
        assertThat(((XYChart) pulls.panels().get(1)).getSeries("pull").getXData()).hasSize(6);
    }

    @Test
    void report_command_writes_every_plot_as_a_valid_png_and_svg(@TempDir Path plots) throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", file.toString(),
            "--plots", plots.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("written: ").contains("report.html")
            .contains("observables whose data lie outside the range of all samples: 1 (z.mean)")
            .contains("plots: 10 figures as PNG and SVG");
        var report = report();
        for (var f : report.figures()) {
            var image = ImageIO.read(plots.resolve(f.id() + ".png").toFile());
            assertThat(image).as(f.id()).isNotNull();
            assertThat(image.getWidth()).as(f.id()).isEqualTo(f.width()).isBetween(300, 1400);
            assertThat(image.getHeight()).as(f.id()).isEqualTo(f.height()).isBetween(200, 1200);
            var factory = DocumentBuilderFactory.newInstance();
            // the SVG names its DTD by URL: parse without fetching it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(
                plots.resolve(f.id() + ".svg"))));
            assertThat(svg.getDocumentElement().getTagName()).as(f.id()).isEqualTo("svg");
        }
        assertThat(report.figures()).extracting(Figure::id).containsExactly("score", "traces", "path", "profiles",
            "grid-1", "contour-1", "correlation", "envelope", "overlay", "pulls");
    }

    @Test
    void the_page_is_self_contained_with_every_section_a_row_per_sample_and_the_failed_samples_errors()
        throws Exception {
        var err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "report",
            file.toString())).as(err.toString()).isZero();
        var html = Files.readString(dir.resolve("campaign.autotune/report.html"));
        // no link: not even the letters of a URL scheme, but for the name of the policy's meta element
        assertThat(html.replace("<meta http-equiv=", "")).doesNotContainIgnoringCase("http");
        assertThat(html).doesNotContain("src=\"/").doesNotContain("<link")
            .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
        for (var id : List.of("outside", "best", "score", "traces", "path", "profiles", "grids", "correlation",
            "envelope", "overlay", "pulls", "analysis", "failures", "samples", "campaign")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(Pattern.compile("<img [^>]*src=\"data:image/png;base64,").matcher(html).results().count())
            .isEqualTo(10);
        // the observable no sample reaches is named near the top, before any plot
        assertThat(html.indexOf("class=\"alert\"")).isPositive().isLessThan(html.indexOf("<section id=\"score\">"));
        assertThat(html.substring(html.indexOf("<section id=\"outside\">"), html.indexOf("<section id=\"best\">")))
            .contains("z.mean");
        var table = html.substring(html.indexOf("<section id=\"samples\">"), html.indexOf("<section id=\"campaign\">"));
        long samples = count(SampleStatus.FINISHED) + count(SampleStatus.FAILED);
        // one row per sample, after the header's
        assertThat(Pattern.compile("<tr[ >]").matcher(table).results().count()).isEqualTo(samples + 1);
        assertThat(table).contains("<tr class=\"FAILED\"><td>");
        var failures = html.substring(html.indexOf("<section id=\"failures\">"),
            html.indexOf("<section id=\"samples\">"));
        assertThat(failures).contains("beyond what this detector model covers").contains("<td>3</td>");
        assertThat(html).contains("name: lin").contains("</script>").contains("profile interval");
    }

    private static double span(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow() - java.util.Arrays.stream(v).min().orElseThrow();
    }

    @Test
    void every_axis_has_at_least_two_tick_labels_that_stand_apart_and_no_figure_is_wider_than_the_page()
        throws Exception {
        var report = report();
        assertThat(report.figures()).hasSizeGreaterThanOrEqualTo(8);
        for (var figure : report.figures()) {
            assertThat(figure.width()).as(figure.id()).isLessThanOrEqualTo(Figure.MAX_WIDTH);
            figure.png();   // lays the charts out
            for (var panel : figure.panels()) {
                if (!(panel instanceof XYChart chart)) {
                    continue;
                }
                for (boolean x : new boolean[] {true, false}) {
                    var style = chart.getStyler();
                    boolean shown = x ? style.isXAxisTicksVisible() : style.isYAxisTicksVisible();
                    if (!shown) {
                        continue;
                    }
                    var ticks = TickLabels.of(chart, x);
                    String where = figure.id() + " / " + panel.getTitle() + (x ? " x axis " : " y axis ")
                        + ticks.labels();
                    assertThat(ticks.labels()).as(where).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(ticks.overlap()).as(where).isEmpty();
                }
            }
        }
    }

    @Test
    @Tag("slow")
    void in_chromium_every_figure_is_drawn_at_its_own_size_within_the_page() throws Exception {
        var page = dir.resolve("layout/report.html");
        report().write(page);
        var driver = Chromium.start(dir.resolve("profile-layout"));   // a 1100 px wide window
        try {
            driver.get(page.toUri().toString());
            @SuppressWarnings("unchecked")
            var images = (List<List<Object>>) driver.executeScript("""
                return [...document.querySelectorAll('figure img')].map(i => [i.alt, i.naturalWidth,
                    i.clientWidth, i.getBoundingClientRect().right]);""");
            long pageWidth = (Long) driver.executeScript("return document.documentElement.clientWidth;");
            long scroll = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
            assertThat(images).hasSizeGreaterThanOrEqualTo(8);
            assertThat(scroll).as("no horizontal scrolling").isLessThanOrEqualTo(pageWidth);
            for (var img : images) {
                double natural = ((Number) img.get(1)).doubleValue();
                double shown = ((Number) img.get(2)).doubleValue();
                double right = ((Number) img.get(3)).doubleValue();
                assertThat(shown).as(img.get(0) + ": drawn at its own size, not shrunk").isEqualTo(natural);
                assertThat(right).as(img.get(0) + ": within the page").isLessThanOrEqualTo(pageWidth);
            }
        } finally {
            driver.quit();
        }
    }
}
