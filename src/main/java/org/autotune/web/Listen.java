package org.autotune.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the dashboard listens. The dashboard has no authentication, so it listens on the loopback
 * address unless the user asked for another one explicitly ({@code --bind}); then
 * {@link #warning()} says what that exposes.
 *
 * @param port 0 for any free port
 * @param remoteAllowed true only when the user named the address on the command line
 */
public record Listen(InetAddress address, int port, boolean remoteAllowed) {
    /** The default port of {@code autotune serve}. */
    public static final int DEFAULT_PORT = 8765;

    public Listen {
        if (!(port >= 0 && port <= 65535)) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (!address.isLoopbackAddress() && !remoteAllowed) {
            throw new IllegalArgumentException("refusing to serve the dashboard on " + address.getHostAddress()
                + " without an explicit --bind: it has no authentication");
        }
    }

    /** 127.0.0.1 on the given port: reachable from this machine only. */
    public static Listen loopback(int port) {
        return new Listen(InetAddress.getLoopbackAddress(), port, false);
    }

    /** The address the user named with {@code --bind}. */
    public static Listen bind(InetAddress address, int port) {
        return new Listen(address, port, true);
    }

    /** What to tell the user when the dashboard is reachable from other machines. */
    public Optional<String> warning() {
        if (address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("warning: the dashboard listens on " + address.getHostAddress()
            + " and has no authentication: anyone who can reach this port can read every campaign under"
            + " the folder (names, parameters, scores, sample folders). Prefer the default 127.0.0.1 with an"
            + " SSH tunnel (ssh -L " + (port == 0 ? Listen.DEFAULT_PORT : port) + ":127.0.0.1:"
            + (port == 0 ? Listen.DEFAULT_PORT : port) + " HOST).");
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
