package org.autotune.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.autotune.analysis.ScanDesign;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.metric.ScoreType;
import org.autotune.space.Space;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a report is made of, read once from a campaign's journal: the campaign file's text, its
 * samples in the order they were created, the newest finished 1-D scan, the 2-D grids, and the
 * analysis (computed by the caller, which knows the metric).
 *
 * @param samples in creation order (ties by id): optimizer, scan, grid and check samples alike
 * @param scan    the design of the newest finished scan, with its number
 */
public record ReportSource(String name, String campaignText, String state, Space space, ScoreType scoreType,
                           List<SampleRecord> samples, Optional<Scan> scan, List<Grid> grids,
                           Optional<AnalysisSummary> analysis) {

    public ReportSource {
        samples = List.copyOf(samples);
        grids = List.copyOf(grids);
    }

    /** A finished 1-D scan (meta keys {@code scan.K.*}): its number and design. */
    public record Scan(int number, ScanDesign design) {
    }

    /**
     * A finished 2-D grid (meta key {@code grid.K.result}): the pair, the values along each axis and
     * the scores, {@code scores[row][column]} with rows along y; NaN for a failed sample.
     */
    public record Grid(int number, String x, String y, double[] xs, double[] ys, double[][] scores) {
    }

    /** The analysis as {@code autotune analyze} prints it, and its numbers as the JSON of analysis.json. */
    public record AnalysisSummary(List<String> text, String json) {
        public AnalysisSummary {
            text = List.copyOf(text);
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Reads the journal; {@code space} and {@code type} come from the campaign file it recorded. */
    public static ReportSource read(Journal journal, Space space, ScoreType type, Optional<AnalysisSummary> analysis) {
        var samples = new ArrayList<>(journal.samples());
        samples.sort(Comparator.comparing(SampleRecord::created).thenComparingLong(SampleRecord::id));
        return new ReportSource(journal.meta("name").orElse("campaign"), journal.meta("campaign_text").orElse(""),
            journal.meta("state").orElse("new"), space, type, samples, scan(journal), grids(journal), analysis);
    }

    private static Optional<Scan> scan(Journal journal) {
        int k = Integer.parseInt(journal.meta("scans").orElse("0"));
        for (int s = k; s >= 1; s--) {
            if (journal.meta("scan." + s + ".state").orElse("").equals("done")) {
                JsonNode node = MAPPER.readTree(journal.meta("scan." + s + ".design").orElseThrow());
                var points = new ArrayList<double[]>();
                for (JsonNode p : node.get("points")) {
                    points.add(numbers(p));
                }
                return Optional.of(new Scan(s, new ScanDesign(numbers(node.get("center")), numbers(node.get("widths")),
                    points)));
            }
        }
        return Optional.empty();
    }

    private static List<Grid> grids(Journal journal) {
        int k = Integer.parseInt(journal.meta("grids").orElse("0"));
        var out = new ArrayList<Grid>();
        for (int g = 1; g <= k; g++) {
            var result = journal.meta("grid." + g + ".result");
            if (result.isEmpty()) {
                continue;   // interrupted before it finished: no map yet
            }
            JsonNode node = MAPPER.readTree(result.get());
            var rows = node.get("scores");
            var scores = new double[rows.size()][];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = numbers(rows.get(r));
            }
            out.add(new Grid(g, node.get("x").asString(), node.get("y").asString(), numbers(node.get("xs")),
                numbers(node.get("ys")), scores));
        }
        return out;
    }

    /** A JSON array of numbers; a non-number ("NaN", "Infinity" as Jackson writes them, null) reads as NaN. */
    static double[] numbers(JsonNode array) {
        var out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
