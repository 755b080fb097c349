package org.autotune.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.optimize.Optimizers;
import org.autotune.space.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune validate}: checks a campaign file completely without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a campaign file (keys, bounds, templates, reference data) without running anything.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Override
    public Integer call() {
        var config = CampaignConfig.read(Targets.campaignFile(file));
        Campaign.check(config);
        var out = spec.commandLine().getOut();
        out.printf("%s: valid campaign '%s'%n", file, config.name());
        out.printf("  %-14s %-8s %-12s %-12s %-12s %s%n", "parameter", "kind", "min", "max", "start", "unit");
        for (Parameter p : config.space().parameters()) {
            out.printf("  %-14s %-8s %-12s %-12s %-12s %s%n", p.name(), p.kind().spelling(), p.format(p.min()),
                p.format(p.max()), p.format(p.start()), p.unit());
        }
        out.printf("  optimizer %s, metric %s, budget %d samples of %d events, seeds %s (seed %d), retries %d%n",
            config.optimizer().string("type", config.space().continuous() ? Optimizers.DEFAULT
                : Optimizers.DISCRETE_DEFAULT),
            config.metric().has("sum") ? "sum" : config.metric().string("type"), config.budget(), config.events(),
            config.seeds().name().toLowerCase(Locale.ROOT), config.seed(), config.retries());
        config.fidelity().ifPresent(f -> {
            var stages = new ArrayList<String>();
            for (int i = 0; i < f.events().length; i++) {
                stages.add(f.events()[i] + " events" + (i < f.samples().length ? " for up to " + f.samples()[i]
                    + " samples" : " for the rest"));
            }
            out.printf("  fidelity stages: %s; each box %s as wide as the one before%n", String.join(", then ", stages),
                Parameter.plain(f.narrow()));
        });
        config.design().ifPresent(d -> out.printf("  cost %s = %s at the start%s%s%n", d.cost(),
            Summary.number(d.cost().cost(config.space().start())),
            d.budget().map(b -> ", budget " + Parameter.plain(b.budget()) + " (steepness "
                + Parameter.plain(b.steepness()) + ", coefficient " + (d.coefficient().isPresent()
                ? Parameter.plain(d.coefficient().getAsDouble()) : "auto") + ")").orElse(""),
            d.fixedParameter().map(f -> ", " + f + " solved so that cost = budget").orElse("")));
        out.flush();
        return 0;
    }
}
