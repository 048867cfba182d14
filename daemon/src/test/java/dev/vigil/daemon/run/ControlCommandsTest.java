package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.control.ControlHandlers;
import dev.vigil.daemon.control.ControlRequest;
import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.controller.ControllerStatus;
import dev.vigil.daemon.signal.DumpFiles;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.TrackerState;
import dev.vigil.vrrp.runtime.InstanceStatistics;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCommandsTest {

    @TempDir
    Path dir;

    private final FakeDaemonView view = new FakeDaemonView();
    private ControlHandlers handlers;
    private int reloads;

    private static InstanceSnapshot snapshot(String name, VrrpState state, int priority, String master,
                                             long received) {
        InstanceStatistics stats = new InstanceStatistics(received, 7, 1, 0, 0, 0, 2,
                Map.of(RejectReason.TTL_NOT_255, 3L, RejectReason.TOO_LONG, 1L),
                Map.of(CheckReason.AUTH_FAILURE, 4L), Map.of(CheckReason.INTERVAL_MISMATCH, 5L));
        return new InstanceSnapshot(name, state, priority,
                Optional.ofNullable(master).map(InetAddress::ofLiteral), stats);
    }

    @BeforeEach
    void setUp() {
        view.settings = List.of(
                VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100,
                        List.of(VirtualAddress.of(InetAddress.ofLiteral("10.1.0.100"), 24))),
                VrrpInstanceSettings.of("VI_2", "eth1", 52, VrrpVersion.V2, 100, 100,
                        List.of(VirtualAddress.of(InetAddress.ofLiteral("10.2.0.100"), 32))));
        view.snapshots = List.of(snapshot("VI_1", VrrpState.MASTER, 150, null, 10),
                snapshot("VI_2", VrrpState.BACKUP, 100, "10.2.0.1", 20));
        view.status = new ControllerStatus(List.of(new ControllerStatus.VirtualServer("[10.1.0.100]:tcp:80", 1,
                true, 1, 0, 2, false, List.of(
                new ControllerStatus.RealServer("[10.1.0.2]:tcp:80", true, 1, 1, Optional.of(1), false, List.of()),
                new ControllerStatus.RealServer("[10.1.0.3]:tcp:80", false, 1, 1, Optional.empty(), false,
                        List.of())))));
        handlers = ControlCommands.of(view, new DumpFiles(dir), true, true, () -> {
            reloads++;
            return ControlResponse.failure(1, "not applied");
        }).register(new ControlHandlers());
    }

    private ControlResponse send(String command, String... args) {
        return handlers.dispatch(ControlRequest.of(command, args));
    }

    @Test
    void statusShowsEachInstanceAndServer() {
        ControlResponse response = send("status");
        assertTrue(response.ok());
        assertEquals("""
                VRRP instances:
                  VI_1 (eth0, vrid 51): MASTER, priority 150, master this node
                  VI_2 (eth1, vrid 52): BACKUP, priority 100, master 10.2.0.1
                Virtual servers:
                  [10.1.0.100]:tcp:80: quorum up (alive weight 2, quorum 1)
                    [10.1.0.2]:tcp:80: alive, weight 1
                    [10.1.0.3]:tcp:80: down, weight 1, not in the table
                """, response.text());
    }

    @Test
    void statusShowsSyncGroupsAndTrackers() {
        InstanceSnapshot plain = snapshot("VI_1", VrrpState.BACKUP, 90, "10.1.0.1", 10);
        view.snapshots = List.of(new InstanceSnapshot("VI_1", VrrpState.BACKUP, 90, plain.masterAddress(),
                plain.statistics(), List.of(
                new TrackerState("script chk_web", -60, false, "FAILED (exit 1)", -60, Optional.empty()),
                new TrackerState("interface eth3", 0, false, "down", 0, Optional.of("interface eth3 down"))),
                Optional.of("G1")), snapshot("VI_2", VrrpState.BACKUP, 100, "10.2.0.1", 20));
        ControlResponse response = send("status");
        assertTrue(response.text().startsWith("""
                VRRP instances:
                  VI_1 (eth0, vrid 51): BACKUP, priority 90, master 10.1.0.1, sync group G1
                    tracks script chk_web (weight -60): FAILED (exit 1), priority -60
                    tracks interface eth3 (weight 0): down, priority +0, FAULT: interface eth3 down
                  VI_2 (eth1, vrid 52): BACKUP, priority 100, master 10.2.0.1
                """), response.text());
        ControlResponse json = send("status", "--json");
        assertEquals("G1", json.data().at("/vrrp/0/syncGroup").asText());
        assertEquals("script chk_web", json.data().at("/vrrp/0/trackers/0/key").asText());
        assertEquals(-60, json.data().at("/vrrp/0/trackers/0/priorityDelta").asInt());
        assertEquals("interface eth3 down", json.data().at("/vrrp/0/trackers/1/fault").asText());
        assertEquals(0, json.data().at("/vrrp/1/trackers").size());
    }

    @Test
    void statusJsonCarriesTheSameData() {
        ControlResponse response = send("status", "--json");
        assertTrue(response.ok());
        assertEquals("MASTER", response.data().at("/vrrp/0/state").asText());
        assertEquals("10.2.0.1", response.data().at("/vrrp/1/master").asText());
        assertEquals(51, response.data().at("/vrrp/0/vrid").asInt());
        assertEquals("10.1.0.100/24", response.data().at("/vrrp/0/vips/0").asText());
        assertEquals(1, response.data().at("/vrrp/0/vips").size());
        assertEquals("10.2.0.100/32", response.data().at("/vrrp/1/vips/0").asText());
        assertTrue(response.data().at("/virtualServers/0/realServers/1/tableWeight").isNull());
        assertEquals(2, send("status", "--bogus").exitCode());
    }

    @Test
    void ipvsListsTheBackendTableAsIpvsadm() {
        FakeIpvsBackend backend = new FakeIpvsBackend();
        ServiceKey key = ServiceKey.tcp("10.1.0.100", 80);
        assertTrue(backend.addService(VirtualService.of(key, "wrr")).isOk());
        assertTrue(backend.addDestination(key, Destination.of("10.1.0.2", 80, ForwardMethod.MASQ, 1)).isOk());
        view.backend = backend;
        ControlResponse plain = send("ipvs", "-L", "-n");
        assertTrue(plain.ok(), plain::text);
        assertEquals(IpvsadmFormat.list(IpvsInfo.DEFAULT, backend.snapshot()), plain.text());
        assertTrue(plain.text().contains("TCP  10.1.0.100:80 wrr"), plain.text());
        assertEquals(IpvsadmFormat.list(IpvsInfo.DEFAULT, backend.snapshot(), ListFormat.STATS, false),
                send("ipvs", "-L", "-n", "--stats").text());
        assertEquals(IpvsadmFormat.list(IpvsInfo.DEFAULT, backend.snapshot(), ListFormat.RATE, false),
                send("ipvs", "-L", "-n", "--rate").text());
        ControlResponse noTable = send("ipvs", "-L", "-n", "-c");
        assertFalse(noTable.ok());
        assertTrue(noTable.text().contains("connection table"), noTable::text);
        List<dev.vigil.ipvs.listing.ConnectionRow> rows = List.of(new dev.vigil.ipvs.listing.ConnectionRow("TCP",
                dev.vigil.ipvs.IpAddress.parse("10.1.0.50").orElseThrow(), 40000,
                dev.vigil.ipvs.IpAddress.parse("10.1.0.100").orElseThrow(), 80,
                dev.vigil.ipvs.IpAddress.parse("10.1.0.2").orElseThrow(), 80, "ESTABLISHED", 899,
                java.util.Optional.empty(), java.util.Optional.empty()));
        view.connections = new DaemonView.ConnectionListing.Rows(rows);
        ControlResponse connections = send("ipvs", "-L", "-n", "-c");
        assertTrue(connections.ok(), connections::text);
        assertEquals(IpvsadmFormat.connections(rows, false), connections.text());
        assertTrue(connections.text().contains("10.1.0.50:40000"), connections::text);
        view.connections = new DaemonView.ConnectionListing.Unavailable("cannot list the kernel's connections: "
                + "/proc/net/ip_vs_conn does not exist");
        ControlResponse unreadable = send("ipvs", "-L", "-n", "-c");
        assertEquals(1, unreadable.exitCode());
        assertEquals("ipvs -L -c: cannot list the kernel's connections: /proc/net/ip_vs_conn does not exist",
                unreadable.text());
        assertEquals(2, send("ipvs", "-n").exitCode());
        assertEquals(2, send("ipvs", "-L", "--zap").exitCode());
    }

    @Test
    void ipvsWithoutBackendSaysWhy() {
        ControlResponse response = send("ipvs", "-L", "-n");
        assertEquals(1, response.exitCode());
        assertTrue(response.text().contains("no IPVS table"), response::text);
    }

    @Test
    void statsWritesKeepalivedStatsAndClearStartsFromZero() throws Exception {
        ControlResponse response = send("stats");
        assertTrue(response.ok(), response::text);
        String text = Files.readString(dir.resolve(DumpFiles.STATS));
        assertTrue(text.contains("VRRP Instance: VI_1\n  Advertisements:\n    Received: 10\n    Sent: 7\n"), text);
        assertTrue(text.contains("    Length: 1\n    TTL: 3\n"), text);
        assertTrue(send("stats", "--clear").ok());
        view.snapshots = List.of(snapshot("VI_1", VrrpState.MASTER, 150, null, 13),
                snapshot("VI_2", VrrpState.BACKUP, 100, "10.2.0.1", 20));
        assertTrue(send("stats").ok());
        String after = Files.readString(dir.resolve(DumpFiles.STATS));
        assertTrue(after.contains("VRRP Instance: VI_1\n  Advertisements:\n    Received: 3\n    Sent: 0\n"), after);
        assertTrue(after.contains("    TTL: 0\n"), after);
    }

    @Test
    void dumpWritesDataFilesAndJson() throws Exception {
        assertTrue(send("dump").ok());
        assertTrue(Files.readString(dir.resolve(DumpFiles.DATA)).contains("VI_2 (eth1, vrid 52): BACKUP"));
        assertTrue(Files.readString(dir.resolve(DumpFiles.CHECK_DATA)).contains("[10.1.0.3]:tcp:80: down"));
        assertTrue(send("dump", "--json").ok());
        String json = Files.readString(dir.resolve(DumpFiles.JSON));
        assertTrue(json.contains("\"iname\" : \"VI_1\""), json);
        assertTrue(json.contains("\"state\" : 2"), json);
        assertTrue(json.contains("\"10.1.0.100/24 dev eth0 scope global\""), json);
    }

    @Test
    void reloadIsForwarded() {
        ControlResponse response = send("reload");
        assertEquals(1, reloads);
        assertFalse(response.ok());
    }
}
