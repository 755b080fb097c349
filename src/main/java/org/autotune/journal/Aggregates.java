package org.autotune.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Questions about all samples that SQLite answers in a few rows, so no reader holds every sample. */
final class Aggregates {
    private Aggregates() {
    }

    static SortedMap<Integer, Long> eventCounts(Path file, Connection db) {
        var out = new TreeMap<Integer, Long>();
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT events, COUNT(*) FROM samples GROUP BY events")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw JournalFault.of(file, "counting samples by events", e);
        }
    }

    static SortedSet<String> componentNames(Path file, Connection db) {
        var out = new TreeSet<String>();
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT DISTINCT j.key FROM samples, "
            + "json_each(samples.components) j WHERE samples.components IS NOT NULL")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading score components", e);
        }
    }

    /** The one number a trusted query (written in the journal itself) gives. */
    static long single(Path file, Connection db, String sql, String what) {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw JournalFault.of(file, what, e);
        }
    }

    /** The first column of every row of a trusted query, as text. */
    static List<String> texts(Path file, Connection db, String sql, String what) {
        var out = new ArrayList<String>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw JournalFault.of(file, what, e);
        }
    }

    static int lastOrdinal(Path file, Connection db, String origin) {
        try (var ps = db.prepareStatement("SELECT COALESCE(MAX(ordinal), 0) FROM samples WHERE origin = ?")) {
            ps.setString(1, origin);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading ordinals of " + origin, e);
        }
    }

    /** Number of samples in each status (every status present, zero when none). */
    static Map<SampleStatus, Integer> counts(Path file, Connection db) {
        var counts = new LinkedHashMap<SampleStatus, Integer>();
        for (var s : SampleStatus.values()) {
            counts.put(s, 0);
        }
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT status, COUNT(*) FROM samples GROUP BY status")) {
            while (rs.next()) {
                counts.put(SampleStatus.valueOf(rs.getString(1)), rs.getInt(2));
            }
            return counts;
        } catch (SQLException e) {
            throw JournalFault.of(file, "counting samples", e);
        }
    }
}
