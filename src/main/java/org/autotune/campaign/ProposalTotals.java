package org.autotune.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.design.CostTerms;
import org.autotune.journal.Journal;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * The campaign's score of a proposal: the metric's plus the budget term (design/CostTerms), each
 * sample's total journaled. Called in the order of proposal, so an automatic coefficient is fixed by
 * the first score told, and journaled before any total that uses it.
 */
final class ProposalTotals {
    /** Journal meta key of the budget term's coefficient, once fixed (coefficient: auto). */
    static final String COEFFICIENT_META = "cost.coefficient";

    private final CostTerms costs;
    private final Journal journal;

    ProposalTotals(CostTerms costs, Journal journal) {
        this.costs = costs;
        this.journal = journal;
    }

    /** The total of a proposal at {@code point} whose samples are {@code samples} (row id, score). */
    Optional<Score> total(Point point, Optional<Score> score, List<Map.Entry<Long, Optional<Score>>> samples) {
        if (score.isEmpty()) {
            return score;
        }
        boolean known = costs.coefficient().isPresent();
        var total = costs.total(point, score.get());
        if (!known && costs.coefficient().isPresent()) {
            journal.putMeta(Map.of(COEFFICIENT_META, Double.toString(costs.coefficient().getAsDouble())));
        }
        if (total != score.get()) {
            for (var sample : samples) {
                var s = sample.getValue();
                if (s.isPresent() && !s.get().components().containsKey(CostTerms.COST)) {
                    // one sample: its total is the proposal's; replicates: each its own
                    journal.rescored(sample.getKey(), samples.size() == 1 ? total : costs.total(point, s.get()));
                }
            }
        }
        return Optional.of(total);
    }
}
