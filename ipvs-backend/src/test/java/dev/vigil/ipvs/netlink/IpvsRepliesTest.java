package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Decoding replies laid out as ip_vs_genl_fill_service / ip_vs_genl_fill_dest write them
 * (built here with the builder; real captured replies are replayed in
 * {@link CapturedKernelRepliesTest}).
 */
class IpvsRepliesTest {

    private static final byte[] WEB_ADDR = Arrays.copyOf(IpAddress.of("10.0.0.100").toBytes(), 16);

    static GenlMessage reply(int command, Consumer<NetlinkMessageBuilder> attributes) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(0x24, 0x2).genlHeader(command, 1);
        attributes.accept(b);
        byte[] bytes = b.build(1, 0);
        NetlinkMessage m = NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
        return GenlMessage.decode(m, 0).orElseThrow();
    }

    static GenlMessage service(Consumer<NetlinkMessageBuilder> nest) {
        return reply(IpvsCommand.NEW_SERVICE.id(), b -> b.nested(IpvsAttributes.CMD_SERVICE, nest));
    }

    static byte[] flags(int flags, int mask) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(flags).putInt(mask).array();
    }

    /** TCP 10.0.0.100:80 as the kernel dumps it, without counters. */
    static void webService(NetlinkMessageBuilder b, String scheduler, int flags, int timeout, int netmask) {
        b.u16(IpvsAttributes.SVC_AF, 2).u16(IpvsAttributes.SVC_PROTOCOL, 6).bytes(IpvsAttributes.SVC_ADDR, WEB_ADDR)
                .u16BigEndian(IpvsAttributes.SVC_PORT, 80).string(IpvsAttributes.SVC_SCHED_NAME, scheduler)
                .bytes(IpvsAttributes.SVC_FLAGS, flags(flags, -1)).u32(IpvsAttributes.SVC_TIMEOUT, timeout)
                .u32BigEndian(IpvsAttributes.SVC_NETMASK, netmask);
    }

    @SuppressWarnings("unchecked")
    static <T> T value(Decoded<T> decoded) {
        assertInstanceOf(Decoded.Value.class, decoded, decoded.toString());
        return ((Decoded.Value<T>) decoded).value();
    }

    private static void assertMalformed(Decoded<?> decoded, String fragment) {
        Decoded.Malformed<?> m = assertInstanceOf(Decoded.Malformed.class, decoded);
        assertTrue(m.reason().contains(fragment), m.reason());
    }

    @Test
    void plainServiceDropsTheHashedBitAndHasNoPersistence() {
        ServiceEntry e = value(IpvsReplies.service(service(b -> webService(b, "wlc", 0x2, 0, -1))));
        assertEquals(VirtualService.of(ServiceKey.tcp("10.0.0.100", 80), "wlc"), e.service());
        assertEquals(Stats.ZERO, e.stats());
        assertTrue(e.destinations().isEmpty());
    }

    @Test
    void persistentServiceReadsTimeoutMaskAndSchedulerFlags() {
        int flags = 0x1 | 0x2 | 0x8 | 0x10;
        ServiceEntry e = value(IpvsReplies.service(service(b -> {
            webService(b, "sh", flags, 300, 0xffff_ff00);
            b.string(IpvsAttributes.SVC_PE_NAME, "sip");
        })));
        assertEquals(VirtualService.of(ServiceKey.tcp("10.0.0.100", 80), "sh")
                .withScheduler("sh", Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2))
                .withPersistence(new Persistence(300, 24)).withPersistenceEngine("sip"), e.service());
    }

    @Test
    void timeoutAndNetmaskWithoutThePersistentFlagAreIgnored() {
        ServiceEntry e = value(IpvsReplies.service(service(b -> webService(b, "rr", 0x2 | 0x4, 300, 0xffff_0000))));
        assertEquals(Optional.empty(), e.service().persistence());
        assertTrue(e.service().onePacket());
    }

    @Test
    void flagsAreMaskedAsLibipvsDoes() {
        ServiceEntry e = value(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 2)
                .u16(IpvsAttributes.SVC_PROTOCOL, 6).bytes(IpvsAttributes.SVC_ADDR, WEB_ADDR)
                .u16BigEndian(IpvsAttributes.SVC_PORT, 80).string(IpvsAttributes.SVC_SCHED_NAME, "rr")
                .bytes(IpvsAttributes.SVC_FLAGS, flags(0x4 | 0x20, 0x20)).u32(IpvsAttributes.SVC_TIMEOUT, 0)
                .u32BigEndian(IpvsAttributes.SVC_NETMASK, -1))));
        assertEquals(Set.of(SchedulerFlag.FLAG_3), e.service().schedulerFlags());
        assertEquals(false, e.service().onePacket(), "ONEPACKET is outside the mask");
    }

    @Test
    void ipv6FwmarkServiceReadsThePrefixLength() {
        ServiceEntry e = value(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 10)
                .u32(IpvsAttributes.SVC_FWMARK, 7).string(IpvsAttributes.SVC_SCHED_NAME, "wrr")
                .bytes(IpvsAttributes.SVC_FLAGS, flags(0x3, -1)).u32(IpvsAttributes.SVC_TIMEOUT, 600)
                .u32(IpvsAttributes.SVC_NETMASK, 64))));
        assertEquals(VirtualService.of(new ServiceKey.Fwmark(7, AddressFamily.INET6), "wrr")
                .withPersistence(new Persistence(600, 64)), e.service());
    }

    @Test
    void stats64IsPreferredAndStatsAloneIsRead() {
        Consumer<NetlinkMessageBuilder> narrow = b -> b.nested(IpvsAttributes.SVC_STATS, s -> s
                .u32(1, 11).u32(2, 12).u32(3, 13).u64(4, 14).u64(5, 15)
                .u32(6, 16).u32(7, 17).u32(8, 18).u32(9, 19).u32(10, 20));
        Consumer<NetlinkMessageBuilder> wide = b -> b.nested(IpvsAttributes.SVC_STATS64, s -> s
                .u64(1, 5_000_000_000L).u64(2, 2).u64(3, 3).u64(4, 4).u64(5, 5)
                .u64(6, 6).u64(7, 7).u64(8, 8).u64(9, 9).u64(10, 10));
        ServiceEntry both = value(IpvsReplies.service(service(b -> {
            webService(b, "rr", 0x2, 0, -1);
            narrow.accept(b);
            wide.accept(b);
        })));
        assertEquals(new Stats(5_000_000_000L, 2, 3, 4, 5, 6, 7, 8, 9, 10), both.stats());
        ServiceEntry old = value(IpvsReplies.service(service(b -> {
            webService(b, "rr", 0x2, 0, -1);
            narrow.accept(b);
        })));
        assertEquals(new Stats(11, 12, 13, 14, 15, 16, 17, 18, 19, 20), old.stats());
    }

    @Test
    void incompleteServicesAreMalformed() {
        assertMalformed(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 7))), "AF");
        assertMalformed(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 2)
                .string(IpvsAttributes.SVC_SCHED_NAME, "rr"))), "FWMARK");
        assertMalformed(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 2)
                .u16(IpvsAttributes.SVC_PROTOCOL, 6).bytes(IpvsAttributes.SVC_ADDR, WEB_ADDR)
                .u16BigEndian(IpvsAttributes.SVC_PORT, 80))), "SCHED_NAME");
        assertMalformed(IpvsReplies.service(service(b -> webService(b, "rr", 0x1, 0, -1))), "timeout 0");
        assertMalformed(IpvsReplies.service(reply(1, b -> b.u32(9, 1))), "IPVS_CMD_ATTR_SERVICE");
        assertMalformed(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 2)
                .u16(IpvsAttributes.SVC_PROTOCOL, 99).bytes(IpvsAttributes.SVC_ADDR, WEB_ADDR)
                .u16BigEndian(IpvsAttributes.SVC_PORT, 80))), "PROTOCOL");
    }

    static GenlMessage dest(Consumer<NetlinkMessageBuilder> nest) {
        return reply(IpvsCommand.NEW_DEST.id(), b -> b.nested(IpvsAttributes.CMD_DEST, nest));
    }

    static void destAttributes(NetlinkMessageBuilder b, String address, int port, int fwd, int weight) {
        IpAddress a = IpAddress.of(address);
        b.bytes(IpvsAttributes.DEST_ADDR, Arrays.copyOf(a.toBytes(), 16)).u16BigEndian(IpvsAttributes.DEST_PORT, port)
                .u32(IpvsAttributes.DEST_FWD_METHOD, fwd).u32(IpvsAttributes.DEST_WEIGHT, weight)
                .u32(IpvsAttributes.DEST_U_THRESH, 1000).u32(IpvsAttributes.DEST_L_THRESH, 500)
                .u32(IpvsAttributes.DEST_ACTIVE_CONNS, 3).u32(IpvsAttributes.DEST_INACT_CONNS, 7)
                .u32(IpvsAttributes.DEST_PERSIST_CONNS, 2);
    }

    @Test
    void destinationReadsSettingsCountsAndCounters() {
        DestinationEntry e = value(IpvsReplies.destination(dest(b -> {
            destAttributes(b, "192.168.1.10", 8080, 0, 100);
            b.nested(IpvsAttributes.DEST_STATS64, s -> s.u64(1, 9).u64(4, 1 << 20));
        }), AddressFamily.INET));
        assertEquals(new DestinationEntry(Destination.of("192.168.1.10", 8080, ForwardMethod.MASQ, 100)
                .withThresholds(1000, 500), 3, 7, 2, new Stats(9, 0, 0, 1 << 20, 0, 0, 0, 0, 0, 0)), e);
    }

    @Test
    void destinationFamilyComesFromAddrFamilyOrTheService() {
        DestinationEntry v4InV6 = value(IpvsReplies.destination(dest(b -> {
            b.u16(IpvsAttributes.DEST_ADDR_FAMILY, 2);
            destAttributes(b, "10.1.1.1", 80, 2, 1);
        }), AddressFamily.INET6));
        assertEquals(IpAddress.of("10.1.1.1"), v4InV6.destination().address());
        assertEquals(ForwardMethod.TUNNEL, v4InV6.destination().forward());
        DestinationEntry v6 = value(IpvsReplies.destination(dest(b -> destAttributes(b, "2001:db8::10", 80, 3, 1)),
                AddressFamily.INET6));
        assertEquals(IpAddress.of("2001:db8::10"), v6.destination().address());
    }

    @Test
    void forwardingBitsOutsideTheMaskAreIgnoredButBypassIsRefused() {
        DestinationEntry local = value(IpvsReplies.destination(dest(b -> destAttributes(b, "127.0.0.1", 80, 0x101, 1)),
                AddressFamily.INET));
        assertEquals(ForwardMethod.LOCALNODE, local.destination().forward());
        assertMalformed(IpvsReplies.destination(dest(b -> destAttributes(b, "10.0.0.1", 80, 4, 1)), AddressFamily.INET),
                "forwarding method 4");
    }

    @Test
    void incompleteDestinationsAreMalformed() {
        assertMalformed(IpvsReplies.destination(dest(b -> b.bytes(IpvsAttributes.DEST_ADDR, new byte[16])),
                AddressFamily.INET), "lacks");
        assertMalformed(IpvsReplies.destination(reply(5, b -> b.u32(9, 1)), AddressFamily.INET), "IPVS_CMD_ATTR_DEST");
        assertMalformed(IpvsReplies.destination(dest(b -> {
            b.u16(IpvsAttributes.DEST_ADDR_FAMILY, 10);
            b.bytes(IpvsAttributes.DEST_ADDR, new byte[4]);
        }), AddressFamily.INET), "lacks");
    }

    @Test
    void tunnelSettingsAreReadWhenPresent() {
        GenlMessage gue = dest(b -> {
            destAttributes(b, "192.168.1.12", 53, 2, 1);
            b.u8(IpvsAttributes.DEST_TUN_TYPE, 1).u16BigEndian(IpvsAttributes.DEST_TUN_PORT, 6080)
                    .u16(IpvsAttributes.DEST_TUN_FLAGS, Tunnel.REMCSUM);
        });
        assertEquals(Optional.of(new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.REMCSUM)), IpvsReplies.tunnel(gue));
        assertEquals(Optional.empty(), IpvsReplies.tunnel(dest(b -> destAttributes(b, "10.0.0.1", 80, 2, 1))));
    }

    @Test
    void infoAndTimeouts() {
        assertEquals(new IpvsInfo(0x010201, 4096), value(IpvsReplies.info(reply(IpvsCommand.SET_INFO.id(),
                b -> b.u32(IpvsAttributes.INFO_VERSION, 0x010201).u32(IpvsAttributes.INFO_CONN_TAB_SIZE, 4096)))));
        assertMalformed(IpvsReplies.info(reply(14, b -> b.u32(IpvsAttributes.INFO_VERSION, 1))), "CONN_TAB_SIZE");
        assertEquals(new IpvsTimeouts(900, 120, 300), value(IpvsReplies.timeouts(reply(IpvsCommand.SET_CONFIG.id(),
                b -> b.u32(4, 900).u32(5, 120).u32(6, 300)))));
        assertMalformed(IpvsReplies.timeouts(reply(12, b -> b.u32(4, 900))), "timeout");
    }

    @Test
    void sctpAndUdpProtocolsAreRecognised() {
        for (Protocol p : Protocol.values()) {
            ServiceEntry e = value(IpvsReplies.service(service(b -> b.u16(IpvsAttributes.SVC_AF, 2)
                    .u16(IpvsAttributes.SVC_PROTOCOL, p.number()).bytes(IpvsAttributes.SVC_ADDR, WEB_ADDR)
                    .u16BigEndian(IpvsAttributes.SVC_PORT, 9000).string(IpvsAttributes.SVC_SCHED_NAME, "rr")
                    .bytes(IpvsAttributes.SVC_FLAGS, flags(0, -1)).u32(IpvsAttributes.SVC_TIMEOUT, 0)
                    .u32BigEndian(IpvsAttributes.SVC_NETMASK, -1))));
            assertEquals(new ServiceKey.Inet(p, IpAddress.of("10.0.0.100"), 9000), e.key());
        }
    }

    @Test
    void runningDaemonsAreRead() {
        GenlMessage master = reply(IpvsCommand.NEW_DAEMON.id(), b -> b.nested(IpvsAttributes.CMD_DAEMON, n -> n
                .u32(IpvsAttributes.DAEMON_STATE, 1).string(IpvsAttributes.DAEMON_MCAST_IFN, "eth0")
                .u32(IpvsAttributes.DAEMON_SYNC_ID, 9).u16(IpvsAttributes.DAEMON_SYNC_MAXLEN, 1472)
                .u16(IpvsAttributes.DAEMON_MCAST_PORT, 8848).u8(IpvsAttributes.DAEMON_MCAST_TTL, 1)
                .bytes(IpvsAttributes.DAEMON_MCAST_GROUP, IpAddress.of("224.0.0.81").toBytes())));
        assertEquals(new SyncDaemon(SyncDaemon.State.MASTER, "eth0", 9, 1472, Optional.of(IpAddress.of("224.0.0.81")),
                8848, 1), value(IpvsReplies.daemon(master)));
        GenlMessage v6 = reply(IpvsCommand.NEW_DAEMON.id(), b -> b.nested(IpvsAttributes.CMD_DAEMON, n -> n
                .u32(IpvsAttributes.DAEMON_STATE, 2).string(IpvsAttributes.DAEMON_MCAST_IFN, "eth1")
                .u32(IpvsAttributes.DAEMON_SYNC_ID, 0)
                .bytes(IpvsAttributes.DAEMON_MCAST_GROUP6, IpAddress.of("ff02::81").toBytes())));
        assertEquals(new SyncDaemon(SyncDaemon.State.BACKUP, "eth1", 0, 0, Optional.of(IpAddress.of("ff02::81")), 0, 0),
                value(IpvsReplies.daemon(v6)));
        assertMalformed(IpvsReplies.daemon(reply(IpvsCommand.NEW_DAEMON.id(), b -> b.nested(IpvsAttributes.CMD_DAEMON,
                n -> n.u32(IpvsAttributes.DAEMON_STATE, 3)))), "STATE");
    }
}
