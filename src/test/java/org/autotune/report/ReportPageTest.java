package org.autotune.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.autotune.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's text and its grouping of observables, and the report of a campaign whose samples all fail. */
class ReportPageTest {
    @Test
    void image_data_that_happens_to_spell_a_url_scheme_is_broken_by_a_line_break_the_url_parser_drops() {
        byte[] bytes = Base64.getDecoder().decode("AAAAhttpAAAAHTTPAAAA");
        String text = HtmlPage.dataText(bytes);
        assertThat(text).doesNotContainIgnoringCase("http");
        assertThat(Base64.getDecoder().decode(text.replace("\n", ""))).isEqualTo(bytes);
    }

    @Test
    void observables_group_by_their_name_without_a_trailing_index() {
        var groups = Envelope.groups(List.of("amplitude[0]", "amplitude[1]", "x.mean", "x.std", "shape:re0",
            "shape:re1", "shape:im1", "E1"));
        assertThat(groups).extracting(Envelope.Group::name)
            .containsExactly("amplitude", "x.mean", "x.std", "shape:re", "shape:im", "E");
        assertThat(groups.get(0).members()).containsExactly(0, 1);
        assertThat(groups.get(3).members()).containsExactly(4, 5);
    }

    @Test
    void a_campaign_whose_samples_all_fail_gets_a_report_with_every_section_and_the_errors(@TempDir Path dir)
        throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "x\n1\n2\n");
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: broken
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.2}
              n: {kind: integer, min: 1, max: 9, start: 3, step: 1}
            simulator:
              command: [awk, "BEGIN { print \\"no licence for the field map\\" > \\"/dev/stderr\\"; exit 3 }"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x]}
            executor: {type: local, slots: 2}
            budget: 20
            """);
        var out = new StringWriter();
        var err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", file.toString()))
            .as(err.toString()).isEqualTo(3);
        assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", file.toString(),
            "--output", dir.resolve("r.html").toString())).as(err.toString()).isZero();
        var html = Files.readString(dir.resolve("r.html"));
        for (var id : List.of("outside", "best", "score", "traces", "path", "profiles", "grids", "correlation",
            "envelope", "overlay", "pulls", "analysis", "failures", "samples", "campaign")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        // no link: not even the letters of a URL scheme, but for the name of the policy's meta element
        assertThat(html.replace("<meta http-equiv=", "")).doesNotContainIgnoringCase("http");
        assertThat(html).contains("No sample has finished yet.")
            .contains("no licence for the field map").contains("state: too-many-failures");
        // failed samples still show where they ran: the parameter traces
        assertThat(html).contains("<figure id=\"fig-traces\">");
    }
}
