/**
 * The campaign: reading and checking the campaign file, opening its folder and journal, and the run
 * loop that asks the optimizer, runs samples, scores them and tells the results back in proposal
 * order. Read-only views (status, export) live here too; printing does not (that is cli).
 */
package org.autotune.campaign;
