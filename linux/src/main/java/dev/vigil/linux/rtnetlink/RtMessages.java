package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.packet.MacAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Encodes rtnetlink requests and decodes link and address messages (rtnetlink(7), uapi
 * {@code linux/rtnetlink.h}, {@code linux/if_link.h}, {@code linux/if_addr.h}). Pure.
 *
 * <pre>
 * ifinfomsg (16 bytes): family u8, pad u8, type u16, index s32, flags u32, change u32
 * ifaddrmsg  (8 bytes): family u8, prefixlen u8, flags u8, scope u8, index u32
 * </pre>
 */
public final class RtMessages {

    /** RTM_NEWLINK. */
    public static final int RTM_NEWLINK = 16;
    /** RTM_DELLINK. */
    public static final int RTM_DELLINK = 17;
    /** RTM_GETLINK. */
    public static final int RTM_GETLINK = 18;
    /** RTM_NEWADDR. */
    public static final int RTM_NEWADDR = 20;
    /** RTM_DELADDR. */
    public static final int RTM_DELADDR = 21;
    /** RTM_GETADDR. */
    public static final int RTM_GETADDR = 22;

    static final int IFINFOMSG_LENGTH = 16;
    static final int IFADDRMSG_LENGTH = 8;
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_OPERSTATE = 16;

    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_BROADCAST = 4;
    private static final int IFA_CACHEINFO = 6;
    private static final int IFA_FLAGS = 8;
    /** INFINITY_LIFE_TIME. */
    private static final int FOREVER = 0xFFFF_FFFF;

    private RtMessages() {
    }

    /**
     * RTM_NEWADDR creating the address; NLM_F_EXCL makes an existing one an EEXIST error,
     * as {@code ip addr add} does. Both families carry IFA_LOCAL (the address) and IFA_ADDRESS
     * (the point-to-point peer, or the address again); IPv4 adds label and broadcast. Flags go
     * both in ifa_flags (low 8 bits) and IFA_FLAGS (all 32); a preferred lifetime goes in
     * IFA_CACHEINFO with the valid lifetime forever.
     */
    public static NetlinkMessageBuilder newAddress(InterfaceAddress address) {
        NetlinkMessageBuilder message = new NetlinkMessageBuilder(RTM_NEWADDR,
                Netlink.F_REQUEST | Netlink.F_CREATE | Netlink.F_EXCL);
        return addressBody(message, address, true);
    }

    /** RTM_DELADDR for the address (matched by the kernel on address, prefix and label). */
    public static NetlinkMessageBuilder deleteAddress(InterfaceAddress address) {
        return addressBody(new NetlinkMessageBuilder(RTM_DELADDR, Netlink.F_REQUEST), address, false);
    }

    private static NetlinkMessageBuilder addressBody(NetlinkMessageBuilder message, InterfaceAddress address,
            boolean withExtras) {
        int flags = AddressFlag.toBits(address.flags());
        message.familyHeader(ifaddrmsg(address.isIpv6() ? AF_INET6 : AF_INET, address.prefixLength(), flags & 0xFF,
                address.scope(), address.interfaceIndex()));
        message.address(IFA_LOCAL, address.address());
        message.address(IFA_ADDRESS, address.peer().orElse(address.address()));
        if (!address.isIpv6()) {
            address.label().ifPresent(label -> message.string(IFA_LABEL, label));
            if (withExtras) {
                address.broadcast().ifPresent(broadcast -> message.address(IFA_BROADCAST, broadcast));
            }
        }
        if (withExtras && flags != 0) {
            message.u32(IFA_FLAGS, flags);
        }
        if (withExtras && address.preferredLifetime().isPresent()) {
            message.bytes(IFA_CACHEINFO, cacheInfo(address.preferredLifetime().get()));
        }
        return message;
    }

    /** RTM_GETADDR dump of every address of both families. */
    public static NetlinkMessageBuilder dumpAddresses() {
        return new NetlinkMessageBuilder(RTM_GETADDR, Netlink.F_REQUEST | Netlink.F_DUMP)
                .familyHeader(ifaddrmsg(AF_UNSPEC, 0, 0, 0, 0));
    }

    /** RTM_GETLINK dump of every interface. */
    public static NetlinkMessageBuilder dumpLinks() {
        return new NetlinkMessageBuilder(RTM_GETLINK, Netlink.F_REQUEST | Netlink.F_DUMP)
                .familyHeader(new byte[IFINFOMSG_LENGTH]);
    }

    /** Decodes RTM_NEWLINK / RTM_DELLINK; empty for other types or malformed messages. */
    public static Optional<Link> decodeLink(NetlinkMessage message) {
        if (message.type() != RTM_NEWLINK && message.type() != RTM_DELLINK
                || message.payload().length < IFINFOMSG_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer header = message.payloadBuffer();
        int index = header.getInt(4);
        int flags = header.getInt(8);
        NetlinkAttributes attributes = message.attributes(IFINFOMSG_LENGTH);
        Optional<MacAddress> mac = attributes.first(IFLA_ADDRESS)
                .filter(a -> a.value().length == MacAddress.LENGTH)
                .map(a -> MacAddress.of(a.value()));
        return Optional.of(new Link(index, attributes.string(IFLA_IFNAME).orElse(""), mac,
                attributes.u32(IFLA_MTU).orElse(0L).intValue(), flags,
                attributes.u8(IFLA_OPERSTATE).orElse(0)));
    }

    /** Decodes RTM_NEWADDR / RTM_DELADDR; empty for other types, families or malformed messages. */
    public static Optional<InterfaceAddress> decodeAddress(NetlinkMessage message) {
        byte[] payload = message.payload();
        if (message.type() != RTM_NEWADDR && message.type() != RTM_DELADDR || payload.length < IFADDRMSG_LENGTH) {
            return Optional.empty();
        }
        int family = payload[0] & 0xFF;
        if (family != AF_INET && family != AF_INET6) {
            return Optional.empty();
        }
        int prefixLength = payload[1] & 0xFF;
        int scope = payload[3] & 0xFF;
        int index = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(4);
        NetlinkAttributes attributes = message.attributes(IFADDRMSG_LENGTH);
        int flags = attributes.u32(IFA_FLAGS).map(Long::intValue).orElse(payload[2] & 0xFF);
        // IPv4: IFA_LOCAL is the address, IFA_ADDRESS the peer on point-to-point links.
        Optional<InetAddress> address = attributes.first(IFA_LOCAL).flatMap(a -> a.asAddress())
                .or(() -> attributes.first(IFA_ADDRESS).flatMap(a -> a.asAddress()));
        if (address.isEmpty() || (family == AF_INET6) != (address.get() instanceof Inet6Address)
                || prefixLength > (family == AF_INET6 ? 128 : 32)) {
            return Optional.empty();
        }
        Optional<Inet4Address> broadcast = attributes.first(IFA_BROADCAST).flatMap(a -> a.asAddress())
                .filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast);
        Optional<String> label = attributes.string(IFA_LABEL).filter(s -> !s.isEmpty() && s.length() <= 15);
        return Optional.of(new InterfaceAddress(index, address.get(), prefixLength, scope,
                AddressFlag.fromBits(flags), label, broadcast));
    }

    /** struct ifa_cacheinfo: preferred, valid (forever), and two timestamps the kernel fills. */
    private static byte[] cacheInfo(long preferredSeconds) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt((int) preferredSeconds).putInt(FOREVER)
                .putInt(0).putInt(0).array();
    }

    private static byte[] ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        return ByteBuffer.allocate(IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index)
                .array();
    }
}
