package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.autotune.Sample;
import org.autotune.journal.Journal;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export copies the journal's text instead of parsing and printing each number: it must
 * say exactly what the row maps of the JSON export say, for every kind of parameter and row.
 */
class CsvExportTest {
    @Test
    void csv_export_says_what_the_json_rows_say_for_every_kind_of_parameter_and_row(@TempDir Path dir)
        throws IOException {
        Path campaign = TestCampaigns.write(dir, "", """
            """);
        String text = Files.readString(campaign).replace("""
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            """, """
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
              bins: {kind: integer, min: 1, max: 90, start: 3, step: 1}
              shape: {kind: choice, choices: [flat, "peak, narrow"], start: flat}
            """);
        Files.writeString(campaign, text);
        Path folder = dir.resolve("campaign.autotune");
        writeJournal(folder.resolve(Journal.FILE_NAME), campaign, text);

        List<List<String>> csv;
        var rows = new ArrayList<Map<String, Object>>();
        try (var view = CampaignView.open(folder, Optional.empty())) {
            var out = new StringWriter();
            Export.csv(view, out);
            csv = CsvReader.builder().ofCsvRecord(out.toString()).stream().map(r -> r.getFields()).toList();
            Export.forEachRow(view, rows::add);
        }

        assertThat(csv).hasSize(rows.size() + 1);
        assertThat(csv.get(0)).containsExactlyElementsOf(rows.get(0).keySet());
        for (int i = 0; i < rows.size(); i++) {
            var expected = new ArrayList<>(rows.get(i).values());
            var actual = csv.get(i + 1);
            assertThat(actual).hasSameSizeAs(expected);
            for (int k = 0; k < expected.size(); k++) {
                var e = expected.get(k);
                if (e instanceof Double d) {   // the same double, whichever shortest text prints it
                    assertThat(Double.parseDouble(actual.get(k))).as("row %d column %d", i, k).isEqualTo(d);
                } else {
                    assertThat(actual.get(k)).as("row %d column %d", i, k).isEqualTo(e == null ? "" : e.toString());
                }
            }
        }
        assertThat(csv.get(1)).contains("peak, narrow");
        assertThat(csv.stream().map(r -> r.get(r.size() - 1))).contains("exit 3: \"no output\",\nsee log");
    }

    /** Finished, failed, running and pending samples, tiny and huge numbers, a non-finite component. */
    static void writeJournal(Path file, Path campaign, String text) throws IOException {
        Files.createDirectories(file.getParent());
        var config = CampaignConfig.parse(campaign, text);
        var rng = new SplittableRandom(5);
        var t = Instant.parse("2026-12-01T00:00:00Z");
        try (var journal = Journal.open(file)) {
            var meta = new LinkedHashMap<String, String>();
            meta.put("name", config.name());
            meta.put("campaign_file", campaign.toString());
            meta.put("campaign_text", text);
            meta.put("campaign_hash", config.hash());
            journal.putMeta(meta);
            for (int i = 1; i <= 40; i++) {
                var point = new LinkedHashMap<String, Double>();
                point.put("gain", i == 2 ? 1e-7 : 0.5 + 1.5 * rng.nextDouble());
                point.put("noise", 0.05 * Math.pow(20, rng.nextDouble()));
                point.put("bins", (double) rng.nextInt(1, 91));
                point.put("shape", i == 1 ? 1.0 : (double) rng.nextInt(2));
                journal.created(new Sample(i, "key-" + i, Point.of(point), 11, 400, file.resolveSibling("s" + i),
                    "optimizer/" + i), "optimizer", i, t);
                if (i % 10 == 9) {
                    continue;   // pending: no start, no score
                }
                journal.started(i, 1, i % 2 == 0 ? "local:" + i : "", t.plusMillis(3));
                if (i % 10 == 7) {
                    journal.failed(i, "exit 3: \"no output\",\nsee log", Optional.of(3), t.plusMillis(8), 5);
                } else if (i % 10 != 8) {   // 8: still running
                    var components = Map.of("a", rng.nextGaussian() * 1e12, "b", i == 5 ? Double.NaN : 0.25);
                    double score = i == 3 ? 123456789.0 : Math.abs(rng.nextGaussian());
                    journal.finished(i, new Score(score, i == 4 ? OptionalDouble.empty()
                        : OptionalDouble.of(0.1), components, List.of()), t.plusMillis(9), 6);
                }
                t = t.plusMillis(10);
            }
        }
    }
}
