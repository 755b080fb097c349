package org.autotune.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes rows of the {@code designs} ledger. */
final class Ledger {
    private Ledger() {
    }

    /** @param tail a trusted SQL tail written in the journal itself, with {@code ?} for {@code args} */
    static List<DesignRecord> query(Path file, Connection db, String tail, Object... args) {
        var out = new ArrayList<DesignRecord>();
        try (var ps = db.prepareStatement("SELECT kind, number, state, design, result FROM designs " + tail)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DesignRecord(DesignRecord.Kind.valueOf(rs.getString(1)), rs.getInt(2),
                        DesignRecord.State.valueOf(rs.getString(3)), rs.getString(4),
                        Optional.ofNullable(rs.getString(5))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading designs", e);
        }
    }

    static void insert(Connection db, DesignRecord d) throws SQLException {
        try (var ps = db.prepareStatement("INSERT OR REPLACE INTO designs(origin, kind, number, state, design, "
            + "result) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.origin());
            ps.setString(2, d.kind().name());
            ps.setInt(3, d.number());
            ps.setString(4, d.state().name());
            ps.setString(5, d.design());
            ps.setString(6, d.result().orElse(null));
            ps.executeUpdate();
        }
    }
}
