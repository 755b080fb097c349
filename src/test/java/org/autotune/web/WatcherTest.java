package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With nobody watching the dashboard reads no journal, however the campaigns change; the first
 * request after that gets the campaign as it is now, and an open event stream keeps the journals
 * read without requests. A real campaign is resumed under a real watcher polling every 20 ms.
 */
class WatcherTest {
    @TempDir
    Path dir;

    @Test
    void nobody_watching_reads_nothing_and_the_next_request_gets_the_campaign_as_it_is_now() throws Exception {
        var ws = dir.resolve("ws");
        var file = LinCampaign.write(ws.resolve("lin"), 4);
        LinCampaign.autotune(dir.resolve("log-run"), "run", file.toString());
        var streaming = new AtomicBoolean(false);
        var watcher = new Watcher(new Workspace(ws), Duration.ofMillis(20), Duration.ofHours(1), o -> { },
            streaming::get, Duration.ofMillis(200));
        try (watcher) {
            watcher.start();
            assertThat(watcher.readings()).isEqualTo(1);
            assertThat(watcher.overview()).contains("\"done\":4,");

            // the campaign grows while nobody asks (hundreds of polls): nothing is read
            LinCampaign.autotune(dir.resolve("log-resume"), "resume", file.toString(), "--budget", "8");
            Thread.sleep(300);
            assertThat(watcher.readings()).isEqualTo(1);
            assertThat(watcher.overview()).contains("\"done\":4,");

            // a page asks: it is read at once, before the answer (a poll may read it once more: a reading can
            // create the journal's write-ahead log, which the next poll sees as a change)
            watcher.asked();
            assertThat(watcher.readings()).isGreaterThanOrEqualTo(2);
            assertThat(watcher.overview()).contains("\"done\":8,");

            // an open event stream keeps it read without requests
            streaming.set(true);
            Thread.sleep(300);
            LinCampaign.autotune(dir.resolve("log-resume2"), "resume", file.toString(), "--budget", "12");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!watcher.overview().contains("\"done\":12,") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watcher.overview()).contains("\"done\":12,");
            assertThat(watcher.readings()).isGreaterThan(2);
        }
    }
}
