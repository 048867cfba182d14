package dev.vigil.ipvs.netlink;

/**
 * Attribute numbers and flag constants of the "IPVS" generic netlink family (uapi
 * {@code linux/ip_vs.h}; shared/reference/ipvs.md §1.3–§1.7). Wire types are noted on
 * each: host order unless marked big-endian.
 */
public final class IpvsAttributes {

    /** IPVS_GENL_NAME. */
    public static final String FAMILY_NAME = "IPVS";
    /** IPVS_GENL_VERSION, sent in every genlmsghdr. */
    public static final int FAMILY_VERSION = 1;

    /** IPVS_CMD_ATTR_SERVICE: nested service attributes. */
    public static final int CMD_SERVICE = 1;
    /** IPVS_CMD_ATTR_DEST: nested destination attributes. */
    public static final int CMD_DEST = 2;
    /** IPVS_CMD_ATTR_DAEMON: nested sync-daemon attributes. */
    public static final int CMD_DAEMON = 3;
    /** IPVS_CMD_ATTR_TIMEOUT_TCP: u32 seconds. */
    public static final int CMD_TIMEOUT_TCP = 4;
    /** IPVS_CMD_ATTR_TIMEOUT_TCP_FIN: u32 seconds. */
    public static final int CMD_TIMEOUT_TCP_FIN = 5;
    /** IPVS_CMD_ATTR_TIMEOUT_UDP: u32 seconds. */
    public static final int CMD_TIMEOUT_UDP = 6;

    /** IPVS_SVC_ATTR_AF: u16 AF_INET / AF_INET6. */
    public static final int SVC_AF = 1;
    /** IPVS_SVC_ATTR_PROTOCOL: u16 IPPROTO_*. */
    public static final int SVC_PROTOCOL = 2;
    /** IPVS_SVC_ATTR_ADDR: union nf_inet_addr (16 bytes; IPv4 in the first 4). */
    public static final int SVC_ADDR = 3;
    /** IPVS_SVC_ATTR_PORT: big-endian u16. */
    public static final int SVC_PORT = 4;
    /** IPVS_SVC_ATTR_FWMARK: u32. */
    public static final int SVC_FWMARK = 5;
    /** IPVS_SVC_ATTR_SCHED_NAME: NUL-terminated string. */
    public static final int SVC_SCHED_NAME = 6;
    /** IPVS_SVC_ATTR_FLAGS: struct ip_vs_flags {u32 flags; u32 mask}. */
    public static final int SVC_FLAGS = 7;
    /** IPVS_SVC_ATTR_TIMEOUT: u32 persistence timeout in seconds. */
    public static final int SVC_TIMEOUT = 8;
    /** IPVS_SVC_ATTR_NETMASK: u32; big-endian mask for IPv4, prefix length for IPv6. */
    public static final int SVC_NETMASK = 9;
    /** IPVS_SVC_ATTR_STATS: nested 32-bit counters (output). */
    public static final int SVC_STATS = 10;
    /** IPVS_SVC_ATTR_PE_NAME: NUL-terminated string. */
    public static final int SVC_PE_NAME = 11;
    /** IPVS_SVC_ATTR_STATS64: nested 64-bit counters (output). */
    public static final int SVC_STATS64 = 12;

    /** IPVS_DEST_ATTR_ADDR: union nf_inet_addr. */
    public static final int DEST_ADDR = 1;
    /** IPVS_DEST_ATTR_PORT: big-endian u16. */
    public static final int DEST_PORT = 2;
    /** IPVS_DEST_ATTR_FWD_METHOD: u32 (IP_VS_CONN_F_FWD_MASK bits). */
    public static final int DEST_FWD_METHOD = 3;
    /** IPVS_DEST_ATTR_WEIGHT: u32 read as int. */
    public static final int DEST_WEIGHT = 4;
    /** IPVS_DEST_ATTR_U_THRESH: u32. */
    public static final int DEST_U_THRESH = 5;
    /** IPVS_DEST_ATTR_L_THRESH: u32. */
    public static final int DEST_L_THRESH = 6;
    /** IPVS_DEST_ATTR_ACTIVE_CONNS: u32 (output). */
    public static final int DEST_ACTIVE_CONNS = 7;
    /** IPVS_DEST_ATTR_INACT_CONNS: u32 (output). */
    public static final int DEST_INACT_CONNS = 8;
    /** IPVS_DEST_ATTR_PERSIST_CONNS: u32 (output). */
    public static final int DEST_PERSIST_CONNS = 9;
    /** IPVS_DEST_ATTR_STATS: nested 32-bit counters (output). */
    public static final int DEST_STATS = 10;
    /** IPVS_DEST_ATTR_ADDR_FAMILY: u16; absent means the service's family. */
    public static final int DEST_ADDR_FAMILY = 11;
    /** IPVS_DEST_ATTR_STATS64: nested 64-bit counters (output). */
    public static final int DEST_STATS64 = 12;
    /** IPVS_DEST_ATTR_TUN_TYPE: u8. */
    public static final int DEST_TUN_TYPE = 13;
    /** IPVS_DEST_ATTR_TUN_PORT: big-endian u16. */
    public static final int DEST_TUN_PORT = 14;
    /** IPVS_DEST_ATTR_TUN_FLAGS: u16. */
    public static final int DEST_TUN_FLAGS = 15;

    /** IPVS_STATS_ATTR_CONNS: u32 in STATS, u64 in STATS64. */
    public static final int STATS_CONNS = 1;
    /** IPVS_STATS_ATTR_INPKTS. */
    public static final int STATS_INPKTS = 2;
    /** IPVS_STATS_ATTR_OUTPKTS. */
    public static final int STATS_OUTPKTS = 3;
    /** IPVS_STATS_ATTR_INBYTES: u64 in both. */
    public static final int STATS_INBYTES = 4;
    /** IPVS_STATS_ATTR_OUTBYTES: u64 in both. */
    public static final int STATS_OUTBYTES = 5;
    /** IPVS_STATS_ATTR_CPS. */
    public static final int STATS_CPS = 6;
    /** IPVS_STATS_ATTR_INPPS. */
    public static final int STATS_INPPS = 7;
    /** IPVS_STATS_ATTR_OUTPPS. */
    public static final int STATS_OUTPPS = 8;
    /** IPVS_STATS_ATTR_INBPS. */
    public static final int STATS_INBPS = 9;
    /** IPVS_STATS_ATTR_OUTBPS. */
    public static final int STATS_OUTBPS = 10;

    /** IPVS_INFO_ATTR_VERSION: u32 IP_VS_VERSION_CODE (top level of the GET_INFO reply). */
    public static final int INFO_VERSION = 1;
    /** IPVS_INFO_ATTR_CONN_TAB_SIZE: u32. */
    public static final int INFO_CONN_TAB_SIZE = 2;

    /** IPVS_DAEMON_ATTR_STATE: u32 (IP_VS_STATE_MASTER 1, BACKUP 2). */
    public static final int DAEMON_STATE = 1;
    /** IPVS_DAEMON_ATTR_MCAST_IFN: NUL-terminated interface name. */
    public static final int DAEMON_MCAST_IFN = 2;
    /** IPVS_DAEMON_ATTR_SYNC_ID: u32. */
    public static final int DAEMON_SYNC_ID = 3;
    /** IPVS_DAEMON_ATTR_SYNC_MAXLEN: u16. */
    public static final int DAEMON_SYNC_MAXLEN = 4;
    /** IPVS_DAEMON_ATTR_MCAST_GROUP: IPv4 address, network order (nla_get_in_addr). */
    public static final int DAEMON_MCAST_GROUP = 5;
    /** IPVS_DAEMON_ATTR_MCAST_GROUP6: struct in6_addr. */
    public static final int DAEMON_MCAST_GROUP6 = 6;
    /** IPVS_DAEMON_ATTR_MCAST_PORT: u16 in host order (nla_get_u16). */
    public static final int DAEMON_MCAST_PORT = 7;
    /** IPVS_DAEMON_ATTR_MCAST_TTL: u8. */
    public static final int DAEMON_MCAST_TTL = 8;

    /**
     * IP_VS_CONN_F_FWD_MASK: the forwarding-method bits of FWD_METHOD; the kernel may set
     * other connection flags in the same word.
     */
    public static final int FWD_MASK = 0x7;
    /** sizeof(union nf_inet_addr): what ipvsadm, keepalived and the kernel put in ADDR. */
    public static final int ADDRESS_LENGTH = 16;

    private IpvsAttributes() {
    }
}
