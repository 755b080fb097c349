package org.autotune.space.archfixture;

import org.autotune.journal.Journal;

/**
 * Test fixture for {@code ArchitectureTest}: a class inside {@code space} that imports the journal,
 * which the layering forbids. It is never used; it exists so the test can show the rule failing.
 */
public final class PointWithJournal {
    Journal journal() {
        return null;
    }
}
