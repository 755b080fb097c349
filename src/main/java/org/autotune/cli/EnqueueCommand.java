package org.autotune.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Enqueued;
import org.autotune.campaign.Overrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune enqueue}: known points (e.g. the current default tune) that the next run samples first. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
    description = {
        "Queue known points (e.g. the current default tune) that the next 'run' or 'resume' samples first, "
            + "before the optimizer, as samples enqueued/1, enqueued/2, ...",
        "A parameter a point leaves out takes its start value. The campaign need not have run yet."})
final class EnqueueCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--point", paramLabel = "NAME=VALUE,...",
        description = "a point, e.g. --point gain=1.2,offset=0.3 (repeatable)")
    List<String> points = new ArrayList<>();

    @Option(names = "--points", paramLabel = "FILE",
        description = "a CSV file: a header of parameter names, then one point per row (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "PATH",
        description = "campaign folder; default: <file name>.autotune next to the file")
    Path dir;

    @Override
    public Integer call() {
        Targets.campaignFile(file);
        if (points.isEmpty() && files.isEmpty()) {
            throw new InputError(file, "--point", "no points given", "give --point NAME=VALUE,... or --points FILE");
        }
        if (dir != null) {
            Targets.outputFolder(dir, "--dir");
        }
        var config = CampaignConfig.read(file);
        var parsed = Enqueued.parse(config, points, files);
        Logging.configure(0, false, null);
        try (var campaign = Campaign.open(config, new Overrides(Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), Optional.ofNullable(dir), false), false)) {
            Enqueued.add(campaign, parsed, Clock.systemUTC());
            var out = spec.commandLine().getOut();
            if (!campaign.revisionNote().isEmpty()) {
                out.println(campaign.revisionNote());
            }
            out.printf("queued %d point%s in %s; 'autotune run %s' samples them first%n", parsed.size(),
                parsed.size() == 1 ? "" : "s", CampaignRunCommand.relative(campaign.directory()), file);
            out.flush();
        }
        return 0;
    }
}
