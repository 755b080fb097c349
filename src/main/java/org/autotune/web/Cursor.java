package org.autotune.web;

import java.util.Optional;

/**
 * Where a page's copy of a campaign stands: the {@code cursor} and {@code generation} of the last
 * campaign JSON it got, sent back as {@code ?since=CURSOR&generation=G} to get only what changed.
 *
 * @param since the cursor; negative: the page holds nothing (every sample is sent)
 */
record Cursor(long since, long generation) {
    static final Cursor NONE = new Cursor(-1, 0);

    /** The cursor of a query string; empty when a value is not a whole number (NONE without one). */
    static Optional<Cursor> of(String query) {
        long since = -1;
        long generation = 0;
        if (query == null || query.isEmpty()) {
            return Optional.of(NONE);
        }
        for (var pair : query.split("&")) {
            var kv = pair.split("=", 2);
            var value = kv.length == 2 ? kv[1] : "";
            try {
                switch (kv[0]) {
                    case "since" -> since = Long.parseLong(value);
                    case "generation" -> generation = Long.parseLong(value);
                    default -> { }   // other parameters (a cache buster) mean nothing here
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cursor(since, generation));
    }
}
