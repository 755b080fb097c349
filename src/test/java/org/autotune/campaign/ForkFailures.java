package org.autotune.campaign;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.autotune.execute.Executor;
import org.autotune.execute.Job;
import org.autotune.execute.JobHandle;
import org.autotune.execute.JobOutcome;

/**
 * A real executor, except that chosen submissions fail as a failed fork would. A fork failure (no
 * memory, process limit reached) cannot be produced on demand in a test, so this is the one
 * stand-in; every other job runs for real.
 */
final class ForkFailures implements Executor {
    private final Executor inner;
    private final IntPredicate fails;
    private final AtomicInteger submitted = new AtomicInteger();

    private ForkFailures(Executor inner, IntPredicate fails) {
        this.inner = inner;
        this.fails = fails;
    }

    /** The first {@code times} submissions fail (Integer.MAX_VALUE: every one). */
    static ForkFailures first(Executor inner, int times) {
        return new ForkFailures(inner, n -> n <= times);
    }

    /** Only submission number {@code n} (from 1) fails. */
    static ForkFailures nth(Executor inner, int n) {
        return new ForkFailures(inner, k -> k == n);
    }

    @Override
    public int slots() {
        return inner.slots();
    }

    @Override
    public JobHandle submit(Job job) {
        int n = submitted.updateAndGet(k -> k == Integer.MAX_VALUE ? k : k + 1);
        if (fails.test(n)) {
            return new JobHandle(job, CompletableFuture.completedFuture(""), CompletableFuture.completedFuture(
                JobOutcome.infrastructure("cannot start 'sh': fork failed: Resource temporarily unavailable; "
                    + "check simulator.command", "", Duration.ZERO)));
        }
        return inner.submit(job);
    }

    @Override
    public void close() {
        inner.close();
    }
}
