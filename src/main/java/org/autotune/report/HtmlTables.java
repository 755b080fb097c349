package org.autotune.report;

import java.util.Locale;
import java.util.Optional;
import org.autotune.analysis.Combinations;
import org.autotune.analysis.Digits;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/**
 * The page's tables: the best point with its uncertainties, the combinations of discrete
 * parameters, the failed samples, and every sample. All text goes through {@link Html}, escaped.
 */
final class HtmlTables {
    private final Html html;
    private final ReportSource source;
    private final History history;
    private final Optional<AnalysisNumbers> analysis;

    HtmlTables(Html html, ReportSource source, History history, Optional<AnalysisNumbers> analysis) {
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
        html.open("section", "id", "combinations").line().element("h2", "Combinations").line();
        var rows = Combinations.of(space, source.samples());
        if (rows.isEmpty()) {
            html.element("p", "No sample has run yet.", "class", "note").line().close("section").line();
            return;
        }
        html.open("table", "class", "sortable").open("thead").open("tr");
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                html.element("th", p.name(), "class", "t");
            }
        }
        html.element("th", "best score").element("th", "best sample").element("th", "samples");
        for (var p : space.parameters()) {
            if (p.kind().continuous()) {
                html.element("th", p.name() + " at best");
            }
        }
        html.close("tr").close("thead").open("tbody").line();
        for (var r : rows) {
            html.open("tr");
            for (var p : space.parameters()) {
                if (!p.kind().continuous()) {
                    html.element("td", r.choice().getOrDefault(p.name(), ""), "class", "t");
                }
            }
            html.element("td", r.best().isPresent() ? number(r.best().getAsDouble()) : "")
                .element("td", r.bestSample()).element("td", String.valueOf(r.samples()));
            for (var p : space.parameters()) {
                if (p.kind().continuous()) {
                    html.element("td", r.bestPoint().map(b -> HtmlPage.text(p, b.get(p.name()))).orElse(""));
                }
            }
            html.close("tr").line();
        }
        html.close("tbody").close("table").line().close("section").line();
    }

    /** Best sample's values and, from the analysis, the estimate ± 1σ and the profile interval. */
    void best() {
        html.open("section", "id", "best").line().element("h2", "Best point").line();
        var best = history.best();
        if (best.isEmpty()) {
            html.element("p", "No sample has finished yet.", "class", "note").line().close("section").line();
            return;
        }
        var b = best.get();
        var intro = new StringBuilder("Best sample ").append(b.name()).append(" (").append(b.origin())
            .append("): score ").append(number(b.score().getAsDouble()));
        b.scoreError().ifPresent(e -> intro.append(" ± ").append(number(e)));
        intro.append('.');
        analysis.ifPresentOrElse(a -> intro.append(" Estimate ± 1σ and profile interval from the analysis (")
                .append(a.region()).append(")."),
            () -> intro.append(" No analysis: 'autotune scan CAMPAIGN' gives uncertainties."));
        html.element("p", intro.toString()).line().open("table").open("thead").open("tr")
            .element("th", "parameter", "class", "t").element("th", "best sample").element("th", "estimate")
            .element("th", "± 1σ").element("th", "profile interval").element("th", "unit", "class", "t")
            .element("th", "note", "class", "t").close("tr").close("thead").open("tbody").line();
        for (var p : source.space().parameters()) {
            html.open("tr").element("td", p.name(), "class", "t")
                .element("td", HtmlPage.text(p, b.point().get(p.name())));
            var e = analysis.map(a -> a.estimates().get(p.name()));
            boolean estimated = e.isPresent() && e.get() != null;
            double sigma = estimated ? e.get().sigma() : Double.NaN;
            html.element("td", estimated ? Digits.value(e.get().value(), sigma) : "")
                .element("td", estimated ? Digits.sigma(sigma) : "");
            var iv = analysis.map(a -> a.intervals().get(p.name()));
            html.element("td", iv.isPresent() && iv.get() != null ? interval(iv.get(), sigma) : "")
                .element("td", p.unit(), "class", "t");
            String note = "";
            if (estimated) {
                note = (e.get().poor() ? "poorly constrained" : "") + (e.get().poor() && e.get().rangeLimited()
                    ? ", " : "") + (e.get().rangeLimited() ? "range-limited" : "");
            }
            html.element("td", note, "class", "t").close("tr").line();
        }
        html.close("tbody").close("table").line();
        analysis.ifPresent(a -> a.problems().forEach(p -> html.element("p", p, "class", "note").line()));
        html.close("section").line();
    }

    /** Each failed sample with its point, exit code and error text (the tail of its stderr). */
    void failures(int max) {
        html.open("section", "id", "failures").line().element("h2", "Failed samples").line();
        var failed = history.failed();
        if (failed.isEmpty()) {
            html.element("p", "No sample failed.", "class", "ok").line().close("section").line();
            return;
        }
        html.element("p", failed.size() + " failed sample" + (failed.size() == 1 ? "" : "s")
                + (failed.size() > max ? "; the first " + max + " are shown" : "")
                + ". Each sample's folder holds its inputs, stdout.txt and stderr.txt.").line()
            .open("table").open("thead").open("tr").element("th", "sample").element("th", "origin", "class", "t")
            .element("th", "exit code").element("th", "attempts").element("th", "point", "class", "t")
            .element("th", "error", "class", "t").close("tr").close("thead").open("tbody").line();
        for (var s : failed.subList(0, Math.min(max, failed.size()))) {
            html.open("tr").element("td", s.name()).element("td", s.origin(), "class", "t")
                .element("td", s.exitCode().map(String::valueOf).orElse(""))
                .element("td", String.valueOf(s.attempts()))
                .open("td", "class", "t").text(HtmlPage.point(source, s)).open("br").text(s.folder()).close("td")
                .open("td", "class", "t").element("pre", s.error() == null ? "" : s.error().strip()).close("td")
                .close("tr").line();
        }
        html.close("tbody").close("table").line().close("section").line();
    }

    /** Every sample, one row each; click a header to sort. */
    void samples() {
        html.open("section", "id", "samples").line().element("h2", "Samples").line()
            .element("p", "All " + source.samples().size() + " samples in the order they were created; click a "
                + "column's header to sort by it.").line()
            .open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr")
            .element("th", "sample").element("th", "origin", "class", "t").element("th", "status", "class", "t")
            .element("th", "score").element("th", "± error");
        // a fidelity schedule: each sample's events, since scores are comparable only at equal events
        boolean stages = source.samples().stream().mapToInt(SampleRecord::events).distinct().count() > 1;
        if (stages) {
            html.element("th", "events");
        }
        for (var p : source.space().parameters()) {
            html.element("th", p.name());
        }
        html.element("th", "time [s]").element("th", "error", "class", "t").close("tr").close("thead")
            .open("tbody").line();
        // closing </td> and </tr> are optional in HTML: leaving them out keeps 10 000 rows about a fifth smaller
        for (var s : source.samples()) {
            if (s.status() == SampleStatus.FINISHED) {
                html.open("tr");
            } else {
                html.open("tr", "class", s.status().name());
            }
            cell(s.name()).cell(s.origin()).cell(s.status().name())
                .cell(s.score().isPresent() ? number(s.score().getAsDouble()) : "")
                .cell(s.scoreError().isPresent() ? number(s.scoreError().getAsDouble()) : "");
            if (stages) {
                cell(String.valueOf(s.events()));
            }
            for (var p : source.space().parameters()) {
                Double v = s.point().get(p.name());
                cell(v == null ? "" : HtmlPage.text(p, v));
            }
            cell(s.status().done() ? String.format(Locale.ROOT, "%.1f", s.elapsedMillis() / 1e3) : "");
            html.open("td", "class", "t").text(s.status() == SampleStatus.FAILED ? firstLine(s.error()) : "").line();
        }
        html.close("tbody").close("table").close("div").line().close("section").line();
    }

    /** A cell without its optional end tag. */
    private HtmlTables cell(String text) {
        html.open("td").text(text);
        return this;
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

    /** A profile interval to the digits of the estimate's 1σ (or, without one, of its own half-width). */
    private static String interval(AnalysisNumbers.Interval i, double sigma) {
        double s = sigma > 0 && Double.isFinite(sigma) ? sigma : (i.high() - i.low()) / 2;
        return "[" + (i.lowAtBound() ? "range end " : "") + Digits.value(i.low(), s) + ", " + Digits.value(i.high(), s)
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
