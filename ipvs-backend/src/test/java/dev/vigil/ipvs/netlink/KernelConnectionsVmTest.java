package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil ctl ipvs -L -n -c} for the kernel backend: the rows read from
 * /proc/net/ip_vs_conn, printed by {@link IpvsadmFormat#connections}, against ipvsadm's own
 * {@code -L -n -c} with live connections (IPv4 and IPv6, held open and closed, a persistence
 * template, UDP) made from this VM through its services.
 */
@Tag(IpvsVm.TAG)
class KernelConnectionsVmTest {

    private static final int PORT = 18090;
    private static final int PERSISTENT_PORT = 18091;
    private static final int UDP_PORT = 18053;
    /** Expiry counts down each second; a listing is compared only between two equal reads. */
    private static final int ROUNDS = 30;

    @Test
    void theListingIsIpvsadmsByteForByte() throws Exception {
        IpvsVm.assumeKernelIpvs();
        IpvsVm.shell("ip addr add 10.0.2.100/32 dev lo 2>/dev/null; ip addr add fd00::100/128 dev lo 2>/dev/null; "
                + "ip -6 addr add fd00::15/64 dev eth0 nodad 2>/dev/null; true");
        List<AutoCloseable> open = new CopyOnWriteArrayList<>();
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.open();
                ServerSocket server = new ServerSocket(PORT);
                DatagramSocket udpServer = new DatagramSocket(UDP_PORT)) {
            assertTrue(backend.flush().isOk());
            service(backend, VirtualService.of(ServiceKey.tcp("10.0.2.100", PORT), "rr"), "10.0.2.15", PORT);
            service(backend, VirtualService.of(ServiceKey.tcp("10.0.2.100", PERSISTENT_PORT), "rr")
                    .withPersistence(Persistence.perClient(120, AddressFamily.INET)), "10.0.2.15", PORT);
            service(backend, VirtualService.of(ServiceKey.udp("10.0.2.100", UDP_PORT), "rr"), "10.0.2.15", UDP_PORT);
            service(backend, VirtualService.of(ServiceKey.tcp("fd00::100", PORT), "rr"), "fd00::15", PORT);
            Thread.ofVirtual().start(() -> acceptAndHold(server, open));

            open.add(connect("10.0.2.100", PORT));
            open.add(connect("fd00::100", PORT));
            connect("10.0.2.100", PORT).close();
            connect("10.0.2.100", PERSISTENT_PORT).close();
            try (DatagramSocket client = new DatagramSocket()) {
                client.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName("10.0.2.100"), UDP_PORT));
            }

            List<ConnectionRow> rows = null;
            String ipvsadm = null;
            for (int round = 0; round < ROUNDS && rows == null; round++) {
                List<ConnectionRow> before = value(KernelConnections.read());
                String printed = IpvsVm.run(List.of("ipvsadm", "-L", "-n", "-c"));
                if (before.equals(value(KernelConnections.read()))) {
                    rows = before;
                    ipvsadm = printed;
                }
            }
            assertTrue(rows != null, "the table changed during every one of " + ROUNDS + " rounds");
            System.out.print("ipvsadm -L -n -c:\n" + ipvsadm);
            assertEquals(ipvsadm, IpvsadmFormat.connections(rows, false));
            assertTrue(rows.stream().anyMatch(r -> r.state().equals("ESTABLISHED") && !r.client().isIpv4()));
            assertTrue(rows.stream().anyMatch(r -> r.state().equals("ESTABLISHED") && r.client().isIpv4()));
            assertTrue(rows.stream().anyMatch(r -> r.protocol().equals("UDP")));
            assertTrue(rows.stream().anyMatch(r -> r.virtualPort() == PERSISTENT_PORT && r.clientPort() == 0),
                    "the persistence template");
            assertEquals(value(backend.connections()).size(), rows.size(), "the backend reads the same file");
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
            try (NetlinkIpvsBackend cleanup = NetlinkIpvsBackend.open()) {
                cleanup.flush();
            }
        }
    }

    private static void service(NetlinkIpvsBackend backend, VirtualService service, String server, int port) {
        assertTrue(backend.addService(service).isOk(), service::toString);
        assertTrue(backend.addDestination(service.key(), Destination.of(server, port, ForwardMethod.MASQ, 1)).isOk());
    }

    private static Socket connect(String address, int port) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address, port), 10_000);
        return socket;
    }

    private static void acceptAndHold(ServerSocket server, List<AutoCloseable> open) {
        try {
            while (!server.isClosed()) {
                open.add(server.accept());
            }
        } catch (java.io.IOException closed) {
            // The test is over.
        }
    }

    private static <T> T value(KernelReply<T> reply) {
        if (reply instanceof KernelReply.Value<T> v) {
            return v.value();
        }
        throw new AssertionError("reading the kernel failed: " + reply);
    }
}
