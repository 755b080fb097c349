package org.autotune.journal.archfixture;

import org.autotune.space.archfixture.PointWithJournal;

/**
 * Test fixture for {@code ArchitectureTest}: with {@link PointWithJournal} it closes a cycle
 * {@code space -> journal -> space}, which the "no cycles" rule forbids. It is never used.
 */
public final class JournalWithPoint {
    PointWithJournal point() {
        return null;
    }
}
