package org.autotune.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.autotune.campaign.CampaignConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune refit}: scores recomputed from the stored outputs, with the campaign file's metric. */
@Command(name = "refit", mixinStandardHelpOptions = true,
    description = {
        "Recompute every finished sample's score from the outputs its folder keeps, with the campaign file's "
            + "metric and reference data (e.g. after re-weighting the metric or updating the reference), "
            + "without simulating. Journaled as a new revision of the campaign file.",
        "Then 'autotune analyze' and 'autotune report' use the new scores, and 'autotune resume' continues "
            + "with a new optimizer phase that starts at the best sample under the new scores."})
final class RefitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH",
        description = "campaign folder; default: <file name>.autotune next to the file")
    Path dir;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        Targets.campaignFile(file);
        var config = CampaignConfig.read(file);
        try (var campaign = CampaignRunCommand.openForSamples(config, dir, true, verbose.length, false)) {
            int n = campaign.refit(Clock.systemUTC());
            var out = spec.commandLine().getOut();
            out.printf("re-scored %d finished samples from their stored outputs, ran none; 'autotune analyze %s' "
                + "and 'autotune report %s' use the new scores%n", n, file, file);
            out.flush();
        }
        return 0;
    }
}
