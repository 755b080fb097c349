package org.autotune.web;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that answer the dashboard's requests: at most {@code threads}, with {@code queue}
 * requests waiting; beyond that the server hangs up on a new request at once. The JDK's server
 * reads a request's headers on one of these threads, so a client that opens a request and never
 * finishes it would hold a thread for ever: a request whose headers have not all arrived
 * {@code headerTimeout} after its first bytes is ended (its thread is interrupted, which closes
 * the connection). The handler calls {@link #headersRead()} first; after that a request may last
 * (the event stream stays open for as long as the page does).
 */
final class RequestThreads implements Executor, AutoCloseable {
    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Duration headerTimeout;

    RequestThreads(int threads, int queue, Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
        // the server catches the RejectedExecutionException of a full queue and closes that connection
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
            r -> daemon(r, "autotune-dashboard-http"), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "autotune-dashboard-timeout"));
    }

    /** Runs one request of the server (reading its headers, then the handler) on a pool thread. */
    @Override
    public void execute(Runnable exchange) {
        long deadline = System.nanoTime() + headerTimeout.toNanos();
        pool.execute(() -> run(exchange, deadline));
    }

    /**
     * Called by the handler once the server has read the request's headers: true if they came in
     * time, false if the request is being ended (then the handler answers nothing).
     */
    static boolean headersRead() {
        var request = CURRENT.get();
        return request == null || request.handle();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private void run(Runnable exchange, long deadline) {
        var request = new Request(Thread.currentThread());
        CURRENT.set(request);
        long left = deadline - System.nanoTime();
        var timeout = timer.schedule(request::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        try {
            exchange.run();
        } finally {
            timeout.cancel(false);
            request.finish();
            CURRENT.remove();
            Thread.interrupted();   // an interrupt meant for this request must not reach the next one
        }
    }

    private static Thread daemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);   // so that Ctrl-C ends the JVM
        return t;
    }

    /** One request's state; the timer interrupts its thread only while its headers are being read. */
    private static final class Request {
        private final Thread thread;
        private boolean reading = true;
        private boolean expired;

        Request(Thread thread) {
            this.thread = thread;
        }

        synchronized boolean handle() {
            reading = false;
            return !expired;
        }

        /** Interrupting a thread blocked on a channel closes the channel: the server drops the connection. */
        synchronized void expire() {
            if (reading) {
                expired = true;
                thread.interrupt();
            }
        }

        synchronized void finish() {
            reading = false;
        }
    }
}
