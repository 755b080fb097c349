/**
 * The picocli command line: parses arguments, calls campaign, prints results and maps errors to
 * exit codes (2 bad input, 1 internal error). Holds no logic of its own; it alone chooses the
 * logging backend.
 */
package org.autotune.cli;
