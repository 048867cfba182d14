package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.packet.Ipv4Header;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.linux.testing.NetnsLab;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Raw VRRP-protocol sockets between two namespaces joined by a veth pair. */
@Tag("netns")
class RawSocketNetnsTest {

    private static final int VRRP = 112;
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** A VRRPv3-shaped payload: version/type, vrid 51, priority 100, count 1, interval, checksum, address. */
    private static final byte[] PAYLOAD = {0x31, 51, 100, 1, 0, 100, 0, 0, 10, (byte) 201, 0, 100};

    private NetnsLab lab;
    private String sender;
    private String receiver;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        sender = lab.namespace("tx");
        receiver = lab.namespace("rx");
        lab.veth(sender, "vtx", receiver, "vrx");
        lab.address(sender, "vtx", "10.201.0.1/24");
        lab.address(receiver, "vrx", "10.201.0.2/24");
        lab.address(sender, "vtx", "fd00:201::1/64", "nodad");
        lab.address(receiver, "vrx", "fd00:201::2/64", "nodad");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Inet4Address v4(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    private static Inet6Address v6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }

    @Test
    void ipv4MulticastArrivesWithTtl255AndSource() throws Exception {
        Inet4Address group = v4("224.0.0.18");
        int rxIndex = NetNamespace.call(receiver, () -> Interfaces.index("vrx"));
        int txIndex = NetNamespace.call(sender, () -> Interfaces.index("vtx"));
        try (RawIpv4Socket rx = NetNamespace.call(receiver, () -> RawIpv4Socket.open(VRRP));
                RawIpv4Socket tx = NetNamespace.call(sender, () -> RawIpv4Socket.open(VRRP))) {
            rx.bindToDevice("vrx");
            rx.joinGroup(group, rxIndex);
            tx.setMulticastInterface(txIndex);
            tx.send(ByteBuffer.wrap(PAYLOAD), v4("10.201.0.1"), group, txIndex);

            ReceivedIpv4 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no multicast datagram"));
            assertEquals(255, got.ttl());
            assertEquals(v4("10.201.0.1"), got.source());
            assertEquals(group, got.destination());
            assertEquals(VRRP, got.protocol());
            assertEquals(rxIndex, got.interfaceIndex());
            assertArrayEquals(PAYLOAD, toArray(got.payload()));
        }
    }

    @Test
    void ipv4UnicastArrivesWithTtl255() throws Exception {
        try (RawIpv4Socket rx = NetNamespace.call(receiver, () -> RawIpv4Socket.open(VRRP));
                RawIpv4Socket tx = NetNamespace.call(sender, () -> RawIpv4Socket.open(VRRP))) {
            tx.send(ByteBuffer.wrap(PAYLOAD), v4("10.201.0.1"), v4("10.201.0.2"), 0);
            ReceivedIpv4 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no unicast datagram"));
            assertEquals(255, got.ttl());
            assertEquals(v4("10.201.0.1"), got.source());
            assertEquals(v4("10.201.0.2"), got.destination());
            assertArrayEquals(PAYLOAD, toArray(got.payload()));
        }
    }

    @Test
    void headerIncludedDatagramKeepsCallersTosAndIdentification() throws Exception {
        Inet4Address group = v4("224.0.0.18");
        int rxIndex = NetNamespace.call(receiver, () -> Interfaces.index("vrx"));
        int txIndex = NetNamespace.call(sender, () -> Interfaces.index("vtx"));
        try (RawIpv4Socket rx = NetNamespace.call(receiver, () -> RawIpv4Socket.open(VRRP));
                RawIpv4Socket tx = NetNamespace.call(sender, () -> RawIpv4Socket.open(VRRP))) {
            rx.joinGroup(group, rxIndex);
            tx.setMulticastInterface(txIndex);
            tx.setHeaderIncluded(true);
            byte[] datagram = new Ipv4Header(0xC0, 0x4242, false, 255, VRRP, v4("10.201.0.1"), group)
                    .encode(ByteBuffer.wrap(PAYLOAD));
            tx.sendPacket(ByteBuffer.wrap(datagram));

            ReceivedIpv4 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no IP_HDRINCL datagram"));
            assertEquals(0xC0, got.tos());
            assertEquals(0x4242, (got.packet()[4] & 0xFF) << 8 | got.packet()[5] & 0xFF);
            assertEquals(255, got.ttl());
            assertEquals(v4("10.201.0.1"), got.source());
            assertArrayEquals(datagram, got.packet(), "the kernel kept our header byte for byte");
        }
    }

    @Test
    void ipv6MulticastArrivesWithHopLimitSourceAndDestination() throws Exception {
        Inet6Address group = v6("ff02::12");
        int rxIndex = NetNamespace.call(receiver, () -> Interfaces.index("vrx"));
        int txIndex = NetNamespace.call(sender, () -> Interfaces.index("vtx"));
        try (RawIpv6Socket rx = NetNamespace.call(receiver, () -> RawIpv6Socket.open(VRRP));
                RawIpv6Socket tx = NetNamespace.call(sender, () -> RawIpv6Socket.open(VRRP))) {
            rx.setChecksumOffset(6);
            tx.setChecksumOffset(6);
            rx.bindToDevice("vrx");
            rx.joinGroup(group, rxIndex);
            tx.setMulticastInterface(txIndex);
            tx.send(ByteBuffer.wrap(PAYLOAD), v6("fd00:201::1"), group, txIndex);

            ReceivedIpv6 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no IPv6 multicast datagram"));
            assertEquals(255, got.hopLimit());
            assertEquals(v6("fd00:201::1"), got.source());
            assertEquals(group, got.destination());
            assertEquals(rxIndex, got.interfaceIndex());
            assertEquals(PAYLOAD.length, got.payload().length);
            assertNotEquals(0, got.payload()[6] | got.payload()[7], "the kernel filled in the checksum");
            assertArrayEquals(Arrays.copyOf(PAYLOAD, 6), Arrays.copyOf(got.payload(), 6));
            assertArrayEquals(Arrays.copyOfRange(PAYLOAD, 8, 12), Arrays.copyOfRange(got.payload(), 8, 12));
        }
    }

    @Test
    void ipv6MulticastFromTheLinkLocalSourceAsVrrpv3SendsIt() throws Exception {
        Inet6Address group = v6("ff02::12");
        int rxIndex = NetNamespace.call(receiver, () -> Interfaces.index("vrx"));
        int txIndex = NetNamespace.call(sender, () -> Interfaces.index("vtx"));
        Inet6Address linkLocal = awaitLinkLocal(sender, txIndex);
        try (RawIpv6Socket rx = NetNamespace.call(receiver, () -> RawIpv6Socket.open(VRRP));
                RawIpv6Socket tx = NetNamespace.call(sender, () -> RawIpv6Socket.open(VRRP))) {
            rx.joinGroup(group, rxIndex);
            tx.send(ByteBuffer.wrap(PAYLOAD), linkLocal, group, txIndex);
            ReceivedIpv6 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no link-local datagram"));
            assertEquals(linkLocal, got.source());
            assertEquals(255, got.hopLimit());
            assertEquals(rxIndex, got.interfaceIndex());
        }
    }

    /** The interface's link-local address once duplicate address detection has finished. */
    private static Inet6Address awaitLinkLocal(String namespace, int index) throws Exception {
        try (RtNetlink rt = NetNamespace.call(namespace, RtNetlink::open)) {
            return Awaitility.await("link-local address out of DAD").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> rt.addresses(index).stream()
                            .filter(a -> a.address().isLinkLocalAddress())
                            .filter(a -> !a.flags().contains(AddressFlag.TENTATIVE))
                            .map(a -> (Inet6Address) a.address()).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }
    }

    @Test
    void ipv6UnicastArrivesWithHopLimit255() throws Exception {
        try (RawIpv6Socket rx = NetNamespace.call(receiver, () -> RawIpv6Socket.open(VRRP));
                RawIpv6Socket tx = NetNamespace.call(sender, () -> RawIpv6Socket.open(VRRP))) {
            tx.send(ByteBuffer.wrap(PAYLOAD), v6("fd00:201::1"), v6("fd00:201::2"), 0);
            ReceivedIpv6 got = rx.receive(WAIT).orElseThrow(() -> new AssertionError("no IPv6 unicast datagram"));
            assertEquals(255, got.hopLimit());
            assertEquals(v6("fd00:201::2"), got.destination());
            assertArrayEquals(PAYLOAD, got.payload());
        }
    }

    @Test
    void closeWakesABlockedReceiverAndTimeoutReturnsEmpty() throws Exception {
        RawIpv4Socket rx = NetNamespace.call(receiver, () -> RawIpv4Socket.open(VRRP));
        try {
            assertEquals(Optional.empty(), rx.receive(Duration.ofMillis(50)));
            assertTrue(rx.isOpen(), "a timeout leaves the socket open");
            CompletableFuture<Optional<ReceivedIpv4>> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return rx.receive(null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(blocked.isDone());
            rx.close();
            assertEquals(Optional.empty(), blocked.get(5, TimeUnit.SECONDS));
            assertFalse(rx.isOpen());
        } finally {
            rx.close();
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
