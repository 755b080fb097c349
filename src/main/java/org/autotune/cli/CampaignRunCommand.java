package org.autotune.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code run} and {@code resume} share: options, Ctrl-C handling, the closing summary. */
abstract class CampaignRunCommand implements Callable<Integer> {
    /** Exit code when too many samples failed in a row. */
    static final int EXIT_FAILURES = 3;
    /** Exit code after Ctrl-C / SIGTERM (128 + SIGINT, as shells report it). */
    static final int EXIT_INTERRUPTED = 130;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "the campaign file (YAML)")
    Path file;

    @Option(names = "--budget", paramLabel = "N", description = "maximum number of samples (overrides the file)")
    Integer budget;

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
        return OptionalLong.empty();
    }

    @Override
    public Integer call() {
        var config = CampaignConfig.read(file);
        var overrides = new Overrides(Optional.ofNullable(budget), slots(), seed(), Optional.ofNullable(dir), forceNew);
        boolean live = System.console() != null;
        Logging.configure(verbose.length, live, null);
        try (var campaign = Campaign.open(config, overrides, mustExist())) {
            Logging.configure(verbose.length, live, campaign.directory().resolve("autotune.log"));
            var out = spec.commandLine().getOut();
            out.printf("campaign %s: %d parameters, budget %d samples, %d slots, folder %s%n", config.name(),
                config.space().dimension(), campaign.config().budget(), campaign.slots(), relative(campaign.directory()));
            out.flush();
            // Ctrl-C / SIGTERM: the hook stops the jobs, then waits until the journal is consistent and
            // the summary is printed (the JVM then exits with 130 after SIGINT, 143 after SIGTERM)
            var finished = new CountDownLatch(1);
            var hook = new Thread(() -> {
                campaign.stop();
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "autotune-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                var outcome = campaign.run(live ? new TerminalProgress() : new LogProgress(), Clock.systemUTC());
                Summary.print(out, campaign, outcome);
                return switch (outcome.state()) {
                    case CONVERGED, BUDGET_SPENT -> 0;
                    case INTERRUPTED -> EXIT_INTERRUPTED;
                    case TOO_MANY_FAILURES -> EXIT_FAILURES;
                };
            } finally {
                removeHook(hook);
                finished.countDown();
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the latch counted down next
        }
    }

    static String relative(Path p) {
        var cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) && Files.exists(p) ? cwd.relativize(p).toString() : p.toString();
    }
}
