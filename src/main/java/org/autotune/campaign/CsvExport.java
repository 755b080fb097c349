package org.autotune.campaign;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.autotune.journal.SampleCursor;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;

/**
 * {@code export --format csv}: the columns of {@link Export}, written straight from the journal's
 * columns. A real parameter's value and a score component are copied as the journal's JSON text
 * holds them (no parse and print per number: at 10⁵ samples that was most of the cost); only
 * integers, choices, the score and its error are converted. Values the text does not show plainly
 * (a non-finite number, escapes) go the slow way, with the same result.
 */
final class CsvExport {
    private final List<Parameter> parameters;
    private final List<String> parameterNames = new ArrayList<>();
    private final List<String> components;
    private final String[] values;
    private final String[] componentValues;

    private CsvExport(CampaignView view) {
        this.parameters = view.space().parameters();
        parameters.forEach(p -> parameterNames.add(p.name()));
        this.components = List.copyOf(view.journal().componentNames());
        this.values = new String[parameters.size()];
        this.componentValues = new String[components.size()];
    }

    static void write(CampaignView view, Writer out) {
        var export = new CsvExport(view);
        try (var csv = CsvWriter.builder().build(out)) {
            var header = new boolean[] {true};
            SampleCursor.each(view.journal(), row -> {
                if (header[0]) {
                    csv.writeRecord(export.header());
                    header[0] = false;
                }
                export.row(row, csv.writeRecord()).endRecord();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV export", e);
        }
    }

    private List<String> header() {
        var header = new ArrayList<>(List.of("sample", "status", "seed", "events"));
        header.addAll(parameterNames);
        header.addAll(List.of("score", "score_error"));
        components.forEach(c -> header.add("score." + c));
        header.addAll(List.of("attempts", "job", "folder", "created", "started", "finished", "elapsed_ms", "error"));
        return header;
    }

    private CsvWriter.CsvWriterRecord row(SampleCursor s, CsvWriter.CsvWriterRecord out) {
        out.writeField(s.name()).writeField(s.status()).writeField(Long.toString(s.seed()))
            .writeField(Long.toString(s.events()));
        point(s);
        for (var v : values) {
            out.writeField(v);
        }
        out.writeField(number(s.score())).writeField(number(s.scoreError()));
        components(s);
        for (var v : componentValues) {
            out.writeField(v);
        }
        String finished = s.finished();
        return out.writeField(Long.toString(s.attempts())).writeField(blank(s.jobId())).writeField(s.folder())
            .writeField(s.created()).writeField(blank(s.started())).writeField(blank(finished))
            .writeField(finished == null ? "" : Long.toString(s.elapsedMillis())).writeField(blank(s.error()));
    }

    private void point(SampleCursor s) {
        if (!FlatJsonText.read(s.pointJson(), parameterNames, values)) {
            Map<String, Double> point = s.point();
            for (int i = 0; i < values.length; i++) {
                values[i] = number(point.getOrDefault(parameterNames.get(i), Double.NaN));
            }
        }
        for (int i = 0; i < values.length; i++) {
            var p = parameters.get(i);
            if (!values[i].isEmpty() && (p.kind() == ParameterKind.INTEGER || p.kind() == ParameterKind.CHOICE)) {
                double v = Double.parseDouble(values[i]);
                values[i] = p.kind() == ParameterKind.CHOICE ? p.format(v) : Long.toString((long) v);
            }
        }
    }

    private void components(SampleCursor s) {
        String json = s.componentsJson();
        if (json == null || json.isEmpty()) {
            Arrays.fill(componentValues, "");
        } else if (!FlatJsonText.read(json, components, componentValues)) {
            Map<String, Double> parsed = s.components();
            for (int i = 0; i < componentValues.length; i++) {
                componentValues[i] = number(parsed.getOrDefault(components.get(i), Double.NaN));
            }
        }
    }

    /** A finite number as Java prints it; nothing for NaN (no value) or infinity, as {@link Export#number}. */
    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String blank(String text) {
        return text == null ? "" : text;
    }
}
