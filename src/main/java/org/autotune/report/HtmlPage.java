package org.autotune.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Parameter;

/**
 * The report as one HTML page: figures as PNG data URIs, styles and the table-sorting script
 * inline, so the file can be mailed or archived and opens offline. It contains no link to
 * anything outside itself, and it is written through {@link Html}: text from the campaign is
 * escaped (so that not even the letters of a URL scheme appear in the file), and the page's
 * policy lets only its own script run.
 */
final class HtmlPage {
    /** Failed samples shown with their full error text (all of them are in the sample table). */
    static final int MAX_FAILURES = 200;
    /** Rows of the list of observables outside the envelope. */
    static final int MAX_OUTSIDE = 50;

    private final ReportSource source;
    private final History history;
    private final Envelope envelope;
    private final Optional<AnalysisNumbers> analysis;
    private final List<Report.Section> sections;
    private final Html html = new Html(List.of(HtmlParts.CSS), List.of(HtmlParts.SORT_SCRIPT));

    HtmlPage(ReportSource source, History history, Envelope envelope, Optional<AnalysisNumbers> analysis,
             List<Report.Section> sections) {
        this.source = source;
        this.history = history;
        this.envelope = envelope;
        this.analysis = analysis;
        this.sections = sections;
    }

    String render() {
        html.head("Autotune report: " + source.name());
        header();
        outside();
        var tables = new HtmlTables(html, source, history, analysis);
        tables.best();
        tables.combinations();
        for (var s : sections) {
            plots(s);
        }
        section("analysis", "Analysis");
        source.analysis().ifPresentOrElse(a -> pre(String.join("\n", a.text())),
            () -> paragraph("No analysis: it needs real or log parameters and a finished sample; 'autotune scan "
                + "CAMPAIGN' runs the scan it works best on."));
        html.close("section").line();
        tables.failures(MAX_FAILURES);
        tables.samples();
        section("campaign", "Campaign file");
        pre(source.campaignText());
        html.close("section").line().script(HtmlParts.SORT_SCRIPT).close("body").line().close("html").line();
        return html.toString();
    }

    private void header() {
        var counts = new EnumMap<SampleStatus, Integer>(SampleStatus.class);
        source.samples().forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        html.open("header").line().element("h1", "Autotune report: " + source.name()).line();
        int finished = counts.getOrDefault(SampleStatus.FINISHED, 0);
        int failed = counts.getOrDefault(SampleStatus.FAILED, 0);
        var meta = new StringBuilder("state: ").append(source.state()).append(" · ").append(source.samples().size())
            .append(" samples: ").append(finished).append(" finished, ").append(failed).append(" failed");
        int other = source.samples().size() - finished - failed;
        if (other > 0) {
            meta.append(", ").append(other).append(" pending, running or interrupted");
        }
        history.best().ifPresent(b -> meta.append(" · best: sample ").append(b.name()).append(", score ")
            .append(HtmlTables.number(b.score().getAsDouble())));
        html.element("p", meta.toString(), "class", "meta").line().open("nav");
        nav("outside", "Observables outside");
        nav("best", "Best point");
        if (!source.space().continuous()) {
            nav("combinations", "Combinations");
        }
        sections.forEach(s -> nav(s.id(), s.heading()));
        nav("analysis", "Analysis");
        nav("failures", "Failed samples");
        nav("samples", "Samples");
        nav("campaign", "Campaign file");
        html.close("nav").line().close("header").line();
    }

    private void nav(String id, String text) {
        html.element("a", text, "href", "#" + id).text(" ");
    }

    /** The observables whose data no sampled point reaches: first, since they say the tune cannot be good. */
    private void outside() {
        section("outside", "Observables outside the envelope of all samples");
        var out = envelope.outside();
        if (envelope.bands().isEmpty()) {
            paragraph("No observables: the metric gives only a score, so the report cannot say which data the "
                + "simulation fails to reach.");
        } else if (out.isEmpty()) {
            html.element("p", "The data of all " + envelope.bands().size() + " observables lie within the range the "
                + envelope.samples() + " finished samples span.", "class", "ok").line();
        } else {
            html.open("div", "class", "alert").open("p").element("strong", out.size() + " of "
                    + envelope.bands().size() + " observables have data outside the range of all "
                    + envelope.samples() + " finished samples")
                .text(" (by more than the combined error): no point the campaign has sampled can fit them. Either "
                    + "the simulation lacks something these data show, or the search range is too narrow.")
                .close("p").line();
            html.open("table").open("thead").open("tr").element("th", "observable").element("th", "data ± error")
                .element("th", "lowest simulated (sample)").element("th", "highest simulated (sample)")
                .element("th", "outside by [σ]").close("tr").close("thead").open("tbody").line();
            for (var b : out.subList(0, Math.min(MAX_OUTSIDE, out.size()))) {
                html.open("tr").element("td", b.name())
                    .element("td", HtmlTables.number(b.reference()) + " ± " + HtmlTables.number(b.referenceError()))
                    .element("td", HtmlTables.number(b.min()) + " (" + b.minSample() + ")")
                    .element("td", HtmlTables.number(b.max()) + " (" + b.maxSample() + ")")
                    .element("td", String.format(Locale.ROOT, "%.1f", b.distance())).close("tr").line();
            }
            html.close("tbody").close("table").line();
            if (out.size() > MAX_OUTSIDE) {
                html.element("p", "… and " + (out.size() - MAX_OUTSIDE) + " more.").line();
            }
            html.close("div").line();
        }
        html.close("section").line();
    }

    private void plots(Report.Section s) {
        section(s.id(), s.heading());
        if (s.figures().isEmpty()) {
            paragraph(s.absent());
        }
        for (var f : s.figures()) {
            html.open("figure", "id", "fig-" + f.id()).line();
            if (s.figures().size() > 1) {
                html.element("h3", f.title()).line();
            }
            html.open("img", "alt", f.title(), "width", String.valueOf(f.width()),
                "src", "data:image/png;base64," + dataText(f.png())).line()
                .element("figcaption", f.caption()).line().close("figure").line();
        }
        html.close("section").line();
    }

    private void section(String id, String heading) {
        html.open("section", "id", id).line().element("h2", heading).line();
    }

    private void paragraph(String text) {
        html.element("p", text, "class", "note").line();
    }

    private void pre(String text) {
        html.element("pre", text).line();
    }

    private static final Pattern SCHEME = Pattern.compile("(?i)h(?=ttp)");

    /**
     * Base64 of an image for a data URI. Base64 text can spell "http" by chance (about once in 17
     * million positions); a line break there keeps the file free of the word, and URL parsing
     * drops line breaks, so the image is unchanged.
     */
    static String dataText(byte[] bytes) {
        return SCHEME.matcher(Base64.getEncoder().encodeToString(bytes)).replaceAll("$0\n");
    }

    /** A parameter's value as text: six significant digits, or its integer or choice. */
    static String text(Parameter p, double v) {
        return p.kind().continuous() ? HtmlTables.number(v) : p.format(v);
    }

    static String point(ReportSource source, SampleRecord s) {
        var parts = new ArrayList<String>();
        for (var p : source.space().parameters()) {
            Double v = s.point().get(p.name());
            parts.add(p.name() + "=" + (v == null ? "?" : text(p, v)));
        }
        return String.join(", ", parts);
    }
}
