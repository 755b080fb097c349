package org.autotune.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.ScanDesign;
import org.autotune.campaign.Designs;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.score.ScoreType;
import org.autotune.space.Space;
import tools.jackson.databind.JsonNode;

/**
 * What a report is made of, read once from a campaign's journal: the campaign file's text, its
 * samples in the order they were created, the newest finished 1-D scan, the 2-D grids, and the
 * analysis (computed by the caller, which knows the metric).
 *
 * @param samples in creation order (ties by id): optimizer, scan, grid and check samples alike
 * @param scan    the design of the newest finished scan, with its number
 * @param envelope the range of each observable over every finished sample
 */
public record ReportSource(String name, String campaignText, String state, Space space, ScoreType scoreType,
                           List<SampleRecord> samples, Optional<Scan> scan, List<Grid> grids,
                           Optional<AnalysisSummary> analysis, Envelope envelope) {

    public ReportSource {
        samples = List.copyOf(samples);
        grids = List.copyOf(grids);
    }

    /**
     * A finished 1-D scan: its number and design; with integer or choice parameters, the values it
     * held them at (its design is then over the real and log parameters only).
     */
    public record Scan(int number, ScanDesign design, Map<String, Double> held) {
        public Scan {
            held = Map.copyOf(held);
        }

        /** True when the point has the held values (always, for a scan that held nothing). */
        public boolean holds(Map<String, Double> point) {
            return held.entrySet().stream().allMatch(e -> e.getValue().equals(point.get(e.getKey())));
        }

        /** The held values as text, in the space's order: {@code n = 2, mode = fast}. */
        public String heldText(Space space) {
            var parts = new ArrayList<String>();
            for (var p : space.parameters()) {
                if (held.containsKey(p.name())) {
                    parts.add(p.name() + " = " + p.format(held.get(p.name())));
                }
            }
            return String.join(", ", parts);
        }
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

    /**
     * Reads the journal; {@code space} and {@code type} come from the campaign file it recorded.
     * The samples are read without their observables, which only the first finished and the best
     * sample keep (the overlay and pulls show them); the envelope reads every sample's observables
     * one sample at a time. So a journal of 10⁵ samples fits in a few hundred MB.
     */
    public static ReportSource read(Journal journal, Space space, ScoreType type, Optional<AnalysisSummary> analysis) {
        var samples = new ArrayList<SampleRecord>();
        journal.forEachSample(false, samples::add);
        samples.sort(Comparator.comparing(SampleRecord::created).thenComparingLong(SampleRecord::id));
        var history = History.of(samples);
        var withObservables = new HashSet<Long>();
        history.finished().stream().findFirst().ifPresent(s -> withObservables.add(s.id()));
        history.best().ifPresent(s -> withObservables.add(s.id()));
        samples.replaceAll(s -> withObservables.contains(s.id()) ? journal.sample(s.id()).orElse(s) : s);
        return new ReportSource(journal.meta("name").orElse("campaign"), journal.meta("campaign_text").orElse(""),
            journal.meta("state").orElse("new"), space, type, samples, scan(journal), grids(journal), analysis,
            Envelope.of(journal));
    }

    private static Optional<Scan> scan(Journal journal) {
        return Designs.newestScan(journal).map(s -> new Scan(s.number(), s.design(), s.held()));
    }

    private static List<Grid> grids(Journal journal) {
        return Designs.grids(journal).stream().map(g -> new Grid(g.number(), g.grid().x(), g.grid().y(),
            g.grid().xs(), g.grid().ys(), g.grid().scores())).toList();
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
