package org.autotune.campaign;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.autotune.journal.Journal;

/**
 * The process that runs a campaign, as its journal records it (meta key {@code coordinator}): its
 * process id, start time and host. The lock file keeps a second process out only while the file
 * is there; this record is found even after someone deleted it. A record whose process has ended
 * (the coordinator exited or was killed), or that names another host, holds nothing.
 */
record Coordinator(long pid, String started, String host) {
    static final String META = "coordinator";

    /** This process. */
    static Coordinator current() {
        var self = ProcessHandle.current();
        return new Coordinator(self.pid(), startOf(self), thisHost());
    }

    /** The live coordinator the journal records, other than this process; empty when none. */
    static Optional<Coordinator> running(Journal journal) {
        return journal.meta(META).flatMap(Coordinator::parse).filter(Coordinator::alive)
            .filter(c -> c.pid != ProcessHandle.current().pid());
    }

    /** The record, e.g. {@code pid=4711 started=2025-01-02T10:00:00.120Z host=node7}. */
    String text() {
        return "pid=" + pid + " started=" + started + " host=" + host;
    }

    static Optional<Coordinator> parse(String text) {
        var f = text.strip().split(" ");
        if (f.length != 3 || !f[0].startsWith("pid=") || !f[1].startsWith("started=") || !f[2].startsWith("host=")) {
            return Optional.empty();   // none (a campaign that ended cleanly records "")
        }
        try {
            return Optional.of(new Coordinator(Long.parseLong(f[0].substring(4)), f[1].substring(8),
                f[2].substring(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the recorded process still runs on this host: the same process id with the same start
     * time (a later process that got the same id is not it). A process on another host cannot be
     * looked at, so only the lock file keeps it safe there.
     */
    boolean alive() {
        return host.equals(thisHost()) && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .map(p -> startOf(p).equals(started)).orElse(false);
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString).orElse("?");
    }

    private static String thisHost() {
        try {
            var linux = Path.of("/proc/sys/kernel/hostname");   // no name lookup, which may hang
            var name = Files.isReadable(linux) ? Files.readString(linux).strip() : InetAddress.getLocalHost()
                .getHostName();
            return name.isEmpty() || name.contains(" ") ? "?" : name;
        } catch (IOException e) {
            return "?";
        }
    }
}
