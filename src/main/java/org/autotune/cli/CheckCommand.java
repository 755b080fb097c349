package org.autotune.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.analysis.LocalMinimumCheck;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.NamedCombination;
import org.autotune.scan.Checks;
import org.autotune.space.Space;
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
        "Integer and choice parameters are held at the best sample's values, or at --at (the output says "
            + "which); the minimum is then the best sample with those values.",
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

    @Option(names = "--at", paramLabel = "NAME=VALUE,...",
        description = "hold the integer and choice parameters at this combination (those not named: as in the best "
            + "sample that has the named ones); default: the best sample's")
    String at;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        Flags.positive(file, "--width", width, "0.5 (the whole space) or 0.1");
        if (points != null) {
            Flags.whole(file, "--points", points, 2, 1_000_000);
        }
        var config = CampaignConfig.read(Targets.campaignFile(file));
        var space = config.space();
        var named = at == null ? null : NamedCombination.parse(file, "--at", at, space);
        int varied = (int) space.parameters().stream().filter(p -> p.kind().continuous()).count();
        if (varied == 0) {
            throw new InputError(file, "", "check needs at least one real or log parameter (this campaign has only "
                + "integer or choice parameters)", "compare the combinations with 'autotune status'");
        }
        int count = points != null ? points : Math.max(16, 10 * varied);
        boolean live = System.console() != null;
        try (var campaign = CampaignRunCommand.openForSamples(config, dir, true, verbose.length, live)) {
            var values = named == null ? Optional.<Map<String, Double>>empty()
                : Optional.of(NamedCombination.complete(file, "--at", space, campaign.journal(), named));
            var out = spec.commandLine().getOut();
            String over = width < 0.5 ? "a box of +-" + width + " of each range around the best sample"
                : space.continuous() ? "the whole space" : "the whole range of the real and log parameters";
            out.printf("local-minimum check of campaign %s: %d Sobol points over %s, %d slots%n", config.name(), count,
                over, campaign.slots());
            out.flush();
            return CampaignRunCommand.stoppable(campaign::stop, () -> print(out, space, Checks.run(campaign,
                CampaignRunCommand.progress(live, "check "), Clock.systemUTC(), count, width, values)));
        }
    }

    /** What the check found; the exit code. */
    private static int print(PrintWriter out, Space space, Checks.CheckOutcome r) {
        out.printf("check %d: %d points; %s%n", r.number(), r.points(), r.outcome().message());
        r.held().ifPresent(out::println);
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
        r.better().stream().limit(10).forEach(b -> out.println("  " + LocalMinimumCheck.describe(space, b)));
        out.println("to restart from the best of them: autotune run "
            + CampaignRunCommand.relative(r.restartFile().orElseThrow()));
        out.flush();
        return FOUND_BETTER;
    }
}
