package org.autotune.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.autotune.InputError;
import org.autotune.campaign.CampaignStatus;
import org.autotune.campaign.CampaignView;
import org.autotune.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's one reader thread. Every poll it looks at the size and modification time of
 * each journal file (and of its write-ahead log); only a journal that changed is opened, read-only,
 * read in a few short queries (aggregates, and the rows changed since the last reading) and closed
 * again, so a running campaign never waits for the dashboard. What was read is kept (the summary as
 * JSON, the samples as {@link SampleColumns}) and requests are answered from it. Every
 * {@code rescan} the workspace is searched again, so new campaigns appear and deleted ones go.
 * Nobody watching (no request for {@code unwatched} and no event stream open), it reads nothing;
 * the next request first reads what changed meanwhile ({@link #asked}), so no answer is older than
 * one poll.
 */
final class Watcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    private final Workspace workspace;
    private final Duration poll;
    private final Duration rescan;
    private final Consumer<String> onChange;
    private final BooleanSupplier streaming;
    private final long unwatched;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "autotune-dashboard-reader");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile String overview = "[]";
    private long lastScan = Long.MIN_VALUE;
    /** When a page last asked (System.nanoTime); as if long ago until the first request. */
    private volatile long lastAsked;
    private long readings;

    /**
     * One watched campaign: where it is, what its files looked like when read, and what was read:
     * the summary, the detail's head, and (readable) its samples as of change counter {@code cursor}
     * of the journal created at {@code created}, in reading {@code generation}.
     */
    private record Entry(Path folder, Fingerprint fingerprint, ObjectNode summary, ObjectNode head,
                         SampleColumns samples, long cursor, String created, long generation) {
        static Entry unread(Path folder) {
            return new Entry(folder, null, null, CampaignJson.MAPPER.createObjectNode(), null, 0, "", 0);
        }

        String detail(long since, long fromGeneration) {
            if (samples == null) {
                return CampaignJson.MAPPER.writeValueAsString(head);
            }
            // a page of another reading (the journal was replaced) or from the future loads everything
            boolean update = since >= 0 && fromGeneration == generation && since <= cursor;
            return CampaignJson.detail(head, samples, cursor, generation, update ? since : -1);
        }
    }

    /** Size and modification time of the journal and its write-ahead log: any write changes one. */
    record Fingerprint(long size, long modified, long walSize, long walModified) {
        static Fingerprint of(Path folder) {
            var db = attributes(folder.resolve(Journal.FILE_NAME));
            var wal = attributes(folder.resolve(Journal.FILE_NAME + "-wal"));
            return new Fingerprint(db[0], db[1], wal[0], wal[1]);
        }

        private static long[] attributes(Path file) {
            try {
                var a = Files.readAttributes(file, BasicFileAttributes.class);
                return new long[] {a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)};
            } catch (NoSuchFileException e) {
                return new long[] {-1, -1};
            } catch (IOException e) {
                throw new UncheckedIOException("looking at " + file, e);
            }
        }
    }

    /**
     * @param onChange called on the reader thread with the new overview JSON whenever a campaign
     *     changed, appeared or went away
     * @param streaming true while a page holds an event stream open (it is told of every change)
     * @param unwatched how long after the last request the journals are still read without one
     */
    Watcher(Workspace workspace, Duration poll, Duration rescan, Consumer<String> onChange, BooleanSupplier streaming,
            Duration unwatched) {
        this.workspace = workspace;
        this.poll = poll;
        this.rescan = rescan;
        this.onChange = onChange;
        this.streaming = streaming;
        this.unwatched = unwatched.toNanos();
        this.lastAsked = System.nanoTime() - this.unwatched - 1;
    }

    /** Reads every campaign once (so the first page is complete), then polls in the background. */
    void start() {
        try {
            thread.submit(this::tick).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the campaigns", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the campaigns under " + workspace.root(), e.getCause());
        }
        thread.scheduleWithFixedDelay(() -> {
            if (watched()) {
                tickLogged();
            }
        }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A page asked (call before answering it): after a time with nobody watching, reads what
     * changed meanwhile first (waiting for the reader thread), so the answer is current.
     */
    void asked() {
        boolean idle = !watched();
        lastAsked = System.nanoTime();
        if (idle) {
            try {
                thread.submit(this::tickLogged).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RejectedExecutionException e) {
                // closing, or a failure tickLogged did not catch: answer from what was read before
                log.debug("dashboard: no catch-up reading", e);
            }
        }
    }

    /** How many journal readings were made (for tests: none while nobody watches). */
    synchronized long readings() {
        return readings;
    }

    private boolean watched() {
        return System.nanoTime() - lastAsked <= unwatched || streaming.getAsBoolean();
    }

    /** Every campaign's summary, as a JSON array sorted by id. */
    String overview() {
        return overview;
    }

    /** One campaign's detail JSON with every sample, if a campaign has that id. */
    Optional<String> detail(String id) {
        return detail(id, -1, 0);
    }

    /**
     * One campaign's detail JSON with the samples changed after change counter {@code since} of
     * reading {@code generation} (every sample when {@code since} is negative or of another reading).
     */
    Optional<String> detail(String id, long since, long generation) {
        return Optional.ofNullable(entries.get(id)).map(e -> e.detail(since, generation));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say so, keep the last pages, go on polling
            log.error("dashboard: reading the campaigns failed (please report this); will try again", e);
        }
    }

    private void tick() {
        boolean changed = false;
        long now = System.nanoTime();
        if (lastScan == Long.MIN_VALUE || now - lastScan >= rescan.toNanos()) {
            lastScan = now;
            var found = workspace.campaigns();
            changed = entries.keySet().retainAll(found.keySet());
            for (var e : found.entrySet()) {
                var old = entries.get(e.getKey());
                if (old == null || !old.folder().equals(e.getValue())) {
                    entries.put(e.getKey(), Entry.unread(e.getValue()));
                }
            }
        }
        for (var e : entries.entrySet()) {
            var fingerprint = Fingerprint.of(e.getValue().folder());
            if (!fingerprint.equals(e.getValue().fingerprint())) {
                e.setValue(read(e.getKey(), e.getValue(), fingerprint));
                changed = true;
            }
        }
        if (changed) {
            overview = renderOverview();
            onChange.accept(overview);
        }
    }

    /**
     * Reads what changed: the summary from the journal's aggregates, and only the samples whose rows
     * changed since the last reading (all of them the first time, or when the journal was replaced).
     */
    private Entry read(String id, Entry old, Fingerprint fingerprint) {
        synchronized (this) {
            readings++;
        }
        var folder = old.folder();
        try (var view = CampaignView.open(folder, Optional.empty())) {
            var journal = view.journal();
            var created = journal.meta("created").orElse("") + " " + journal.meta("campaign_hash").orElse("");
            long cursor = journal.cursor();   // before the rows: a row written meanwhile is read again next time
            var samples = old.samples();
            long generation = old.generation();
            if (samples == null || !created.equals(old.created()) || cursor < old.cursor()) {
                samples = new SampleColumns(view.space().names());
                generation++;
                var all = samples;
                journal.forEachSample(false, s -> all.put(s, cursor));
            } else {
                var some = samples;
                journal.forEachChanged(old.cursor(), s -> some.put(s, cursor));
            }
            var status = CampaignStatus.of(view);
            var summary = CampaignJson.summary(id, view, status);
            log.debug("dashboard: read campaign={} done={} cursor={}", id, status.done(), cursor);
            return new Entry(folder, fingerprint, summary, CampaignJson.head(summary, view), samples, cursor, created,
                generation);
        } catch (InputError | UncheckedIOException e) {
            // a journal being created, or a campaign file that no longer parses: show why, read it again
            // when its files change
            var summary = CampaignJson.unreadable(id, folder, e.getMessage());
            return new Entry(folder, fingerprint, summary, summary, null, 0, "", old.generation() + 1);
        }
    }

    private String renderOverview() {
        var sorted = new TreeMap<String, Entry>(entries);
        var array = CampaignJson.MAPPER.createArrayNode();
        for (var e : sorted.entrySet()) {
            if (e.getValue().summary() != null) {
                array.add(e.getValue().summary());
            }
        }
        return CampaignJson.MAPPER.writeValueAsString(array);
    }
}
