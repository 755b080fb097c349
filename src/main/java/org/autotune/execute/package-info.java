/**
 * Executors run jobs: argument lists in sample folders, never shell lines. The local executor is a
 * process pool that runs each job in a session of its own and ends everything a job started when
 * it exits, times out or is stopped; cluster executors submit batch jobs.
 * What a job computes is the simulator's business; scoring is the metric's.
 */
package org.autotune.execute;
