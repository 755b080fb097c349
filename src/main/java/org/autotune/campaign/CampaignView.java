package org.autotune.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * A read-only look at a campaign through its journal, for status, best and export. Never writes:
 * it can watch a campaign that is running.
 */
public final class CampaignView implements AutoCloseable {
    private final Journal journal;
    private final Space space;
    private final String name;
    private final CampaignConfig config;

    private CampaignView(Journal journal, CampaignConfig config) {
        this.journal = journal;
        this.space = config.space();
        this.name = config.name();
        this.config = config;
    }

    /**
     * Opens a campaign's journal from a campaign file (its default folder, or {@code dir}), a
     * campaign folder, or the journal file itself.
     */
    public static CampaignView open(Path target, Optional<Path> dir) {
        Path journalFile = locate(target, dir);
        var journal = Journal.read(journalFile);
        try {
            var text = journal.meta("campaign_text").orElseThrow(() -> Journal.noCampaign(journalFile));
            var from = Path.of(journal.meta("campaign_file").orElse(journalFile.toString()));
            var config = CampaignConfig.parse(from, text);
            return new CampaignView(journal, config);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    public String name() { return name; }

    public Space space() { return space; }

    /** The campaign file as the journal recorded it (paths relative to the file's folder). */
    public CampaignConfig config() { return config; }

    /** The campaign folder (where the journal lies). */
    public Path directory() { return journal.file().toAbsolutePath().getParent(); }

    public Journal journal() { return journal; }

    /** running, converged, budget-spent, interrupted, too-many-failures. */
    public String state() {
        return journal.meta("state").orElse("new");
    }

    public int budget() {
        return journal.meta("budget").map(Integer::parseInt).orElse(0);
    }

    public List<SampleRecord> samples() {
        return journal.samples();
    }

    public Map<SampleStatus, Integer> counts() {
        return journal.counts();
    }

    public Optional<SampleRecord> best() {
        return journal.best();
    }

    /** A journaled point as a point of the space. */
    public Point point(SampleRecord r) {
        return Point.of(r.point());
    }

    /**
     * The point's values for JSON, in parameter order: numbers for real, log and integer parameters
     * (integers as whole numbers), the choice's name for a choice parameter (a name is no number).
     */
    public Map<String, Object> values(SampleRecord r) {
        var text = format(r);
        var values = new LinkedHashMap<String, Object>();
        for (var p : space.parameters()) {
            double v = r.point().get(p.name());
            values.put(p.name(), switch (p.kind()) {
                case CHOICE -> text.get(p.name());
                case INTEGER -> (long) v;
                case REAL, LOG -> Export.number(v);
            });
        }
        return values;
    }

    /** The point's values as text (choices by name), in parameter order. */
    public Map<String, String> format(SampleRecord r) {
        return space.format(point(r));
    }

    @Override
    public void close() {
        journal.close();
    }

    private static Path locate(Path target, Optional<Path> dir) {
        if (dir.isPresent()) {
            return dir.get().resolve(Journal.FILE_NAME);
        }
        if (Files.isDirectory(target)) {
            return target.resolve(Journal.FILE_NAME);
        }
        if (target.getFileName().toString().endsWith(".sqlite")) {
            return target;
        }
        Path journal = Campaign.defaultDirectory(target).resolve(Journal.FILE_NAME);
        if (!Files.isRegularFile(journal)) {
            throw new InputError(target, "", "no journal for this campaign at " + journal,
                "run it first with 'autotune run " + target + "', or pass --dir with its folder");
        }
        return journal;
    }
}
