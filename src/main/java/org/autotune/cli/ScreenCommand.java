package org.autotune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autotune.analysis.Screening;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code autotune screen}: rank a campaign's parameters by their effect on the score before tuning. */
@Command(name = "screen", mixinStandardHelpOptions = true,
    description = {
        "Rank the campaign's parameters by their effect on the score, relative to its noise, before "
            + "tuning (Morris elementary effects: R trajectories of n + 1 samples over the whole space). "
            + "Parameters whose effect is within the noise are candidates to fix.",
        "The samples are journaled in their own folder (<file name>.screen), so the campaign itself "
            + "is untouched and an interrupted screen resumes; the ranking is also written to screen.json "
            + "there."})
final class ScreenCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH", description = "folder of the screen (default: <file name>.screen)")
    Path dir;

    @Option(names = "--trajectories", paramLabel = "R", defaultValue = "10",
        description = "Morris trajectories, n + 1 samples each (default: ${DEFAULT-VALUE})")
    int trajectories;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        Flags.whole(file, "--trajectories", trajectories, 2, 10_000);
        var config = CampaignConfig.read(Targets.campaignFile(file));
        int n = config.space().dimension();
        Path folder = dir != null ? dir
            : Campaign.defaultDirectory(file).resolveSibling(Campaign.defaultDirectory(file).getFileName().toString()
                .replaceFirst("\\.autotune$", ".screen"));
        boolean live = System.console() != null;
        try (var campaign = CampaignRunCommand.openForSamples(config, folder, false, verbose.length, live)) {
            var out = spec.commandLine().getOut();
            long seed = Long.parseLong(campaign.journal().meta("seed").orElseThrow());
            var points = Screening.design(n, trajectories, seed);
            out.printf("screen of campaign %s: %d trajectories x %d samples = %d samples, %d slots, folder %s%n",
                config.name(), trajectories, n + 1, points.size(), campaign.slots(),
                CampaignRunCommand.relative(campaign.directory()));
            out.flush();
            return CampaignRunCommand.stoppable(campaign::stop, () -> {
                var run = campaign.runDesign(points.stream().map(config.space()::fromUnit).toList(), "screen", 1,
                    "screen", CampaignRunCommand.progress(live, "screen "), Clock.systemUTC());
                var outcome = run.outcome();
                out.println(outcome.message());
                int code = CampaignRunCommand.exitCode(outcome);
                if (code != 0) {
                    out.flush();
                    return code;
                }
                var effects = Screening.effects(config.space(), points, run.scores());
                Screening.describe(effects).forEach(out::println);
                var json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(Map.of("trajectories", trajectories, "effects", Screening.toMap(effects)));
                Path target = campaign.directory().resolve("screen.json");
                try {
                    Files.writeString(target, json + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("writing " + target, e);
                }
                campaign.journal().putMeta(Map.of("screening", json));
                out.println("written: " + CampaignRunCommand.relative(target));
                out.flush();
                return 0;
            });
        }
    }
}
