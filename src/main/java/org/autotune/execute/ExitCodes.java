package org.autotune.execute;

import java.util.Map;

/** Explains exit codes: shells report death by signal N as exit code 128 + N. */
final class ExitCodes {
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT",
        9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM", 4, "SIGILL", 8, "SIGFPE", 7, "SIGBUS");

    private ExitCodes() {
    }

    static String describe(int exit) {
        if (exit > 128 && exit < 128 + 65) {
            int signal = exit - 128;
            return "exit code " + exit + " (killed by signal " + signal
                + (SIGNALS.containsKey(signal) ? " " + SIGNALS.get(signal) : "") + ")";
        }
        return "exit code " + exit;
    }
}
