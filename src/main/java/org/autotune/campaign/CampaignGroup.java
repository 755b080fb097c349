package org.autotune.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.autotune.execute.Executors;

/**
 * Several campaigns run at once on one executor whose slots they share (each never has more than
 * its own share in flight). Each runs on a thread of its own; when one fails with a bug, the
 * others are stopped and the failure is thrown once all have ended.
 */
public final class CampaignGroup {
    private final List<Campaign> campaigns;
    private final int slots;

    /** @param slots the shared executor's slots (the sum of the campaigns' shares) */
    public CampaignGroup(List<Campaign> campaigns, int slots) {
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one campaign");
        }
        this.campaigns = List.copyOf(campaigns);
        this.slots = slots;
    }

    /** Stops every campaign of the group (Ctrl-C, SIGTERM, or one of them failed). */
    public void stop() {
        campaigns.forEach(Campaign::stop);
    }

    /**
     * Runs every campaign to its end and returns their outcomes in the order given.
     *
     * @param progress each campaign's progress display
     */
    public List<Outcome> run(Function<Campaign, Progress> progress, Clock clock) {
        var first = campaigns.get(0);
        var names = String.join("+", campaigns.stream().map(c -> c.config().name()).toList());
        try (var shared = Executors.create(first.config().executor(), slots, first.directory(), names)) {
            var runs = new ArrayList<CompletableFuture<Outcome>>();
            for (var c : campaigns) {
                var run = new CompletableFuture<Outcome>();
                var thread = new Thread(() -> {
                    try {
                        run.complete(c.run(progress.apply(c), clock, shared));
                    } catch (RuntimeException e) {
                        run.completeExceptionally(e);
                        stop();
                    }
                }, "autotune-" + c.config().name());
                thread.start();
                runs.add(run);
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            var outcomes = new ArrayList<Outcome>();
            for (var run : runs) {
                try {
                    outcomes.add(run.join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            return outcomes;
        }
    }
}
