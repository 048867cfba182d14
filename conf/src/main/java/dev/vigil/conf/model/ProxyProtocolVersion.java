package dev.vigil.conf.model;

/**
 * Vigil's {@code proxy_protocol v1|v2} in a TCP {@code virtual_server}: the userspace
 * forwarder starts every connection to a real server with a PROXY protocol header of this
 * version, so the real server sees the client's address. The kernel's IPVS has no such
 * feature (with NAT/DR/TUN the real server sees the client address anyway).
 */
public enum ProxyProtocolVersion {
    V1,
    V2
}
