package org.autotune.campaign;

import java.util.Optional;
import org.autotune.Sample;

/**
 * A sample's job could not run, several times in a row, for reasons outside the simulation (the
 * program cannot be forked, the executor refuses the job, nodes fail or jobs get lost), or once
 * because its program is missing or not executable. The
 * campaign stops with this one-line message (what failed, where, and what to check); the sample is
 * left INTERRUPTED, not FAILED, so that a resume after the fix runs it, and the optimizer was never
 * told anything about it.
 */
final class InfrastructureFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long sample;

    InfrastructureFailure(Sample sample, int times, String reason) {
        this(sample, "sample " + sample.name() + " (folder " + sample.folder() + ") could not run, " + times
            + " times in a row: " + reason);
    }

    private InfrastructureFailure(Sample sample, String message) {
        super(message);
        this.sample = sample.id();
    }

    /** The sample's program is missing or not executable: no try will start it until the setup is fixed. */
    static InfrastructureFailure cannotStart(Sample sample, String reason) {
        return new InfrastructureFailure(sample, "sample " + sample.name() + " could not start: " + reason);
    }

    /** The sample that could not run. */
    long sample() {
        return sample;
    }

    /**
     * The infrastructure failure behind {@code e}, if any: a sample's future that failed this way
     * throws it wrapped in a {@code CompletionException} from {@code join()}.
     */
    static Optional<InfrastructureFailure> in(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof InfrastructureFailure f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
