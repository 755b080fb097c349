/**
 * Small detector models written as likelihood sources, runnable end to end: {@link
 * org.autotune.likelihood.examples.PeakOnBackground} generates a dataset, fits it and prints
 * the result. They double as templates for writing your own sources.
 */
package org.autotune.likelihood.examples;
