package org.autotune.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.ScanDesign;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scan, grid and check designs and results as JSON in the journal's design ledger and meta table. */
public final class ScanJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ScanJson() {
    }

    public static String write(ScanDesign design) {
        var map = new LinkedHashMap<String, Object>();
        map.put("center", design.center());
        map.put("widths", design.widths());
        map.put("points", design.points());
        return MAPPER.writeValueAsString(map);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static ScanDesign read(String json) {
        return read(MAPPER.readTree(json));
    }

    private static ScanDesign read(JsonNode node) {
        var points = new ArrayList<double[]>();
        for (JsonNode p : node.get("points")) {
            points.add(array(p));
        }
        return new ScanDesign(array(node.get("center")), array(node.get("widths")), points);
    }

    /** A stored 2-D grid design: the pair, points per axis, and the unit-cube points row by row. */
    public record GridDesign(String x, String y, int size, List<double[]> points) {
    }

    public static GridDesign readGrid(String json) {
        JsonNode node = MAPPER.readTree(json);
        var points = new ArrayList<double[]>();
        for (JsonNode p : node.get("points")) {
            points.add(array(p));
        }
        return new GridDesign(node.get("x").asString(), node.get("y").asString(), node.get("size").asInt(), points);
    }

    /** A {parameter: value} mapping, e.g. the values a scan or grid held integer and choice parameters at. */
    public static Map<String, Double> readPoint(JsonNode node) {
        var out = new LinkedHashMap<String, Double>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().doubleValue()));
        return out;
    }

    /** The JSON tree of a stored meta value. */
    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    public static List<double[]> readPoints(String json) {
        var points = new ArrayList<double[]>();
        for (JsonNode p : MAPPER.readTree(json)) {
            points.add(array(p));
        }
        return points;
    }

    /**
     * A scan's ledger entry: the lines through the centre, the full design once the lines chose it,
     * and the ordinal of the scan's origin its full design's samples start at. With integer or
     * choice parameters, the designs are over the real and log parameters only, {@code held} holds
     * the others' values and {@code notes} what the lines found along the integer ones.
     */
    public record ScanEntry(ScanDesign lines, Optional<ScanDesign> full, int fullFrom, Map<String, Double> held,
                            List<String> notes) {
        public ScanEntry {
            held = Collections.unmodifiableMap(new LinkedHashMap<>(held));
            notes = List.copyOf(notes);
        }

        /** A continuous campaign's entry. */
        public ScanEntry(ScanDesign lines, Optional<ScanDesign> full, int fullFrom) {
            this(lines, full, fullFrom, Map.of(), List.of());
        }

        public String toJson() {
            var map = new LinkedHashMap<String, Object>();
            map.put("lines", MAPPER.readTree(write(lines)));
            map.put("full", full.map(f -> (Object) MAPPER.readTree(write(f))).orElse(null));
            map.put("full_from", fullFrom);
            if (!held.isEmpty()) {
                map.put("held", held);
                map.put("notes", notes);
            }
            return MAPPER.writeValueAsString(map);
        }
    }

    public static ScanEntry readScan(String json) {
        JsonNode node = MAPPER.readTree(json);
        var full = node.get("full");
        var held = new LinkedHashMap<String, Double>();
        var notes = new ArrayList<String>();
        if (node.has("held")) {
            held.putAll(readPoint(node.get("held")));
            node.path("notes").forEach(n -> notes.add(n.asString()));
        }
        return new ScanEntry(read(node.get("lines")), full == null || full.isNull() ? Optional.empty()
            : Optional.of(read(full)), node.get("full_from").asInt(), held, notes);
    }

    /** A finished grid's map, as the grid scan journals it. */
    public static Grid readGridResult(String json) {
        JsonNode node = MAPPER.readTree(json);
        var rows = node.get("scores");
        var scores = new double[rows.size()][];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = array(rows.get(r));
        }
        return new Grid(node.get("x").asString(), node.get("y").asString(), array(node.get("xs")),
            array(node.get("ys")), scores);
    }

    /** A JSON array of numbers; anything else (a failed sample's NaN, written as "NaN", or null) reads as NaN. */
    private static double[] array(JsonNode node) {
        var out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            var v = node.get(i);
            out[i] = v.isNumber() ? v.doubleValue() : parse(v);
        }
        return out;
    }

    private static double parse(JsonNode v) {
        try {
            return v.isNull() ? Double.NaN : Double.parseDouble(v.asString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
