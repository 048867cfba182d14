package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.NetlinkMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replays a conversation recorded from Linux 6.1's IPVS ({@link KernelCaptureVmTest} in the
 * IPVS VM): every request Vigil builds must equal the recorded one byte for byte, and the
 * kernel's real replies and errnos must decode to the outcomes it gave live.
 */
class CapturedKernelRepliesTest {

    private static final KernelTranscript CAPTURE = KernelTranscript.load("kernel-6.1-capture.txt");
    private static final KernelTranscript COUNTERS = KernelTranscript.load("kernel-6.1-counters.txt");

    /** {@code ipvsadm -S -n} of the table the scenario leaves before its final deletes. */
    private static final List<String> SAVED = List.of(
            "  -A -t 10.0.0.100:80 -s rr",
            "  -a -t 10.0.0.100:80 -r 192.168.1.10:80 -g -w 0",
            "  -a -t 10.0.0.100:80 -r 192.168.1.12:8080 -m -w 100",
            "  -A -t 10.0.0.100:443 -s sh -p 300 -M 255.255.255.0 -b sh-fallback,sh-port",
            "  -a -t 10.0.0.100:443 -r 192.168.1.10:8443 -m -w 100",
            "  -A -u 10.0.0.100:53 -s rr -o",
            "  -a -u 10.0.0.100:53 -r 192.168.1.12:53 -i -w 1 --tun-type ipip",
            "  -A --sctp-service 10.0.0.100:9000 -s lc",
            "  -a --sctp-service 10.0.0.100:9000 -r 127.0.0.1:9000 -g -w 1",
            "  -A -t [2001:db8::1]:80 -s mh -b mh-port",
            "  -a -t [2001:db8::1]:80 -r 10.1.1.1:80 -i -w 1 --tun-type ipip",
            "  -a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m -w 3",
            "  -A -f 7 -6 -s wrr -p 600 -M 64",
            "  -a -f 7 -6 -r [2001:db8::10]:0 -g -w 5");

    @Test
    void replayGivesTheKernelsOutcomesWithIdenticalRequests() throws Exception {
        assertTrue(CAPTURE.exchanges().size() > 40, "exchanges: " + CAPTURE.exchanges().size());
        ScriptedKernel kernel = new ScriptedKernel(CAPTURE.exchanges());
        List<String> outcomes;
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            outcomes = KernelScenario.run(backend);
            assertEquals(IpvsInfo.DEFAULT, backend.info());
        }
        assertTrue(kernel.finished(), "every recorded exchange was replayed");
        assertEquals(CAPTURE.outcomes(), outcomes);
        assertTrue(outcomes.containsAll(KernelScenario.EXPECTED));
        int save = outcomes.indexOf("save:");
        assertEquals(SAVED, outcomes.subList(save + 1, save + 1 + SAVED.size()));
    }

    @Test
    void everyRecordedDumpMessageDecodes() {
        List<ServiceEntry> services = new ArrayList<>();
        int destinations = 0;
        for (KernelExchange exchange : CAPTURE.exchanges()) {
            int command = exchange.request()[16] & 0xff;
            for (byte[] reply : exchange.replies()) {
                for (NetlinkMessage m : NetlinkMessage.split(reply, reply.length).messages()) {
                    GenlMessage genl = GenlMessage.decode(m, 0).orElseThrow();
                    if (command == IpvsCommand.GET_SERVICE.id()) {
                        services.add(IpvsRepliesTest.value(IpvsReplies.service(genl)));
                        assertEquals(IpvsCommand.NEW_SERVICE.id(), genl.command());
                    } else if (command == IpvsCommand.GET_DEST.id()) {
                        assertInstanceOf(Decoded.Value.class, IpvsReplies.destination(genl, AddressFamily.INET6));
                        assertEquals(IpvsCommand.NEW_DEST.id(), genl.command());
                        destinations++;
                    }
                }
            }
        }
        assertEquals(6, services.size(), "one snapshot of six services, one of an empty table");
        assertEquals(8, destinations);
    }

    @Test
    void theKernelSendsBothCounterNestsAndTheGueTunnel() {
        boolean sawGue = false;
        for (KernelExchange exchange : CAPTURE.exchanges()) {
            if ((exchange.request()[16] & 0xff) != IpvsCommand.GET_DEST.id()) {
                continue;
            }
            for (byte[] reply : exchange.replies()) {
                GenlMessage genl = GenlMessage.decode(NetlinkMessage.split(reply, reply.length).messages().getFirst(), 0)
                        .orElseThrow();
                var nest = genl.attributes().nested(IpvsAttributes.CMD_DEST).orElseThrow();
                assertTrue(nest.first(IpvsAttributes.DEST_STATS).isPresent() && nest.first(IpvsAttributes.DEST_STATS64)
                        .isPresent(), "Linux 6.1 sends STATS and STATS64");
                sawGue |= IpvsReplies.tunnel(genl).equals(Optional.of(KernelScenario.GUE));
            }
        }
        assertTrue(sawGue, "the GUE destination's tunnel settings come back");
    }

    @Test
    void countersOfRealTrafficDecode() throws Exception {
        ScriptedKernel kernel = new ScriptedKernel(COUNTERS.exchanges());
        VirtualTable table;
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(kernel))) {
            table = backend.snapshot();
        }
        assertTrue(kernel.finished());
        assertEquals(COUNTERS.outcomes(), List.of(table.toString()));
        ServiceEntry local = table.service(IpvsVm.LOCAL).orElseThrow();
        Stats s = local.stats();
        assertEquals(IpvsVm.CONNECTIONS, s.connections());
        assertTrue(s.inPackets() >= 3L * IpvsVm.CONNECTIONS && s.outPackets() > 0, s.toString());
        assertTrue(s.inBytes() >= 1000L * IpvsVm.CONNECTIONS && s.outBytes() > 0, s.toString());
        DestinationEntry d = local.destinations().getFirst();
        assertEquals(s.connections(), d.stats().connections(), "one destination: its counters are the service's");
        assertEquals(s.inBytes(), d.stats().inBytes());
        assertEquals(IpvsVm.CONNECTIONS, d.inactiveConnections() + d.activeConnections());
    }
}
