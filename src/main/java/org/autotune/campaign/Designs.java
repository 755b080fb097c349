package org.autotune.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.analysis.ScanDesign;
import org.autotune.journal.Journal;

/** The scans and grids a campaign's journal holds, for the analysis and the report (read-only). */
public final class Designs {
    /** A finished scan: its number and design. */
    public record FinishedScan(int number, ScanDesign design) {
    }

    /** A finished grid: its number and map. */
    public record FinishedGrid(int number, Campaign.Grid grid) {
    }

    private Designs() {
    }

    /** The newest scan that finished (meta keys {@code scan.K.*}), if any. */
    public static Optional<FinishedScan> newestScan(Journal journal) {
        int k = Integer.parseInt(journal.meta("scans").orElse("0"));
        for (int s = k; s >= 1; s--) {
            if (journal.meta("scan." + s + ".state").orElse("").equals("done")) {
                return Optional.of(new FinishedScan(s, ScanJson.read(journal.meta("scan." + s + ".design")
                    .orElseThrow())));
            }
        }
        return Optional.empty();
    }

    /** Every grid that finished (meta key {@code grid.K.result}), oldest first; interrupted ones have no map yet. */
    public static List<FinishedGrid> grids(Journal journal) {
        int k = Integer.parseInt(journal.meta("grids").orElse("0"));
        var out = new ArrayList<FinishedGrid>();
        for (int g = 1; g <= k; g++) {
            int number = g;
            journal.meta("grid." + g + ".result").ifPresent(json -> out.add(new FinishedGrid(number,
                ScanJson.readGridResult(json))));
        }
        return out;
    }
}
