package org.autotune.scan;

import java.time.Clock;
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
import org.autotune.score.Score;
import org.autotune.score.ScoreType;

/**
 * Scans around the best sample and analyses the region (see {@link ScanDesign}): first lines
 * through the centre, whose curvature adapts the widths of the full design. Scan k's samples are
 * {@code scan-k/1}, {@code scan-k/2}, …; a finished scan is followed by a new one around the then
 * best sample.
 */
public final class Scans {
    /** What a scan did: how its samples ended, and the analysis of the region (absent when interrupted). */
    public record ScanOutcome(int number, int points, Outcome outcome, Optional<LocalAnalysis> analysis,
                              Optional<CampaignAnalysis> report) {
    }

    private Scans() {
    }

    /** @param width scan half-step per parameter, in units of the parameter's {@code step} */
    public static ScanOutcome run(Campaign campaign, Progress progress, Clock clock, double width) {
        var config = campaign.config();
        var space = config.space();
        var journal = campaign.journal();
        if (!space.continuous()) {
            throw new InputError(config.file(), "", "scan needs real or log parameters only (this campaign has integer "
                + "or choice parameters)",
                "fix the discrete parameters at their best values in a copy of the campaign ('autotune analyze' "
                    + "analyses the real ones at the best combination without new samples)");
        }
        var entry = Ledgers.unfinished(journal, DesignRecord.Kind.SCAN).orElseGet(() -> start(campaign, width));
        var scan = ScanJson.readScan(entry.design());
        var origin = entry.origin();
        int total = scan.lines().points().size() + ScanDesign.size(space.dimension());
        if (entry.state() == DesignRecord.State.LINES) {
            var lines = campaign.runDesign(scan.lines().points().stream().map(space::fromUnit).toList(), origin, 1,
                "scan", progress, clock);
            if (lines.outcome().state().unfinished()) {
                return new ScanOutcome(entry.number(), total, lines.outcome(), Optional.empty(), Optional.empty());
            }
            double k1 = campaign.components().metric().type() == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
            double[] scores = lines.scores().stream().mapToDouble(r -> r.map(Score::value).orElse(Double.NaN))
                .toArray();
            var full = ScanDesign.around(scan.lines().center(), scan.lines().adaptedWidths(scores, k1));
            // after the lines' samples and after their journaled proposals: a batch the journal answered
            // whole (a second scan around the same best sample) ran no sample but recorded its proposal
            int fullFrom = journal.lastOrdinal(origin) + 1;
            while (journal.ask(origin, fullFrom, 0).isPresent()) {
                fullFrom++;
            }
            scan = new ScanJson.ScanEntry(scan.lines(), Optional.of(full), fullFrom);
            entry = entry.with(DesignRecord.State.FULL, scan.toJson(), Optional.empty());
            journal.putDesign(entry);
        }
        var design = scan.full().orElseThrow();
        var run = campaign.runDesign(design.points().stream().map(space::fromUnit).toList(), origin, scan.fullFrom(),
            "scan", progress, clock);
        if (run.outcome().state().unfinished()) {
            return new ScanOutcome(entry.number(), total, run.outcome(), Optional.empty(), Optional.empty());
        }
        // done before the analysis, which analyses the region of the newest finished scan: this one
        journal.putDesign(entry.with(DesignRecord.State.DONE, entry.design(), Optional.of("{}")));
        var report = CampaignAnalysis.of(space, campaign.components().metric().type(), journal, 1).orElseThrow();
        journal.putMeta(Map.of("analysis", ScanJson.write(report.toMap())));
        return new ScanOutcome(entry.number(), total, run.outcome(), Optional.of(report.local()), Optional.of(report));
    }

    /** Stores a new scan's lines around the best sample, before any of them runs. */
    private static DesignRecord start(Campaign campaign, double width) {
        var config = campaign.config();
        var space = config.space();
        var best = campaign.journal().best().orElseThrow(() -> new InputError(config.file(), "", "no finished sample "
            + "to scan around yet", "run the campaign first: autotune run " + config.file()));
        double[] center = space.toUnit(LocalAnalysis.pointOf(space, best.point()));
        double[] widths = new double[space.dimension()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(0.2, width * space.parameter(i).unitStep());
        }
        var lines = new ScanJson.ScanEntry(ScanDesign.lines(center, widths), Optional.empty(), 0);
        return Ledgers.store(campaign.journal(), DesignRecord.Kind.SCAN, DesignRecord.State.LINES, lines.toJson());
    }
}
