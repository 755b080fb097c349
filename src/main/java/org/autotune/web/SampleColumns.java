package org.autotune.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/**
 * One campaign's samples as the dashboard plots them (id, name, status, score, its error, events
 * and each parameter's value), kept in id order and brought up to date row by row: each row
 * remembers the journal's change counter ({@code Journal.cursor()}) at which it was last read, so an
 * update can carry only the rows that changed since a page's cursor. Requests render while the
 * reader thread updates: every method is synchronized.
 */
final class SampleColumns {
    private final List<String> parameters;
    private final Map<Long, Integer> index = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /** One sample's plotted numbers and the change counter at which they were read. */
    private record Row(long id, String name, SampleStatus status, OptionalDouble score, OptionalDouble scoreError,
                       int events, double[] values, long changed) {
    }

    SampleColumns(List<String> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** Takes a sample's current state, read at change counter {@code cursor}. */
    synchronized void put(SampleRecord s, long cursor) {
        var values = new double[parameters.size()];
        for (int k = 0; k < values.length; k++) {
            Double v = s.point().get(parameters.get(k));
            values[k] = v == null ? Double.NaN : v;
        }
        var row = new Row(s.id(), s.name(), s.status(), s.status() == SampleStatus.FINISHED ? s.score()
            : OptionalDouble.empty(), s.scoreError(), s.events(), values, cursor);
        var at = index.get(s.id());
        if (at == null) {
            index.put(s.id(), rows.size());
            rows.add(row);
        } else {
            rows.set(at, row);
        }
    }

    synchronized int size() {
        return rows.size();
    }

    /**
     * The rows changed after {@code since} (every row when negative) as a JSON object of columns,
     * {@code {"id": [...], "name": [...], "status": [...], "score": [...], "scoreError": [...],
     * "events": [...], "values": {"p": [...]}}}, written straight as text: no tree of 10⁵ nodes.
     */
    synchronized void json(StringBuilder out, long since) {
        var chosen = rows.stream().filter(r -> r.changed() > since).toList();
        column(out.append("{\"id\":"), chosen, (b, r) -> b.append(r.id()));
        column(out.append(",\"name\":"), chosen, (b, r) -> text(b, r.name()));
        column(out.append(",\"status\":"), chosen, (b, r) -> b.append('"').append(r.status().name()).append('"'));
        column(out.append(",\"score\":"), chosen, (b, r) -> number(b, r.score()));
        column(out.append(",\"scoreError\":"), chosen, (b, r) -> number(b, r.scoreError()));
        column(out.append(",\"events\":"), chosen, (b, r) -> b.append(r.events()));
        out.append(",\"values\":{");
        for (int k = 0; k < parameters.size(); k++) {
            int p = k;
            text(out.append(k == 0 ? "" : ","), parameters.get(k)).append(':');
            column(out, chosen, (b, r) -> number(b, Double.isNaN(r.values()[p]) ? OptionalDouble.empty()
                : OptionalDouble.of(r.values()[p])));
        }
        out.append("}}");
    }

    private interface Cell {
        void write(StringBuilder out, Row row);
    }

    private static void column(StringBuilder out, List<Row> rows, Cell cell) {
        out.append('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            cell.write(out, rows.get(i));
        }
        out.append(']');
    }

    /** A JSON number, or null for none or a non-finite one (JSON has no NaN). */
    private static void number(StringBuilder out, OptionalDouble v) {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            out.append(v.getAsDouble());
        } else {
            out.append("null");
        }
    }

    /** A JSON string. */
    static StringBuilder text(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
