package org.autotune.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * One revision of a campaign file, as the journal keeps it: a campaign continues across edits that
 * do not change a sample's outcome (comments, budget, ranges, optimizer settings, metric), and each
 * such edit is a new revision, numbered from 1.
 *
 * @param identity      what decides a sample's outcome, as JSON {setting: value} (the campaign layer
 *                      reads it to name what changed)
 * @param search        a hash of what decides the optimizer's proposals (space, optimizer, metric, ...)
 * @param optimizerFrom the ordinal of the first optimizer sample of the optimizer phase this revision runs
 * @param start         JSON {parameter: value}: where that phase's optimizer starts, once fixed
 * @param rescored      finished samples re-scored for this revision's metric; -1 while that is still to do
 * @param note          what changed since the revision before, in words
 */
public record Revision(int number, Instant at, String hash, String text, String identity, String search,
                       int optimizerFrom, Optional<String> start, int rescored, String note) {

    /** A copy with the phase's start point fixed. */
    public Revision withStart(String startJson) {
        return new Revision(number, at, hash, text, identity, search, optimizerFrom, Optional.of(startJson),
            rescored, note);
    }

    /** A copy that records how many samples were re-scored. */
    public Revision withRescored(int count) {
        return new Revision(number, at, hash, text, identity, search, optimizerFrom, start, count, note);
    }
}
