package org.autotune.journal;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One origin's samples and ask batches read ahead in ordinal order, a window of {@value #WIDTH}
 * ordinals per query: a replay looks up every proposal's sample ({@code optimizer/1},
 * {@code optimizer/2}, …) and every ask batch in turn, and one query per lookup cost more than
 * the rest of the replay. Only the window is held, so memory stays bounded at any journal size.
 *
 * <p>Only the run loop that owns the origin writes its rows (the campaign's lock keeps other
 * coordinators out), and it looks up each ordinal before it creates a sample there, so a window
 * read earlier still holds what the journal holds at the ordinals not yet looked up. An ask batch
 * it records is put into the window too ({@link #putAsk}).
 */
public final class OriginWindow {
    /** Ordinals read per query. */
    static final int WIDTH = 512;

    private final Journal journal;
    private final String origin;
    private int samplesFrom = Integer.MIN_VALUE;
    private final Map<Integer, SampleRecord> samples = new HashMap<>();
    private int asksFrom = Integer.MIN_VALUE;
    private final Map<Long, List<String>> asks = new HashMap<>();

    /** The samples named {@code origin/N} and the ask batches journaled for {@code origin}. */
    public OriginWindow(Journal journal, String origin) {
        this.journal = journal;
        this.origin = origin;
    }

    /** The sample {@code origin/ordinal}, as {@link Journal#sample(String, int)} gives it. */
    public Optional<SampleRecord> sample(int ordinal) {
        if (ordinal < samplesFrom || ordinal >= samplesFrom + WIDTH) {
            samples.clear();
            samplesFrom = ordinal;
            synchronized (journal) {
                SampleRows.each(journal.file(), journal.connection(), true, r -> samples.put(r.ordinal(), r),
                    "WHERE origin = ? AND ordinal >= ? AND ordinal < ?", origin, ordinal, ordinal + WIDTH);
            }
        }
        return Optional.ofNullable(samples.get(ordinal));
    }

    /** The ask batch at {@code firstOrdinal} and {@code repeat}, as {@link Journal#ask} gives it. */
    public Optional<List<String>> ask(int firstOrdinal, int repeat) {
        if (firstOrdinal < asksFrom || firstOrdinal >= asksFrom + WIDTH) {
            asks.clear();
            asksFrom = firstOrdinal;
            readAsks(firstOrdinal);
        }
        return Optional.ofNullable(asks.get(askKey(firstOrdinal, repeat)));
    }

    /** Records an ask batch in the journal ({@link Journal#putAsk}) and in the window. */
    public void putAsk(int firstOrdinal, int repeat, List<String> points) {
        journal.putAsk(origin, firstOrdinal, repeat, points);
        if (firstOrdinal >= asksFrom && firstOrdinal < asksFrom + WIDTH) {
            asks.put(askKey(firstOrdinal, repeat), List.copyOf(points));
        }
    }

    private void readAsks(int from) {
        synchronized (journal) {
            try (var ps = journal.connection().prepareStatement("SELECT first_ordinal, repeat, points FROM asks "
                + "WHERE origin = ? AND first_ordinal >= ? AND first_ordinal < ?")) {
                ps.setString(1, origin);
                ps.setInt(2, from);
                ps.setInt(3, from + WIDTH);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        asks.put(askKey(rs.getInt(1), rs.getInt(2)), rs.getString(3).lines().toList());
                    }
                }
            } catch (SQLException e) {
                throw JournalFault.of(journal.file(), "reading asks", e);
            }
        }
    }

    private static long askKey(int firstOrdinal, int repeat) {
        return ((long) firstOrdinal << 32) | (repeat & 0xffffffffL);
    }
}
