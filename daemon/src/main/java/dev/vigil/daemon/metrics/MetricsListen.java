package dev.vigil.daemon.metrics;

import java.net.InetSocketAddress;

/**
 * The value of {@code --metrics HOST:PORT|off} (default {@value #DEFAULT}): off, an address
 * to listen on, or why the text is not valid. HOST is an IPv4 address, a bracketed IPv6
 * address ({@code [::1]:9650}) or a name resolved once at parse time; PORT is 0-65535
 * (0 picks a free port, for tests).
 */
public sealed interface MetricsListen {

    /** Loopback only by default: metrics reveal the topology, exposing them is a decision. */
    String DEFAULT = "127.0.0.1:9650";

    /** {@code off}: no metrics endpoint. */
    record Disabled() implements MetricsListen {
    }

    /** Listen on {@code address}. */
    record Listen(InetSocketAddress address) implements MetricsListen {
    }

    /** Not a valid value; {@code message} says why. */
    record Invalid(String message) implements MetricsListen {
    }

    /** Parses the option's value. */
    static MetricsListen parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid("--metrics needs HOST:PORT or off");
        }
        if (text.equals("off")) {
            return new Disabled();
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return new Invalid("--metrics " + text + ": expected HOST:PORT or off");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return new Invalid("--metrics " + text + ": write an IPv6 address in brackets, e.g. [::1]:9650");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return new Invalid("--metrics " + text + ": port is not a number");
        }
        if (port < 0 || port > 65_535) {
            return new Invalid("--metrics " + text + ": port must be 0-65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return new Invalid("--metrics " + text + ": cannot resolve host " + host);
        }
        return new Listen(address);
    }
}
