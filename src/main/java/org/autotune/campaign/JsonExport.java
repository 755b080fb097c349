package org.autotune.campaign;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.autotune.journal.SampleCursor;
import org.autotune.space.Parameter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export --format json}: the rows of {@link Export} written field by field from the journal's
 * column cursor ({@link SampleCursor}) with the same Jackson generator and pretty printer, so the text
 * is byte for byte what serialising the row maps gives, without a record and a map per sample (at
 * 10⁵ samples those were most of the cost).
 */
final class JsonExport {
    private final List<Parameter> parameters;
    private final List<String> components;

    private JsonExport(CampaignView view) {
        this.parameters = view.space().parameters();
        this.components = List.copyOf(view.journal().componentNames());
    }

    static void write(CampaignView view, Writer out) {
        var export = new JsonExport(view);
        var writer = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writer();
        try (var g = writer.createGenerator(out)) {
            g.writeStartArray();
            SampleCursor.each(view.journal(), row -> export.row(row, g));
            g.writeEndArray();
        }
    }

    private void row(SampleCursor s, JsonGenerator g) {
        g.writeStartObject();
        g.writeName("sample");
        g.writeString(s.name());
        g.writeName("status");
        g.writeString(s.status());
        g.writeName("seed");
        g.writeNumber(s.seed());
        g.writeName("events");
        g.writeNumber((int) s.events());
        point(s.point(), g);
        number(g, "score", s.score());
        number(g, "score_error", s.scoreError());
        Map<String, Double> parsed = components.isEmpty() ? Map.of() : s.components();
        for (String c : components) {
            var component = parsed.get(c);
            number(g, "score." + c, component == null ? Double.NaN : component);
        }
        g.writeName("attempts");
        g.writeNumber((int) s.attempts());
        text(g, "job", s.jobId() == null || s.jobId().isEmpty() ? null : s.jobId());
        text(g, "folder", s.folder());
        text(g, "created", s.created());
        text(g, "started", s.started());
        String finished = s.finished();
        text(g, "finished", finished);
        g.writeName("elapsed_ms");
        if (finished == null) {
            g.writeNull();
        } else {
            g.writeNumber(s.elapsedMillis());
        }
        text(g, "error", s.error() == null || s.error().isEmpty() ? null : s.error());
        g.writeEndObject();
    }

    /** As {@link CampaignView#values}: numbers, integers as whole numbers, a choice by its name. */
    private void point(Map<String, Double> point, JsonGenerator g) {
        for (var p : parameters) {
            double v = point.get(p.name());
            switch (p.kind()) {
                case CHOICE -> text(g, p.name(), p.format(v));
                case INTEGER -> {
                    g.writeName(p.name());
                    g.writeNumber((long) v);
                }
                case REAL, LOG -> number(g, p.name(), v);
                default -> throw new IllegalStateException("parameter kind " + p.kind());
            }
        }
    }

    /** A finite number, or null (JSON has no NaN or infinity; NaN also stands for none), as {@link Export#number}. */
    private static void number(JsonGenerator g, String name, double v) {
        g.writeName(name);
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    private static void text(JsonGenerator g, String name, String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }
}
