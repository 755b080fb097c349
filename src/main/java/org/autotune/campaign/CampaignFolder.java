package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.InputError;
import org.autotune.execute.Executors;
import org.autotune.journal.Journal;

/**
 * A campaign's folder on disk: its journal, its sample folders and its lock file, which lets one
 * coordinator at a time write it (the journal also records which process that is: see
 * {@link Coordinator}). Opening checks that the campaign file's identity still matches the journal
 * (an edit that keeps it is a new revision, see {@link CampaignRevisions}), and with {@code --force-new}
 * moves an old folder aside (nothing is deleted).
 *
 * @param config       the campaign as it runs: the journal's seed and budget, the command line's overrides
 * @param revisionNote what an edit of the campaign file since the last run means, in words; empty: none
 */
public record CampaignFolder(Path dir, Journal journal, FileChannel lock, CampaignConfig config, int slots,
                             String revisionNote) implements AutoCloseable {

    /** The campaign folder used when none is given: {@code <file stem>.autotune} next to the file. */
    public static Path defaultDirectory(Path campaignFile) {
        String stem = campaignFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return campaignFile.toAbsolutePath().getParent().resolve(stem + ".autotune");
    }

    /**
     * Opens (creating when needed) the campaign folder for running.
     *
     * @param mustExist true for {@code resume}: a campaign that never ran is an error
     * @param clock     the time recorded as the campaign's creation and used to name a moved folder
     */
    public static CampaignFolder open(CampaignConfig config, Overrides overrides, boolean mustExist, Clock clock) {
        overrides.check(config.file());
        Path dir = overrides.dir().orElse(defaultDirectory(config.file())).toAbsolutePath();
        Path journalFile = dir.resolve(Journal.FILE_NAME);
        boolean exists = Journal.holdsCampaign(journalFile);   // one killed before recording its campaign holds none
        if (mustExist && !exists) {
            throw new InputError(config.file(), "", "this campaign has not been run yet (no journal in " + dir + ")",
                "start it with 'autotune run " + config.file() + "'");
        }
        var lock = lock(dir, config);   // before any move: a folder in use is never moved aside
        try {
            refuseRunning(dir, journalFile, config, exists);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
        if (exists && overrides.forceNew()) {
            moveAside(dir, clock);   // the lock moves with the old folder and is held until the new one is locked
            var old = lock;
            lock = lock(dir, config);
            release(old);
            exists = false;
        }
        Journal journal;
        try {
            journal = Journal.open(journalFile);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
        try {
            return record(config, overrides, exists, dir, journal, lock, clock);
        } catch (RuntimeException e) {
            journal.close();
            release(lock);
            throw e;
        }
    }

    private static CampaignFolder record(CampaignConfig config, Overrides overrides, boolean exists, Path dir,
                                         Journal journal, FileChannel lock, Clock clock) {
        var opened = exists ? Optional.of(CampaignRevisions.open(config, journal, clock)) : Optional.<CampaignRevisions
            .Opened>empty();
        boolean budgetEdited = opened.map(CampaignRevisions.Opened::budgetEdited).orElse(false);
        var meta = new LinkedHashMap<String, String>();
        int slots = exists ? journaledSlots(config, overrides, journal, meta)
            : Executors.slots(config.executor(), overrides.slots());
        long seed = exists ? journaledSeed(config, overrides, journal) : overrides.seed().orElse(config.seed());
        int budget = overrides.budget().orElseGet(() -> exists && !budgetEdited
            ? (int) journaled(config, journal, "budget", 1, CampaignConfig.MAX_BUDGET, "--budget N") : config.budget());
        if (!exists) {
            meta.put("name", config.name());
            meta.put("campaign_file", config.file().toAbsolutePath().toString());
            meta.put("campaign_text", config.text());
            meta.put("campaign_hash", config.hash());
            meta.put("created", clock.instant().toString());
            meta.put("slots", Integer.toString(slots));
            meta.put("seed", Long.toString(seed));
        }
        meta.put("budget", Integer.toString(budget));
        meta.put(Coordinator.META, Coordinator.current().text());
        journal.putMeta(meta);
        if (!exists) {
            CampaignRevisions.first(config, journal, clock);
        }
        var effective = config.with(new Overrides(Optional.of(budget), OptionalInt.empty(),
            OptionalLong.of(seed), Optional.empty(), false));
        return new CampaignFolder(dir, journal, lock, effective, slots,
            opened.map(CampaignRevisions.Opened::note).orElse(""));
    }

    /**
     * The slots the campaign started with. A journal holding a value out of range (written by an old
     * version) is repaired by {@code --slots N}, recorded in {@code meta}.
     */
    private static int journaledSlots(CampaignConfig config, Overrides overrides, Journal journal,
                                      Map<String, String> meta) {
        if (overrides.slots().isPresent() && !validMeta(journal, "slots", 1, Overrides.MAX_SLOTS)) {
            meta.put("slots", Integer.toString(overrides.slots().getAsInt()));
            return overrides.slots().getAsInt();
        }
        return (int) journaled(config, journal, "slots", 1, Overrides.MAX_SLOTS, "--slots N");
    }

    /** The seed the campaign started with: it is part of the campaign's identity, so --seed cannot change it. */
    private static long journaledSeed(CampaignConfig config, Overrides overrides, Journal journal) {
        long seed = journaled(config, journal, "seed", 1, CampaignConfig.MAX_SEED, "--force-new");
        if (overrides.seed().isPresent() && overrides.seed().getAsLong() != seed) {
            throw new InputError(config.file(), "--seed", "this campaign started with seed " + seed + " and its "
                + "seed cannot change (it is part of the campaign's identity)", "drop --seed " + overrides.seed()
                .getAsLong() + " to continue it, or add --force-new to start a new campaign with that seed");
        }
        return seed;
    }

    /** A whole number the journal's meta table holds, or one line naming the journal, the key and the fix. */
    private static long journaled(CampaignConfig config, Journal journal, String key, long min, long max,
                                  String flag) {
        var text = journal.meta(key).orElse("");
        if (!validMeta(journal, key, min, max)) {
            throw new InputError(journal.file(), key, "the journal holds " + key + " = '" + text
                + "', outside the allowed range [" + min + ", " + max + "]", "run 'autotune run " + config.file()
                + " " + flag + "' to " + (flag.equals("--force-new") ? "start a new campaign (the old folder is kept)"
                : "replace it"));
        }
        return Long.parseLong(text);
    }

    private static boolean validMeta(Journal journal, String key, long min, long max) {
        try {
            long v = Long.parseLong(journal.meta(key).orElse(""));
            return min <= v && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where new samples' folders go. */
    public Path samples() {
        return dir.resolve("samples");
    }

    /** Closes the journal and releases the lock. */
    @Override
    public void close() {
        try {
            journal.putMeta(Map.of(Coordinator.META, ""));   // no one runs it now
        } finally {
            try {
                journal.close();
            } finally {
                release(lock);
            }
        }
    }

    private static void moveAside(Path dir, Clock clock) {
        var stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(clock.instant().atZone(clock.getZone()));
        var target = dir.resolveSibling(dir.getFileName() + "-" + stamp);
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("moving the old campaign folder " + dir + " to " + target, e);
        }
    }

    /**
     * Refuses a folder whose journal records a coordinator that still runs: the lock file keeps a
     * second process out only while it exists, and someone may have deleted it.
     */
    private static void refuseRunning(Path dir, Path journalFile, CampaignConfig config, boolean exists) {
        if (!exists) {
            return;
        }
        Optional<Coordinator> running;
        try (var journal = Journal.read(journalFile)) {
            running = Coordinator.running(journal);
        } catch (RuntimeException e) {
            return;   // an unreadable journal is reported when it is opened, with its fix
        }
        if (running.isPresent()) {
            throw inUse(config, dir, Long.toString(running.get().pid()));
        }
    }

    private static InputError inUse(CampaignConfig config, Path dir, String holder) {
        return new InputError(config.file(), "", "campaign folder " + dir + " is in use by another autotune "
            + "process" + (holder.isEmpty() ? "" : " (pid " + holder + ")"),
            "wait for it to finish or stop it (Ctrl-C); use --dir to run a separate copy");
    }

    private static FileChannel lock(Path dir, CampaignConfig config) {
        try {
            Files.createDirectories(dir);
            var ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
            if (ch.tryLock() == null) {
                String holder = Files.readString(dir.resolve("lock"), StandardCharsets.UTF_8).trim();
                ch.close();
                throw inUse(config, dir, holder);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("locking campaign folder " + dir, e);
        }
    }

    private static void release(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing the campaign lock", e);
        }
    }
}
