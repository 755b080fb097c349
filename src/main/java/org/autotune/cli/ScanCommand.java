package org.autotune.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Overrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune scan}: samples around the best point, then uncertainties, correlations and flat directions. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Scan around the campaign's best sample: each parameter alone at -2, -1, +1, +2 widths and every",
        "pair at the four corners (+-1, +-1), run as journaled samples on the campaign's executor. Then fit a",
        "quadratic to the samples in that region and report each parameter's 1-sigma uncertainty, the",
        "correlations, and the principal directions, flagging the poorly constrained ones.",
        "An interrupted scan continues where it stopped; a finished one is followed by a new scan around the",
        "then best sample."})
final class ScanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH", description = "campaign folder (default: <file name>.autotune)")
    Path dir;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1",
        description = "scan width per parameter in units of its step: from the campaign file (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new InputError(file, "--width", "--width " + width + " is not a positive number", "use e.g. --width 1");
        }
        var config = CampaignConfig.read(file);
        boolean live = System.console() != null;
        Logging.configure(verbose.length, live, null);
        try (var campaign = Campaign.open(config, new Overrides(Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), Optional.ofNullable(dir), false), true)) {
            Logging.configure(verbose.length, live, campaign.directory().resolve("autotune.log"));
            var out = spec.commandLine().getOut();
            out.printf("scan of campaign %s around its best sample, %d slots, folder %s%n", config.name(),
                campaign.slots(), CampaignRunCommand.relative(campaign.directory()));
            out.flush();
            return CampaignRunCommand.stoppable(campaign::stop, () -> {
                var result = campaign.scan(live ? new TerminalProgress() : new LogProgress("scan "), Clock.systemUTC(),
                    width);
                out.printf("scan %d: %d points; %s%n", result.number(), result.points(), result.outcome().message());
                result.report().ifPresent(a -> a.describe().forEach(out::println));
                out.flush();
                return CampaignRunCommand.exitCode(result.outcome());
            });
        }
    }
}
