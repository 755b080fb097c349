package org.autotune.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of every campaign under a folder ({@code autotune serve}).
 *
 * <pre>
 * /                      overview: every campaign's state, progress and best score
 * /campaign/ID           one campaign: live plots of score and parameters, its best point
 * /api/campaigns         the overview as JSON (the numbers of autotune status)
 * /api/campaign/ID       one campaign as JSON, every sample column by column; with
 *                        ?since=CURSOR&amp;generation=G only the samples changed since that cursor
 * /events                server-sent events: the overview, again whenever a journal changes
 * /assets/NAME           the script, style sheet and uPlot (only these files), from the classpath
 * </pre>
 *
 * ID is the campaign folder's path below the workspace. Read-only: journals are opened read-only
 * by one reader thread ({@link Watcher}); requests are answered from what it cached. Requests
 * must name the dashboard in their Host header ({@link AllowedHosts}), and run on a bounded pool
 * of threads that ends requests whose headers are late ({@link RequestThreads}, {@link Limits}).
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    /** How often the journals are looked at: often enough to feel live, rarely enough to cost nothing. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How often the workspace is searched for new campaign folders. */
    static final Duration RESCAN = Duration.ofSeconds(5);
    /**
     * How long after a page's last request the journals are still read without one (an open event
     * stream keeps them read); after that, nothing is read until a page asks.
     */
    static final Duration UNWATCHED = Duration.ofSeconds(10);
    private static final String ASSETS = "/org/autotune/web/";
    /** The files under /assets/, by name: nothing else on the classpath is served. */
    private static final Map<String, String> ASSET_FILES = Map.of("dashboard.js", "js", "dashboard.css", "css",
        "uPlot.iife.min.js", "js", "uPlot.min.css", "css", "uPlot.LICENSE.txt", "txt");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8", "txt", "text/plain; charset=utf-8");

    /**
     * How much the server takes on: request threads (each open page's event stream holds one),
     * requests waiting for a thread (more are hung up on), and how long a request may take to send
     * its headers.
     */
    record Limits(int threads, int queue, Duration headerTimeout) {
        /** Room for every event stream and as many short requests again as a page makes at once. */
        static final Limits DEFAULT = new Limits(EventStream.MAX_CLIENTS + 16, 64, Duration.ofSeconds(10));

        Limits {
            if (!(threads > 0 && queue > 0 && headerTimeout.compareTo(Duration.ZERO) > 0)) {
                throw new IllegalArgumentException("limits must be positive: " + threads + ", " + queue + ", "
                    + headerTimeout);
            }
        }
    }

    private final HttpServer server;
    private final RequestThreads requests;
    private final Watcher watcher;
    private final EventStream events;
    private final Listen listen;
    private final AllowedHosts hosts;

    private Dashboard(HttpServer server, RequestThreads requests, Watcher watcher, EventStream events,
                      Listen listen) {
        this.server = server;
        this.requests = requests;
        this.watcher = watcher;
        this.events = events;
        this.listen = listen;
        this.hosts = AllowedHosts.of(listen.address());
    }

    /** Reads every campaign under {@code workspace} once, then serves; returns once it listens. */
    public static Dashboard start(Path workspace, Listen listen) {
        return start(workspace, listen, Limits.DEFAULT);
    }

    static Dashboard start(Path workspace, Listen listen, Limits limits) {
        var stream = new AtomicReference<EventStream>();
        var watcher = new Watcher(new Workspace(workspace), POLL, RESCAN, overview -> {
            var s = stream.get();
            if (s != null) {
                s.publish(overview);
            }
        }, () -> stream.get() != null && stream.get().open(), UNWATCHED);
        watcher.start();
        var events = new EventStream(watcher.overview());
        stream.set(events);
        var requests = new RequestThreads(limits.threads(), limits.queue(), limits.headerTimeout());
        try {
            var server = HttpServer.create(listen.socketAddress(), 0);
            server.setExecutor(requests);
            var dashboard = new Dashboard(server, requests, watcher, events, listen);
            server.createContext("/", dashboard::handle);
            server.start();
            log.info("dashboard url={} workspace={}", dashboard.url(), workspace.toAbsolutePath().normalize());
            return dashboard;
        } catch (IOException e) {
            watcher.close();
            requests.close();
            throw new UncheckedIOException(
                "listening on " + listen.address().getHostAddress() + ":" + listen.port(), e);
        }
    }

    /** The address actually listened on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The overview page's address, to print and open. */
    public URI url() {
        var host = listen.address().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address().getPort() + "/");
    }

    @Override
    public void close() {
        events.close();
        server.stop(0);
        watcher.close();
        requests.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!RequestThreads.headersRead()) {
                return;   // its headers came too late: the connection is being closed
            }
            var method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "txt", "the dashboard is read-only: GET only\n");
                return;
            }
            if (!hosts.allows(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")))) {
                send(exchange, 403, "txt", "the Host header does not name this dashboard: open it as "
                    + url() + " (or localhost)\n");
                return;
            }
            var path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/assets/")) {
                watcher.asked();   // after a time with no page open: read what changed first
            }
            route(exchange, path);
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/")) {
            send(exchange, 200, "html", asset("index.html").orElseThrow());
        } else if (path.startsWith("/campaign/")) {
            var id = path.substring("/campaign/".length());
            if (watcher.detail(id).isPresent()) {
                send(exchange, 200, "html", asset("campaign.html").orElseThrow());
            } else {
                send(exchange, 404, "txt", "no campaign " + id + " under this workspace (yet); see /\n");
            }
        } else if (path.equals("/api/campaigns")) {
            send(exchange, 200, "json", watcher.overview());
        } else if (path.startsWith("/api/campaign/")) {
            var since = Cursor.of(exchange.getRequestURI().getRawQuery());
            if (since.isEmpty()) {
                send(exchange, 400, "txt", "since= and generation= must be whole numbers (the cursor and generation of "
                    + "the campaign's last JSON); leave both out for every sample\n");
                return;
            }
            var detail = watcher.detail(path.substring("/api/campaign/".length()), since.get().since(),
                since.get().generation());
            send(exchange, detail.isPresent() ? 200 : 404, "json", detail.orElse("{\"error\": \"no such campaign\"}"));
        } else if (path.equals("/events")) {
            events.serve(exchange);
        } else if (path.startsWith("/assets/") && ASSET_FILES.containsKey(path.substring(8))) {
            var name = path.substring(8);
            send(exchange, 200, ASSET_FILES.get(name), asset(name).orElseThrow());
        } else {
            send(exchange, 404, "txt", "not found: " + path + "; the overview is at /\n");
        }
    }

    private static Optional<String> asset(String name) throws IOException {
        try (var in = Dashboard.class.getResourceAsStream(ASSETS + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", TYPES.getOrDefault(type, "application/json; charset=utf-8"));
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        // everything comes from this server: no page of the dashboard may load or send anything elsewhere
        headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
