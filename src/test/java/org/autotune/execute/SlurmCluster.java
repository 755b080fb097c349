package org.autotune.execute;

import java.util.List;

/** Whether a SLURM cluster answers here; SLURM tests skip with instructions when none does. */
public final class SlurmCluster {
    public static final String HOW = "SLURM tests need a running cluster: run ./scripts/test as root (it starts a "
        + "single-node cluster with scripts/slurm-start), or start one with 'sudo scripts/slurm-start --accounting'";

    private SlurmCluster() {
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
