package org.autotune.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autotune.Options;
import org.autotune.Sample;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.metric.Metric;
import org.autotune.metric.MetricException;
import org.autotune.metric.SampleOutputs;
import org.autotune.space.Point;

/**
 * Other campaigns' finished samples, named with {@code reuse: [other.yaml]} (or its folder) in the
 * campaign file. A sample whose key (simulator, point, seed, events) matches one of theirs is not
 * run: it is journaled here as {@code reused/N}, referring to the other campaign's sample folder,
 * and scored with this campaign's metric from the outputs kept there. Their journals are only read.
 */
final class Reuse implements AutoCloseable {
    /** The origin of samples answered from another campaign. */
    static final String ORIGIN = "reused";

    private final List<Path> folders;
    private final Map<Path, Journal> open = new LinkedHashMap<>();
    /** Keys whose outputs elsewhere this campaign's metric could not score: not tried again in this run. */
    private final Set<String> unscorable = new HashSet<>();

    Reuse(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The campaign folders {@code reuse:} names, each checked to hold a journal. */
    static List<Path> folders(Options root, Path file) {
        if (!root.has("reuse")) {
            return List.of();
        }
        var out = new ArrayList<Path>();
        var base = file.toAbsolutePath().getParent();
        for (String name : root.strings("reuse")) {
            var path = base.resolve(name).normalize();
            var folder = Files.isDirectory(path) ? path : CampaignFolder.defaultDirectory(path);
            if (!Files.exists(folder.resolve(Journal.FILE_NAME))) {
                throw root.error("reuse", "'" + name + "' names no campaign that has run (no journal in " + folder
                    + ")", "name a campaign file that has been run, or its campaign folder");
            }
            out.add(folder);
        }
        return out;
    }

    /**
     * The sample with this key from another campaign, journaled here as finished and scored with
     * {@code metric}; empty when none has it (or the metric cannot score its outputs).
     */
    synchronized Optional<SampleRecord> answer(Journal journal, Metric metric, String key, Point point, long seed,
                                               int events, Clock clock) {
        if (unscorable.contains(key)) {
            return Optional.empty();
        }
        for (var folder : folders) {
            var found = journal(folder).finishedWithKey(key);
            if (found.isEmpty()) {
                continue;
            }
            var other = found.get();
            long id = journal.nextId();
            int ordinal = journal.lastOrdinal(ORIGIN) + 1;
            var sample = new Sample(id, key, point, seed, events, Path.of(other.folder()), ORIGIN + "/" + ordinal);
            journal.created(sample, ORIGIN, ordinal, clock.instant());
            try {
                var score = metric.score(new SampleOutputs(Path.of(other.folder()), other.id(), seed, events));
                journal.finished(id, score, clock.instant(), other.elapsedMillis());
                return journal.sample(id);
            } catch (MetricException e) {
                unscorable.add(key);
                journal.failed(id, "metric on the outputs of " + folder + "'s sample " + other.name() + ": "
                    + e.getMessage(), Optional.empty(), clock.instant(), 0);
            }
        }
        return Optional.empty();
    }

    private Journal journal(Path folder) {
        return open.computeIfAbsent(folder, f -> Journal.read(f.resolve(Journal.FILE_NAME)));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Journal::close);
        open.clear();
    }
}
