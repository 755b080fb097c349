package org.autotune.campaign;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

    /** Reads the numbers from a campaign's journal (read-only, a few short queries). */
    public static CampaignStatus of(CampaignView view) {
        Map<SampleStatus, Integer> counts = view.counts();
        int finished = counts.get(SampleStatus.FINISHED);
        int failed = counts.get(SampleStatus.FAILED);
        var samples = view.samples();
        var lastFailure = samples.stream().filter(s -> s.status() == SampleStatus.FAILED).reduce((a, b) -> b);
        var byEvents = new TreeMap<Integer, Long>(samples.stream().collect(
            Collectors.groupingBy(SampleRecord::events, Collectors.counting())));
        return new CampaignStatus(view.name(), view.state(), view.budget(), finished + failed, finished, failed,
            counts.get(SampleStatus.RUNNING), counts.get(SampleStatus.PENDING),
            counts.get(SampleStatus.INTERRUPTED), view.best(), lastFailure, byEvents);
    }
}
