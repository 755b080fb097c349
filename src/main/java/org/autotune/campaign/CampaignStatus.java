package org.autotune.campaign;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/**
 * Where a campaign stands, as {@code autotune status} prints it and the dashboard shows it: its
 * state, the sample counts against the budget, the best sample and the last failure. One place
 * computes these numbers so the two never disagree.
 *
 * @param done     finished plus failed samples: the ones that count against the budget
 * @param byEvents how many samples have each number of events (more than one entry with a
 *                 fidelity schedule; the best is taken among the most events)
 */
public record CampaignStatus(String name, String state, int budget, int done, int finished, int failed,
                             int running, int pending, int interrupted, Optional<SampleRecord> best,
                             Optional<SampleRecord> lastFailure, SortedMap<Integer, Long> byEvents) {

    /**
     * Reads the numbers from a campaign's journal: a few aggregate queries (counts, best, last
     * failure, samples per events) that read a handful of rows however many samples it holds.
     */
    public static CampaignStatus of(CampaignView view) {
        Map<SampleStatus, Integer> counts = view.counts();
        int finished = counts.get(SampleStatus.FINISHED);
        int failed = counts.get(SampleStatus.FAILED);
        var journal = view.journal();
        return new CampaignStatus(view.name(), view.state(), view.budget(), finished + failed, finished, failed,
            counts.get(SampleStatus.RUNNING), counts.get(SampleStatus.PENDING),
            counts.get(SampleStatus.INTERRUPTED), view.best(), journal.lastFailure(), journal.eventCounts());
    }
}
