package org.autotune.campaign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autotune.InputError;
import org.autotune.journal.Journal;
import org.autotune.journal.OriginWindow;

/**
 * Resume is replay: an optimizer's proposals are a pure function of the campaign file, the seed and
 * the results told so far. Each batch of proposals is journaled; when a resumed run proposes
 * something else where the first run proposed a batch, the replay has forked (a journaled score was
 * changed, or the metric, the optimizer or Autotune changed), and going on would mix two campaigns
 * in one journal, so the run stops with the sample where it diverged.
 */
final class ReplayCheck {
    private final Journal journal;
    private final String origin;
    private final OriginWindow asks;
    private final Map<Integer, Integer> batchesAt = new HashMap<>();

    ReplayCheck(Journal journal, String origin) {
        this.journal = journal;
        this.origin = origin;
        this.asks = new OriginWindow(journal, origin);
    }

    /**
     * Compares a batch with the one the journal holds for the same place in the run, or records it.
     * A batch that is longer or shorter than the recorded one (the budget changed) is compared on the
     * points both have.
     *
     * @param points the batch's points as {@link org.autotune.space.Space#format} gives them
     * @param firstOrdinal the ordinal the batch's first new sample gets
     */
    void check(List<Map<String, String>> points, int events, int firstOrdinal) {
        if (points.isEmpty()) {
            return;
        }
        int repeat = batchesAt.merge(firstOrdinal, 1, Integer::sum) - 1;
        var now = points.stream().map(p -> p + " events=" + events).toList();
        var before = asks.ask(firstOrdinal, repeat);
        if (before.isPresent()) {
            var then = before.get();
            for (int i = 0; i < Math.min(then.size(), now.size()); i++) {
                if (!then.get(i).equals(now.get(i))) {
                    throw diverged(origin + "/" + (firstOrdinal + i), now.get(i), then.get(i));
                }
            }
            if (now.size() <= then.size()) {
                return;
            }
        }
        asks.putAsk(firstOrdinal, repeat, now);
    }

    private InputError diverged(String sample, String now, String then) {
        return new InputError(journal.file(), "sample " + sample, "replay diverged at sample " + sample
            + ": the optimizer now proposes " + now + " where the first run proposed " + then + ", because the "
            + "results told before it are not the first run's (a journaled score was changed, or the metric, "
            + "the optimizer or the Autotune version differs)", "resume with the files and the Autotune version "
            + "that started the campaign, or start a new campaign with --force-new (the old folder is kept)");
    }
}
