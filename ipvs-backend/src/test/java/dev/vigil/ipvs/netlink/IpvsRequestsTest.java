package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.netlink.GenlFamily;
import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bytes against shared/reference/ipvs.md §1.8 and against vectors derived by hand
 * from the same layout rules (libipvs attribute order, 4-byte padding, big-endian ports and
 * IPv4 netmask, 16-byte addresses). Little-endian hosts only, like the vectors.
 */
class IpvsRequestsTest {

    /** The placeholder family id of the §1.8 vector. */
    static final GenlFamily FAMILY = new GenlFamily(0x24, "IPVS", 1, 0, 0, Map.of());
    private static final ServiceKey WEB = ServiceKey.tcp("10.0.0.100", 80);

    /** §1.8: NEW_SERVICE TCP 10.0.0.100:80 wlc, REQUEST|ACK, seq 1. */
    static final String REFERENCE_VECTOR = """
            68 00 00 00 24 00 05 00 01 00 00 00 00 00 00 00
            01 01 00 00 54 00 01 00 06 00 01 00 02 00 00 00
            06 00 02 00 06 00 00 00 14 00 03 00 0a 00 00 64
            00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
            00 50 00 00 08 00 06 00 77 6c 63 00 0c 00 07 00
            00 00 00 00 ff ff ff ff 08 00 08 00 00 00 00 00
            08 00 09 00 ff ff ff ff
            """;

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "vectors are for little-endian hosts");
    }

    static String hex(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    private static String built(NetlinkMessageBuilder b, int seq) {
        return HexFormat.of().formatHex(b.build(seq, 0));
    }

    @Test
    void newServiceMatchesTheReferenceVector() {
        assertEquals(hex(REFERENCE_VECTOR), built(IpvsRequests.newService(FAMILY, VirtualService.of(WEB, "wlc")), 1));
    }

    @Test
    void setServiceDiffersOnlyInTheCommand() {
        String expected = hex(REFERENCE_VECTOR).substring(0, 32) + "02" + hex(REFERENCE_VECTOR).substring(34);
        assertEquals(expected, built(IpvsRequests.setService(FAMILY, VirtualService.of(WEB, "wlc")), 1));
    }

    @Test
    void deleteServiceCarriesOnlyTheIdentifyingAttributes() {
        String expected = """
                44 00 00 00 24 00 05 00 07 00 00 00 00 00 00 00
                03 01 00 00 30 00 01 00
                06 00 01 00 02 00 00 00  06 00 02 00 06 00 00 00
                14 00 03 00 0a 00 00 64 00 00 00 00 00 00 00 00 00 00 00 00
                06 00 04 00 00 50 00 00
                """;
        assertEquals(hex(expected), built(IpvsRequests.delService(FAMILY, WEB), 7));
    }

    @Test
    void deleteDestinationNamesServiceAndDestinationWithItsFamily() {
        String expected = """
                6c 00 00 00 24 00 05 00 02 00 00 00 00 00 00 00
                07 01 00 00
                30 00 01 00
                  06 00 01 00 02 00 00 00  06 00 02 00 06 00 00 00
                  14 00 03 00 0a 00 00 64 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 04 00 00 50 00 00
                28 00 02 00
                  06 00 0b 00 02 00 00 00
                  14 00 01 00 c0 a8 01 0a 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 02 00 00 50 00 00
                """;
        DestinationKey r1 = new DestinationKey(IpAddress.of("192.168.1.10"), 80);
        assertEquals(hex(expected), built(IpvsRequests.delDest(FAMILY, WEB, r1), 2));
    }

    @Test
    void persistentIpv6FwmarkServiceSendsTheMarkAndAPrefixLength() {
        String expected = """
                4c 00 00 00 24 00 05 00 03 00 00 00 00 00 00 00
                01 01 00 00
                38 00 01 00
                  06 00 01 00 0a 00 00 00
                  08 00 05 00 07 00 00 00
                  08 00 06 00 77 72 72 00
                  0c 00 07 00 01 00 00 00 ff ff ff ff
                  08 00 08 00 58 02 00 00
                  08 00 09 00 40 00 00 00
                """;
        VirtualService svc = VirtualService.of(new ServiceKey.Fwmark(7, AddressFamily.INET6), "wrr")
                .withPersistence(new Persistence(600, 64));
        assertEquals(hex(expected), built(IpvsRequests.newService(FAMILY, svc), 3));
    }

    @Test
    void tunnelDestinationCarriesTunnelAttributesInLibipvsOrder() {
        String expected = """
                a4 00 00 00 24 00 05 00 04 00 00 00 00 00 00 00
                05 01 00 00
                30 00 01 00
                  06 00 01 00 02 00 00 00  06 00 02 00 11 00 00 00
                  14 00 03 00 0a 00 00 64 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 04 00 00 35 00 00
                60 00 02 00
                  06 00 0b 00 02 00 00 00
                  14 00 01 00 c0 a8 01 0c 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 02 00 00 35 00 00
                  08 00 03 00 02 00 00 00
                  08 00 04 00 01 00 00 00
                  05 00 0d 00 01 00 00 00
                  06 00 0e 00 17 c0 00 00
                  06 00 0f 00 01 00 00 00
                  08 00 05 00 00 00 00 00
                  08 00 06 00 00 00 00 00
                """;
        Destination d = Destination.of("192.168.1.12", 53, ForwardMethod.TUNNEL, 1);
        Tunnel gue = new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.CSUM);
        assertEquals(hex(expected), built(IpvsRequests.newDest(FAMILY, ServiceKey.udp("10.0.0.100", 53), d, gue), 4));
    }

    @Test
    void otherMethodsLeaveTunnelAttributesOutAndSendThresholds() {
        Destination nat = Destination.of("192.168.1.12", 8080, ForwardMethod.MASQ, 100).withThresholds(1000, 500);
        NetlinkAttributes dest = destNest(IpvsRequests.setDest(FAMILY, WEB, nat, Tunnel.IPIP));
        assertEquals(Optional.empty(), dest.first(IpvsAttributes.DEST_TUN_TYPE));
        assertEquals(Optional.of(0L), dest.u32(IpvsAttributes.DEST_FWD_METHOD));
        assertEquals(Optional.of(100L), dest.u32(IpvsAttributes.DEST_WEIGHT));
        assertEquals(Optional.of(1000L), dest.u32(IpvsAttributes.DEST_U_THRESH));
        assertEquals(Optional.of(500L), dest.u32(IpvsAttributes.DEST_L_THRESH));
        assertEquals(Optional.of(8080), dest.first(IpvsAttributes.DEST_PORT).flatMap(a -> a.asU16BigEndian()));
    }

    @Test
    void negativeWeightGoesOutAsItsTwosComplementForTheKernelToRefuse() {
        Destination bad = Destination.of("192.168.1.12", 80, ForwardMethod.DROUTE, -1);
        assertEquals(Optional.of(0xffff_ffffL), destNest(IpvsRequests.newDest(FAMILY, WEB, bad, Tunnel.IPIP))
                .u32(IpvsAttributes.DEST_WEIGHT));
    }

    @Test
    void ipv6DestinationOfAnIpv4ServiceSaysItsOwnFamily() {
        Destination v6 = Destination.of("2001:db8::10", 80, ForwardMethod.TUNNEL, 1);
        NetlinkAttributes dest = destNest(IpvsRequests.newDest(FAMILY, WEB, v6, Tunnel.IPIP));
        assertEquals(Optional.of(10), dest.u16(IpvsAttributes.DEST_ADDR_FAMILY));
        assertEquals("20010db8000000000000000000000010",
                HexFormat.of().formatHex(dest.first(IpvsAttributes.DEST_ADDR).orElseThrow().value()));
    }

    @Test
    void ipv4PersistenceMaskIsBigEndianAndFlagsCombine() {
        VirtualService tls = VirtualService.of(ServiceKey.tcp("10.0.0.100", 443), "sh")
                .withScheduler("sh", Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2))
                .withPersistence(new Persistence(300, 24)).withPersistenceEngine("sip");
        NetlinkAttributes svc = serviceNest(IpvsRequests.newService(FAMILY, tls));
        assertEquals("ffffff00", HexFormat.of().formatHex(svc.first(IpvsAttributes.SVC_NETMASK).orElseThrow().value()));
        assertEquals("19000000ffffffff", HexFormat.of().formatHex(svc.first(IpvsAttributes.SVC_FLAGS).orElseThrow().value()));
        assertEquals(Optional.of(300L), svc.u32(IpvsAttributes.SVC_TIMEOUT));
        assertEquals(Optional.of("sip"), svc.string(IpvsAttributes.SVC_PE_NAME));
        int[] order = svc.attributes().stream().mapToInt(a -> a.type()).toArray();
        assertEquals("[1, 2, 3, 4, 6, 11, 7, 8, 9]", java.util.Arrays.toString(order), "libipvs attribute order");
    }

    @Test
    void ipv6ServiceWithoutPersistenceSendsPrefix128AndUdpOnePacketSetsItsFlag() {
        ServiceKey v6 = new ServiceKey.Inet(Protocol.UDP, IpAddress.of("2001:db8::1"), 53);
        NetlinkAttributes svc = serviceNest(IpvsRequests.newService(FAMILY, VirtualService.of(v6, "rr").withOnePacket(true)));
        assertEquals(Optional.of(128L), svc.u32(IpvsAttributes.SVC_NETMASK));
        assertEquals("04000000ffffffff", HexFormat.of().formatHex(svc.first(IpvsAttributes.SVC_FLAGS).orElseThrow().value()));
        assertEquals(Optional.of(17), svc.u16(IpvsAttributes.SVC_PROTOCOL));
    }

    @Test
    void ipv4PrefixZeroIsAnAllZeroMask() {
        VirtualService any = VirtualService.of(WEB, "rr").withPersistence(new Persistence(60, 0));
        assertEquals(0, IpvsRequests.netmask(any));
        assertEquals(0xffff_fe00, IpvsRequests.netmask(any.withPersistence(new Persistence(60, 23))));
    }

    @Test
    void configInfoZeroFlushAndDumpsAreBareOrSmall() {
        assertEquals(hex("2c000000 2400 0500 05000000 00000000 0c010000"
                        + "08000400 84030000 08000500 78000000 08000600 2c010000"),
                built(IpvsRequests.setConfig(FAMILY, new IpvsTimeouts(900, 120, 300)), 5));
        assertEquals(hex("14000000 2400 0103 06000000 00000000 04010000"), built(IpvsRequests.dumpServices(FAMILY), 6));
        assertEquals(hex("14000000 2400 0500 01000000 00000000 0f010000"), built(IpvsRequests.getInfo(FAMILY), 1));
        assertEquals(hex("14000000 2400 0500 01000000 00000000 0d010000"), built(IpvsRequests.getConfig(FAMILY), 1));
        assertEquals(hex("14000000 2400 0500 01000000 00000000 10010000"),
                built(IpvsRequests.zero(FAMILY, Optional.empty()), 1));
        assertEquals(hex("14000000 2400 0500 01000000 00000000 11010000"), built(IpvsRequests.flush(FAMILY), 1));
        String zeroWeb = built(IpvsRequests.zero(FAMILY, Optional.of(WEB)), 1);
        assertEquals(hex("44000000 2400 0500 01000000 00000000 10010000 30000100"), zeroWeb.substring(0, 48));
        String dumpDests = built(IpvsRequests.dumpDests(FAMILY, WEB), 1);
        assertEquals(hex("44000000 2400 0103 01000000 00000000 08010000 30000100"), dumpDests.substring(0, 48));
        assertEquals(zeroWeb.substring(48), dumpDests.substring(48), "same identifying service nest");
    }

    private static NetlinkAttributes top(NetlinkMessageBuilder b) {
        byte[] bytes = b.build(1, 0);
        NetlinkMessage m = NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
        return m.attributes(4);
    }

    private static NetlinkAttributes serviceNest(NetlinkMessageBuilder b) {
        return top(b).nested(IpvsAttributes.CMD_SERVICE).orElseThrow();
    }

    private static NetlinkAttributes destNest(NetlinkMessageBuilder b) {
        return top(b).nested(IpvsAttributes.CMD_DEST).orElseThrow();
    }

    @Test
    void syncDaemonCommands() {
        assertEquals(hex("""
                34 00 00 00 24 00 05 00 01 00 00 00 00 00 00 00
                09 01 00 00
                20 00 03 00
                  08 00 01 00 01 00 00 00
                  09 00 02 00 65 74 68 30 00 00 00 00
                  08 00 03 00 09 00 00 00
                """), built(IpvsRequests.newDaemon(FAMILY, SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 9)), 1));
        SyncDaemon tuned = new SyncDaemon(SyncDaemon.State.BACKUP, "eth0", 9, 1400,
                Optional.of(IpAddress.of("224.0.0.81")), 8848, 2);
        assertEquals(hex("""
                54 00 00 00 24 00 05 00 01 00 00 00 00 00 00 00
                09 01 00 00
                40 00 03 00
                  08 00 01 00 02 00 00 00
                  09 00 02 00 65 74 68 30 00 00 00 00
                  08 00 03 00 09 00 00 00
                  06 00 04 00 78 05 00 00
                  08 00 05 00 e0 00 00 51
                  06 00 07 00 90 22 00 00
                  05 00 08 00 02 00 00 00
                """), built(IpvsRequests.newDaemon(FAMILY, tuned), 1));
        assertEquals(hex("20000000 2400 0500 01000000 00000000 0a010000 0c000300 08000100 02000000"),
                built(IpvsRequests.delDaemon(FAMILY, SyncDaemon.State.BACKUP), 1));
        assertEquals(hex("14000000 2400 0103 01000000 00000000 0b010000"), built(IpvsRequests.dumpDaemons(FAMILY), 1));
    }
}
