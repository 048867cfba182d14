package dev.vigil.ipvs.netlink;

/**
 * The commands of the "IPVS" generic netlink family ({@code enum IPVS_CMD_*} in uapi
 * {@code linux/ip_vs.h}; handlers in {@code net/netfilter/ipvs/ip_vs_ctl.c}). See
 * shared/reference/ipvs.md §1.2.
 */
public enum IpvsCommand {
    NEW_SERVICE(1),
    SET_SERVICE(2),
    DEL_SERVICE(3),
    /** doit for one service, dumpit (NLM_F_DUMP) for all; replies carry NEW_SERVICE. */
    GET_SERVICE(4),
    NEW_DEST(5),
    SET_DEST(6),
    DEL_DEST(7),
    /** dumpit only; the request names the service; replies carry NEW_DEST. */
    GET_DEST(8),
    NEW_DAEMON(9),
    DEL_DAEMON(10),
    GET_DAEMON(11),
    /** Sets the TCP, TCP FIN and UDP timeouts (ipvsadm calls it SET_TIMEOUT). */
    SET_CONFIG(12),
    /** Reads the timeouts; the reply carries SET_CONFIG. */
    GET_CONFIG(13),
    /** Only the reply command of GET_INFO. */
    SET_INFO(14),
    GET_INFO(15),
    /** Zeroes the counters of one service (with a SERVICE attribute) or of all. */
    ZERO(16),
    /** Deletes every service of the network namespace. */
    FLUSH(17);

    private final int id;

    IpvsCommand(int id) {
        this.id = id;
    }

    /** The genlmsghdr.cmd value. */
    public int id() {
        return id;
    }

    /** The name used in error messages, e.g. "IPVS_CMD_NEW_DEST". */
    public String label() {
        return "IPVS_CMD_" + name();
    }
}
