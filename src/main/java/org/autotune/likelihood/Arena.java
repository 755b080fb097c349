package org.autotune.likelihood;

import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * Recycled scratch arrays for one batch of events on one thread: while {@link #within} runs,
 * {@link #array} hands out arrays of the batch's length from a per-thread pool instead of
 * allocating (and zeroing) new ones, and returns them all to the pool when the batch is done. It
 * saves most of the likelihood's allocation: without it each {@link Duals} operation allocates
 * its output. Arrays handed out are not zeroed: callers overwrite every element.
 */
final class Arena {
    private static final ThreadLocal<Arena> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Arena> POOL = new ThreadLocal<>();

    private final int length;
    private final ArrayList<double[]> arrays = new ArrayList<>();
    private int next;

    private Arena(int length) {
        this.length = length;
    }

    /**
     * Runs {@code work} with scratch arrays of {@code length} recycled; nothing it returns may
     * hold one of them.
     */
    static <T> T within(int length, Supplier<T> work) {
        var outer = CURRENT.get();
        var arena = POOL.get();
        if (arena == null || arena.length != length || arena == outer) {
            arena = new Arena(length);
            if (outer == null) {
                POOL.set(arena);
            }
        }
        CURRENT.set(arena);
        try {
            return work.get();
        } finally {
            arena.next = 0;
            CURRENT.set(outer);
        }
    }

    /** An array of length n with arbitrary contents: from the current arena, or new. */
    static double[] array(int n) {
        var arena = CURRENT.get();
        if (arena == null || arena.length != n) {
            return new double[n];
        }
        if (arena.next == arena.arrays.size()) {
            arena.arrays.add(new double[n]);
        }
        return arena.arrays.get(arena.next++);
    }
}
