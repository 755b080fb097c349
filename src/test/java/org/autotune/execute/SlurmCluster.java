package org.autotune.execute;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a SLURM cluster answers here. SLURM tests call {@link #require()} first in each test: without a
 * cluster each test is reported as skipped with instructions, and on CI ({@code CI=true}) it fails, so a
 * build server without its cluster cannot pass by running nothing.
 */
public final class SlurmCluster {
    public static final String HOW = "SLURM tests need a running cluster: run ./scripts/test as root (it starts a "
        + "single-node cluster with scripts/slurm-start), or start one with 'sudo scripts/slurm-start --accounting'";

    private SlurmCluster() {
    }

    /** Skips the calling test when no cluster answers, or fails it when the environment says {@code CI=true}. */
    public static void require() {
        if (up()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but no SLURM cluster answers 'sinfo'. " + HOW);
        }
        Assumptions.abort(HOW);
    }

    public static boolean up() {
        var reply = Slurm.run(List.of("sinfo", "-h", "-o", "%T"));
        return reply.ok() && !reply.out().isBlank();
    }

    /** True once the controller no longer knows the job (it aged out after MinJobAge). */
    public static boolean forgotten(String jobId) {
        return !Slurm.run(List.of("scontrol", "show", "job", jobId)).ok();
    }

    public static boolean scancel(String id) {
        return Slurm.scancel(List.of(id)).ok();
    }
}
