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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * /api/campaign/ID       one campaign as JSON, every sample column by column
 * /events                server-sent events: the overview, again whenever a journal changes
 * /assets/NAME           the script, style sheet and uPlot, from the classpath
 * </pre>
 *
 * ID is the campaign folder's path below the workspace. Read-only: journals are opened read-only
 * by one reader thread ({@link Watcher}); requests are answered from what it cached.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    /** How often the journals are looked at: often enough to feel live, rarely enough to cost nothing. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How often the workspace is searched for new campaign folders. */
    static final Duration RESCAN = Duration.ofSeconds(5);
    private static final String ASSETS = "/org/autotune/web/";
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8", "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService requests;
    private final Watcher watcher;
    private final EventStream events;
    private final Listen listen;

    private Dashboard(HttpServer server, ExecutorService requests, Watcher watcher, EventStream events,
                      Listen listen) {
        this.server = server;
        this.requests = requests;
        this.watcher = watcher;
        this.events = events;
        this.listen = listen;
    }

    /** Reads every campaign under {@code workspace} once, then serves; returns once it listens. */
    public static Dashboard start(Path workspace, Listen listen) {
        var stream = new AtomicReference<EventStream>();
        var watcher = new Watcher(new Workspace(workspace), POLL, RESCAN, overview -> {
            var s = stream.get();
            if (s != null) {
                s.publish(overview);
            }
        });
        watcher.start();
        var events = new EventStream(watcher.overview());
        stream.set(events);
        // one thread per open page (its event stream) plus short requests; daemon so Ctrl-C ends the JVM
        var requests = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "autotune-dashboard-http");
            t.setDaemon(true);
            return t;
        });
        try {
            var server = HttpServer.create(listen.socketAddress(), 0);
            server.setExecutor(requests);
            var dashboard = new Dashboard(server, requests, watcher, events, listen);
            server.createContext("/", dashboard::handle);
            server.start();
            log.info("dashboard url={} workspace={}", dashboard.url(), workspace.toAbsolutePath());
            return dashboard;
        } catch (IOException e) {
            watcher.close();
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
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "txt", "the dashboard is read-only: GET only\n");
                return;
            }
            if (!hostAllowed(exchange)) {
                send(exchange, 403, "txt", "unexpected Host header for a dashboard on the loopback address\n");
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
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
            var detail = watcher.detail(path.substring("/api/campaign/".length()));
            send(exchange, detail.isPresent() ? 200 : 404, "json", detail.orElse("{\"error\": \"no such campaign\"}"));
        } else if (path.equals("/events")) {
            events.serve(exchange);
        } else if (path.startsWith("/assets/") && path.substring(8).matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            var name = path.substring(8);
            var text = asset(name);
            if (text.isPresent()) {
                send(exchange, 200, name.substring(name.lastIndexOf('.') + 1), text.get());
            } else {
                send(exchange, 404, "txt", "no asset " + name + "\n");
            }
        } else {
            send(exchange, 404, "txt", "not found: " + path + "; the overview is at /\n");
        }
    }

    /**
     * On the loopback address, only requests that name a loopback host: a web page elsewhere could
     * otherwise point its own host name at 127.0.0.1 and read the dashboard (DNS rebinding).
     */
    private boolean hostAllowed(HttpExchange exchange) {
        if (!listen.address().isLoopbackAddress()) {
            return true;
        }
        var host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
        host = host.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.isEmpty();
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
        headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
