/**
 * Executors run jobs: argument lists in sample folders, never shell lines. The local executor is a
 * process pool with timeouts that stop whole process trees; cluster executors submit batch jobs.
 * What a job computes is the simulator's business; scoring is the metric's.
 */
package org.autotune.execute;
