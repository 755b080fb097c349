package org.autotune.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.autotune.analysis.ScanDesign;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scan designs and analyses as JSON in the journal's meta table. */
final class ScanJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ScanJson() {
    }

    static String write(ScanDesign design) {
        var map = new LinkedHashMap<String, Object>();
        map.put("center", design.center());
        map.put("widths", design.widths());
        map.put("points", design.points());
        return MAPPER.writeValueAsString(map);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static ScanDesign read(String json) {
        JsonNode node = MAPPER.readTree(json);
        var points = new ArrayList<double[]>();
        for (JsonNode p : node.get("points")) {
            points.add(array(p));
        }
        return new ScanDesign(array(node.get("center")), array(node.get("widths")), points);
    }

    /** A stored 2-D grid design: the pair, points per axis, and the unit-cube points row by row. */
    record GridDesign(String x, String y, int size, List<double[]> points) {
    }

    static GridDesign readGrid(String json) {
        JsonNode node = MAPPER.readTree(json);
        var points = new ArrayList<double[]>();
        for (JsonNode p : node.get("points")) {
            points.add(array(p));
        }
        return new GridDesign(node.get("x").asString(), node.get("y").asString(), node.get("size").asInt(), points);
    }

    /** A list of unit-cube points, as {@link #write(Object)} wrote it. */
    static List<double[]> readPoints(String json) {
        var points = new ArrayList<double[]>();
        for (JsonNode p : MAPPER.readTree(json)) {
            points.add(array(p));
        }
        return points;
    }

    /** A finished grid's map, as {@link Campaign#grid} journals it. */
    static Campaign.Grid readGridResult(String json) {
        JsonNode node = MAPPER.readTree(json);
        var rows = node.get("scores");
        var scores = new double[rows.size()][];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = array(rows.get(r));
        }
        return new Campaign.Grid(node.get("x").asString(), node.get("y").asString(), array(node.get("xs")),
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
