package org.autotune.execute;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started (a simulator's shell, its children): SIGTERM to the
 * whole tree, then SIGKILL to whatever is left after the grace period.
 */
final class ProcessTree {
    private ProcessTree() {
    }

    static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();   // collected first: orphans re-parent
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (var h : tree) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                sleep();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
