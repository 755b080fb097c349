package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON export writes each row field by field from the journal's columns: its text must be byte for
 * byte what serialising the row maps gives, for every kind of parameter and row (finished, failed,
 * running, pending; tiny, huge and non-finite numbers; a choice whose name has a comma; an error
 * with quotes and a line break), and for a journal without samples.
 */
class JsonExportTest {
    @Test
    void json_export_is_byte_identical_to_the_serialised_row_maps(@TempDir Path dir) throws IOException {
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
        CsvExportTest.writeJournal(folder.resolve(Journal.FILE_NAME), campaign, text);

        try (var view = CampaignView.open(folder, Optional.empty())) {
            var streamed = new StringWriter();
            Export.json(view, streamed);
            assertThat(streamed.toString()).isEqualTo(rowMaps(view))
                .contains("\"shape\" : \"peak, narrow\"", "\"score.b\" : null",
                    "\"error\" : \"exit 3: \\\"no output\\\",\\nsee log\"");
        }
    }

    @Test
    void a_journal_without_samples_exports_an_empty_array(@TempDir Path dir) throws IOException {
        Path campaign = TestCampaigns.write(dir, "", """
            """);
        try (var c = Campaign.open(CampaignConfig.read(campaign), Overrides.none(), false);
             var view = CampaignView.open(c.directory(), Optional.empty())) {
            var streamed = new StringWriter();
            Export.json(view, streamed);
            assertThat(streamed.toString()).isEqualTo(rowMaps(view)).isEqualTo("[ ]");
        }
    }

    /** What the export wrote before it streamed: each row's map serialised by Jackson, indented. */
    private static String rowMaps(CampaignView view) {
        var out = new StringWriter();
        var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        try (var array = mapper.writer().writeValuesAsArray(out)) {
            Export.forEachRow(view, array::write);
        }
        return out.toString();
    }
}
