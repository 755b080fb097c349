package org.autotune.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names a request to the dashboard may carry in its Host header. A web page elsewhere
 * could point its own host name at 127.0.0.1 and then read the dashboard from the user's browser
 * (DNS rebinding); its requests carry that foreign name. So only exact names pass: localhost,
 * 127.0.0.1 and [::1], the address the user chose with {@code --bind}, and, when that is not a
 * loopback address, this machine's name (and, for 0.0.0.0 or ::, the address of each of its
 * interfaces). Any port may follow the name: it is the name a rebinding page cannot fake, and an
 * SSH tunnel may arrive on another local port.
 */
record AllowedHosts(Set<String> names, Set<InetAddress> addresses) {
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    AllowedHosts {
        names = Set.copyOf(names);
        addresses = Set.copyOf(addresses);
    }

    /** The names of a dashboard listening on {@code address}. */
    static AllowedHosts of(InetAddress address) {
        var names = new HashSet<String>();
        names.add("localhost");
        var addresses = new HashSet<InetAddress>();
        addresses.add(address);
        try {
            addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            addresses.add(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address of the right length is always valid", e);
        }
        if (!address.isLoopbackAddress()) {
            localName().ifPresent(names::add);
        }
        if (address.isAnyLocalAddress()) {
            interfaceAddresses(addresses);
        }
        return new AllowedHosts(names, addresses);
    }

    /** Whether a request with this Host header is for the dashboard; without one it is not. */
    boolean allows(Optional<String> host) {
        var name = PORT.matcher(host.orElse("").strip().toLowerCase(Locale.ROOT)).replaceFirst("");
        if (IPV4.matcher(name).matches() || IPV6.matcher(name).matches()) {
            return address(name.replace("[", "").replace("]", "")).filter(addresses::contains).isPresent();
        }
        return names.contains(name);
    }

    /** An address written as digits (the pattern checked it), read without asking a name server. */
    private static Optional<InetAddress> address(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();   // digits that do not make an address: 300.1.1.1
        }
    }

    private static Optional<String> localName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            return Optional.empty();   // a machine without a resolvable name is reached by address
        }
    }

    private static void interfaceAddresses(Set<InetAddress> addresses) {
        try {
            for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: the loopback addresses and the machine's name remain
        }
    }
}
