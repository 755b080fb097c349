package org.autotune.cli;

import java.util.concurrent.Callable;
import org.autotune.campaign.CampaignStatus;
import org.autotune.journal.Revisions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code autotune status}: where a campaign stands, read from its journal (safe while it runs). */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a campaign's state, sample counts, best score and recent failures (read-only).")
final class StatusCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JournalArguments args;

    @Override
    public Integer call() {
        try (var view = args.open()) {
            var out = spec.commandLine().getOut();
            var status = CampaignStatus.of(view);
            out.printf("campaign %s: %s%n", status.name(), status.state());
            out.printf("samples: %d of budget %d done (%d finished, %d failed), %d running, %d pending, "
                    + "%d interrupted%n", status.done(), status.budget(), status.finished(), status.failed(),
                status.running(), status.pending(), status.interrupted());
            var byEvents = status.byEvents();
            if (byEvents.size() > 1) {   // a fidelity schedule: the best is taken among the most events
                out.printf("events per sample: %s (the best is the lowest score with %d events)%n",
                    String.join(", ", byEvents.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
                        + " samples)").toList()), byEvents.lastKey());
            }
            status.best().ifPresentOrElse(b -> Summary.printBest(out, view.space(), b),
                () -> out.println("no sample finished yet"));
            var revisions = Revisions.all(view.journal());
            if (revisions.size() > 1) {
                out.printf("revisions of the campaign file: %d%n", revisions.size());
                for (var r : revisions) {
                    out.printf("  %d  %s  %s%n", r.number(), r.at(), r.note());
                }
            }
            status.lastFailure().ifPresent(f -> out.printf("last failure: sample %s in %s: %s%n", f.name(),
                f.folder(), f.error().lines().findFirst().orElse("")));
            out.flush();
        }
        return 0;
    }
}
