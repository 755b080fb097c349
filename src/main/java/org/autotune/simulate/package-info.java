/**
 * Simulators turn a sample into a job: render {{placeholder}} templates into the sample folder and
 * build the argument list. Running the job is the executor's business, scoring it the metric's.
 */
package org.autotune.simulate;
