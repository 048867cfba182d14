package dev.vigil.linux.rtnetlink;

/**
 * The per-interface IPv4 settings ({@code net.ipv4.conf.IF.*}) that VRRP's virtual MAC
 * interfaces need, by their index in the kernel's devconf array (uapi {@code linux/ip.h}
 * IPV4_DEVCONF_*), as carried in IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF.
 */
public enum Ipv4DevConf {
    /** {@code rp_filter}: reverse-path filtering. */
    RP_FILTER(8),
    /** {@code arp_filter}: answer ARP only on the interface the reply would leave by. */
    ARP_FILTER(13),
    /** {@code arp_ignore}: 1 = answer ARP only for addresses on the receiving interface. */
    ARP_IGNORE(19),
    /** {@code promote_secondaries}. */
    PROMOTE_SECONDARIES(20),
    /** {@code accept_local}: accept packets whose source is a local address. */
    ACCEPT_LOCAL(23);

    private final int index;

    Ipv4DevConf(int index) {
        this.index = index;
    }

    /** The IPV4_DEVCONF_* index (1-based; also the nested attribute type). */
    public int index() {
        return index;
    }
}
