/**
 * The campaign: reading and checking the campaign file, opening its folder and journal, and the run
 * loop that asks the optimizer, runs samples, scores them and tells the results back in proposal
 * order. Read-only views (status, export) live here too; printing does not (that is cli). An edited
 * campaign file continues its campaign as a new revision when its identity (what decides a sample's
 * outcome) is unchanged: {@link CampaignRevisions}, {@link Identity}, {@link Enqueued}, {@link Reuse}.
 */
package org.autotune.campaign;
