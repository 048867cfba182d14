package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.packet.MacAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link requests against what iproute2 sends. The vectors were captured with
 * {@code strace -e trace=sendmsg -e write=3,4 ip link add link eth0 name vrrp.51 address
 * 00:00:5e:00:01:33 type macvlan mode private} (and {@code ip link set dev vrrp.51 addrgenmode
 * none}, {@code ... up}, {@code ip link del dev vrrp.51}) in a namespace where eth0 was ifindex 3
 * and vrrp.51 ifindex 7, iproute2 6.1, kernel 6.18; ip's sequence number was 0x6b01aaa1 and it
 * asks for an ACK, as {@link dev.vigil.linux.netlink.NetlinkSocket#request} does.
 */
class LinkRequestsTest {

    private static final int IP_SEQUENCE = 0x6b01aaa1;

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "byte vectors are written for little-endian hosts");
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /** The message as the socket sends it: ip's sequence number, NLM_F_ACK added. */
    private static byte[] asSent(NetlinkMessageBuilder message) {
        byte[] bytes = message.build(IP_SEQUENCE, 0);
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putShort(6, (short) (message.flags() | Netlink.F_ACK));
        return bytes;
    }

    private static MacvlanSpec vrrp51(Optional<Integer> group) {
        return new MacvlanSpec("vrrp.51", 3, MacAddress.parse("00:00:5e:00:01:33").orElseThrow(), MacvlanMode.PRIVATE,
                group);
    }

    @Test
    void newMacvlanIsWhatIpLinkAddSends() {
        assertArrayEquals(hex("""
                5c000000 1000 0506 a1aa016b 00000000
                00 00 0000 00000000 00000000 00000000
                0a00 0100 00005e000133 0000
                0800 0500 03000000
                0c00 0300 767272702e353100
                1c00 1200 0b00 0100 6d6163766c616e 00
                           0c00 0200 0800 0100 01000000"""), asSent(LinkRequests.newMacvlan(vrrp51(Optional.empty()))));
    }

    @Test
    void groupGoesAfterTheAddressAsIpPutsIt() {
        // strace of "ip link add ... group 0 ...": IFLA_GROUP (27) between IFLA_ADDRESS and IFLA_LINK, length 100.
        byte[] bytes = asSent(LinkRequests.newMacvlan(vrrp51(Optional.of(0))));
        assertEquals(100, bytes.length);
        assertArrayEquals(hex("0800 1b00 00000000 0800 0500 03000000"), java.util.Arrays.copyOfRange(bytes, 44, 60));
    }

    @Test
    void otherMacvlanModes() {
        byte[] bridge = asSent(LinkRequests.newMacvlan(new MacvlanSpec("m0", 2, MacAddress.ZERO, MacvlanMode.BRIDGE,
                Optional.empty())));
        assertEquals(4, ByteBuffer.wrap(bridge).order(ByteOrder.nativeOrder()).getInt(bridge.length - 4));
    }

    @Test
    void addrgenmodeNone() {
        assertArrayEquals(hex("""
                30000000 1000 0500 a1aa016b 00000000
                00 00 0000 07000000 00000000 00000000
                1000 1a00 0c00 0a00 0500 0800 01 000000"""), asSent(LinkRequests.noAddressGeneration(7)));
    }

    @Test
    void setUp() {
        assertArrayEquals(hex("""
                20000000 1000 0500 a1aa016b 00000000
                00 00 0000 07000000 01000000 01000000"""), asSent(LinkRequests.setUp(7)));
    }

    @Test
    void deleteLink() {
        assertArrayEquals(hex("""
                20000000 1100 0500 a1aa016b 00000000
                00 00 0000 07000000 00000000 00000000"""), asSent(LinkRequests.deleteLink(7)));
    }

    @Test
    void ipv4DevconfIsNestedByIndexInOrder() {
        // uapi linux/ip.h: RP_FILTER 8, ARP_IGNORE 19, ACCEPT_LOCAL 23; if_link.h: IFLA_AF_SPEC 26,
        // AF_INET 2, IFLA_INET_CONF 1 (nested u32s typed by devconf index, inet_set_link_af).
        Map<Ipv4DevConf, Integer> values = Map.of(Ipv4DevConf.ACCEPT_LOCAL, 1, Ipv4DevConf.RP_FILTER, 0,
                Ipv4DevConf.ARP_IGNORE, 1);
        assertArrayEquals(hex("""
                44000000 1000 0500 a1aa016b 00000000
                00 00 0000 07000000 00000000 00000000
                2400 1a00 2000 0200 1c00 0100
                0800 0800 00000000
                0800 1300 01000000
                0800 1700 01000000"""), asSent(LinkRequests.setIpv4Conf(7, values)));
        assertThrows(IllegalArgumentException.class, () -> LinkRequests.setIpv4Conf(7, Map.of()));
    }

    @Test
    void readsGroupKindModeAndTheFlatDevconfArray() {
        // An RTM_NEWLINK reply: IFLA_GROUP 5, IFLA_LINKINFO {kind macvlan, data {mode private}},
        // IFLA_AF_SPEC {AF_INET {IFLA_INET_CONF: 23 u32s, entry i-1 for index i}}.
        int[] conf = new int[23];
        conf[Ipv4DevConf.ARP_IGNORE.index() - 1] = 2;
        conf[Ipv4DevConf.ARP_FILTER.index() - 1] = 1;
        conf[Ipv4DevConf.RP_FILTER.index() - 1] = 1;
        ByteBuffer array = ByteBuffer.allocate(conf.length * 4).order(ByteOrder.nativeOrder());
        for (int v : conf) {
            array.putInt(v);
        }
        NetlinkMessageBuilder reply = new NetlinkMessageBuilder(RtMessages.RTM_NEWLINK, 0)
                .familyHeader(new byte[RtMessages.IFINFOMSG_LENGTH]).u32(27, 5);
        reply.beginNested(18).bytes(1, "macvlan".getBytes()).beginNested(2).u32(1, 1).endNested().endNested();
        reply.beginNested(26).beginNested(2).bytes(1, array.array()).endNested().endNested();
        byte[] bytes = reply.build(1, 0);
        NetlinkMessage message = NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
        assertEquals(5, LinkRequests.group(message));
        assertEquals(Optional.of("macvlan"), LinkRequests.kind(message));
        assertEquals(Optional.of(MacvlanMode.PRIVATE), LinkRequests.macvlanMode(message));
        Map<Ipv4DevConf, Integer> expected = new EnumMap<>(Map.of(Ipv4DevConf.RP_FILTER, 1,
                Ipv4DevConf.ARP_FILTER, 1, Ipv4DevConf.ARP_IGNORE, 2, Ipv4DevConf.PROMOTE_SECONDARIES, 0,
                Ipv4DevConf.ACCEPT_LOCAL, 0));
        assertEquals(expected, LinkRequests.ipv4Conf(message));
    }

    @Test
    void nothingFromOtherMessages() {
        byte[] bytes = RtMessages.dumpLinks().build(1, 0);
        NetlinkMessage request = NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
        assertEquals(0, LinkRequests.group(request));
        assertEquals(Optional.empty(), LinkRequests.kind(request));
        assertEquals(Map.of(), LinkRequests.ipv4Conf(request));
    }

    @Test
    void macvlanNamesAreCheckedLikeTheKernelDoes() {
        MacAddress mac = MacAddress.ZERO;
        assertThrows(IllegalArgumentException.class,
                () -> new MacvlanSpec("a-name-of-16-chr", 1, mac, MacvlanMode.PRIVATE, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new MacvlanSpec("a/b", 1, mac, MacvlanMode.PRIVATE, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new MacvlanSpec("vrrp.1", 0, mac, MacvlanMode.PRIVATE, Optional.empty()));
    }
}
