package org.autotune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.CampaignAnalysis;
import org.autotune.campaign.CampaignView;
import org.autotune.metric.Metrics;
import org.autotune.score.ScoreType;
import org.autotune.report.Report;
import org.autotune.report.ReportSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code autotune report}: one self-contained HTML page with the campaign's plots, best point and samples. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Write one self-contained HTML page about a campaign, from its journal: the observables whose "
            + "data no sample reaches, the best point +- 1 sigma, plots (score per sample, parameter "
            + "traces, descent path, scan profiles, grid maps, correlations, envelope of all samples "
            + "against the data, data and simulation at the start and at the best sample, pulls), the "
            + "analysis, the failed samples with their errors, a sortable table of every sample and the "
            + "campaign file. Runs no samples; safe while the campaign runs."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JournalArguments args;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "where to write the page (default: report.html in the campaign folder)")
    Path output;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write every plot as PNG and SVG into DIR")
    Path plots;

    @Override
    public Integer call() {
        // plots are drawn off screen: no display needed, even where DISPLAY is set (an ssh -X session)
        System.setProperty("java.awt.headless", "true");
        if (output != null && Files.isDirectory(output)) {
            Targets.outputFile(output, "--output");
        }
        if (plots != null) {
            Targets.outputFolder(plots, "--plots");
        }
        var out = spec.commandLine().getOut();
        Path file;
        Report report;
        try (var view = args.open()) {
            var type = scoreType(view);
            var analysis = type.flatMap(t -> analysis(view, t));
            report = Report.of(ReportSource.read(view.journal(), view.space(), type.orElse(ScoreType.OTHER),
                analysis));
            file = output != null ? output : view.directory().resolve("report.html");
        }
        report.write(file);
        if (plots != null) {
            report.writeFigures(plots);
        }
        var outside = report.outsideEnvelope();
        if (!outside.isEmpty()) {
            out.printf("observables whose data lie outside the range of all samples: %d (%s%s); listed at the top "
                + "of the report%n", outside.size(), String.join(", ", outside.subList(0, Math.min(5, outside.size()))),
                outside.size() > 5 ? ", …" : "");
        }
        out.printf("written: %s (%s)%n", CampaignRunCommand.relative(file.toAbsolutePath()), size(file));
        if (plots != null) {
            out.printf("plots: %d figures as PNG and SVG in %s%n", report.figures().size(),
                CampaignRunCommand.relative(plots.toAbsolutePath()));
        }
        out.flush();
        return 0;
    }

    /** The metric's kind of score, which the analysis needs; absent when the metric cannot be set up here. */
    private Optional<ScoreType> scoreType(CampaignView view) {
        try {
            return Optional.of(Metrics.create(view.config().metric(), view.config().directory()).type());
        } catch (InputError e) {
            // e.g. a report made on another machine, without the reference data: plots, no analysis
            spec.commandLine().getErr().println("note: no analysis in the report, the metric cannot be set up here: "
                + e.getMessage());
            return Optional.empty();
        }
    }

    /** The analysis as 'autotune analyze' gives it (1 sigma), when the parameters allow one. */
    private static Optional<ReportSource.AnalysisSummary> analysis(CampaignView view, ScoreType type) {
        if (view.space().parameters().stream().noneMatch(p -> p.kind().continuous())) {
            return Optional.empty();
        }
        var analysis = view.space().continuous() ? CampaignAnalysis.of(view.space(), type, view.journal(), 1)
            : CampaignAnalysis.atBestCombination(view.space(), type, view.journal(), 1);
        return analysis.map(a -> new ReportSource.AnalysisSummary(
            a.describe(), JsonMapper.builder().build().writeValueAsString(a.toMap())));
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%d KiB", (bytes + 1023) / 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + file, e);
        }
    }
}
