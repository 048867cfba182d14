package dev.vigil.ipvs.userspace;

/**
 * The PROXY protocol versions the forwarder can put in front of a proxied TCP stream so the
 * real server learns the client's address (HAProxy's "The PROXY protocol", versions 1 and
 * 2). A userspace-only setting: kernel IPVS keeps client addresses in the packets instead.
 */
public enum ProxyProtocol {
    /** Human-readable line: {@code PROXY TCP4 client vip cport vport\r\n}. */
    V1,
    /** Binary header with the 12-byte signature. */
    V2
}
