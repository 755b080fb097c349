/**
 * The SQLite journal of a campaign: schema, writes (one transaction per state change) and reads. It
 * is the source of truth for resume, status and export; nothing else keeps campaign state.
 */
package org.autotune.journal;
