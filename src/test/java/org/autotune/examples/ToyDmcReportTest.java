package org.autotune.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autotune.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a short toy-DMC campaign (8 parameters, mean-std features plus a 1022-bin pulse
 * spectrum, real processes): self-contained, every section, the spectrum drawn as groups of bins.
 */
@Tag("slow")
class ToyDmcReportTest {
    @TempDir
    Path dir;

    @Test
    void a_short_toy_dmc_campaign_gets_a_self_contained_report_with_every_section() throws Exception {
        ToyDmcFiles.copyExample(dir);
        var file = dir.resolve("campaign.yaml").toString();
        var out = new StringWriter();
        var err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", file, "--budget", "10"))
            .as(err.toString()).isZero();
        assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", file))
            .as(err.toString()).isZero();
        var html = Files.readString(dir.resolve("campaign.autotune/report.html"));
        // no link: not even the letters of a URL scheme, but for the name of the policy's meta element
        assertThat(html.replace("<meta http-equiv=", "")).doesNotContainIgnoringCase("http");
        assertThat(html).doesNotContain("<link").doesNotContain("src=\"/");
        for (var id : List.of("outside", "best", "score", "traces", "path", "profiles", "grids", "correlation",
            "envelope", "overlay", "pulls", "analysis", "failures", "samples", "campaign")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).contains("<figure id=\"fig-envelope\">", "<figure id=\"fig-overlay\">",
            "<figure id=\"fig-traces\">").contains("W_sigma").contains("name: toy-dmc");
        // a 10-sample report stays small
        assertThat(Files.size(dir.resolve("campaign.autotune/report.html"))).isLessThan(1_500_000);
    }
}
