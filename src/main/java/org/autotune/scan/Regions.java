package org.autotune.scan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.Emulator;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.RegionReport;
import org.autotune.analysis.RegionWaves;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Designs;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.ScanJson;
import org.autotune.campaign.SeedPolicy;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.hipparchus.exception.MathRuntimeException;

/**
 * After a scan, when the metric exposes observables: the region the data allow, mapped by
 * {@link RegionWaves} on the journal's samples. Each wave's points are a journaled design
 * ({@code region-k/1}, …) stored before they run, so an interrupted analysis resumes with the same
 * points; the report goes into the journal's meta ({@code region}).
 */
public final class Regions {
    /** Waves at most; each wave runs three points per parameter. */
    static final int WAVES = 6;

    /** What the waves did: how their samples ended (the last wave's), and the report when they finished. */
    public record RegionOutcome(Optional<Outcome> interrupted, Optional<RegionReport> report) {
    }

    private static final class Interrupted extends RuntimeException {
        private final transient Outcome outcome;

        Interrupted(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private Regions() {
    }

    /**
     * Empty when the metric exposes no observables, every parameter is discrete, or too few samples
     * have them. With integer or choice parameters the region is mapped over the real and log ones,
     * the others held where the newest finished scan held them, from the samples with those values.
     */
    public static Optional<RegionOutcome> run(Campaign campaign, Progress progress, Clock clock) {
        var config = campaign.config();
        var full = config.space();
        var journal = campaign.journal();
        if (full.parameters().stream().noneMatch(p -> p.kind().continuous())
            || !campaign.components().metric().observables()) {
            return Optional.empty();
        }
        var held = new HeldCombination(full, Designs.newestScan(journal).map(Designs.FinishedScan::held)
            .orElse(Map.of()));
        var space = held.scanned();
        var best = journal.best().filter(b -> held.holds(b.point()))
            .or(() -> bestHeld(journal, held));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        int events = best.get().events();
        var samples = new ArrayList<Emulator.Sample>();
        for (SampleRecord s : journal.samples()) {
            if (s.toScore().isPresent() && s.events() == events && !s.observables().isEmpty()
                && !s.origin().startsWith("region-") && !s.noiseReplicate() && held.holds(s.point())) {
                double[] unit = space.toUnit(LocalAnalysis.pointOf(space, s.point()));
                samples.add(new Emulator.Sample(unit, s.observables()));
            }
        }
        double[] center = space.toUnit(LocalAnalysis.pointOf(space, best.get().point()));
        boolean crn = config.seeds() == SeedPolicy.FIXED;
        try {
            var outcome = RegionWaves.run(space, samples, center, crn, WAVES, 3 * space.dimension(), config.seed(),
                (wave, units) -> runWave(campaign, held, units, progress, clock));
            if (outcome.isEmpty()) {
                return Optional.empty();
            }
            var report = RegionReport.of(space, outcome.get());
            if (!held.none()) {
                var lines = new ArrayList<String>();
                lines.add("region the data allow: mapped over " + String.join(", ", space.names()) + " with "
                    + held.text() + " held (as in the scan)");
                lines.addAll(report.lines());
                report = new RegionReport(lines, report.numbers());
            }
            journal.putMeta(Map.of("region", ScanJson.write(Map.of("lines", report.lines(),
                "numbers", report.numbers()))));
            return Optional.of(new RegionOutcome(Optional.empty(), Optional.of(report)));
        } catch (Interrupted e) {
            return Optional.of(new RegionOutcome(Optional.of(e.outcome), Optional.empty()));
        } catch (IllegalArgumentException | MathRuntimeException e) {
            // the scan's own results stand; the region is an addition that these samples did not allow
            var report = RegionReport.notMapped(e.getMessage());
            return Optional.of(new RegionOutcome(Optional.empty(), Optional.of(report)));
        }
    }

    /** The best finished sample with the held values and the campaign best's events. */
    private static Optional<SampleRecord> bestHeld(Journal journal, HeldCombination held) {
        int events = journal.best().map(SampleRecord::events).orElse(0);
        return journal.samples().stream().filter(s -> s.toScore().isPresent() && s.events() == events
            && held.holds(s.point())).min(Comparator.comparingDouble(s -> s.score().getAsDouble()));
    }

    /** Runs one wave's points as a journaled design (the stored one when these points were stored before). */
    private static List<Emulator.Sample> runWave(Campaign campaign, HeldCombination held, List<double[]> units,
                                                 Progress progress, Clock clock) {
        var journal = campaign.journal();
        String design = ScanJson.write(units);
        var entry = journal.designs(DesignRecord.Kind.REGION).stream().filter(d -> d.design().equals(design))
            .findFirst().orElseGet(() -> Ledgers.store(journal, DesignRecord.Kind.REGION, DesignRecord.State.RUNNING,
                design));
        var run = campaign.runDesign(units.stream().map(held::point).toList(), entry.origin(), 1, "region",
            progress, clock);
        if (run.outcome().state().unfinished()) {
            throw new Interrupted(run.outcome());
        }
        if (entry.state() != DesignRecord.State.DONE) {
            journal.putDesign(entry.with(DesignRecord.State.DONE, design, Optional.of("{}")));
        }
        var out = new ArrayList<Emulator.Sample>();
        for (int k = 0; k < units.size(); k++) {
            var score = run.scores().get(k);
            if (score.isPresent() && !score.get().observables().isEmpty()) {
                out.add(new Emulator.Sample(units.get(k), score.get().observables()));
            }
        }
        return out;
    }
}
