package org.autotune.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Outcome;
import org.autotune.journal.SampleRecord;
import org.autotune.space.Space;

/** The lines printed when a campaign's run ends: why it ended, the counts, the best point. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, Campaign campaign, Outcome outcome) {
        var counts = campaign.journal().counts();
        out.printf("%s: %s%n", outcome.state().spelling(), outcome.message());
        var last = outcome.last();
        out.printf("samples: %d finished, %d failed%s%n", counts.get(org.autotune.journal.SampleStatus.FINISHED),
            counts.get(org.autotune.journal.SampleStatus.FAILED),
            last != null && last.reused() > 0 ? ", " + last.reused() + " answered from the journal" : "");
        outcome.best().ifPresentOrElse(b -> printBest(out, campaign.config().space(), b),
            () -> out.println("no sample finished: no best point"));
        out.printf("journal: %s%n", CampaignRunCommand.relative(campaign.journal().file()));
        out.flush();
    }

    static void printBest(PrintWriter out, Space space, SampleRecord best) {
        out.printf("best: sample %d, score %s%s%n", best.id(), number(best.score().getAsDouble()),
            best.scoreError().isPresent() ? " ± " + number(best.scoreError().getAsDouble()) : "");
        var values = space.format(org.autotune.space.Point.of(best.point()));
        int width = space.names().stream().mapToInt(String::length).max().orElse(1);
        for (var p : space.parameters()) {
            out.printf("  %-" + width + "s = %s%s%n", p.name(), values.get(p.name()),
                p.unit().isEmpty() ? "" : " " + p.unit());
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
