package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NIO transport forwards too (one listener per service, local VIPs only). */
class TransportFallbackTest {

    private static final String VIP = "127.0.0.10";

    @Test
    void nioForwardsWithPersistence() throws IOException {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(
                     ForwarderSettings.defaults().withEventLoops(2).withNativeTransport(false));
             LoopbackServer a = LoopbackServer.nameEcho("A", "127.0.0.21");
             LoopbackServer b = LoopbackServer.nameEcho("B", "127.0.0.22")) {
            assertEquals("nio", forwarder.transportName());
            ServiceKey.Inet key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
            VirtualService sticky = VirtualService.of(key, "rr").withPersistence(Persistence.perClient(300, AddressFamily.INET));
            assertTrue(forwarder.addService(sticky).isOk());
            assertTrue(forwarder.addDestination(key, Destination.of(a.address(), a.port(), ForwardMethod.MASQ, 1)).isOk());
            assertTrue(forwarder.addDestination(key, Destination.of(b.address(), b.port(), ForwardMethod.MASQ, 1)).isOk());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                names.add(Loopback.nameOfServerFor("127.0.0.51", VIP, key.port()));
            }
            assertEquals(List.of("B", "B", "B", "B"), names, "a persistence template holds the client");
            assertEquals("A", Loopback.nameOfServerFor("127.0.0.52", VIP, key.port()), "a new client goes on round-robin");
            assertTrue(forwarder.connections().stream().anyMatch(r -> r.clientPort() == 0 && r.state().equals("ASSURED")),
                    "the template shows as a row with client port 0");
        }
    }

    @Test
    void epollIsUsedWhereAvailable() {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1))) {
            assertEquals(io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio", forwarder.transportName());
        }
    }
}
