package org.autotune.scan;

import java.util.Optional;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;

/** The newest design of a kind in the journal's ledger, and storing the next one. */
final class Ledgers {
    private Ledgers() {
    }

    /** The newest design of a kind when it has not finished: the command continues it. */
    static Optional<DesignRecord> unfinished(Journal journal, DesignRecord.Kind kind) {
        var all = journal.designs(kind);
        return all.isEmpty() || all.get(all.size() - 1).state() == DesignRecord.State.DONE ? Optional.empty()
            : Optional.of(all.get(all.size() - 1));
    }

    /** Stores the next design of a kind (numbered after the newest), before any of its samples runs. */
    static DesignRecord store(Journal journal, DesignRecord.Kind kind, DesignRecord.State state, String design) {
        var entry = new DesignRecord(kind, journal.designs(kind).size() + 1, state, design, Optional.empty());
        journal.putDesign(entry);
        return entry;
    }
}
