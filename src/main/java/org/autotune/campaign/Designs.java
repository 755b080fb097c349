package org.autotune.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.ScanDesign;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;

/** The scans and grids a campaign's journal holds, for the analysis and the report (read-only). */
public final class Designs {
    /**
     * A finished scan: its number and (full) design; with integer or choice parameters, the design is
     * over the real and log ones and {@code held} holds the others' values.
     */
    public record FinishedScan(int number, ScanDesign design, Map<String, Double> held) {
    }

    /** A finished grid: its number and map. */
    public record FinishedGrid(int number, Grid grid) {
    }

    private Designs() {
    }

    /** The newest scan that finished, if any. */
    public static Optional<FinishedScan> newestScan(Journal journal) {
        var done = journal.designs(DesignRecord.Kind.SCAN).stream()
            .filter(d -> d.state() == DesignRecord.State.DONE).toList();
        if (done.isEmpty()) {
            return Optional.empty();
        }
        var entry = ScanJson.readScan(done.get(done.size() - 1).design());
        return entry.full().map(full -> new FinishedScan(done.get(done.size() - 1).number(), full, entry.held()));
    }

    /** Every grid that finished, oldest first; interrupted ones have no map yet. */
    public static List<FinishedGrid> grids(Journal journal) {
        return journal.designs(DesignRecord.Kind.GRID).stream()
            .filter(d -> d.state() == DesignRecord.State.DONE && d.result().isPresent())
            .map(d -> new FinishedGrid(d.number(), ScanJson.readGridResult(d.result().get())))
            .toList();
    }
}
