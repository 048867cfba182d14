package dev.vigil.healthcheck.bench;

import java.net.InetSocketAddress;

/**
 * Where the benchmark's real server number {@code index} listens: 250 servers per loopback
 * address (127.0.1.1–127.0.1.250, then 127.0.2.1…, all routed to {@code lo} on Linux), and
 * on each address a port of its own from {@link #BASE_PORT}, so 10,000 servers use 40
 * addresses and 250 ports.
 */
record LoadTarget(int index) {

    /** Servers per address: keeps the last octet in 1–250 (no .0 or .255). */
    static final int PER_ADDRESS = 250;
    /** Above the registered ports commonly in use, below the ephemeral range (32768+). */
    static final int BASE_PORT = 20_000;
    /** 127.0.1.0/24 up to 127.0.254.0/24. */
    static final int MAX = PER_ADDRESS * 254;

    LoadTarget {
        if (index < 0 || index >= MAX) {
            throw new IllegalArgumentException("target index out of range: " + index);
        }
    }

    InetSocketAddress address() {
        int block = 1 + index / PER_ADDRESS;
        int offset = index % PER_ADDRESS;
        return new InetSocketAddress("127.0." + block + "." + (1 + offset), BASE_PORT + offset);
    }
}
