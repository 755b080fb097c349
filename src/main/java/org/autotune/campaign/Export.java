package org.autotune.campaign;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.autotune.journal.SampleRecord;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one row per journaled sample, as CSV or JSON: id, status, seed, events, each parameter,
 * score, its standard error, each score component, attempts, job id, folder, times, error.
 * Numbers are written exactly as the journal holds them, as JSON numbers; a non-finite score (JSON
 * has no NaN or infinity) is written as null. Only a choice parameter's value is text: its name.
 */
public final class Export {
    private Export() {
    }

    /** The rows, as ordered column → value maps (values: String, Number or null). */
    public static List<Map<String, Object>> rows(CampaignView view) {
        var samples = view.samples();
        var components = new TreeSet<String>();
        samples.forEach(s -> components.addAll(s.components().keySet()));
        var rows = new ArrayList<Map<String, Object>>();
        for (var s : samples) {
            rows.add(row(view, s, components));
        }
        return rows;
    }

    public static void csv(CampaignView view, Writer out) {
        var rows = rows(view);
        try (var csv = CsvWriter.builder().build(out)) {
            if (rows.isEmpty()) {
                return;
            }
            csv.writeRecord(new ArrayList<>(rows.get(0).keySet()));
            for (var row : rows) {
                var cells = new ArrayList<String>();
                for (var v : row.values()) {
                    cells.add(v == null ? "" : v.toString());
                }
                csv.writeRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV export", e);
        }
    }

    public static void json(CampaignView view, Writer out) {
        var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        mapper.writeValue(out, rows(view));
    }

    /** {@code value}, or null when it is not finite (JSON has no NaN or infinity). */
    public static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> row(CampaignView view, SampleRecord s, TreeSet<String> components) {
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
