package org.autotune.scan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.ScanJson;
import org.autotune.campaign.SeedPolicy;
import org.autotune.journal.DesignRecord;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an optimizer's estimate of the minimum with samples before it is reported as better than
 * the best sample. With noisy scores ({@code seeds: fresh}) the best sample is often the luckiest
 * draw and a model's minimum can extrapolate across a valley wall; so after the run the estimate
 * and the best sample each get {@value #REPLICATES} more samples with fresh seeds, design
 * {@code estimate-K} ({@code estimate-K/1..4} at the estimate, {@code /5..8} at the best sample),
 * and the estimate is reported as the better point only when the mean of its samples is lower. With
 * exact scores (fixed seeds) another sample repeats the same score, so there is nothing to check;
 * nor when the estimate is the best sample. The verdict is stored in the journal ({@value #META}),
 * and an interrupted check continues with the same points on resume.
 */
public final class EstimateCheck {
    /** Fresh samples at each of the two points. */
    public static final int REPLICATES = 4;
    /** Journal meta key of the verdict. */
    public static final String META = "estimate-check";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * The means of the fresh samples at the estimate and at the best sample, with their standard
     * errors (from the samples' spread), and whether the estimate's mean is lower.
     */
    public record Verdict(String design, double estimateMean, double estimateError, double bestMean, double bestError,
                          boolean better) {
        public String toJson() {
            var map = new LinkedHashMap<String, Object>();
            map.put("design", design);
            map.put("estimate_mean", estimateMean);
            map.put("estimate_error", estimateError);
            map.put("best_mean", bestMean);
            map.put("best_error", bestError);
            map.put("better", better);
            return MAPPER.writeValueAsString(map);
        }

        public static Verdict fromJson(String json) {
            var n = MAPPER.readTree(json);
            return new Verdict(n.get("design").asString(), n.get("estimate_mean").asDouble(),
                n.get("estimate_error").asDouble(), n.get("best_mean").asDouble(), n.get("best_error").asDouble(),
                n.get("better").asBoolean());
        }
    }

    private EstimateCheck() {
    }

    /**
     * Runs (or continues) the check after a run that ended with {@code outcome}; empty when there
     * is nothing to check (exact scores, no estimate, the estimate is the best sample, or the run was
     * stopped before its end) or when the check itself was stopped (resume continues it).
     */
    public static Optional<Verdict> run(Campaign campaign, Outcome outcome, Progress progress, Clock clock) {
        var config = campaign.config();
        var journal = campaign.journal();
        var state = outcome.state();
        if (config.seeds() != SeedPolicy.FRESH || outcome.best().isEmpty()
            || !(state == Outcome.State.CONVERGED || state == Outcome.State.BUDGET_SPENT
            || state == Outcome.State.STAGNATED)) {
            return Optional.empty();
        }
        var estimateJson = journal.meta("estimate");
        if (estimateJson.isEmpty()) {
            return Optional.empty();
        }
        var space = config.space();
        var values = read(space, estimateJson.get());
        Map<String, Double> best = outcome.best().get().point();
        if (space.names().stream().allMatch(n -> values.get(n).equals(best.get(n)))) {
            return Optional.empty();
        }
        double[] e = space.toUnit(Point.of(values));
        double[] b = space.toUnit(Point.of(best));
        var design = new ArrayList<double[]>();
        for (int i = 0; i < 2 * REPLICATES; i++) {
            design.add(i < REPLICATES ? e : b);
        }
        String designJson = ScanJson.write(design);
        var earlier = journal.meta(META).map(Verdict::fromJson);
        if (earlier.isPresent() && earlier.get().design().equals(designJson)) {
            return earlier;
        }
        var entry = Ledgers.unfinished(journal, DesignRecord.Kind.ESTIMATE)
            .filter(d -> d.design().equals(designJson))
            .orElseGet(() -> Ledgers.store(journal, DesignRecord.Kind.ESTIMATE, DesignRecord.State.RUNNING,
                designJson));
        var points = design.stream().map(space::fromUnit).toList();
        var run = campaign.runDesign(points, entry.origin(), 1, "resume", progress, clock);
        if (run.outcome().state().unfinished()) {
            return Optional.empty();
        }
        var scores = run.scores();
        double[] atEstimate = values(scores.subList(0, REPLICATES));
        double[] atBest = values(scores.subList(REPLICATES, 2 * REPLICATES));
        var verdict = new Verdict(designJson, mean(atEstimate), error(atEstimate), mean(atBest), error(atBest),
            atEstimate.length > 1 && atBest.length > 1 && mean(atEstimate) < mean(atBest));
        journal.putDesign(entry.with(DesignRecord.State.DONE, entry.design(), Optional.of(verdict.toJson())));
        journal.putMeta(Map.of(META, verdict.toJson()));
        return Optional.of(verdict);
    }

    /** The stored verdict when it is about the estimate the journal holds now (a later run may have moved it). */
    public static Optional<Verdict> current(Campaign campaign) {
        var journal = campaign.journal();
        var space = campaign.config().space();
        var estimate = journal.meta("estimate");
        return journal.meta(META).map(Verdict::fromJson).filter(v -> estimate.isPresent()
            && Arrays.equals(ScanJson.readPoints(v.design()).get(0), space.toUnit(Point.of(read(space,
            estimate.get())))));
    }

    private static Map<String, Double> read(Space space, String json) {
        var node = MAPPER.readTree(json);
        var values = new LinkedHashMap<String, Double>();
        space.names().forEach(n -> values.put(n, node.get(n).asDouble()));
        return values;
    }

    private static double[] values(List<Optional<Score>> scores) {
        return scores.stream().flatMap(Optional::stream).mapToDouble(Score::value).filter(Double::isFinite)
            .toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Standard error of the mean from the samples' spread. */
    private static double error(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
