package org.autotune.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code asks} table: the points of every batch an optimizer proposed, in
 * order, keyed by the origin, the ordinal its first sample got and how many batches before it in the
 * same run started at that ordinal (a batch answered wholly from finished samples takes no ordinal).
 * A replay compares what the optimizer proposes now with what it proposed then.
 */
final class Asks {
    static final String TABLE = """
        CREATE TABLE IF NOT EXISTS asks (
          origin        TEXT NOT NULL,          -- optimizer, scan-1, ...
          first_ordinal INTEGER NOT NULL,       -- the ordinal the batch's first new sample got
          repeat        INTEGER NOT NULL,       -- batches before it at the same first_ordinal
          points        TEXT NOT NULL,          -- one formatted point (and events) per line
          PRIMARY KEY (origin, first_ordinal, repeat)
        )""";

    private Asks() {
    }

    static Optional<List<String>> read(Connection db, String origin, int firstOrdinal, int repeat)
        throws SQLException {
        try (var ps = db.prepareStatement("SELECT points FROM asks WHERE origin = ? AND first_ordinal = ? "
            + "AND repeat = ?")) {
            ps.setString(1, origin);
            ps.setInt(2, firstOrdinal);
            ps.setInt(3, repeat);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).lines().toList()) : Optional.empty();
            }
        }
    }

    static void write(Connection db, String origin, int firstOrdinal, int repeat, List<String> points)
        throws SQLException {
        try (var ps = db.prepareStatement("INSERT OR REPLACE INTO asks(origin, first_ordinal, repeat, points) "
            + "VALUES (?, ?, ?, ?)")) {
            ps.setString(1, origin);
            ps.setInt(2, firstOrdinal);
            ps.setInt(3, repeat);
            ps.setString(4, String.join("\n", points));
            ps.executeUpdate();
        }
    }
}
