package org.autotune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.CampaignAnalysis;
import org.autotune.campaign.NamedCombination;
import org.autotune.journal.Journal;
import org.autotune.metric.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code autotune analyze}: uncertainties, correlations, directions, profiles, eigentunes and
* pulls from the journal. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {
        "Analyse a campaign from its journal: best point +- 1 sigma from a quadratic fitted to the "
            + "samples of the newest scan (or, before any scan, to the samples near the best one), "
            + "correlations, principal directions with flat ones flagged, profile intervals, eigentunes, "
            + "and the goodness of fit of the best sample with each observable's pull.",
        "With integer or choice parameters it analyses the real and log ones at the best sample's "
            + "combination of the others, from the samples with that combination, or at the combination "
            + "given with --at.",
        "Writes analysis.json into the campaign folder and records the analysis in the journal. Runs "
            + "no samples (see 'autotune scan')."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JournalArguments args;

    @Option(names = "--level", paramLabel = "X", defaultValue = "1",
        description = "delta chi2 of profile intervals and eigentunes (default: ${DEFAULT-VALUE}, i.e. 1 sigma)")
    double level;

    @Option(names = "--at", paramLabel = "NAME=VALUE,...",
        description = "analyse the real and log parameters at this combination of integer and choice parameters "
            + "(those not named: as in the best sample that has the named ones); default: the best sample's")
    String at;

    @Option(names = "--output", paramLabel = "FILE", description = "where to write the JSON (default: analysis.json "
        + "in the campaign folder)")
    Path output;

    @Override
    public Integer call() {
        Flags.positive(args.target, "--level", level, "1 (1 sigma) or --level 4 (2 sigma)");
        if (output != null) {
            Targets.outputFile(output, "--output");
        }
        CampaignAnalysis analysis;
        Path folder;
        try (var view = args.open()) {
            var type = Metrics.create(view.config().metric(), view.config().directory()).type();
            if (view.space().parameters().stream().noneMatch(p -> p.kind().continuous())) {
                throw new InputError(args.target, "", "analyze needs at least one real or log parameter (this "
                    + "campaign has only integer or choice parameters)", "compare the combinations with "
                    + "'autotune status' or 'autotune export'");
            }
            Optional<CampaignAnalysis> result;
            if (at != null) {
                var named = NamedCombination.parse(args.target, "--at", at, view.space());
                var values = NamedCombination.complete(args.target, "--at", view.space(), view.journal(), named);
                result = CampaignAnalysis.atCombination(view.space(), type, view.journal(), level, values,
                    "the combination given with --at");
            } else {
                result = view.space().continuous() ? CampaignAnalysis.of(view.space(), type, view.journal(), level)
                    : CampaignAnalysis.atBestCombination(view.space(), type, view.journal(), level);
            }
            if (result.isEmpty()) {
                spec.commandLine().getErr().println("campaign " + view.name() + " has no finished sample yet; "
                    + "fix: let 'autotune run' finish some samples (see 'autotune status'), then analyze");
                return 1;
            }
            analysis = result.get();
            folder = view.directory();
        }
        var out = spec.commandLine().getOut();
        analysis.describe().forEach(out::println);
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
            .writeValueAsString(analysis.toMap());
        Path file = output != null ? output : folder.resolve("analysis.json");
        try {
            Files.writeString(file, json + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        if (Files.isWritable(folder)) {
            try (var journal = Journal.open(folder.resolve(Journal.FILE_NAME))) {
                journal.putMeta(Map.of("analysis", JsonMapper.builder().build().writeValueAsString(analysis.toMap())));
            }
        } else {
            spec.commandLine().getErr().println("note: " + folder + " is read-only, so the analysis is not recorded "
                + "in its journal");
        }
        out.println("written: " + CampaignRunCommand.relative(file));
        out.flush();
        return 0;
    }
}
