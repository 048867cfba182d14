package dev.vigil.linux.rtnetlink;

import java.util.Set;

/** rtnetlink multicast groups (legacy RTMGRP_* bitmask, uapi {@code linux/rtnetlink.h}). */
public enum RtGroup {
    /** RTMGRP_LINK: link created, changed (up/down, carrier) or removed. */
    LINK(0x1),
    /** RTMGRP_IPV4_IFADDR: IPv4 address added or removed. */
    IPV4_IFADDR(0x10),
    /** RTMGRP_IPV6_IFADDR: IPv6 address added or removed. */
    IPV6_IFADDR(0x100),
    /** RTMGRP_IPV4_ROUTE: IPv4 route added or removed. */
    IPV4_ROUTE(0x40),
    /** RTMGRP_IPV4_RULE: IPv4 policy rule added or removed. */
    IPV4_RULE(0x80),
    /** RTMGRP_IPV6_ROUTE: IPv6 route added or removed. */
    IPV6_ROUTE(0x400),
    /** RTNLGRP_IPV6_RULE (19), which has no RTMGRP_ constant: bit 19 - 1 of the legacy mask. */
    IPV6_RULE(1 << 18);

    private final int bit;

    RtGroup(int bit) {
        this.bit = bit;
    }

    /** The group's bit. */
    public int bit() {
        return bit;
    }

    /** The bitmask for a set of groups. */
    public static int mask(Set<RtGroup> groups) {
        int mask = 0;
        for (RtGroup group : groups) {
            mask |= group.bit;
        }
        return mask;
    }
}
