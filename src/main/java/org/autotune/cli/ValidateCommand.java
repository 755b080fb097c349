package org.autotune.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.autotune.InputError;
import org.autotune.Template;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.execute.LocalExecutor;
import org.autotune.space.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune validate}: checks a campaign file completely without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a campaign file (keys, bounds, templates, reference data) without running anything.")
final class ValidateCommand implements Callable<Integer> {
    private static final String CAMPAIGN_DIR = "campaign_dir";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Override
    public Integer call() {
        var config = CampaignConfig.read(Targets.campaignFile(file));
        String optimizer = Campaign.check(config);
        var program = program(config);
        var out = spec.commandLine().getOut();
        out.printf("%s: valid campaign '%s'%n", file, config.name());
        program.ifPresent(p -> out.printf("  simulator program %s%n", p));
        missingArguments(config).forEach(a -> out.printf("  note: simulator argument %s does not exist (yet): the "
            + "command fails if it must read it%n", a));
        out.printf("  %-14s %-8s %-12s %-12s %-12s %s%n", "parameter", "kind", "min", "max", "start", "unit");
        for (Parameter p : config.space().parameters()) {
            out.printf("  %-14s %-8s %-12s %-12s %-12s %s%n", p.name(), p.kind().spelling(), p.format(p.min()),
                p.format(p.max()), p.format(p.start()), p.unit());
        }
        out.printf("  optimizer %s, metric %s, budget %d samples of %d events, seeds %s (seed %d), retries %d%n",
            optimizer,
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

    /**
     * The simulator's arguments after the program that name a file of the campaign's folder
     * ({@code {{campaign_dir}}/…}, no other placeholder) and are not there: a script an interpreter
     * reads must exist before the run, an output the simulator writes need not.
     */
    private static List<String> missingArguments(CampaignConfig config) {
        var command = config.simulator().strings("command");
        var campaignDir = config.directory().toAbsolutePath().normalize().toString();
        var out = new ArrayList<String>();
        for (String arg : command.subList(1, command.size())) {
            if (arg.strip().startsWith("{{") && Set.of(CAMPAIGN_DIR).equals(Template.placeholders(arg))) {
                String path = Template.render(arg, Map.of(CAMPAIGN_DIR, campaignDir));
                if (!Files.exists(Path.of(path))) {
                    out.add(arg + " (" + path + ")");
                }
            }
        }
        return out;
    }

    /**
     * Finds the simulator's program as the local executor will start it (see
     * {@link LocalExecutor#locate}): the first element of {@code simulator.command} with
     * {@code {{campaign_dir}}} filled in. Says where it was found; a program that depends on the
     * sample, or runs on a cluster, is not looked for here.
     *
     * @throws InputError naming where it was looked for, when it is not there
     */
    private static Optional<String> program(CampaignConfig config) {
        if (!config.executor().string("type", "local").equals("local")) {
            return Optional.empty();
        }
        String first = config.simulator().strings("command").get(0);
        if (!Set.of(CAMPAIGN_DIR).containsAll(Template.placeholders(first))) {
            return Optional.of(first + " (depends on the sample: not looked for)");
        }
        var campaignDir = config.directory().toAbsolutePath().normalize();
        String program = Template.render(first, Map.of(CAMPAIGN_DIR, campaignDir.toString()));
        var sampleFolder = Campaign.defaultDirectory(config.file()).resolve("samples").resolve("000001");
        var search = LocalExecutor.locate(program, sampleFolder);
        if (search.found().isEmpty()) {
            var name = Path.of(program).getFileName();
            throw config.simulator().error("command", search.problem(), program.contains("/")
                ? "give its path from the campaign file's folder as {{campaign_dir}}/" + name + " (a relative path "
                    + "starts in the sample's folder), or an absolute path, and make it executable (chmod +x)"
                : "install it or add its folder to PATH, or give its path, e.g. {{campaign_dir}}/" + name);
        }
        return Optional.of(search.found().get() + (program.contains("/") ? "" : " (found on PATH)"));
    }
}
