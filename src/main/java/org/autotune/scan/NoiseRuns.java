package org.autotune.scan;

import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.SeedPolicy;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Point;

/**
 * With fixed seeds, after a scan: replicates of the best sample's point with fresh seeds
 * ({@code noise/1}, {@code noise/2}, …), so that the analysis can say how much the score moves
 * from seed to seed there and whether the simulation describes the data (one seed cannot say
 * either). They never become the campaign's best and take no part in its fits. Replicates already
 * run at that point count: a second scan around the same best sample runs none, an interrupted one
 * continues with the same seeds.
 */
final class NoiseRuns {
    private NoiseRuns() {
    }

    /**
     * @param replicates how many replicates the best point should have (0: none)
     * @param held       the values the scan held the integer and choice parameters at
     * @return the outcome of the replicates' run; empty when none was needed
     */
    static Optional<Outcome> run(Campaign campaign, int replicates, HeldCombination held, Progress progress,
                                 Clock clock) {
        var journal = campaign.journal();
        if (replicates <= 0 || campaign.config().seeds() != SeedPolicy.FIXED) {
            return Optional.empty();
        }
        var best = journal.best().filter(b -> held.holds(b.point()));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        var at = best.get().point();
        int events = best.get().events();
        // {first ordinal at this point, finished there}
        int[] found = {journal.lastOrdinal(SampleRecord.NOISE) + 1, 0};
        journal.forEachSample(false, s -> {
            if (s.noiseReplicate() && s.point().equals(at) && s.events() == events) {
                found[0] = Math.min(found[0], s.ordinal());
                found[1] += s.status() == SampleStatus.FINISHED ? 1 : 0;
            }
        });
        int first = found[0];
        if (found[1] >= replicates) {
            return Optional.empty();
        }
        var points = Collections.nCopies(replicates, Point.of(at));
        return Optional.of(campaign.runDesign(points, SampleRecord.NOISE, first, "noise", progress, clock)
            .outcome());
    }
}
