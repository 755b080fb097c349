package org.autotune.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a version-1 journal to version 2 in one transaction: every sample gets its ordinal within
 * its origin (in the order of the old ids), and the scans, grids and checks move from {@code meta}
 * strings ({@code scan.K.state}, {@code scan.K.lines}, …) into the {@code designs} ledger. The old
 * sample ids stay as row numbers, and the samples keep their folders and seeds.
 */
final class Migration {
    /**
     * Version 1 ran a scan's full design in the upper half of the scan's block of ids: this is the
     * only place that still knows that layout, to tell where the full design's ordinals start.
     */
    private static final String V1_LINES_PART = "id % 1000000 <= 500000";

    private Migration() {
    }

    static void fromVersion1(Connection db) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (var st = db.createStatement()) {
            st.execute("ALTER TABLE samples ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0");
            st.execute("UPDATE samples SET ordinal = (SELECT n FROM (SELECT id AS row_id, row_number() OVER "
                + "(PARTITION BY origin ORDER BY id) AS n FROM samples) WHERE row_id = samples.id)");
            st.execute(Schema.DESIGNS);
            var meta = meta(db);
            for (int k = 1; k <= count(meta, "scans"); k++) {
                scan(db, meta, k);
            }
            for (int k = 1; k <= count(meta, "grids"); k++) {
                Ledger.insert(db, new DesignRecord(DesignRecord.Kind.GRID, k, state(meta.get("grid." + k + ".state")),
                    meta.get("grid." + k + ".design"), Optional.ofNullable(meta.get("grid." + k + ".result"))));
            }
            for (int k = 1; k <= count(meta, "checks"); k++) {
                var better = meta.get("check." + k + ".better");
                Ledger.insert(db, new DesignRecord(DesignRecord.Kind.CHECK, k, state(meta.get("check." + k + ".state")),
                    meta.get("check." + k + ".points"), Optional.ofNullable(better)
                        .map(b -> "{\"better\":" + Integer.parseInt(b) + "}")));
            }
            st.execute("DELETE FROM meta WHERE key IN ('scans', 'grids', 'checks') OR key GLOB 'scan.[0-9]*' "
                + "OR key GLOB 'grid.[0-9]*' OR key GLOB 'check.[0-9]*'");
            st.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '2')");
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** Scan k's design: its lines, its full design once chosen, and the ordinal its full design starts at. */
    private static void scan(Connection db, Map<String, String> meta, int k) throws SQLException {
        var state = state(meta.get("scan." + k + ".state"));
        int linesSamples;
        try (var ps = db.prepareStatement("SELECT COUNT(*) FROM samples WHERE origin = ? AND " + V1_LINES_PART)) {
            ps.setString(1, DesignRecord.Kind.SCAN.origin(k));
            try (var rs = ps.executeQuery()) {
                linesSamples = rs.next() ? rs.getInt(1) : 0;
            }
        }
        var full = meta.getOrDefault("scan." + k + ".design", "null");
        var design = "{\"lines\":" + meta.get("scan." + k + ".lines") + ",\"full\":" + full
            + ",\"full_from\":" + (linesSamples + 1) + "}";
        Ledger.insert(db, new DesignRecord(DesignRecord.Kind.SCAN, k, state, design,
            state == DesignRecord.State.DONE ? Optional.of("{}") : Optional.empty()));
    }

    private static DesignRecord.State state(String v1) {
        return switch (v1 == null ? "" : v1) {
            case "lines" -> DesignRecord.State.LINES;
            case "full" -> DesignRecord.State.FULL;
            case "done" -> DesignRecord.State.DONE;
            default -> DesignRecord.State.RUNNING;
        };
    }

    private static int count(Map<String, String> meta, String key) {
        return Integer.parseInt(meta.getOrDefault(key, "0"));
    }

    private static Map<String, String> meta(Connection db) throws SQLException {
        var out = new HashMap<String, String>();
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT key, value FROM meta")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
