package org.autotune.simulate;

import org.autotune.Sample;
import org.autotune.execute.Job;

/**
 * Turns a sample into a job: writes the sample's inputs (rendered templates) into its folder and
 * builds the argument list to run there.
 *
 * <p>Threading: {@link #prepare} may be called from several threads for different samples.
 * Failure: an I/O error writing the folder is an UncheckedIOException (the campaign stops: the
 * disk is the problem, not the sample).
 */
public interface Simulator {
    Job prepare(Sample sample);

    /**
     * The job of a sample whose inputs are already in its folder, without writing anything: for
     * following a job that was submitted before a restart.
     */
    Job job(Sample sample);

    /**
     * A hash of everything besides point, seed and events that decides the outputs (command,
     * template texts, declared outputs). It is part of each sample's key, so editing a template
     * never lets an old sample stand in for a new one.
     */
    String fingerprint();
}
