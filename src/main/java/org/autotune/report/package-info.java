/**
 * The campaign report: diagnostic plots (XChart, rendered headless to PNG or SVG) built from a
 * campaign's journal and its analysis, and the self-contained HTML page that shows them with the
 * best point, the analysis text, the failed samples and a sortable table of every sample. Reads
 * only; nothing here runs samples or writes the journal, and the page loads nothing from outside.
 * All HTML is written through {@code Html}, which escapes every text from the campaign.
 */
package org.autotune.report;
