package org.autotune.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.autotune.InputError;

/**
 * The journal must stay the file the run opened. SQLite keeps writing into a journal file that was
 * deleted (or replaced) under it, so without this check a run would go on, print the journal's
 * path and exit 0 with every result gone. Asked after each result told: a different or missing
 * file (by its file key, the inode on Linux) stops the run with one line.
 */
final class JournalPresent implements StopRule {
    private final Path file;
    private final Object key;

    private JournalPresent(Path file, Object key) {
        this.file = file;
        this.key = key;
    }

    /** Remembers the journal file as it is now; empty where the filesystem has no file keys. */
    static Optional<StopRule> of(Path file) {
        return key(file).map(k -> new JournalPresent(file, k));
    }

    @Override
    public Optional<Outcome.State> check(Tally tally) {
        if (!key(file).equals(Optional.of(key))) {   // gone, or another file under its name
            throw new InputError(file, "", "the journal was deleted or replaced while this campaign ran, so the "
                + "samples it recorded are gone from it", "restore the journal from a copy and resume, or start again "
                + "with --force-new; never delete a running campaign's journal");
        }
        return Optional.empty();
    }

    private static Optional<Object> key(Path file) {
        try {
            return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
