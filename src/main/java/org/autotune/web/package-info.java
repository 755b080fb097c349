/**
 * The live dashboard ({@code autotune serve}): a read-only web page of every campaign under a
 * folder, served by the JDK's HTTP server, with plots drawn in the browser by uPlot from JSON and
 * updates pushed as server-sent events. One reader thread polls the journals (read-only, short
 * queries, only when a journal file changed) and caches what it read; requests never touch SQLite.
 * Nothing here writes a journal or runs a sample, and the pages load nothing from outside.
 */
package org.autotune.web;
