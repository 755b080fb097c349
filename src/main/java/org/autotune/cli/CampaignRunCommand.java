package org.autotune.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.autotune.InputError;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.CampaignGroup;
import org.autotune.campaign.Outcome;
import org.autotune.scan.EstimateCheck;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.execute.Executors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code run} and {@code resume} share: options, Ctrl-C handling, the closing summary, and
 * running several campaigns at once on one shared executor.
 */
abstract class CampaignRunCommand implements Callable<Integer> {
    /** Exit code when too many samples failed in a row. */
    static final int EXIT_FAILURES = 3;
    /** Exit code after Ctrl-C (128 + SIGINT, as shells report it); SIGTERM gives 143. */
    static final int EXIT_INTERRUPTED = 130;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAMPAIGN",
        description = "campaign file(s) (YAML); several run at once, sharing the executor's slots")
    List<Path> files;

    @Option(names = "--budget", paramLabel = "N", description = "maximum number of samples (overrides the file)")
    Integer budget;

    @Option(names = "--seed", paramLabel = "N", description = "seed of a new campaign (overrides the file's seed); "
        + "a campaign that exists keeps its seed, and a different one is refused")
    Long seedOption;

    @Option(names = "--dir", paramLabel = "PATH",
        description = "campaign folder (journal, samples, log); default: <file name>.autotune next to the file")
    Path dir;

    @Option(names = "--force-new", description = "start a new campaign even if one exists; the old folder is "
        + "renamed with a time stamp, nothing is deleted")
    boolean forceNew;

    @Option(names = "-v", description = "more detail in the log (-v debug, -vv trace)")
    boolean[] verbose = new boolean[0];

    abstract boolean mustExist();

    OptionalInt slots() {
        return OptionalInt.empty();
    }

    OptionalLong seed() {
        return seedOption == null ? OptionalLong.empty() : OptionalLong.of(seedOption);
    }

    @Override
    public Integer call() {
        if (dir != null && files.size() > 1) {
            throw new InputError(files.get(1), "--dir", "--dir names one folder but " + files.size()
                + " campaigns were given", "leave out --dir (each campaign gets its own folder next to its file)");
        }
        var overrides = new Overrides(Optional.ofNullable(budget), slots(), seed(), Optional.ofNullable(dir), forceNew)
            .check(files.get(0));
        files.forEach(Targets::campaignFile);
        if (dir != null) {
            Targets.outputFolder(dir, "--dir");
        }
        var configs = files.stream().map(CampaignConfig::read).toList();
        boolean live = System.console() != null && configs.size() == 1;
        Logging.configure(verbose.length, live, null);
        int total = slots().orElse(Executors.slots(configs.get(0).executor(), OptionalInt.empty()));
        int share = Math.max(1, total / configs.size());
        var campaigns = new ArrayList<Campaign>();
        try {
            for (var config : configs) {
                checkSameExecutor(configs.get(0), config);
                var slots = configs.size() == 1 ? slots() : OptionalInt.of(share);
                campaigns.add(Campaign.open(config, new Overrides(overrides.budget(), slots, overrides.seed(),
                    overrides.dir(), forceNew), mustExist()));
            }
            if (campaigns.size() == 1) {
                Logging.configure(verbose.length, live, campaigns.get(0).directory().resolve("autotune.log"));
            }
            var out = spec.commandLine().getOut();
            campaigns.forEach(c -> printOpened(out, c));
            out.flush();
            var group = new CampaignGroup(campaigns, total);
            return stoppable(group::stop, () -> {
                var outcomes = campaigns.size() == 1
                    ? List.of(campaigns.get(0).run(live ? new TerminalProgress() : new LogProgress(""),
                        Clock.systemUTC()))
                    : group.run(c -> new LogProgress(c.config().name() + " "), Clock.systemUTC());
                int code = 0;
                for (int i = 0; i < campaigns.size(); i++) {
                    var c = campaigns.get(i);
                    EstimateCheck.run(c, outcomes.get(i), new LogProgress(campaigns.size() > 1
                        ? c.config().name() + " " : ""), Clock.systemUTC());
                }
                for (int i = 0; i < campaigns.size(); i++) {
                    if (campaigns.size() > 1) {
                        out.printf("%n== %s%n", campaigns.get(i).config().name());
                    }
                    Summary.print(out, campaigns.get(i), outcomes.get(i));
                    code = Math.max(code, exitCode(outcomes.get(i)));
                }
                return code;
            });
        } finally {
            campaigns.forEach(Campaign::close);
        }
    }

    /**
     * Runs {@code body} with Ctrl-C / SIGTERM handling: the hook calls {@code stop} (which ends the
     * jobs), then waits until the body has returned, so that journals are consistent and summaries
     * printed before the JVM exits (with 130 after SIGINT, 143 after SIGTERM).
     */
    static int stoppable(Runnable stop, IntSupplier body) {
        var finished = new CountDownLatch(1);
        var hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "autotune-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.getAsInt();
        } finally {
            removeHook(hook);
            finished.countDown();
        }
    }

    private static void printOpened(PrintWriter out, Campaign c) {
        if (!c.revisionNote().isEmpty()) {
            out.printf("campaign %s: %s%n", c.config().name(), c.revisionNote());
        }
        out.printf("campaign %s: %d parameters, budget %d samples, %d slots, folder %s%n", c.config().name(),
            c.config().space().dimension(), c.config().budget(), c.slots(), relative(c.directory()));
    }

    private static void checkSameExecutor(CampaignConfig first, CampaignConfig other) {
        String a = first.executor().string("type", "local");
        String b = other.executor().string("type", "local");
        if (!a.equals(b)) {
            throw new InputError(other.file(), other.executor().line("type"), "executor.type",
                "campaigns run together share one executor, but this one uses '" + b + "' and " + first.file()
                    + " uses '" + a + "'", "use the same executor type, or run them as separate autotune commands");
        }
    }

    static int exitCode(Outcome outcome) {
        return switch (outcome.state()) {
            case CONVERGED, BUDGET_SPENT, STAGNATED, WALL_TIME -> 0;
            case INTERRUPTED -> EXIT_INTERRUPTED;
            case TOO_MANY_FAILURES, INFRASTRUCTURE_FAILED -> EXIT_FAILURES;
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the latch counted down next
        }
    }

    /**
     * Opens a campaign folder ({@code dir}, or the default one) for a command that runs more samples
     * in it (scan, check, screen), with the log going to its autotune.log.
     */
    static Campaign openForSamples(CampaignConfig config, Path dir, boolean mustExist, int verbosity, boolean live) {
        if (dir != null) {
            Targets.outputFolder(dir, "--dir");
        }
        Logging.configure(verbosity, live, null);
        var campaign = Campaign.open(config, new Overrides(Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), Optional.ofNullable(dir), false), mustExist);
        Logging.configure(verbosity, live, campaign.directory().resolve("autotune.log"));
        return campaign;
    }

    /** A live line on a terminal, else a log line every 10 seconds starting with {@code label}. */
    static Progress progress(boolean live, String label) {
        return live ? new TerminalProgress() : new LogProgress(label);
    }

    static String relative(Path p) {
        var cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) && Files.exists(p) ? cwd.relativize(p).toString() : p.toString();
    }

}
