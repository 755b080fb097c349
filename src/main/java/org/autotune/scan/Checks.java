package org.autotune.scan;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.LocalMinimumCheck;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.RestartFile;
import org.autotune.campaign.ScanJson;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.SampleRecord;

/**
 * Local-minimum checks: a Sobol sample of points over the whole space or a box around the best
 * sample, then the points that beat the campaign's best sample (not earlier checks') by more than
 * the noise. Check k's samples are {@code check-k/1}, {@code check-k/2}, …
 */
public final class Checks {
    /**
     * What a check found: the minimum it compared with, and the points that beat it beyond noise.
     *
     * @param held with integer or choice parameters: the line saying at which values they were held
     *             (empty for a continuous campaign)
     */
    public record CheckOutcome(int number, int points, Outcome outcome, SampleRecord minimum,
                               List<LocalMinimumCheck.Better> better, Optional<Path> restartFile,
                               Optional<String> held) {
    }

    private Checks() {
    }

    /**
     * Runs (or continues) a check of {@code count} points, over the whole space ({@code width} ≥
     * 0.5) or a box of half-width {@code width} (fraction of each range) around the best sample.
     * Integer and choice parameters are held at the best sample's values, or at {@code at} (every
     * one of them) when given, and the minimum compared with is the best sample with those values.
     * When a point beats the minimum, a copy of the campaign file starting from the best of them is
     * written next to it.
     */
    public static CheckOutcome run(Campaign campaign, Progress progress, Clock clock, int count, double width,
                                   Optional<Map<String, Double>> at) {
        var config = campaign.config();
        var space = config.space();
        var journal = campaign.journal();
        var minimum = journal.samples().stream()
            .filter(r -> !r.origin().startsWith("check-") && r.toScore().isPresent())
            .filter(r -> at.map(a -> a.entrySet().stream()
                .allMatch(e -> e.getValue().equals(r.point().get(e.getKey())))).orElse(true))
            .min(Comparator.comparingDouble(r -> r.score().getAsDouble()))
            .orElseThrow(() -> new InputError(config.file(), "", "no finished sample to compare with yet",
                "run the campaign first: autotune run " + config.file()));
        var entry = Ledgers.unfinished(journal, DesignRecord.Kind.CHECK).orElseGet(() -> {
            // Sobol points over the real and log parameters, the others held; stored as points of the whole space
            var held = HeldCombination.of(space, minimum.point());
            var scanned = held.scanned();
            double[] center = scanned.toUnit(LocalAnalysis.pointOf(scanned, minimum.point()));
            int used = journal.designs(DesignRecord.Kind.CHECK).stream()
                .mapToInt(d -> ScanJson.readPoints(d.design()).size()).sum();
            var units = LocalMinimumCheck.design(center, width, count, used).stream()
                .map(u -> space.toUnit(held.point(u))).toList();
            return Ledgers.store(journal, DesignRecord.Kind.CHECK, DesignRecord.State.RUNNING, ScanJson.write(units));
        });
        var points = ScanJson.readPoints(entry.design()).stream().map(space::fromUnit).toList();
        var held = HeldCombination.of(space, points.get(0).asMap());
        Optional<String> heldLine = held.none() ? Optional.empty() : Optional.of("held at " + (at.isPresent()
            ? "the combination given with --at: " : "the best sample's values: ") + held.text() + " (integer and "
            + "choice parameters; the check varies " + String.join(", ", held.scanned().names()) + ")");
        var run = campaign.runDesign(points, entry.origin(), 1, "check", progress, clock);
        if (run.outcome().state().unfinished()) {
            return new CheckOutcome(entry.number(), points.size(), run.outcome(), minimum, List.of(),
                Optional.empty(), heldLine);
        }
        var better = LocalMinimumCheck.better(minimum.toScore().orElseThrow(), points, run.scores());
        Optional<Path> restart = better.isEmpty() ? Optional.empty()
            : Optional.of(RestartFile.write(config, better.get(0).point()));
        journal.putDesign(entry.with(DesignRecord.State.DONE, entry.design(),
            Optional.of("{\"better\":" + better.size() + "}")));
        return new CheckOutcome(entry.number(), points.size(), run.outcome(), minimum, better, restart, heldLine);
    }
}
