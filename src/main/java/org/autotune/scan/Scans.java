package org.autotune.scan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.ScanDesign;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignAnalysis;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.ScanJson;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.SampleRecord;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;
import org.autotune.space.Point;

/**
 * Scans around the best sample and analyses the region (see {@link ScanDesign}): first lines
 * through the centre, whose curvature adapts the widths of the full design. Scan k's samples are
 * {@code scan-k/1}, {@code scan-k/2}, …; a finished scan is followed by a new one around the then
 * best sample. Integer and choice parameters are held at the best sample's values (see
 * {@link HeldCombination}).
 */
public final class Scans {
    /**
     * What a scan did: how its samples ended, and the analysis of the region (absent when interrupted).
     *
     * @param held with integer or choice parameters: the values they were held at, and the scores of
     *             the integer ones at their neighbouring integers (empty for a continuous campaign)
     */
    public record ScanOutcome(int number, int points, Outcome outcome, Optional<LocalAnalysis> analysis,
                              Optional<CampaignAnalysis> report, List<String> held) {
        public ScanOutcome {
            held = List.copyOf(held);
        }
    }

    private Scans() {
    }

    /** Replicates with fresh seeds the command line's scan runs at the best point of a fixed-seed campaign. */
    public static final int REPLICATES = 8;

    /**
     * A scan without noise replicates.
     *
     * @param width scan half-step per parameter, in units of the parameter's {@code step}
     */
    public static ScanOutcome run(Campaign campaign, Progress progress, Clock clock, double width) {
        return run(campaign, progress, clock, width, Optional.empty(), 0);
    }

    /**
     * As {@link #run(Campaign, Progress, Clock, double)}; a new scan holds the integer and choice
     * parameters at {@code at} (every one of them) and centres on the best sample with those values,
     * instead of the best sample's. An interrupted scan continues as it was stored. With fixed seeds,
     * {@code replicates} samples with fresh seeds then run at the best point ({@link NoiseRuns}), before
     * the analysis, which reports the score's noise from them.
     */
    public static ScanOutcome run(Campaign campaign, Progress progress, Clock clock, double width,
                                  Optional<Map<String, Double>> at, int replicates) {
        var config = campaign.config();
        var space = config.space();
        var journal = campaign.journal();
        if (space.parameters().stream().noneMatch(p -> p.kind().continuous())) {
            throw new InputError(config.file(), "", "scan needs at least one real or log parameter (this campaign "
                + "has only integer or choice parameters)", "compare the combinations with 'autotune status' or "
                + "'autotune export'");
        }
        var entry = Ledgers.unfinished(journal, DesignRecord.Kind.SCAN).orElseGet(() -> start(campaign, width, at));
        var scan = ScanJson.readScan(entry.design());
        var held = new HeldCombination(space, scan.held());
        var scanned = held.scanned();
        var origin = entry.origin();
        var neighbours = held.neighbours(scan.lines().center());
        int total = scan.lines().points().size() + neighbours.size() + ScanDesign.size(scanned.dimension());
        if (entry.state() == DesignRecord.State.LINES) {
            var points = new ArrayList<Point>();
            scan.lines().points().forEach(u -> points.add(held.point(u)));
            neighbours.forEach(nb -> points.add(nb.point()));
            var lines = campaign.runDesign(points, origin, 1, "scan", progress, clock);
            if (lines.outcome().state().unfinished()) {
                return new ScanOutcome(entry.number(), total, lines.outcome(), Optional.empty(), Optional.empty(),
                    List.of());
            }
            double k1 = campaign.components().metric().type() == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
            double[] scores = lines.scores().stream().mapToDouble(r -> r.map(Score::value).orElse(Double.NaN))
                .toArray();
            int n = scan.lines().points().size();
            var notes = held.describe(scores[0], neighbours, Arrays.copyOfRange(scores, n, scores.length),
                at.isPresent() ? "the combination given with --at" : "the best sample's values");
            var full = ScanDesign.around(scan.lines().center(),
                scan.lines().adaptedWidths(Arrays.copyOf(scores, n), k1));
            // after the lines' samples and after their journaled proposals: a batch the journal answered
            // whole (a second scan around the same best sample) ran no sample but recorded its proposal
            int fullFrom = journal.lastOrdinal(origin) + 1;
            while (journal.ask(origin, fullFrom, 0).isPresent()) {
                fullFrom++;
            }
            scan = new ScanJson.ScanEntry(scan.lines(), Optional.of(full), fullFrom, scan.held(), notes);
            entry = entry.with(DesignRecord.State.FULL, scan.toJson(), Optional.empty());
            journal.putDesign(entry);
        }
        var design = scan.full().orElseThrow();
        var run = campaign.runDesign(design.points().stream().map(held::point).toList(), origin, scan.fullFrom(),
            "scan", progress, clock);
        if (run.outcome().state().unfinished()) {
            return new ScanOutcome(entry.number(), total, run.outcome(), Optional.empty(), Optional.empty(),
                scan.notes());
        }
        var noise = NoiseRuns.run(campaign, replicates, held, progress, clock);
        if (noise.isPresent() && noise.get().state().unfinished()) {
            return new ScanOutcome(entry.number(), total, noise.get(), Optional.empty(), Optional.empty(),
                scan.notes());
        }
        return analysed(campaign, entry, scan, held, total, run.outcome());
    }

    /** Marks the scan done and analyses its region. */
    private static ScanOutcome analysed(Campaign campaign, DesignRecord entry, ScanJson.ScanEntry scan,
                                        HeldCombination held, int total, Outcome outcome) {
        var journal = campaign.journal();
        var space = campaign.config().space();
        // done before the analysis, which analyses the region of the newest finished scan: this one
        journal.putDesign(entry.with(DesignRecord.State.DONE, entry.design(), Optional.of("{}")));
        var type = campaign.components().metric().type();
        var report = (held.none() ? CampaignAnalysis.of(space, type, journal, 1)
            : CampaignAnalysis.atCombination(space, type, journal, 1, scan.held())).orElseThrow();
        journal.putMeta(Map.of("analysis", ScanJson.write(report.toMap())));
        return new ScanOutcome(entry.number(), total, outcome, Optional.of(report.local()), Optional.of(report),
            scan.notes());
    }

    /** Stores a new scan's lines around the best sample, before any of them runs. */
    private static DesignRecord start(Campaign campaign, double width, Optional<Map<String, Double>> at) {
        var config = campaign.config();
        var space = config.space();
        var journal = campaign.journal();
        int events = journal.best().map(SampleRecord::events).orElse(0);
        var best = journal.best().filter(b -> at.isEmpty()).or(() -> at.flatMap(a -> journal.samples().stream()
                .filter(s -> s.toScore().isPresent() && s.events() == events
                    && new HeldCombination(space, a).holds(s.point()))
                .min(Comparator.comparingDouble(s -> s.score().getAsDouble()))))
            .orElseThrow(() -> new InputError(config.file(), "", "no finished sample to scan around yet",
                "run the campaign first: autotune run " + config.file()));
        var held = HeldCombination.of(space, best.point());
        var scanned = held.scanned();
        double[] center = scanned.toUnit(LocalAnalysis.pointOf(scanned, best.point()));
        double[] widths = new double[scanned.dimension()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(0.2, width * scanned.parameter(i).unitStep());
        }
        var lines = new ScanJson.ScanEntry(ScanDesign.lines(center, widths), Optional.empty(), 0, held.held(),
            List.of());
        return Ledgers.store(campaign.journal(), DesignRecord.Kind.SCAN, DesignRecord.State.LINES, lines.toJson());
    }
}
