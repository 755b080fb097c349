package org.autotune.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.campaign.Anchors;
import org.autotune.campaign.CampaignConfig;
import org.autotune.space.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune anchors}: simulated total rates at anchor points, and the interpolation between them. */
@Command(name = "anchors", mixinStandardHelpOptions = true,
    description = {
        "Run the samples at the anchor points of the campaign file's 'anchors:' section (cross: one "
            + "parameter at a time around a nominal point; grid: every combination) as journaled samples on "
            + "the campaign's executor, then interpolate the total rate between them and write anchors.json "
            + "into the campaign folder.",
        "Finished anchor samples are never run again. --at evaluates the interpolation."})
final class AnchorsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (YAML) with an 'anchors:' section")
    Path file;

    @Option(names = "--dir", paramLabel = "PATH", description = "campaign folder (default: <file name>.autotune)")
    Path dir;

    @Option(names = "--at", paramLabel = "NAME=VALUE,...",
        description = "print the interpolated rate here (repeatable); unnamed anchored parameters stay at the "
            + "nominal (cross) or start (grid) value")
    List<String> at = new ArrayList<>();

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        var config = CampaignConfig.read(Targets.campaignFile(file));
        var anchors = Anchors.of(config).orElseThrow(() -> new InputError(file, "anchors", "the campaign file has no "
            + "'anchors:' section", "add one, e.g. anchors: {mode: cross, parameters: {x: [-1, 0, 1]}}"));
        var evaluations = new ArrayList<double[]>();
        for (var text : at) {
            evaluations.add(anchors.at(parse(text)));
        }
        boolean live = System.console() != null;
        try (var campaign = CampaignRunCommand.openForSamples(config, dir, false, verbose.length, live)) {
            var out = spec.commandLine().getOut();
            out.printf("anchors of campaign %s: %s over %s, %d samples, %d slots, folder %s%n", config.name(),
                anchors.mode(), String.join(", ", anchors.names()), anchors.points().size(), campaign.slots(),
                CampaignRunCommand.relative(campaign.directory()));
            out.flush();
            return CampaignRunCommand.stoppable(campaign::stop, () -> {
                var result = anchors.run(campaign, CampaignRunCommand.progress(live, "anchors "), Clock.systemUTC());
                out.println("anchors: " + result.message());
                if (result.totals().isEmpty()) {
                    out.flush();
                    int code = CampaignRunCommand.exitCode(result.samples());
                    return code == 0 ? CampaignRunCommand.EXIT_FAILURES : code;
                }
                var totals = result.totals().get();
                for (int i = 0; i < totals.points().size(); i++) {
                    out.printf("  %s: %s%n", describe(totals.points().get(i)), number(totals.rates().get(i)));
                }
                out.println("wrote " + CampaignRunCommand.relative(campaign.directory().resolve(Anchors.FILE_NAME)));
                for (var x : evaluations) {
                    var named = new LinkedHashMap<String, Double>();
                    for (int k = 0; k < x.length; k++) {
                        named.put(anchors.names().get(k), x[k]);
                    }
                    out.printf("rate at %s: %s%n", describe(named), number(totals.interpolation().value(x)));
                }
                out.flush();
                return 0;
            });
        }
    }

    /** {@code x=0.5,y=0.3}: names are checked against the anchors afterwards. */
    private Map<String, Double> parse(String text) {
        var values = new LinkedHashMap<String, Double>();
        for (var part : text.split(",", -1)) {
            var kv = part.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new InputError(file, "--at", "'" + part + "' is not NAME=VALUE", "write e.g. --at x=0.5,y=0.3");
            }
            try {
                values.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new InputError(file, "--at", "'" + kv[1] + "' is not a number", "write e.g. --at x=0.5,y=0.3");
            }
        }
        return values;
    }

    private static String describe(Map<String, Double> point) {
        var parts = new ArrayList<String>();
        point.forEach((name, v) -> parts.add(name + "=" + Parameter.plain(v)));
        return String.join(", ", parts);
    }

    /** Ten significant digits, trailing zeros dropped: 40.3 prints as 40.3. */
    private static String number(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.10g", v).trim()).stripTrailingZeros()
            .toPlainString();
    }
}
