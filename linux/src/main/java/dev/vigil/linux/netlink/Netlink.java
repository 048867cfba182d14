package dev.vigil.linux.netlink;

/**
 * Netlink protocol constants from uapi {@code linux/netlink.h} and
 * {@code linux/genetlink.h} (netlink(7)). Host byte order throughout, except where a
 * family says an attribute is big-endian.
 */
public final class Netlink {

    /** NETLINK_ROUTE: rtnetlink (links, addresses, routes). */
    public static final int PROTOCOL_ROUTE = 0;
    /** NETLINK_GENERIC: generic netlink (IPVS and others). */
    public static final int PROTOCOL_GENERIC = 16;

    /** sizeof(struct nlmsghdr): len u32, type u16, flags u16, seq u32, pid u32. */
    public static final int HEADER_LENGTH = 16;
    /** sizeof(struct nlattr): len u16, type u16. */
    public static final int ATTRIBUTE_HEADER_LENGTH = 4;
    /** NLMSG_ALIGNTO and NLA_ALIGNTO. */
    public static final int ALIGNMENT = 4;

    /** NLMSG_NOOP. */
    public static final int NLMSG_NOOP = 1;
    /** NLMSG_ERROR: an error or, with error 0, an acknowledgement. */
    public static final int NLMSG_ERROR = 2;
    /** NLMSG_DONE: end of a multipart dump. */
    public static final int NLMSG_DONE = 3;
    /** NLMSG_OVERRUN. */
    public static final int NLMSG_OVERRUN = 4;

    /** NLM_F_REQUEST. */
    public static final int F_REQUEST = 0x1;
    /** NLM_F_MULTI: part of a multipart reply. */
    public static final int F_MULTI = 0x2;
    /** NLM_F_ACK: ask for an acknowledgement. */
    public static final int F_ACK = 0x4;
    /** NLM_F_DUMP_INTR: the dump was interrupted by a change and may be inconsistent. */
    public static final int F_DUMP_INTR = 0x10;
    /** NLM_F_ROOT | NLM_F_MATCH. */
    public static final int F_DUMP = 0x300;
    /** NLM_F_REPLACE (new requests). */
    public static final int F_REPLACE = 0x100;
    /** NLM_F_EXCL (new requests): fail with EEXIST if it exists. */
    public static final int F_EXCL = 0x200;
    /** NLM_F_CREATE (new requests). */
    public static final int F_CREATE = 0x400;
    /** NLM_F_CAPPED (on NLMSG_ERROR): the echoed request is only its header. */
    public static final int F_CAPPED = 0x100;
    /** NLM_F_ACK_TLVS (on NLMSG_ERROR/DONE): extended-ack attributes follow. */
    public static final int F_ACK_TLVS = 0x200;

    /** NLA_F_NESTED: set on nested attributes by modern senders. */
    public static final int NLA_F_NESTED = 0x8000;
    /** NLA_F_NET_BYTEORDER. */
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    /** Mask of the attribute type without the two flags. */
    public static final int NLA_TYPE_MASK = 0x3FFF;

    /** NLMSGERR_ATTR_MSG: the extended-ack message string. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** NLMSGERR_ATTR_OFFS: offset of the offending attribute in the request. */
    public static final int NLMSGERR_ATTR_OFFS = 2;

    /** SOL_NETLINK socket option level. */
    public static final int SOL_NETLINK = 270;
    /** NETLINK_ADD_MEMBERSHIP. */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    /** NETLINK_DROP_MEMBERSHIP. */
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    /** NETLINK_CAP_ACK: do not echo the request payload in acks. */
    public static final int NETLINK_CAP_ACK = 10;
    /** NETLINK_EXT_ACK: ask for extended ack attributes. */
    public static final int NETLINK_EXT_ACK = 11;

    /** GENL_ID_CTRL: the generic netlink controller family. */
    public static final int GENL_ID_CTRL = 0x10;
    /** sizeof(struct genlmsghdr): cmd u8, version u8, reserved u16. */
    public static final int GENL_HEADER_LENGTH = 4;
    /** CTRL_CMD_NEWFAMILY: the controller's reply command. */
    public static final int CTRL_CMD_NEWFAMILY = 1;
    /** CTRL_CMD_GETFAMILY. */
    public static final int CTRL_CMD_GETFAMILY = 3;
    /** CTRL_ATTR_FAMILY_ID (u16). */
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    /** CTRL_ATTR_FAMILY_NAME (string). */
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** CTRL_ATTR_VERSION (u32). */
    public static final int CTRL_ATTR_VERSION = 3;
    /** CTRL_ATTR_HDRSIZE (u32). */
    public static final int CTRL_ATTR_HDRSIZE = 4;
    /** CTRL_ATTR_MAXATTR (u32). */
    public static final int CTRL_ATTR_MAXATTR = 5;
    /** CTRL_ATTR_MCAST_GROUPS (nested array of nests). */
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    /** CTRL_ATTR_MCAST_GRP_NAME (string, inside a group nest). */
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    /** CTRL_ATTR_MCAST_GRP_ID (u32, inside a group nest). */
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;
    /** The controller family's version. */
    public static final int CTRL_VERSION = 2;

    private Netlink() {
    }

    /** Rounds up to the 4-byte netlink alignment (NLMSG_ALIGN, NLA_ALIGN). */
    public static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
