package org.autotune.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code autotune serve} on a finished campaign, as a child process: requests with foreign Host
 * headers (DNS rebinding) must be refused, and 300 idle or half-sent connections must not make the
 * server start a thread each, nor keep it from answering a normal request.
 */
final class DashboardFamily {
    private static final Pattern URL = Pattern.compile("dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
    // the pool is 48 threads (event streams + 16), plus its header timer: 64 leaves room for the JDK's own
    private static final int THREAD_BOUND = 64;

    private DashboardFamily() {
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) throws Exception {
        var ws = settings.work().resolve("dashboard").resolve("ws");
        var file = ChaosCampaign.write(ws.resolve("c"), ChaosCampaign.text("chaos-dashboard-" + settings.seed(), 4,
            settings.seed()));
        var r = ChaosCli.run(ws.resolve("c").resolve("log-run"), Duration.ofMinutes(2), "run", file.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the campaign to serve did not run: " + r.lastErrorLine());
        }
        var log = settings.work().resolve("dashboard").resolve("log-serve");
        var server = ChaosCli.start(log, List.of("serve", ws.toString(), "--port", "0"));
        try {
            int port = port(log, server);
            var address = new InetSocketAddress("127.0.0.1", port);
            int bypasses = 0;
            int refusedAllowed = 0;
            for (var host : List.of("127.attacker.example", "evil.com", "127.0.0.1.evil.com", "localhost.evil.com",
                "evil.com:" + port, "localhost", "127.0.0.1", "localhost:" + port, "127.0.0.1:" + port)) {
                boolean allowed = host.startsWith("localhost") && !host.contains("evil")
                    || host.startsWith("127.0.0.1") && !host.contains("evil");
                int status = status(address, host);
                bypasses += !allowed && status == 200 ? 1 : 0;
                refusedAllowed += allowed && status != 200 ? 1 : 0;
                System.out.printf("  Host: %-25s -> %d%s%n", host, status, !allowed && status == 200 ? " BYPASS"
                    : allowed && status != 200 ? " (an allowed host refused)" : "");
            }
            int[] threads = idleSockets(server.pid(), address, settings.idleSockets());
            boolean answered = threads[2] == 200;
            boolean bounded = threads[1] - threads[0] <= THREAD_BOUND;
            String measured = String.format(Locale.ROOT, "%d Host bypasses; threads %d idle, max %d with %d idle/slow "
                + "sockets (%s); a normal request meanwhile: %s", bypasses, threads[0], threads[1],
                settings.idleSockets(), bounded ? "bounded" : "UNBOUNDED", answered ? "answered within " + threads[3]
                + " s" : "NOT ANSWERED within 30 s");
            return new ChaosBench.Row("dashboard", measured, bypasses + refusedAllowed == 0 && bounded && answered);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static int port(Path log, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && server.isAlive()) {
            var m = URL.matcher(ChaosCli.read(log.resolve("stdout.txt")));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("serve did not start: " + ChaosCli.read(log.resolve("stderr.txt")));
    }

    /** {threads before, max threads while the sockets are open, status of a normal request meanwhile, seconds
     * it took}. */
    private static int[] idleSockets(long pid, InetSocketAddress address, int n) throws Exception {
        int before = threads(pid);
        int max = before;
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < n; i++) {
                var s = new Socket();
                s.connect(address, 5000);
                if (i % 2 == 1) {   // slow: half a request line, never finished
                    s.getOutputStream().write("GET /api/campaigns HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                sockets.add(s);
                if (i % 50 == 49) {
                    max = Math.max(max, threads(pid));
                }
            }
            for (int k = 0; k < 10; k++) {
                Thread.sleep(200);
                max = Math.max(max, threads(pid));
            }
            long t0 = System.nanoTime();
            int status = answered(address, Duration.ofSeconds(30));
            max = Math.max(max, threads(pid));
            int waited = (int) ((System.nanoTime() - t0) / 1_000_000_000L);
            System.out.printf("  %d sockets (half idle, half a partial request): threads %d before, max %d; "
                + "a normal request meanwhile -> %d after %d s (hung up on while the queue is full)%n", n, before,
                max, status, waited);
            return new int[] {before, max, status, waited};
        } finally {
            for (var s : sockets) {
                s.close();
            }
        }
    }

    /**
     * The status of a normal request, retried while the server hangs up on it: by design, once its
     * threads and queue are full, until the half-sent requests reach their header timeout (10 s).
     */
    private static int answered(InetSocketAddress address, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return status(address, "127.0.0.1");
            } catch (IOException hungUp) {
                Thread.sleep(100);
            }
        }
        return -1;
    }

    /** The thread count of a process (Linux: /proc/PID/status). */
    private static int threads(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
            .filter(l -> l.startsWith("Threads:")).mapToInt(l -> Integer.parseInt(l.substring(8).strip()))
            .findFirst().orElse(-1);
    }

    /** The HTTP status of GET /api/campaigns with this Host header (-1: no answer within 10 s). */
    static int status(InetSocketAddress address, String host) throws IOException {
        try (var s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /api/campaigns HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String line = firstLine(s.getInputStream());
            var parts = line.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        var b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.append((char) c);
        }
        return b.toString().strip();
    }
}
