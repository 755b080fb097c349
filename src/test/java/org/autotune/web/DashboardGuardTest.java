package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's guards, against a real server over real sockets: the Host header must name the
 * dashboard exactly (DNS rebinding), slow or silent connections cannot make it start a thread
 * each, and only the dashboard's own asset files are served.
 */
class DashboardGuardTest {
    @TempDir
    Path dir;

    @Test
    void a_host_that_only_starts_like_a_loopback_address_is_refused_and_the_exact_names_are_answered()
        throws Exception {
        try (var dashboard = Dashboard.start(dir, Listen.loopback(0))) {
            var address = dashboard.address();
            int port = address.getPort();
            for (var host : List.of("127.attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example",
                "attacker.example", "127.0.0.2", "[::1].attacker.example", "")) {
                assertThat(status(address, "/api/campaigns", host)).as("Host: %s", host).isEqualTo(403);
            }
            assertThat(body(address, "/api/campaigns", "127.attacker.example:" + port))
                .doesNotContain("[").contains("Host");
            assertThat(status(address, "/api/campaigns", null)).as("no Host header").isEqualTo(403);
            for (var host : List.of("localhost", "localhost:" + port, "LocalHost:" + port, "127.0.0.1",
                "127.0.0.1:" + port, "[::1]", "[::1]:" + port, "localhost:9000")) {
                assertThat(status(address, "/api/campaigns", host)).as("Host: %s", host).isEqualTo(200);
            }
        }
    }

    @Test
    void a_dashboard_bound_to_another_address_also_answers_that_address_by_name() throws Exception {
        // all of 127.0.0.0/8 is loopback on Linux: an address the user names with --bind
        var other = InetAddress.getByName("127.0.0.2");
        try (var dashboard = Dashboard.start(dir, Listen.bind(other, 0))) {
            var address = dashboard.address();
            assertThat(status(address, "/", "127.0.0.2:" + address.getPort())).isEqualTo(200);
            assertThat(status(address, "/", "localhost")).isEqualTo(200);
            assertThat(status(address, "/", "127.0.0.3")).isEqualTo(403);
            assertThat(status(address, "/", "127.attacker.example")).isEqualTo(403);
        }
        try (var dashboard = Dashboard.start(dir, Listen.bind(InetAddress.getByName("0.0.0.0"), 0))) {
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), dashboard.address().getPort());
            assertThat(status(address, "/", "127.0.0.1")).isEqualTo(200);
            assertThat(status(address, "/", "127.attacker.example")).isEqualTo(403);
        }
    }

    @Test
    void only_the_dashboard_s_asset_files_are_served() throws Exception {
        try (var dashboard = Dashboard.start(dir, Listen.loopback(0))) {
            var address = dashboard.address();
            for (var asset : List.of("dashboard.js", "dashboard.css", "uPlot.iife.min.js", "uPlot.min.css",
                "uPlot.LICENSE.txt")) {
                assertThat(status(address, "/assets/" + asset, "127.0.0.1")).as(asset).isEqualTo(200);
            }
            for (var path : List.of("/assets/Dashboard.class", "/assets/Listen.class", "/assets/../web/Dashboard.class",
                "/assets/..%2FDashboard.class", "/assets/%2e%2e/Dashboard.class", "/assets/../", "/assets/",
                "/assets/package-info.class", "/assets/index.html")) {
                assertThat(status(address, path, "127.0.0.1")).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void silent_and_slow_connections_hold_no_more_threads_than_the_pool_and_a_request_is_still_answered()
        throws Exception {
        var limits = new Dashboard.Limits(8, 16, Duration.ofSeconds(1));
        try (var dashboard = Dashboard.start(dir, Listen.loopback(0), limits)) {
            var address = dashboard.address();
            assertThat(status(address, "/", "127.0.0.1")).isEqualTo(200);
            var threads = ManagementFactory.getThreadMXBean();
            int before = threads.getThreadCount();
            var sockets = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 200; i++) {
                    sockets.add(new Socket(address.getAddress(), address.getPort()));   // sends nothing
                    var slow = new Socket(address.getAddress(), address.getPort());
                    // a request that never ends its headers
                    slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                    sockets.add(slow);
                }
                int peak = 0;
                for (int i = 0; i < 20; i++) {
                    peak = Math.max(peak, threads.getThreadCount());
                    Thread.sleep(50);
                }
                // the pool, and the timer that ends requests whose headers are late
                assertThat(peak - before).as("threads started by 400 slow connections").isLessThanOrEqualTo(8 + 1);
                assertThat(answeredWithin(address, Duration.ofSeconds(10))).isEqualTo(200);
                // the slow ones were hung up on once their headers were late
                var slow = sockets.get(1);
                slow.setSoTimeout(10_000);
                assertThat(readOrReset(slow.getInputStream())).isEqualTo(-1);
            } finally {
                for (var s : sockets) {
                    s.close();
                }
            }
        }
    }

    /** The status of a normal request, retried while the server hangs up on it (its queue is full). */
    private static int answeredWithin(InetSocketAddress address, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return status(address, "/api/campaigns", "127.0.0.1");
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no answer within " + limit, last);
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return b;
                }
            }
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** A request written byte for byte (no client library normalises the path or the Host). */
    static int status(InetSocketAddress address, String path, String host) throws IOException {
        String response = exchange(address, path, host);
        if (!response.startsWith("HTTP/1.1 ")) {
            throw new IOException("no status line: '" + response + "'");
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    static String body(InetSocketAddress address, String path, String host) throws IOException {
        var response = exchange(address, path, host);
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String exchange(InetSocketAddress address, String path, String host) throws IOException {
        try (var socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(20_000);
            var request = "GET " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            var out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
