package org.autotune.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autotune.analysis.LocalMinimumCheck;
import org.autotune.campaign.CampaignConfig;
import org.autotune.scan.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune check}: is the minimum a local hole? A space-filling sample and the points that beat it. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {
        "Check that the campaign's minimum is not a local hole: run a space-filling (Sobol) sample "
            + "over the whole space (or a box around the best sample, --width) as journaled samples, and "
            + "report every point that beats the best sample by more than twice the combined standard "
            + "error.",
        "If one does, a copy of the campaign file that starts from the best of them is written next "
            + "to it (<name>.restart.yaml).",
        "Exit code 0 when nothing beats the minimum, 4 when something does."})
final class CheckCommand implements Callable<Integer> {
    /** Exit code when a point beats the minimum beyond noise. */
    static final int FOUND_BETTER = 4;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH", description = "campaign folder (default: <file name>.autotune)")
    Path dir;

    @Option(names = "--points", paramLabel = "N",
        description = "how many points (default: the larger of 16 and 10 per parameter)")
    Integer points;

    @Option(names = "--width", paramLabel = "F", defaultValue = "0.5",
        description = "half-width of the box around the best sample, as a fraction of each range; 0.5 or more "
            + "means the whole space (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        Flags.positive(file, "--width", width, "0.5 (the whole space) or 0.1");
        if (points != null) {
            Flags.whole(file, "--points", points, 2, 1_000_000);
        }
        var config = CampaignConfig.read(Targets.campaignFile(file));
        int count = points != null ? points : Math.max(16, 10 * config.space().dimension());
        boolean live = System.console() != null;
        try (var campaign = CampaignRunCommand.openForSamples(config, dir, true, verbose.length, live)) {
            var out = spec.commandLine().getOut();
            out.printf("local-minimum check of campaign %s: %d Sobol points over %s, %d slots%n", config.name(), count,
                width >= 0.5 ? "the whole space" : "a box of +-" + width + " of each range around the best sample",
                campaign.slots());
            out.flush();
            return CampaignRunCommand.stoppable(campaign::stop, () -> {
                var r = Checks.run(campaign, CampaignRunCommand.progress(live, "check "), Clock.systemUTC(),
                    count, width);
                out.printf("check %d: %d points; %s%n", r.number(), r.points(), r.outcome().message());
                int code = CampaignRunCommand.exitCode(r.outcome());
                if (code != 0) {
                    out.flush();
                    return code;
                }
                out.printf("minimum: sample %s, score %.6g%s%n", r.minimum().name(), r.minimum().score().getAsDouble(),
                    r.minimum().scoreError().isPresent()
                        ? String.format(Locale.ROOT, " +- %.2g", r.minimum().scoreError().getAsDouble()) : "");
                if (r.better().isEmpty()) {
                    out.println("no point beats the minimum by more than the noise: it is not a local hole at this "
                        + "sampling density");
                    out.flush();
                    return 0;
                }
                out.printf("%d point(s) beat the minimum beyond noise: it is a local minimum%n", r.better().size());
                r.better().stream().limit(10).forEach(b -> out.println("  " + LocalMinimumCheck.describe(
                    config.space(), b)));
                out.println("to restart from the best of them: autotune run "
                    + CampaignRunCommand.relative(r.restartFile().orElseThrow()));
                out.flush();
                return FOUND_BETTER;
            });
        }
    }
}
