package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.LinuxNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The backend over a scripted fake kernel: the exact request bytes of each operation, the
 * canned replies it reads and the errors it maps.
 */
class NetlinkIpvsBackendTest {

    private static final ServiceKey WEB = ServiceKey.tcp("10.0.0.100", 80);
    private static final ServiceKey DNS = ServiceKey.udp("10.0.0.100", 53);
    private static final Destination R1 = Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1);

    static KernelExchange lookup() {
        return KernelExchange.answered(GenlMessage.getFamily("IPVS").build(0, 0), List.of(
                new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, 0).genlHeader(Netlink.CTRL_CMD_NEWFAMILY, 2)
                        .string(Netlink.CTRL_ATTR_FAMILY_NAME, "IPVS").u16(Netlink.CTRL_ATTR_FAMILY_ID, 0x24)
                        .u32(Netlink.CTRL_ATTR_VERSION, 1).u32(Netlink.CTRL_ATTR_MAXATTR, 6).build(1, 7)));
    }

    static KernelExchange info() {
        return KernelExchange.answered(IpvsRequests.getInfo(IpvsRequestsTest.FAMILY).build(0, 0), List.of(
                new NetlinkMessageBuilder(0x24, 0).genlHeader(IpvsCommand.SET_INFO.id(), 1)
                        .u32(IpvsAttributes.INFO_VERSION, 0x010201).u32(IpvsAttributes.INFO_CONN_TAB_SIZE, 1 << 20)
                        .build(2, 7)));
    }

    static KernelExchange ok(NetlinkMessageBuilder request) {
        return KernelExchange.answered(request.build(0, 0), List.of());
    }

    static KernelExchange refused(NetlinkMessageBuilder request, int errno) {
        return KernelExchange.refused(request.build(0, 0), errno, Optional.empty());
    }

    private static List<KernelExchange> opening(KernelExchange... more) {
        List<KernelExchange> script = new ArrayList<>(List.of(lookup(), info()));
        script.addAll(List.of(more));
        return script;
    }

    @Test
    void openResolvesTheFamilyAndReadsInfo() throws Exception {
        ScriptedKernel kernel = new ScriptedKernel(opening());
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            assertEquals(new IpvsInfo(0x010201, 1 << 20), backend.info());
            assertEquals(0x24, backend.family().id());
        }
        assertTrue(kernel.finished());
        assertTrue(kernel.closed());
    }

    @Test
    void aKernelWithoutIpvsSaysSoAndNamesTheUserspaceBackend() {
        ScriptedKernel kernel = new ScriptedKernel(List.of(KernelExchange.refused(
                GenlMessage.getFamily("IPVS").build(0, 0), 2, Optional.empty())));
        IpvsUnavailableException e = assertThrows(IpvsUnavailableException.class,
                () -> NetlinkIpvsBackend.over(GenericNetlink.over(kernel)));
        assertEquals(IpvsProbe.Reason.NO_IPVS, e.reason());
        assertEquals("the kernel has no IPVS; use --backend userspace", e.getMessage());
        assertEquals(new IpvsProbe.Unavailable(IpvsProbe.Reason.NO_IPVS, NetlinkIpvsBackend.NO_IPVS), e.toProbe());
        assertTrue(kernel.closed(), "the channel is closed when opening fails");
    }

    @Test
    void withoutCapNetAdminOpeningFailsAsPermissionDenied() {
        ScriptedKernel kernel = new ScriptedKernel(List.of(lookup(),
                refused(IpvsRequests.getInfo(IpvsRequestsTest.FAMILY), 1)));
        IpvsUnavailableException e = assertThrows(IpvsUnavailableException.class,
                () -> NetlinkIpvsBackend.over(GenericNetlink.over(kernel)));
        assertEquals(IpvsProbe.Reason.PERMISSION_DENIED, e.reason());
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
        assertTrue(kernel.closed());
    }

    @Test
    void probeOfThisKernelAnswersWithoutThrowing() {
        IpvsProbe probe = NetlinkIpvsBackend.probe();
        boolean kernelHasIpvs = Files.exists(Path.of("/proc/net/ip_vs"));
        if (LinuxNative.isAvailable() && !kernelHasIpvs) {
            assertEquals(new IpvsProbe.Unavailable(IpvsProbe.Reason.NO_IPVS, NetlinkIpvsBackend.NO_IPVS), probe);
        } else if (probe instanceof IpvsProbe.Unavailable u) {
            assertTrue(!u.message().isBlank() && u.reason() != IpvsProbe.Reason.NO_IPVS, u.toString());
        } else {
            assertTrue(((IpvsProbe.Available) probe).info().connTableSize() > 0, probe.toString());
        }
    }

    @Test
    void addServiceSendsTheReferenceBytes() throws Exception {
        byte[] vector = KernelExchange.hex(IpvsRequestsTest.REFERENCE_VECTOR);
        vector[8] = 0; // the socket stamps the sequence number; scripts hold seq 0
        ScriptedKernel kernel = new ScriptedKernel(opening(KernelExchange.answered(vector, List.of())));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            assertEquals(IpvsResult.OK, backend.addService(VirtualService.of(WEB, "wlc")));
        }
        assertTrue(kernel.finished());
    }

    @Test
    void kernelErrorsBecomeTypedResultsAndTheIdempotentFormsUseThem() throws Exception {
        var f = IpvsRequestsTest.FAMILY;
        VirtualService web = VirtualService.of(WEB, "wlc");
        ScriptedKernel kernel = new ScriptedKernel(opening(
                refused(IpvsRequests.newService(f, web), 17),
                refused(IpvsRequests.newService(f, web), 17),
                refused(IpvsRequests.setDest(f, WEB, R1, Tunnel.IPIP), 2),
                ok(IpvsRequests.newDest(f, WEB, R1, Tunnel.IPIP)),
                refused(IpvsRequests.delDest(f, WEB, R1.key()), 3),
                refused(IpvsRequests.delService(f, DNS), 3),
                refused(IpvsRequests.setService(f, VirtualService.of(WEB, "nosuch")), 2)));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            IpvsResult.Failed exists = assertInstanceOf(IpvsResult.Failed.class, backend.addService(web));
            assertEquals(IpvsError.SERVICE_EXISTS, exists.error());
            assertTrue(exists.detail().startsWith("IPVS_CMD_NEW_SERVICE TCP 10.0.0.100:80: EEXIST"), exists.detail());
            assertTrue(exists.detail().contains("File exists"), exists.detail());
            assertEquals(IpvsResult.OK, backend.ensureService(web));
            assertEquals(IpvsResult.OK, backend.ensureDestination(WEB, R1));
            assertEquals(IpvsResult.OK, backend.removeDestination(WEB, R1.key()));
            assertEquals(IpvsResult.OK, backend.removeService(DNS));
            assertEquals(IpvsError.UNKNOWN_SCHEDULER, ((IpvsResult.Failed) backend.editService(
                    VirtualService.of(WEB, "nosuch"))).error());
        }
        assertTrue(kernel.finished());
        assertEquals(9, kernel.operations().size());
    }

    @Test
    void snapshotDumpsServicesThenEachServicesDestinationsInKernelOrder() throws Exception {
        var f = IpvsRequestsTest.FAMILY;
        byte[] webReply = serviceReply(WEB, "wlc");
        ScriptedKernel kernel = new ScriptedKernel(opening(
                KernelExchange.answered(IpvsRequests.dumpServices(f).build(0, 0),
                        List.of(webReply, serviceReply(DNS, "rr"))),
                KernelExchange.answered(IpvsRequests.dumpDests(f, WEB).build(0, 0), List.of(
                        destReply("192.168.1.11", 2), destReply("192.168.1.10", 1))),
                refused(IpvsRequests.dumpDests(f, DNS), 3)));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            VirtualTable table = backend.snapshot();
            assertEquals(1, table.services().size(), "DNS vanished between the dumps and is left out");
            List<Destination> dests = table.service(WEB).orElseThrow().destinations().stream()
                    .map(DestinationEntry::destination).toList();
            assertEquals(List.of(Destination.of("192.168.1.11", 80, ForwardMethod.DROUTE, 2).withThresholds(1000, 500),
                    Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1).withThresholds(1000, 500)), dests);
            assertEquals(3, table.service(WEB).orElseThrow().destinations().getFirst().activeConnections());
        }
        assertTrue(kernel.finished());
    }

    @Test
    void anUnreadableTableIsATypedFailureAndSnapshotThrowsWithTheReason() throws Exception {
        var f = IpvsRequestsTest.FAMILY;
        byte[] broken = new NetlinkMessageBuilder(0x24, 2).genlHeader(1, 1)
                .nested(IpvsAttributes.CMD_SERVICE, n -> n.u16(IpvsAttributes.SVC_AF, 2)).build(3, 7);
        ScriptedKernel kernel = new ScriptedKernel(opening(
                refused(IpvsRequests.dumpServices(f), 1),
                KernelExchange.answered(IpvsRequests.dumpServices(f).build(0, 0), List.of(broken)),
                refused(IpvsRequests.dumpServices(f), 12)));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            KernelReply.Failed<VirtualTable> denied = assertInstanceOf(KernelReply.Failed.class, backend.readTable());
            assertEquals(IpvsError.PERMISSION_DENIED, denied.error());
            KernelReply.Failed<VirtualTable> malformed = assertInstanceOf(KernelReply.Failed.class, backend.readTable());
            assertEquals(IpvsError.UNAVAILABLE, malformed.error());
            assertTrue(malformed.detail().contains("malformed"), malformed.detail());
            IllegalStateException e = assertThrows(IllegalStateException.class, backend::snapshot);
            assertTrue(e.getMessage().contains("Cannot allocate memory"), e.getMessage());
        }
    }

    @Test
    void timeoutsZeroAndFlush() throws Exception {
        var f = IpvsRequestsTest.FAMILY;
        byte[] config = new NetlinkMessageBuilder(0x24, 0).genlHeader(IpvsCommand.SET_CONFIG.id(), 1)
                .u32(4, 900).u32(5, 120).u32(6, 300).build(3, 7);
        ScriptedKernel kernel = new ScriptedKernel(opening(
                KernelExchange.answered(IpvsRequests.getConfig(f).build(0, 0), List.of(config)),
                ok(IpvsRequests.setConfig(f, new IpvsTimeouts(0, 0, 60))),
                ok(IpvsRequests.zero(f, Optional.of(WEB))),
                ok(IpvsRequests.zero(f, Optional.empty())),
                ok(IpvsRequests.flush(f))));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            assertEquals(new KernelReply.Value<>(new IpvsTimeouts(900, 120, 300)), backend.timeouts());
            assertEquals(IpvsResult.OK, backend.setTimeouts(new IpvsTimeouts(0, 0, 60)));
            assertEquals(IpvsResult.OK, backend.zero(Optional.of(WEB)));
            assertEquals(IpvsResult.OK, backend.zero(Optional.empty()));
            assertEquals(IpvsResult.OK, backend.flush());
        }
        assertTrue(kernel.finished());
    }

    private static byte[] serviceReply(ServiceKey key, String scheduler) {
        return new NetlinkMessageBuilder(0x24, Netlink.F_MULTI).genlHeader(IpvsCommand.NEW_SERVICE.id(), 1)
                .nested(IpvsAttributes.CMD_SERVICE, n -> {
                    ServiceKey.Inet inet = (ServiceKey.Inet) key;
                    n.u16(IpvsAttributes.SVC_AF, 2).u16(IpvsAttributes.SVC_PROTOCOL, inet.protocol().number())
                            .bytes(IpvsAttributes.SVC_ADDR, java.util.Arrays.copyOf(inet.address().toBytes(), 16))
                            .u16BigEndian(IpvsAttributes.SVC_PORT, inet.port())
                            .string(IpvsAttributes.SVC_SCHED_NAME, scheduler)
                            .bytes(IpvsAttributes.SVC_FLAGS, IpvsRepliesTest.flags(0x2, -1))
                            .u32(IpvsAttributes.SVC_TIMEOUT, 0).u32BigEndian(IpvsAttributes.SVC_NETMASK, -1);
                }).build(3, 7);
    }

    private static byte[] destReply(String address, int weight) {
        return new NetlinkMessageBuilder(0x24, Netlink.F_MULTI).genlHeader(IpvsCommand.NEW_DEST.id(), 1)
                .nested(IpvsAttributes.CMD_DEST, n -> IpvsRepliesTest.destAttributes(n, address, 80, 3, weight))
                .build(4, 7);
    }

    @Test
    void syncDaemonsStartStopAndList() throws Exception {
        var f = IpvsRequestsTest.FAMILY;
        SyncDaemon master = SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 9);
        byte[] running = new NetlinkMessageBuilder(0x24, Netlink.F_MULTI).genlHeader(IpvsCommand.NEW_DAEMON.id(), 1)
                .nested(IpvsAttributes.CMD_DAEMON, n -> n.u32(IpvsAttributes.DAEMON_STATE, 1)
                        .string(IpvsAttributes.DAEMON_MCAST_IFN, "eth0").u32(IpvsAttributes.DAEMON_SYNC_ID, 9))
                .build(3, 7);
        ScriptedKernel kernel = new ScriptedKernel(opening(
                ok(IpvsRequests.newDaemon(f, master)),
                refused(IpvsRequests.newDaemon(f, master), 17),
                KernelExchange.answered(IpvsRequests.dumpDaemons(f).build(0, 0), List.of(running)),
                ok(IpvsRequests.delDaemon(f, SyncDaemon.State.MASTER)),
                refused(IpvsRequests.delDaemon(f, SyncDaemon.State.MASTER), 3)));
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            assertEquals(IpvsResult.OK, backend.startSyncDaemon(master));
            IpvsResult.Failed again = assertInstanceOf(IpvsResult.Failed.class, backend.startSyncDaemon(master));
            assertTrue(again.detail().contains("EEXIST"), again.detail());
            assertEquals(new KernelReply.Value<>(List.of(master)), backend.syncDaemons());
            assertEquals(IpvsResult.OK, backend.stopSyncDaemon(SyncDaemon.State.MASTER));
            assertEquals(IpvsError.INVALID_ARGUMENT,
                    ((IpvsResult.Failed) backend.stopSyncDaemon(SyncDaemon.State.MASTER)).error());
        }
        assertTrue(kernel.finished());
    }
}
