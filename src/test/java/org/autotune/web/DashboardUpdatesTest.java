package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The campaign JSON's updates over real HTTP from a real campaign's journal: after the campaign
 * is resumed with a larger budget, asking with the last cursor gives exactly the new samples, and
 * merging them into the first answer (as the page does) gives what a full reload gives.
 */
class DashboardUpdatesTest {
    @TempDir
    Path dir;

    @Test
    void an_update_carries_only_the_samples_changed_since_the_cursor_and_merges_into_the_full_answer()
        throws Exception {
        var ws = dir.resolve("ws");
        var file = LinCampaign.write(ws.resolve("lin"), 8);
        LinCampaign.autotune(dir.resolve("log-run"), "run", file.toString());
        try (var dashboard = Dashboard.start(ws, Listen.loopback(0))) {
            URI api = dashboard.url().resolve("/api/campaign/lin/lin.autotune");
            var first = json(LinCampaign.get(api).body());
            assertThat(first.has("since")).isFalse();
            var firstIds = ids(first);
            assertThat(firstIds).hasSize(8);
            long cursor = first.get("cursor").asLong();
            long generation = first.get("generation").asLong();

            var unchanged = json(LinCampaign.get(URI.create(api + "?since=" + cursor + "&generation=" + generation))
                .body());
            assertThat(ids(unchanged)).isEmpty();
            assertThat(unchanged.get("cursor").asLong()).isEqualTo(cursor);

            LinCampaign.autotune(dir.resolve("log-resume"), "resume", file.toString(), "--budget", "14");
            var full = waitForDone(dashboard.url().resolve("/api/campaigns"), api, 14);
            var update = json(LinCampaign.get(URI.create(api + "?since=" + cursor + "&generation=" + generation))
                .body());
            assertThat(update.get("since").asLong()).isEqualTo(cursor);
            assertThat(update.get("cursor").asLong()).isGreaterThan(cursor);
            var newIds = new ArrayList<>(ids(full));
            newIds.removeAll(firstIds);
            assertThat(newIds).hasSize(6);
            assertThat(ids(update)).containsExactlyElementsOf(newIds);
            assertThat(merged(first, update)).isEqualTo(columns(full));
            assertThat(update.get("done").asInt()).isEqualTo(14);

            // a cursor of another reading of the journal, or from its future, gets every sample
            var other = json(LinCampaign.get(URI.create(api + "?since=" + cursor + "&generation=" + (generation + 1)))
                .body());
            assertThat(ids(other)).containsExactlyElementsOf(ids(full));
            var future = json(LinCampaign.get(URI.create(api + "?since=999999&generation=" + generation)).body());
            assertThat(ids(future)).containsExactlyElementsOf(ids(full));

            var bad = LinCampaign.get(URI.create(api + "?since=yesterday"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("since=").doesNotContain("Exception");
        }
    }

    private static JsonNode waitForDone(URI overview, URI api, int done) throws InterruptedException {
        long deadline = System.nanoTime() + Dashboard.POLL.multipliedBy(10).toNanos();
        while (System.nanoTime() < deadline && !LinCampaign.get(overview).body().contains("\"done\":" + done + ",")) {
            Thread.sleep(100);
        }
        var full = json(LinCampaign.get(api).body());
        assertThat(full.get("done").asInt()).isEqualTo(done);
        return full;
    }

    private static JsonNode json(String body) {
        return CampaignJson.MAPPER.readTree(body);
    }

    private static List<Long> ids(JsonNode detail) {
        var out = new ArrayList<Long>();
        detail.get("samples").get("id").forEach(n -> out.add(n.asLong()));
        return out;
    }

    /** Every column as id → value, flattened: "score", "values.a", … */
    private static Map<String, Map<Long, String>> columns(JsonNode detail) {
        var out = new LinkedHashMap<String, Map<Long, String>>();
        var samples = detail.get("samples");
        var ids = ids(detail);
        for (var name : List.of("name", "status", "score", "scoreError", "events")) {
            out.put(name, byId(ids, samples.get(name)));
        }
        for (var p : samples.get("values").propertyNames()) {
            out.put("values." + p, byId(ids, samples.get("values").get(p)));
        }
        return out;
    }

    private static Map<Long, String> byId(List<Long> ids, JsonNode column) {
        var out = new LinkedHashMap<Long, String>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), column.get(i).toString());
        }
        return out;
    }

    /** The page's merge: a changed sample replaces its old values, a new one is added. */
    private static Map<String, Map<Long, String>> merged(JsonNode first, JsonNode update) {
        var out = columns(first);
        columns(update).forEach((name, values) -> out.get(name).putAll(values));
        return out;
    }
}
