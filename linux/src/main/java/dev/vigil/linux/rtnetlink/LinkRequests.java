package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkAttribute;
import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encoders and decoders of the link requests behind virtual MAC interfaces: create a macvlan,
 * set a link up, stop IPv6 address generation, set IPv4 devconf values, delete a link, and
 * read a link's group, kind and IPv4 devconf back. Pure: bytes in, bytes out; the layout is the
 * one {@code ip link} sends (uapi {@code linux/if_link.h}, {@code linux/rtnetlink.h}).
 */
public final class LinkRequests {

    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_LINK = 5;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_AF_SPEC = 26;
    private static final int IFLA_GROUP = 27;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_MACVLAN_MODE = 1;
    private static final int IFLA_INET_CONF = 1;
    private static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    private static final int IN6_ADDR_GEN_MODE_NONE = 1;
    private static final String MACVLAN_KIND = "macvlan";

    private LinkRequests() {
    }

    /**
     * RTM_NEWLINK creating a macvlan (NLM_F_CREATE | NLM_F_EXCL: an existing name is EEXIST),
     * attributes in {@code ip link add}'s order: address, group, parent, name, link info.
     */
    public static NetlinkMessageBuilder newMacvlan(MacvlanSpec spec) {
        NetlinkMessageBuilder message = new NetlinkMessageBuilder(RtMessages.RTM_NEWLINK,
                Netlink.F_REQUEST | Netlink.F_CREATE | Netlink.F_EXCL).familyHeader(ifinfomsg(0, 0, 0));
        message.bytes(IFLA_ADDRESS, spec.mac().bytes());
        spec.group().ifPresent(g -> message.u32(IFLA_GROUP, g));
        message.u32(IFLA_LINK, spec.parentIndex());
        message.string(IFLA_IFNAME, spec.name());
        message.beginNested(IFLA_LINKINFO);
        // The kind goes without its NUL, as iproute2 sends it.
        message.bytes(IFLA_INFO_KIND, MACVLAN_KIND.getBytes(StandardCharsets.US_ASCII));
        message.beginNested(IFLA_INFO_DATA).u32(IFLA_MACVLAN_MODE, spec.mode().code()).endNested();
        return message.endNested();
    }

    /** RTM_NEWLINK setting IFF_UP on the interface ({@code ip link set dev X up}). */
    public static NetlinkMessageBuilder setUp(int index) {
        return new NetlinkMessageBuilder(RtMessages.RTM_NEWLINK, Netlink.F_REQUEST)
                .familyHeader(ifinfomsg(index, Link.IFF_UP, Link.IFF_UP));
    }

    /**
     * RTM_NEWLINK with IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_ADDR_GEN_MODE = NONE: the kernel
     * adds no EUI-64 link-local address when the link comes up ({@code ip link set dev X
     * addrgenmode none}). Must be sent before the link is set up.
     */
    public static NetlinkMessageBuilder noAddressGeneration(int index) {
        NetlinkMessageBuilder message = new NetlinkMessageBuilder(RtMessages.RTM_NEWLINK, Netlink.F_REQUEST)
                .familyHeader(ifinfomsg(index, 0, 0));
        message.beginNested(IFLA_AF_SPEC).beginNested(AF_INET6)
                .u8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE).endNested();
        return message.endNested();
    }

    /**
     * RTM_NEWLINK with IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF: sets {@code net.ipv4.conf.X.*}
     * values, one nested u32 per setting whose type is the devconf index.
     */
    public static NetlinkMessageBuilder setIpv4Conf(int index, Map<Ipv4DevConf, Integer> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no IPv4 devconf value to set");
        }
        NetlinkMessageBuilder message = new NetlinkMessageBuilder(RtMessages.RTM_NEWLINK, Netlink.F_REQUEST)
                .familyHeader(ifinfomsg(index, 0, 0));
        message.beginNested(IFLA_AF_SPEC).beginNested(AF_INET).beginNested(IFLA_INET_CONF);
        new EnumMap<>(values).forEach((conf, value) -> message.u32(conf.index(), value));
        return message.endNested().endNested().endNested();
    }

    /** RTM_DELLINK of the interface ({@code ip link del dev X}). */
    public static NetlinkMessageBuilder deleteLink(int index) {
        return new NetlinkMessageBuilder(RtMessages.RTM_DELLINK, Netlink.F_REQUEST).familyHeader(ifinfomsg(index, 0, 0));
    }

    /** RTM_GETLINK of one interface by index. */
    public static NetlinkMessageBuilder getLink(int index) {
        return new NetlinkMessageBuilder(RtMessages.RTM_GETLINK, Netlink.F_REQUEST).familyHeader(ifinfomsg(index, 0, 0));
    }

    /** IFLA_GROUP of an RTM_NEWLINK message (0, the default group, when absent). */
    public static int group(NetlinkMessage link) {
        return attributes(link).u32(IFLA_GROUP).map(Long::intValue).orElse(0);
    }

    /** IFLA_LINKINFO / IFLA_INFO_KIND ("macvlan", "veth", ...) of an RTM_NEWLINK message. */
    public static Optional<String> kind(NetlinkMessage link) {
        return attributes(link).nested(IFLA_LINKINFO).flatMap(info -> info.first(IFLA_INFO_KIND))
                .map(NetlinkAttribute::asString);
    }

    /** The macvlan mode of an RTM_NEWLINK message, when it describes a macvlan. */
    public static Optional<MacvlanMode> macvlanMode(NetlinkMessage link) {
        Optional<Long> code = attributes(link).nested(IFLA_LINKINFO).flatMap(info -> info.nested(IFLA_INFO_DATA))
                .flatMap(data -> data.u32(IFLA_MACVLAN_MODE));
        for (MacvlanMode mode : MacvlanMode.values()) {
            if (code.isPresent() && code.get() == mode.code()) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 devconf values of an RTM_NEWLINK message: the kernel reports IFLA_INET_CONF as
     * a flat array of u32, entry {@code i - 1} for devconf index {@code i}. Empty when the
     * interface has no IPv4 configuration or the array is too short.
     */
    public static Map<Ipv4DevConf, Integer> ipv4Conf(NetlinkMessage link) {
        Map<Ipv4DevConf, Integer> out = new EnumMap<>(Ipv4DevConf.class);
        Optional<NetlinkAttribute> conf = attributes(link).nested(IFLA_AF_SPEC).flatMap(s -> s.nested(AF_INET))
                .flatMap(inet -> inet.first(IFLA_INET_CONF));
        if (conf.isEmpty()) {
            return out;
        }
        ByteBuffer values = ByteBuffer.wrap(conf.get().value()).order(ByteOrder.nativeOrder());
        for (Ipv4DevConf c : Ipv4DevConf.values()) {
            int offset = (c.index() - 1) * Integer.BYTES;
            if (offset + Integer.BYTES <= values.limit()) {
                out.put(c, values.getInt(offset));
            }
        }
        return out;
    }

    private static NetlinkAttributes attributes(NetlinkMessage link) {
        if (link.type() != RtMessages.RTM_NEWLINK || link.payload().length < RtMessages.IFINFOMSG_LENGTH) {
            return NetlinkAttributes.EMPTY;
        }
        return link.attributes(RtMessages.IFINFOMSG_LENGTH);
    }

    /** struct ifinfomsg: family AF_UNSPEC, type 0, index, flags, change mask. */
    private static byte[] ifinfomsg(int index, int flags, int change) {
        return ByteBuffer.allocate(RtMessages.IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change)
                .array();
    }
}
