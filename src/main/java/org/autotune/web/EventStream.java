package org.autotune.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The {@code /events} stream (server-sent events): each open page gets the campaign overview
 * when it connects and again whenever a journal changes, as {@code event: campaigns}. Each page is
 * served on its own request thread from its own small queue, so a slow or vanished browser never
 * holds up the reader thread; a page whose queue is full is dropped (the browser reconnects).
 */
final class EventStream implements AutoCloseable {
    /** Most pages open at once; more get 503 (a dashboard has a handful of viewers). */
    static final int MAX_CLIENTS = 32;
    private static final String CLOSE = "";
    /** A comment line every 15 s, so a closed page is noticed and proxies keep the stream open. */
    private static final long KEEPALIVE_SECONDS = 15;

    private final Set<BlockingQueue<String>> clients = new CopyOnWriteArraySet<>();
    private volatile String latest;
    private volatile boolean closed;

    EventStream(String overview) {
        this.latest = message(overview);
    }

    /** Sends the new overview to every open page. */
    void publish(String overview) {
        latest = message(overview);
        for (var queue : clients) {
            if (!queue.offer(latest)) {
                clients.remove(queue);
                queue.clear();
                queue.offer(CLOSE);
            }
        }
    }

    /** True while a page holds its stream open. */
    boolean open() {
        return !clients.isEmpty();
    }

    /** Serves one page until it goes away or the server stops (blocks this request's thread). */
    void serve(HttpExchange exchange) throws IOException {
        if (closed || clients.size() >= MAX_CLIENTS) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        var queue = new ArrayBlockingQueue<String>(16);
        queue.offer(latest);
        clients.add(queue);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);   // length 0: a chunked stream that stays open
        try (var out = exchange.getResponseBody()) {
            while (!closed) {
                String message = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (CLOSE.equals(message)) {
                    break;
                }
                out.write((message == null ? ": keepalive\n\n" : message).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the page was closed: nothing to do but forget it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            exchange.close();
        }
    }

    /** Ends every stream. */
    @Override
    public void close() {
        closed = true;
        for (var queue : clients) {
            queue.clear();
            queue.offer(CLOSE);
        }
    }

    private static String message(String overview) {
        return "event: campaigns\ndata: " + overview + "\n\n";   // the JSON is on one line
    }
}
