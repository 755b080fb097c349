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
 * anything outside itself; text from the campaign is escaped so that not even the letters of a
 * URL scheme appear in the file.
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
    private final StringBuilder html = new StringBuilder(1 << 16);

    HtmlPage(ReportSource source, History history, Envelope envelope, Optional<AnalysisNumbers> analysis,
             List<Report.Section> sections) {
        this.source = source;
        this.history = history;
        this.envelope = envelope;
        this.analysis = analysis;
        this.sections = sections;
    }

    String render() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Autotune report: ")
            .append(escape(source.name())).append("</title>\n<style>\n").append(HtmlParts.CSS).append("</style>\n")
            .append("</head>\n<body>\n");
        header();
        outside();
        new HtmlTables(html, source, history, analysis).best();
        new HtmlTables(html, source, history, analysis).combinations();
        for (var s : sections) {
            plots(s);
        }
        section("analysis", "Analysis");
        source.analysis().ifPresentOrElse(a -> pre(String.join("\n", a.text())),
            () -> paragraph("No analysis: it needs real or log parameters and a finished sample; 'autotune scan "
                + "CAMPAIGN' runs the scan it works best on."));
        html.append("</section>\n");
        new HtmlTables(html, source, history, analysis).failures(MAX_FAILURES);
        new HtmlTables(html, source, history, analysis).samples();
        section("campaign", "Campaign file");
        pre(source.campaignText());
        html.append("</section>\n<script>\n").append(HtmlParts.SORT_SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header() {
        var counts = new EnumMap<SampleStatus, Integer>(SampleStatus.class);
        source.samples().forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        html.append("<header>\n<h1>Autotune report: ").append(escape(source.name())).append("</h1>\n<p class=\"meta\">")
            .append("state: ").append(escape(source.state())).append(" · ").append(source.samples().size())
            .append(" samples: ").append(counts.getOrDefault(SampleStatus.FINISHED, 0)).append(" finished, ")
            .append(counts.getOrDefault(SampleStatus.FAILED, 0)).append(" failed");
        int other = source.samples().size() - counts.getOrDefault(SampleStatus.FINISHED, 0)
            - counts.getOrDefault(SampleStatus.FAILED, 0);
        if (other > 0) {
            html.append(", ").append(other).append(" pending, running or interrupted");
        }
        history.best().ifPresent(b -> html.append(" · best: sample ").append(escape(b.name())).append(", score ")
                .append(HtmlTables.number(b.score().getAsDouble())));
        html.append("</p>\n<nav>");
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
        html.append("</nav>\n</header>\n");
    }

    private void nav(String id, String text) {
        html.append("<a href=\"#").append(id).append("\">").append(escape(text)).append("</a> ");
    }

    /** The observables whose data no sampled point reaches: first, since they say the tune cannot be good. */
    private void outside() {
        section("outside", "Observables outside the envelope of all samples");
        var out = envelope.outside();
        if (envelope.bands().isEmpty()) {
            html.append("<p class=\"note\">No observables: the metric gives only a score, so the report cannot say "
                + "which data the simulation fails to reach.</p>\n");
        } else if (out.isEmpty()) {
            html.append("<p class=\"ok\">The data of all ").append(envelope.bands().size()).append(" observables lie "
                + "within the range the ").append(envelope.samples()).append(" finished samples span.</p>\n");
        } else {
            html.append("<div class=\"alert\"><p><strong>").append(out.size()).append(" of ")
                .append(envelope.bands().size()).append(" observables have data outside the range of all ")
                .append(envelope.samples()).append(" finished samples</strong> (by more than the combined error): "
                    + "no point the campaign has sampled can fit them. Either the simulation lacks something these "
                    + "data show, or the search range is too narrow.</p>\n");
            html.append("<table><thead><tr><th>observable</th><th>data ± error</th><th>lowest simulated (sample)</th>"
                + "<th>highest simulated (sample)</th><th>outside by [σ]</th></tr></thead><tbody>\n");
            for (var b : out.subList(0, Math.min(MAX_OUTSIDE, out.size()))) {
                html.append("<tr><td>").append(escape(b.name())).append("</td><td>")
                    .append(HtmlTables.number(b.reference())).append(" ± ")
                    .append(HtmlTables.number(b.referenceError()))
                    .append("</td><td>").append(HtmlTables.number(b.min())).append(" (").append(b.minSample())
                    .append(")</td><td>").append(HtmlTables.number(b.max())).append(" (").append(b.maxSample())
                    .append(")</td><td>").append(String.format(Locale.ROOT, "%.1f", b.distance()))
                    .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
            if (out.size() > MAX_OUTSIDE) {
                html.append("<p>… and ").append(out.size() - MAX_OUTSIDE).append(" more.</p>\n");
            }
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private void plots(Report.Section s) {
        section(s.id(), s.heading());
        if (s.figures().isEmpty()) {
            paragraph(s.absent());
        }
        for (var f : s.figures()) {
            html.append("<figure id=\"fig-").append(f.id()).append("\">\n");
            if (s.figures().size() > 1) {
                html.append("<h3>").append(escape(f.title())).append("</h3>\n");
            }
            html.append("<img alt=\"").append(escape(f.title())).append("\" width=\"").append(f.width())
                .append("\" src=\"data:image/png;base64,").append(dataText(f.png())).append("\">\n<figcaption>")
                .append(escape(f.caption())).append("</figcaption>\n</figure>\n");
        }
        html.append("</section>\n");
    }

    private void section(String id, String heading) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
    }

    private void paragraph(String text) {
        html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    }

    private void pre(String text) {
        html.append("<pre>").append(escape(text)).append("</pre>\n");
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

    /** HTML text: markup escaped, and the h of a URL scheme as a character reference (it displays the same). */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case 'h', 'H' -> out.append(text.regionMatches(true, i + 1, "ttp", 0, 3) ? "&#" + (int) c + ";" : c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A parameter's value as text: six significant digits, or its integer or choice. */
    /** A parameter's value as HTML: a choice is the user's text, so it is escaped like any other. */
    static String value(Parameter p, double v) {
        return escape(text(p, v));
    }

    private static String text(Parameter p, double v) {
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
