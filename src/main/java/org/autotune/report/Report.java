package org.autotune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.journal.SampleRecord;

/**
 * A campaign's report: its figures, each in a section with a stable id (present even when the
 * figure cannot be drawn yet, with the reason), the observables outside the envelope of all
 * samples, and the self-contained HTML page that shows it all.
 */
public final class Report {
    /**
     * A section of plots: its id (the HTML id), heading, figures, and why it has none.
     *
     * @param absent empty when there are figures
     */
    public record Section(String id, String heading, List<Figure> figures, String absent) {
        public Section {
            figures = List.copyOf(figures);
        }
    }

    private final ReportSource source;
    private final History history;
    private final Envelope envelope;
    private final Optional<AnalysisNumbers> analysis;
    private final List<Section> sections;

    private Report(ReportSource source) {
        this.source = source;
        this.history = History.of(source.samples());
        this.envelope = source.envelope();
        this.analysis = source.analysis().map(a -> AnalysisNumbers.parse(a.json()));
        this.sections = build();
    }

    /** Builds every figure (none is rendered until asked for). */
    public static Report of(ReportSource source) {
        return new Report(source);
    }

    /** The plot sections in the order the page shows them. */
    public List<Section> sections() {
        return sections;
    }

    /** Every figure of every section. */
    public List<Figure> figures() {
        return sections.stream().flatMap(s -> s.figures().stream()).toList();
    }

    /** Names of the observables whose data lie outside the envelope of all samples, farthest first. */
    public List<String> outsideEnvelope() {
        return envelope.outside().stream().map(Envelope.Band::name).toList();
    }

    /** The page: one HTML file with every figure embedded, which loads nothing from elsewhere. */
    public String html() {
        return new HtmlPage(source, history, envelope, analysis, sections).render();
    }

    /** Writes the page to {@code file}. */
    public void write(Path file) {
        try {
            var parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report " + file, e);
        }
    }

    /** Writes every figure as PNG and SVG into {@code dir}. */
    public void writeFigures(Path dir) {
        figures().forEach(f -> f.write(dir));
    }

    private List<Section> build() {
        var out = new ArrayList<Section>();
        var space = source.space();
        String noSample = "No sample has finished yet.";
        out.add(section("score", "Score per sample", SamplePlots.score(history), noSample));
        out.add(section("traces", "Parameter traces", SamplePlots.traces(history, space), "No sample has run yet."));
        out.add(section("path", "Descent path", SamplePlots.path(history, space,
            analysis.flatMap(AnalysisNumbers::correlation)),
            space.dimension() < 2 ? "The campaign has one parameter: no pairs." : noSample));
        var fit = ScanPlots.fit(source);
        out.add(section("profiles", "1-D scan profiles", ScanPlots.profiles(source, analysis, fit),
            "No finished scan yet: 'autotune scan CAMPAIGN' runs one around the best sample."));
        var grids = new ArrayList<>(ScanPlots.grids(source));
        grids.addAll(ScanPlots.contours(source, fit));
        out.add(new Section("grids", "2-D grids", grids, grids.isEmpty()
            ? "No finished grid yet: 'autotune scan CAMPAIGN --grid A,B' (or --grid auto) maps the score over a pair."
            : ""));
        out.add(section("correlation", "Correlation matrix", ScanPlots.correlation(ScanPlots.varied(space), analysis),
            "No correlations: the analysis needs a quadratic fitted around the minimum (run 'autotune scan "
                + "CAMPAIGN'), and at least two parameters."));
        String noObservables = "The metric exposes no observables (only a score), so there is nothing to compare "
            + "with the data bin by bin.";
        out.add(section("envelope", "Envelope of all samples", ObservablePlots.envelope(envelope),
            history.finished().isEmpty() ? noSample : noObservables));
        Optional<SampleRecord> start = history.finished().stream().findFirst();
        Optional<SampleRecord> best = history.best();
        out.add(section("overlay", "Data and simulation at the start and the best sample",
            best.flatMap(b -> ObservablePlots.overlay(start.orElseThrow(), b)),
            history.finished().isEmpty() ? noSample : noObservables));
        out.add(section("pulls", "Pulls", best.flatMap(b -> ObservablePlots.pulls(start.orElseThrow(), b)),
            history.finished().isEmpty() ? noSample : noObservables));
        return List.copyOf(out);
    }

    private static Section section(String id, String heading, Optional<Figure> figure, String absent) {
        return new Section(id, heading, figure.map(List::of).orElse(List.of()), figure.isPresent() ? "" : absent);
    }
}
