package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.autotune.campaign.CampaignView;
import org.autotune.cli.CliAccess;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The dashboard server without a browser: read-only, loopback by default, the numbers of status. */
class DashboardTest {
    @TempDir
    Path dir;

    @Tag("slow")
    @Test
    void serving_leaves_the_journal_unchanged_and_finds_new_campaigns() throws Exception {
        var ws = dir.resolve("ws");
        var file = LinCampaign.write(ws.resolve("lin"), 8);
        LinCampaign.autotune(dir.resolve("log-run"), "run", file.toString());
        Path journal = ws.resolve("lin/lin.autotune").resolve(Journal.FILE_NAME);
        var rowsBefore = rows(journal);
        long size = Files.size(journal);
        FileTime modified = Files.getLastModifiedTime(journal);
        String hash = sha256(journal);

        try (var dashboard = Dashboard.start(ws, Listen.loopback(0))) {
            var base = dashboard.url();
            assertThat(LinCampaign.get(base).statusCode()).isEqualTo(200);
            assertThat(LinCampaign.get(base.resolve("/api/campaigns")).body()).contains("\"id\":\"lin/lin.autotune\"");
            assertThat(LinCampaign.get(base.resolve("/campaign/lin/lin.autotune")).statusCode()).isEqualTo(200);
            assertThat(LinCampaign.get(base.resolve("/api/campaign/lin/lin.autotune")).body()).contains("\"samples\"");
            assertThat(LinCampaign.get(base.resolve("/assets/uPlot.iife.min.js")).statusCode()).isEqualTo(200);
            assertThat(LinCampaign.get(base.resolve("/campaign/nope.autotune")).statusCode()).isEqualTo(404);
            assertThat(LinCampaign.get(base.resolve("/assets/..%2Fweb%2Fdashboard.js")).statusCode()).isEqualTo(404);
            var post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/campaigns"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            Thread.sleep(3 * Dashboard.POLL.toMillis());   // several polls of the journal

            // a campaign started while the dashboard runs appears at the next search of the workspace
            var second = LinCampaign.write(ws.resolve("deeper/second"), 4);
            LinCampaign.autotune(dir.resolve("log-second"), "run", second.toString());
            long deadline = System.nanoTime() + Dashboard.RESCAN.multipliedBy(3).toNanos();
            String overview = "";
            while (System.nanoTime() < deadline && !overview.contains("deeper/second/lin.autotune")) {
                Thread.sleep(200);
                overview = LinCampaign.get(base.resolve("/api/campaigns")).body();
            }
            assertThat(overview).contains("\"id\":\"deeper/second/lin.autotune\"");
        }

        assertThat(Files.size(journal)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(journal)).isEqualTo(modified);
        assertThat(sha256(journal)).isEqualTo(hash);
        assertThat(rows(journal)).isEqualTo(rowsBefore);
    }

    @Test
    void listens_on_127_0_0_1_by_default() throws Exception {
        try (var dashboard = Dashboard.start(dir, Listen.loopback(0))) {
            assertThat(dashboard.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(dashboard.address().getPort()).isPositive();
            assertThat(dashboard.url().toString()).startsWith("http://127.0.0.1:");
            assertThat(LinCampaign.get(dashboard.url().resolve("/api/campaigns")).body()).isEqualTo("[]");
        }
    }

    @Test
    void refuses_another_address_unless_named_with_bind_and_then_warns() throws Exception {
        var any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> new Listen(any, 0, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("refusing to serve the dashboard on 0.0.0.0 without an explicit --bind: it has no authentication");
        assertThat(Listen.loopback(0).warning()).isEmpty();
        assertThat(Listen.bind(InetAddress.getByName("127.0.0.1"), 0).warning()).isEmpty();
        assertThat(Listen.bind(any, 8765).warning()).get().asString()
            .startsWith("warning: the dashboard listens on 0.0.0.0 and has no authentication");
    }

    @Tag("slow")
    @Test
    void api_campaigns_shows_the_numbers_autotune_status_prints() throws Exception {
        var ws = dir.resolve("ws");
        var file = LinCampaign.write(ws.resolve("lin"), 10);
        LinCampaign.autotune(dir.resolve("log-run"), "run", file.toString());
        var status = LinCampaign.autotune(dir.resolve("log-status"), "status", file.toString()).stdout();

        var serve = CliAccess.start(dir.resolve("log-serve"), "serve", ws.toString(), "--port", "0");
        try {
            var url = printedUrl(dir.resolve("log-serve/stdout.txt"), serve);
            assertThat(url.toString()).startsWith("http://127.0.0.1:");
            var campaigns = LinCampaign.get(url.resolve("/api/campaigns")).body();
            JsonNode c = CampaignJson.MAPPER.readTree(campaigns).get(0);

            var counts = Pattern.compile("samples: (\\d+) of budget (\\d+) done \\((\\d+) finished, (\\d+) failed\\), "
                + "(\\d+) running, (\\d+) pending, (\\d+) interrupted").matcher(status);
            assertThat(counts.find()).as(status).isTrue();
            assertThat(List.of(c.get("done").asInt(), c.get("budget").asInt(), c.get("finished").asInt(),
                c.get("failed").asInt(), c.get("running").asInt(), c.get("pending").asInt(),
                c.get("interrupted").asInt()))
                .containsExactly(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)),
                    Integer.parseInt(counts.group(3)), Integer.parseInt(counts.group(4)),
                    Integer.parseInt(counts.group(5)), Integer.parseInt(counts.group(6)),
                    Integer.parseInt(counts.group(7)));
            assertThat(status).startsWith("campaign lin: " + c.get("state").asString() + "\n");
            var best = c.get("best");
            assertThat(status).contains("best: sample " + best.get("sample").asString() + ", score "
                + best.get("scoreText").asString());
            assertThat(status).contains("  a = " + best.get("pointText").get("a").asString() + "\n")
                .contains("  b = " + best.get("pointText").get("b").asString() + " mm\n");
            assertThat(best.get("point").get("a").isNumber()).as(best.toString()).isTrue();
            assertThat(best.get("point").get("b").isNumber()).as(best.toString()).isTrue();
            assertThat(best.get("score").isNumber()).isTrue();
        } finally {
            serve.destroy();
            serve.waitFor();
        }
    }

    @Test
    void serve_has_help_and_names_a_missing_workspace() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        assertThat(org.autotune.cli.Main.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
            "serve", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: autotune serve").contains("--port=N", "--bind=ADDR");
        var missing = dir.resolve("nowhere");
        assertThat(org.autotune.cli.Main.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
            "serve", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": not a folder; fix: pass the folder that holds your campaigns\n");
    }

    /** The address `autotune serve` printed, waiting for it (the first read of the journals). */
    private static URI printedUrl(Path stdout, Process serve) throws Exception {
        var url = Pattern.compile("dashboard: (http://\\S+) ");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            var m = url.matcher(Files.exists(stdout) ? Files.readString(stdout) : "");
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("autotune serve printed no address: " + Files.readString(stdout));
    }

    private static List<SampleRecord> rows(Path journal) {
        try (var view = CampaignView.open(journal, Optional.empty())) {
            return view.samples();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
