/**
 * The kernel every package may use: bad-input errors (InputError), the typed view of a
 * campaign-file section with line numbers (Options, YamlFile), {{placeholder}} templates, the
 * last lines of a text file (TextTail) and the Sample record. Nothing here knows about optimizers,
 * executors or metrics.
 */
package org.autotune;
