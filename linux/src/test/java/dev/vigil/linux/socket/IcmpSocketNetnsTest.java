package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.packet.IcmpEcho;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.linux.testing.RawSocketProbeMain;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ICMP echo sockets of both kinds and both families, between two namespaces joined by a
 * veth pair: the peer's kernel answers the requests.
 */
@Tag("netns")
class IcmpSocketNetnsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] PAYLOAD = "vigil icmp test payload".getBytes(StandardCharsets.US_ASCII);
    private static final String ALL_GROUPS = "0 2147483647";

    private NetnsLab lab;
    private String pinger;
    private String peer;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        pinger = lab.namespace("ping");
        peer = lab.namespace("peer");
        lab.veth(pinger, "vp0", peer, "vp1");
        lab.address(pinger, "vp0", "10.202.0.1/24");
        lab.address(peer, "vp1", "10.202.0.2/24");
        lab.address(pinger, "vp0", "fd00:202::1/64", "nodad");
        lab.address(peer, "vp1", "fd00:202::2/64", "nodad");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theDefaultGroupRangeRefusesPingSocketsEvenToRootSoOpenFallsBackToRaw() throws Exception {
        assertEquals("1\t0", lab.exec(pinger, "cat", "/proc/sys/net/ipv4/ping_group_range").strip());
        NativeException refused = assertThrows(NativeException.class,
                () -> NetNamespace.call(pinger, () -> IcmpSocket.openPing(IcmpSocket.Binding.any(false))));
        assertTrue(refused.is(Errno.EACCES), refused.getMessage());
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.open(IcmpSocket.Binding.any(false)))) {
            assertEquals(IcmpSocket.Kind.RAW, socket.kind());
        }
    }

    @Test
    void aWideGroupRangeGivesAPingSocket() throws Exception {
        lab.sysctl(pinger, "net.ipv4.ping_group_range", ALL_GROUPS);
        try (IcmpSocket v4 = NetNamespace.call(pinger, () -> IcmpSocket.open(IcmpSocket.Binding.any(false)));
                IcmpSocket v6 = NetNamespace.call(pinger, () -> IcmpSocket.open(IcmpSocket.Binding.any(true)))) {
            assertEquals(IcmpSocket.Kind.PING, v4.kind());
            assertEquals(IcmpSocket.Kind.PING, v6.kind());
        }
    }

    @Test
    void rawIpv4EchoIsAnsweredByThePeerKernel() throws Exception {
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(false)))) {
            IcmpEcho reply = exchange(socket, "10.202.0.2", 7);
            assertEquals(socket.identifier(), reply.identifier());
        }
    }

    @Test
    void rawReplyBytesAreTheKernelsEchoOfTheRequest() throws Exception {
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(false)))) {
            // A fixed identifier and payload: the kernel's reply must be the worked example of
            // IcmpEchoTest, checksum 2904 included.
            byte[] request = {8, 0, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'};
            socket.send(InetAddress.getByName("10.202.0.2"), request);
            ReceivedIcmp got = socket.receive(WAIT).orElseThrow(() -> new AssertionError("no reply"));
            assertArrayEquals(new byte[] {0, 0, 0x29, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'},
                    got.message());
            assertEquals(InetAddress.getByName("10.202.0.2"), got.source());
            assertFalse(got.truncated());
        }
    }

    @Test
    void rawIpv6EchoIsAnsweredByThePeerKernel() throws Exception {
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(true)))) {
            IcmpEcho reply = exchange(socket, "fd00:202::2", 8);
            assertEquals(IcmpEcho.Type.REPLY_V6, reply.type());
            assertEquals(socket.identifier(), reply.identifier());
        }
    }

    @Test
    void pingSocketsOfBothFamiliesGetTheirRepliesWithTheKernelsIdentifier() throws Exception {
        lab.sysctl(pinger, "net.ipv4.ping_group_range", ALL_GROUPS);
        for (String target : List.of("10.202.0.2", "fd00:202::2")) {
            boolean ipv6 = target.contains(":");
            try (IcmpSocket socket = NetNamespace.call(pinger,
                    () -> IcmpSocket.openPing(IcmpSocket.Binding.any(ipv6)))) {
                IcmpEcho reply = exchange(socket, target, 9);
                assertEquals(socket.identifier(), reply.identifier(), "the id the kernel assigned at bind");
            }
        }
    }

    @Test
    void aBoundSourceAndDeviceAreUsed() throws Exception {
        lab.address(pinger, "vp0", "10.202.0.11/24");
        IcmpSocket.Binding binding = new IcmpSocket.Binding(false,
                Optional.of(InetAddress.getByName("10.202.0.11")), Optional.of("vp0"), OptionalLong.of(7));
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.open(binding));
                IcmpSocket watcher = NetNamespace.call(peer, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(false)))) {
            exchange(socket, "10.202.0.2", 10);
            // The peer's kernel answered 10.202.0.11: the reply's destination is the bound source.
            assertTrue(lab.exec(peer, "ip", "neigh", "show", "10.202.0.11").contains("10.202.0.11"),
                    "the peer learnt the bound source address");
        }
    }

    @Test
    void blackholeAndUnreachableRoutesFailTheSend() throws Exception {
        lab.exec(pinger, "ip", "route", "add", "blackhole", "10.203.0.0/24");
        lab.exec(pinger, "ip", "route", "add", "unreachable", "10.204.0.0/24");
        try (IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(false)))) {
            byte[] request = IcmpEcho.request(false, socket.identifier(), 1, PAYLOAD).encode();
            NativeException blackhole = assertThrows(NativeException.class,
                    () -> socket.send(InetAddress.getByName("10.203.0.1"), request));
            assertTrue(blackhole.is(Errno.EINVAL), blackhole.getMessage());
            NativeException unreachable = assertThrows(NativeException.class,
                    () -> socket.send(InetAddress.getByName("10.204.0.1"), request));
            assertTrue(unreachable.is(Errno.EHOSTUNREACH), unreachable.getMessage());
            assertTrue(unreachable.getMessage().startsWith("sendto(ICMP echo to 10.204.0.1): EHOSTUNREACH"),
                    unreachable.getMessage());
        }
    }

    @Test
    void closeWakesABlockedReceiver() throws Exception {
        IcmpSocket socket = NetNamespace.call(pinger, () -> IcmpSocket.openRaw(IcmpSocket.Binding.any(false)));
        assertEquals(Optional.empty(), socket.receive(Duration.ofMillis(50)));
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.close();
        });
        assertEquals(Optional.empty(), socket.receive(null));
        assertFalse(socket.isOpen());
        closer.join();
    }

    @Test
    void withoutCapNetRawAndOutsideTheGroupRangeTheErrorNamesBoth() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "skipping: setpriv (util-linux) is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> probe = List.of("ip", "netns", "exec", pinger, "setpriv", "--bounding-set=-net_raw",
                "--inh-caps=-net_raw", "--", java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), RawSocketProbeMain.class.getName(), "icmp");
        NetnsLab.Result refused = NetnsLab.run(probe);
        assertEquals(3, refused.exitCode(), refused.stdout() + refused.stderr());
        String line = refused.stderr().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.startsWith("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP): EPERM (Operation not permitted): "
                + "no ping socket either: net.ipv4.ping_group_range \"1 0\" excludes gid 0"), line);
        assertTrue(line.endsWith("(needs CAP_NET_RAW)"), line);

        lab.sysctl(pinger, "net.ipv4.ping_group_range", ALL_GROUPS);
        NetnsLab.Result admitted = NetnsLab.run(probe);
        assertEquals(0, admitted.exitCode(), admitted.stderr());
        assertEquals("PING\ndone", admitted.stdout().strip(), "no privilege needed once the range admits us");
    }

    /** Sends one request with {@code sequence} to {@code target} and returns the matching reply. */
    private static IcmpEcho exchange(IcmpSocket socket, String target, int sequence) throws Exception {
        InetAddress address = InetAddress.getByName(target);
        socket.send(address, IcmpEcho.request(socket.isIpv6(), socket.identifier(), sequence, PAYLOAD).encode());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedIcmp> got = socket.receive(WAIT);
            if (got.isEmpty()) {
                continue;
            }
            IcmpEcho.Decoded decoded = IcmpEcho.decode(socket.isIpv6(), got.get().message(), 0,
                    got.get().message().length);
            if (decoded instanceof IcmpEcho.Echo(IcmpEcho echo) && echo.sequence() == sequence) {
                assertEquals(address, got.get().source());
                assertArrayEquals(PAYLOAD, echo.payload());
                assertEquals(IcmpEcho.Type.reply(socket.isIpv6()), echo.type());
                return echo;
            }
            assertInstanceOf(IcmpEcho.Echo.class, decoded, "only echo replies pass the filter");
        }
        throw new AssertionError("no echo reply from " + target);
    }
}
