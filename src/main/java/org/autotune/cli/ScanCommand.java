package org.autotune.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Grid;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.NamedCombination;
import org.autotune.scan.Grids;
import org.autotune.scan.Regions;
import org.autotune.scan.Scans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune scan}: samples around the best point, then uncertainties, correlations and flat directions. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {
        "Scan around the campaign's best sample: each parameter alone at -2, -1, +1, +2 widths and "
            + "every pair at the four corners (+-1, +-1), run as journaled samples on the campaign's "
            + "executor. Then fit a quadratic to the samples in that region and report each parameter's "
            + "1-sigma uncertainty, the correlations, and the principal directions, flagging the poorly "
            + "constrained ones.",
        "When the metric exposes observables, it then maps the region the data allow (posterior of "
            + "emulated observables), runs samples drawn from it to validate it, and names the parameters "
            + "the data fix.",
        "Integer and choice parameters are held at the best sample's values, or at --at (the output says "
            + "which); each integer one is also tried at its neighbouring integers.",
        "An interrupted scan continues where it stopped; a finished one is followed by a new scan "
            + "around the then best sample.",
        "With --grid A,B (or --grid auto: the most correlated pair of the analysis) it runs a G x G "
            + "grid over that pair instead, the others fixed at the minimum, and prints the map of scores."})
final class ScanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH", description = "campaign folder (default: <file name>.autotune)")
    Path dir;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1",
        description = "scan width per parameter in units of its step: from the campaign file "
            + "(default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--grid", paramLabel = "A,B|auto",
        description = "a 2-D grid over this pair of parameters (repeatable); auto = the most correlated pair")
    List<String> grids = new ArrayList<>();

    @Option(names = "--grid-points", paramLabel = "G", defaultValue = "5",
        description = "grid points per axis (default: ${DEFAULT-VALUE})")
    int gridPoints;

    @Option(names = "--grid-span", paramLabel = "S", defaultValue = "2",
        description = "grid half-width in 1-sigma of the analysis, or in steps before any analysis "
            + "(default: ${DEFAULT-VALUE})")
    double gridSpan;

    @Option(names = "--at", paramLabel = "NAME=VALUE,...",
        description = "hold the integer and choice parameters at this combination (those not named: as in the best "
            + "sample that has the named ones) and scan around its best sample; default: the best sample's")
    String at;

    @Option(names = "--replicates", paramLabel = "R", defaultValue = "" + Scans.REPLICATES,
        description = "with seeds: fixed, samples with fresh seeds at the best point after the scan, to measure the "
            + "score's noise and test the fit (0: none; default: ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        Flags.positive(file, "--width", width, "1");
        Flags.whole(file, "--grid-points", gridPoints, 3, 101);
        Flags.positive(file, "--grid-span", gridSpan, "2");
        Flags.whole(file, "--replicates", replicates, 0, 1000);
        var pairs = new ArrayList<Optional<List<String>>>();
        for (var g : grids) {
            if (g.equals("auto")) {
                pairs.add(Optional.empty());
            } else {
                var parts = g.split(",", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new InputError(file, "--grid", "--grid " + g + " is not a pair of parameter names",
                        "use e.g. --grid Tc,Tw or --grid auto");
                }
                pairs.add(Optional.of(List.of(parts[0].trim(), parts[1].trim())));
            }
        }
        var config = CampaignConfig.read(Targets.campaignFile(file));
        boolean live = System.console() != null;
        try (var campaign = CampaignRunCommand.openForSamples(config, dir, true, verbose.length, live)) {
            var out = spec.commandLine().getOut();
            out.printf("scan of campaign %s around its best sample, %d slots, folder %s%n", config.name(),
                campaign.slots(), CampaignRunCommand.relative(campaign.directory()));
            out.flush();
            if (!pairs.isEmpty()) {
                return CampaignRunCommand.stoppable(campaign::stop, () -> {
                    for (var pair : pairs) {
                        var r = Grids.run(campaign, pair, gridPoints, gridSpan, CampaignRunCommand.progress(live,
                            "grid "), Clock.systemUTC());
                        out.printf("grid %d: %s%n", r.number(), r.outcome().message());
                        int code = CampaignRunCommand.exitCode(r.outcome());
                        if (code != 0) {
                            out.flush();
                            return code;
                        }
                        printGrid(out, r.grid().orElseThrow());
                        out.flush();
                    }
                    return 0;
                });
            }
            return CampaignRunCommand.stoppable(campaign::stop, () -> scanThenRegion(campaign, out, live));
        }
    }

    /** The scan and its analysis; then, with observables, the region the data allow. */
    private int scanThenRegion(Campaign campaign, PrintWriter out, boolean live) {
        var space = campaign.config().space();
        var values = at == null ? Optional.<Map<String, Double>>empty() : Optional.of(NamedCombination.complete(file,
            "--at", space, campaign.journal(), NamedCombination.parse(file, "--at", at, space)));
        var result = Scans.run(campaign, CampaignRunCommand.progress(live, "scan "), Clock.systemUTC(),
            width, values, replicates);
        out.printf("scan %d: %d points; %s%n", result.number(), result.points(), result.outcome().message());
        result.held().forEach(out::println);
        result.report().ifPresent(a -> a.describe().forEach(out::println));
        out.flush();
        int code = CampaignRunCommand.exitCode(result.outcome());
        if (code != 0 || result.report().isEmpty()) {
            return code;
        }
        var region = Regions.run(campaign, CampaignRunCommand.progress(live, "region "), Clock.systemUTC());
        if (region.isPresent() && region.get().interrupted().isPresent()) {
            out.printf("region: %s%n", region.get().interrupted().get().message());
            out.flush();
            return CampaignRunCommand.exitCode(region.get().interrupted().get());
        }
        region.flatMap(Regions.RegionOutcome::report).ifPresent(r -> r.lines().forEach(out::println));
        out.flush();
        return 0;
    }

    /** The map of scores: one row per value of the second parameter (largest first), one column per
    * value of the first. */
    static void printGrid(PrintWriter out, Grid g) {
        out.printf("score over %s (columns) and %s (rows):%n", g.x(), g.y());
        var header = new StringBuilder(String.format(Locale.ROOT, "%12s |", g.y() + " \\ " + g.x()));
        for (double x : g.xs()) {
            header.append(String.format(Locale.ROOT, " %11.5g", x));
        }
        out.println(header);
        for (int row = g.ys().length - 1; row >= 0; row--) {
            var line = new StringBuilder(String.format(Locale.ROOT, "%12.5g |", g.ys()[row]));
            for (double v : g.scores()[row]) {
                line.append(Double.isNaN(v) ? String.format("%12s", "failed")
                    : String.format(Locale.ROOT, " %11.5g", v));
            }
            out.println(line);
        }
    }
}
