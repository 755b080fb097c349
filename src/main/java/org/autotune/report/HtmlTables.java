package org.autotune.report;

import java.util.Locale;
import java.util.Optional;
import org.autotune.analysis.Combinations;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/** The page's tables: the best point with its uncertainties, the failed samples, and every sample. */
final class HtmlTables {
    private final StringBuilder html;
    private final ReportSource source;
    private final History history;
    private final Optional<AnalysisNumbers> analysis;

    HtmlTables(StringBuilder html, ReportSource source, History history, Optional<AnalysisNumbers> analysis) {
        this.html = html;
        this.source = source;
        this.history = history;
        this.analysis = analysis;
    }

    /**
     * With integer or choice parameters (optimizer enumerate): every combination of them, its best
     * score, its best point and the samples it used, best first.
     */
    void combinations() {
        var space = source.space();
        if (space.continuous()) {
            return;
        }
        html.append("<section id=\"combinations\">\n<h2>Combinations</h2>\n");
        var rows = Combinations.of(space, source.samples());
        if (rows.isEmpty()) {
            html.append("<p class=\"note\">No sample has run yet.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"sortable\"><thead><tr>");
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                html.append("<th class=\"t\">").append(HtmlPage.escape(p.name())).append("</th>");
            }
        }
        html.append("<th>best score</th><th>best sample</th><th>samples</th>");
        for (var p : space.parameters()) {
            if (p.kind().continuous()) {
                html.append("<th>").append(HtmlPage.escape(p.name())).append(" at best</th>");
            }
        }
        html.append("</tr></thead><tbody>\n");
        for (var r : rows) {
            html.append("<tr>");
            for (var p : space.parameters()) {
                if (!p.kind().continuous()) {
                    html.append("<td class=\"t\">").append(HtmlPage.escape(r.choice().getOrDefault(p.name(), "")))
                        .append("</td>");
                }
            }
            html.append("<td>").append(r.best().isPresent() ? number(r.best().getAsDouble()) : "").append("</td><td>")
                .append(HtmlPage.escape(r.bestSample())).append("</td><td>")
                .append(r.samples()).append("</td>");
            for (var p : space.parameters()) {
                if (p.kind().continuous()) {
                    html.append("<td>").append(r.bestPoint().map(b -> HtmlPage.value(p, b.get(p.name()))).orElse(""))
                        .append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /** Best sample's values and, from the analysis, the estimate ± 1σ and the profile interval. */
    void best() {
        html.append("<section id=\"best\">\n<h2>Best point</h2>\n");
        var best = history.best();
        if (best.isEmpty()) {
            html.append("<p class=\"note\">No sample has finished yet.</p>\n</section>\n");
            return;
        }
        var b = best.get();
        html.append("<p>Best sample ").append(HtmlPage.escape(b.name())).append(" (")
            .append(HtmlPage.escape(b.origin()))
            .append("): score ").append(number(b.score().getAsDouble()));
        b.scoreError().ifPresent(e -> html.append(" ± ").append(number(e)));
        html.append(".");
        analysis.ifPresentOrElse(a -> html.append(" Estimate ± 1σ and profile interval from the analysis (")
                .append(HtmlPage.escape(a.region())).append(")."),
            () -> html.append(" No analysis: 'autotune scan CAMPAIGN' gives uncertainties."));
        html.append("</p>\n<table><thead><tr><th class=\"t\">parameter</th><th>best sample</th><th>estimate</th>"
            + "<th>± 1σ</th><th>profile interval</th><th class=\"t\">unit</th><th class=\"t\">note</th></tr></thead>"
            + "<tbody>\n");
        for (var p : source.space().parameters()) {
            html.append("<tr><td class=\"t\">").append(HtmlPage.escape(p.name())).append("</td><td>")
                .append(HtmlPage.value(p, b.point().get(p.name()))).append("</td>");
            var e = analysis.map(a -> a.estimates().get(p.name()));
            if (e.isPresent() && e.get() != null) {
                html.append("<td>").append(number(e.get().value())).append("</td><td>").append(sigma(e.get().sigma()))
                    .append("</td>");
            } else {
                html.append("<td></td><td></td>");
            }
            var iv = analysis.map(a -> a.intervals().get(p.name()));
            html.append("<td>").append(iv.isPresent() && iv.get() != null ? interval(iv.get()) : "").append("</td>");
            html.append("<td class=\"t\">").append(HtmlPage.escape(p.unit())).append("</td><td class=\"t\">");
            if (e.isPresent() && e.get() != null) {
                html.append(e.get().poor() ? "poorly constrained" : "")
                    .append(e.get().poor() && e.get().rangeLimited() ? ", " : "")
                    .append(e.get().rangeLimited() ? "range-limited" : "");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        analysis.ifPresent(a -> a.problems().forEach(p -> html.append("<p class=\"note\">")
            .append(HtmlPage.escape(p)).append("</p>\n")));
        html.append("</section>\n");
    }

    /** Each failed sample with its point, exit code and error text (the tail of its stderr). */
    void failures(int max) {
        html.append("<section id=\"failures\">\n<h2>Failed samples</h2>\n");
        var failed = history.failed();
        if (failed.isEmpty()) {
            html.append("<p class=\"ok\">No sample failed.</p>\n</section>\n");
            return;
        }
        html.append("<p>").append(failed.size()).append(" failed sample").append(failed.size() == 1 ? "" : "s")
            .append(failed.size() > max ? "; the first " + max + " are shown" : "")
            .append(". Each sample's folder holds its inputs, stdout.txt and stderr.txt.</p>\n")
            .append("<table><thead><tr><th>sample</th><th class=\"t\">origin</th><th>exit code</th><th>attempts</th>"
                + "<th class=\"t\">point</th><th class=\"t\">error</th></tr></thead><tbody>\n");
        for (var s : failed.subList(0, Math.min(max, failed.size()))) {
            html.append("<tr><td>").append(HtmlPage.escape(s.name())).append("</td><td class=\"t\">")
                .append(HtmlPage.escape(s.origin()))
                .append("</td><td>").append(s.exitCode().map(String::valueOf).orElse("")).append("</td><td>")
                .append(s.attempts()).append("</td><td class=\"t\">")
                .append(HtmlPage.escape(HtmlPage.point(source, s))).append("<br>")
                .append(HtmlPage.escape(s.folder())).append("</td><td class=\"t\"><pre>")
                .append(HtmlPage.escape(s.error() == null ? "" : s.error().strip())).append("</pre></td></tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /** Every sample, one row each; click a header to sort. */
    void samples() {
        html.append("<section id=\"samples\">\n<h2>Samples</h2>\n<p>All ").append(source.samples().size())
            .append(" samples in the order they were created; click a column's header to sort by it.</p>\n")
            .append("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>sample</th><th class=\"t\">origin"
                + "</th><th class=\"t\">status</th><th>score</th><th>± error</th>");
        // a fidelity schedule: each sample's events, since scores are comparable only at equal events
        boolean stages = source.samples().stream().mapToInt(SampleRecord::events).distinct().count() > 1;
        if (stages) {
            html.append("<th>events</th>");
        }
        for (var p : source.space().parameters()) {
            html.append("<th>").append(HtmlPage.escape(p.name())).append("</th>");
        }
        html.append("<th>time [s]</th><th class=\"t\">error</th></tr></thead><tbody>\n");
        // closing </td> and </tr> are optional in HTML: leaving them out keeps 10 000 rows about a fifth smaller
        for (var s : source.samples()) {
            html.append(s.status() == SampleStatus.FINISHED ? "<tr>" : "<tr class=\"" + s.status().name() + "\">")
                .append("<td>").append(HtmlPage.escape(s.name())).append("<td>")
                .append(HtmlPage.escape(s.origin())).append("<td>")
                .append(s.status().name()).append("<td>")
                .append(s.score().isPresent() ? number(s.score().getAsDouble()) : "").append("<td>")
                .append(s.scoreError().isPresent() ? number(s.scoreError().getAsDouble()) : "");
            if (stages) {
                html.append("<td>").append(s.events());
            }
            for (var p : source.space().parameters()) {
                Double v = s.point().get(p.name());
                html.append("<td>").append(v == null ? "" : HtmlPage.value(p, v));
            }
            html.append("<td>").append(s.status().done() ? String.format(Locale.ROOT, "%.1f", s.elapsedMillis() / 1e3)
                : "").append("<td class=\"t\">")
                .append(s.status() == SampleStatus.FAILED ? HtmlPage.escape(firstLine(s.error())) : "").append('\n');
        }
        html.append("</tbody></table></div>\n</section>\n");
    }

    /** Six significant digits, no trailing zeros: 1.20156, 0.0798129, 6.5e+04 stays readable. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        var text = String.format(Locale.ROOT, "%.6g", v);
        if (text.contains("e")) {
            return text.replaceFirst("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceFirst("0+$", "").replaceFirst("\\.$", "") : text;
    }

    private static String sigma(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.2g", s) : "unbounded";
    }

    private static String interval(AnalysisNumbers.Interval i) {
        return "[" + (i.lowAtBound() ? "range end " : "") + number(i.low()) + ", " + number(i.high())
            + (i.highAtBound() ? " range end" : "") + "]";
    }

    private static String firstLine(String error) {
        if (error == null) {
            return "";
        }
        var line = error.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
