package org.autotune.campaign;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Consumer;
import org.autotune.journal.SampleRecord;

/**
 * Writes one row per journaled sample, as CSV or JSON, streamed as the journal is read (one sample
 * in memory at a time): id, status, seed, events, each parameter,
 * score, its standard error, each score component, attempts, job id, folder, times, error.
 * Numbers are written exactly as the journal holds them, as JSON numbers; a non-finite score (JSON
 * has no NaN or infinity) is written as null. Only a choice parameter's value is text: its name.
 */
public final class Export {
    private Export() {
    }

    /**
     * Hands each row, as an ordered column → value map (values: String, Number or null), to
     * {@code each} as the journal is read: one sample in memory at a time, however many there are.
     */
    public static void forEachRow(CampaignView view, Consumer<Map<String, Object>> each) {
        var components = view.journal().componentNames();
        view.journal().forEachSample(false, s -> each.accept(row(view, s, components)));
    }

    /** The rows as CSV, with a header row when there is a sample (see {@link CsvExport}). */
    public static void csv(CampaignView view, Writer out) {
        CsvExport.write(view, out);
    }

    /**
     * The rows as a JSON array of objects, indented (see {@link JsonExport}: the same text as
     * serialising {@link #forEachRow}'s maps with Jackson, streamed from the journal's columns).
     */
    public static void json(CampaignView view, Writer out) {
        JsonExport.write(view, out);
    }

    /** {@code value}, or null when it is not finite (JSON has no NaN or infinity). */
    public static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> row(CampaignView view, SampleRecord s, SortedSet<String> components) {
        var row = new LinkedHashMap<String, Object>();
        row.put("sample", s.name());
        row.put("status", s.status().name());
        row.put("seed", s.seed());
        row.put("events", s.events());
        row.putAll(view.values(s));
        row.put("score", s.score().isPresent() ? number(s.score().getAsDouble()) : null);
        row.put("score_error", s.scoreError().isPresent() ? number(s.scoreError().getAsDouble()) : null);
        for (String c : components) {
            var component = s.components().get(c);
            row.put("score." + c, component == null ? null : number(component));
        }
        row.put("attempts", s.attempts());
        row.put("job", s.jobId().isEmpty() ? null : s.jobId());
        row.put("folder", s.folder());
        row.put("created", s.created().toString());
        row.put("started", s.started().map(Object::toString).orElse(null));
        row.put("finished", s.finished().map(Object::toString).orElse(null));
        row.put("elapsed_ms", s.finished().isPresent() ? s.elapsedMillis() : null);
        row.put("error", s.error().isEmpty() ? null : s.error());
        return row;
    }
}
