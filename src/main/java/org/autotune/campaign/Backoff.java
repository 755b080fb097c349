package org.autotune.campaign;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a sample whose job could not run (an infrastructure failure: see
 * {@code JobOutcome.Cause}) is tried again: after {@code first}, then twice as long each time up to
 * {@code cap}, and at most {@code limit} failures in a row before the campaign stops. The waiting
 * goes through {@code timer}, so tests need not wait.
 */
record Backoff(int limit, Duration first, Duration cap, Timer timer) {

    /** Runs an action later; must not run it on the caller's thread unless the wait is meant to be skipped. */
    @FunctionalInterface
    interface Timer {
        void after(Duration wait, Runnable action);
    }

    /** Waits on the JDK's shared delay scheduler; the action runs in the common pool. */
    static final Timer REAL_TIME = (wait, action) ->
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(action);

    Backoff {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of infrastructure failures must be >= 1, got " + limit);
        }
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off from " + first + " up to " + cap + ": need 0 <= first <= cap");
        }
    }

    /** 1 s, 2 s, 4 s … at most 60 s, five failures in a row at most: about 15 s of trying. */
    static Backoff standard() {
        return new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(60), REAL_TIME);
    }

    /** The wait before the next try after {@code failures} failures in a row (from 1). */
    Duration delay(int failures) {
        var wait = first;
        for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) < 0 ? wait : cap;
    }
}
