package dev.vigil.linux.rtnetlink;

/** Route types (uapi {@code linux/rtnetlink.h} RTN_*), as {@code ip route} names them. */
public enum RouteType {
    /** RTN_UNICAST: a gateway or direct route. */
    UNICAST(1, "unicast"),
    /** RTN_LOCAL: accepted locally. */
    LOCAL(2, "local"),
    /** RTN_BROADCAST: accepted locally as broadcast, sent as broadcast. */
    BROADCAST(3, "broadcast"),
    /** RTN_ANYCAST: accepted locally as broadcast, sent as unicast. */
    ANYCAST(4, "anycast"),
    /** RTN_MULTICAST: a multicast route. */
    MULTICAST(5, "multicast"),
    /** RTN_BLACKHOLE: dropped silently. */
    BLACKHOLE(6, "blackhole"),
    /** RTN_UNREACHABLE: dropped with ICMP host unreachable. */
    UNREACHABLE(7, "unreachable"),
    /** RTN_PROHIBIT: dropped with ICMP administratively prohibited. */
    PROHIBIT(8, "prohibit"),
    /** RTN_THROW: the lookup continues with the next rule. */
    THROW(9, "throw"),
    /** RTN_NAT: obsolete stateless NAT. */
    NAT(10, "nat");

    private final int code;
    private final String keyword;

    RouteType(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    /** The kernel's number (rtm_type). */
    public int code() {
        return code;
    }

    /** The {@code ip route} keyword. */
    public String keyword() {
        return keyword;
    }

    /** The type {@code ip route} calls {@code keyword}. */
    public static RouteType of(String keyword) {
        for (RouteType type : values()) {
            if (type.keyword.equals(keyword)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown route type '" + keyword + "'");
    }
}
