/**
 * Post-tuning designs run on a campaign after (or between) its optimizer runs: scans around the
 * best sample, 2-D grids over a pair of parameters, local-minimum checks and the anchor samples of
 * an interpolated total. Each stores its design in the journal's ledger before it runs, so an
 * interrupted one resumes with the same points, and returns its own outcome. The run loop and the
 * campaign folder live in {@code campaign}, below this package.
 */
package org.autotune.scan;
