package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.decode;
import static dev.vigil.vrrp.runtime.Packets.decoded;
import static dev.vigil.vrrp.runtime.Packets.ipv4;
import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.IpsecAhPacketEncoder;
import dev.vigil.vrrp.codec.Ipv4HeaderFields;
import dev.vigil.vrrp.codec.Ipv4PacketEncoder;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import dev.vigil.vrrp.runtime.PacketReceiver.RawPacket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dispatch by socket, VRID and unicast peer; refused packets land on the instance they name. */
class PacketDispatcherTest {

    private static final InetAddress VIP = v4("10.0.0.100");
    private static final SocketKey ETH0 = new SocketKey("eth0", AddressFamily.IPV4);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeVrrpIo io = new FakeVrrpIo(v4("10.0.0.1"), null);
    private final RecordingListener listener = new RecordingListener();

    private InstanceDriver driver(VrrpInstanceSettings settings) {
        InstanceDriver driver = new InstanceDriver(settings, io.advertSender(settings), io.vipApplier(settings),
                io.announcer(settings), clock, listener);
        driver.start(true);
        return driver;
    }

    private static VrrpInstanceSettings v3(String name, String interfaceName, int vrid) {
        return VrrpInstanceSettings.of(name, interfaceName, vrid, VrrpVersion.V3, 100, 100,
                List.of(VirtualAddress.of(VIP, 24)));
    }

    private static Advertisement advert(int vrid) {
        return Advertisement.v3(vrid, 200, 100, AddressFamily.IPV4, List.of(VIP));
    }

    @Test
    void advertsGoToTheInstanceWithTheirVridOnTheirSocket() {
        InstanceDriver a = driver(v3("A", "eth0", 1));
        InstanceDriver b = driver(v3("B", "eth0", 2));
        InstanceDriver c = driver(v3("C", "eth1", 2));
        PacketDispatcher dispatcher = new PacketDispatcher(List.of(a, b, c), listener);
        assertEquals(2, dispatcher.sockets().size());
        dispatcher.dispatch(ETH0, decoded(advert(2), v4("10.0.0.2")), 2);
        dispatcher.dispatch(ETH0, decoded(advert(2), v4("10.0.0.2")), 2);
        dispatcher.dispatch(ETH0, decoded(advert(9), v4("10.0.0.2")), 9);
        assertEquals(0, a.snapshot().statistics().advertsReceived());
        assertEquals(2, b.snapshot().statistics().advertsReceived());
        assertEquals(0, c.snapshot().statistics().advertsReceived());
        assertEquals(1, dispatcher.unknownVridAdverts());
    }

    @Test
    void duplicateVridsWithDisjointPeersAreSplitBySource() {
        InstanceDriver first = driver(v3("P1", "eth0", 5).withUnicast(v4("10.0.0.1"), List.of(UnicastPeer.of(v4("10.0.0.2")))));
        InstanceDriver second = driver(v3("P2", "eth0", 5).withUnicast(v4("10.0.0.1"), List.of(UnicastPeer.of(v4("10.0.0.3")))));
        PacketDispatcher dispatcher = new PacketDispatcher(List.of(first, second), listener);
        byte[] toUs = Ipv4PacketEncoder.encode(advert(5),
                new Ipv4HeaderFields(1, 255, v4("10.0.0.3"), v4("10.0.0.1")), false);
        dispatcher.dispatch(ETH0, decode(toUs), 5);
        assertEquals(0, first.snapshot().statistics().advertsReceived());
        assertEquals(1, second.snapshot().statistics().advertsReceived());
    }

    @Test
    void refusedPacketsAreCountedOnTheInstanceTheirVridNamesOrAsUnattributed() {
        InstanceDriver a = driver(v3("A", "eth0", 1));
        PacketDispatcher dispatcher = new PacketDispatcher(List.of(a), listener);
        byte[] bad = ipv4(advert(1), v4("10.0.0.2"));
        bad[bad.length - 1] ^= 1;
        RawPacket raw = new RawPacket(bad, RxMeta.ipv4WithHeader());
        dispatcher.dispatch(ETH0, decode(bad), ReceiveThread.vrid(raw));
        byte[] tiny = {0x45, 0, 0, 20};
        RawPacket short4 = new RawPacket(tiny, RxMeta.ipv4WithHeader());
        assertEquals(-1, ReceiveThread.vrid(short4));
        dispatcher.dispatch(ETH0, decode(tiny), ReceiveThread.vrid(short4));
        assertEquals(Map.of(RejectReason.BAD_CHECKSUM_V3, 1L), a.snapshot().statistics().packetRejects());
        assertEquals(Map.of(RejectReason.TOO_SHORT_FOR_HEADER, 1L), dispatcher.unattributedRejects());
        assertTrue(listener.snapshot().contains("null rejected TOO_SHORT_FOR_HEADER"));
    }

    @Test
    void ipsecAhInstancesHaveTheirOwnSocketAndTheVridIsReadAfterTheAhHeader() {
        VrrpInstanceSettings plain = VrrpInstanceSettings.of("P", "eth0", 3, VrrpVersion.V2, 100, 100,
                List.of(VirtualAddress.of(VIP, 24)));
        VrrpInstanceSettings ah = VrrpInstanceSettings.of("AH", "eth0", 4, VrrpVersion.V2, 100, 100,
                List.of(VirtualAddress.of(VIP, 24))).withIpsecAh("secret");
        PacketDispatcher dispatcher = new PacketDispatcher(List.of(driver(plain), driver(ah)), listener);
        assertEquals(Set.of(ETH0, new SocketKey("eth0", AddressFamily.IPV4, true)), Set.copyOf(dispatcher.sockets()));
        byte[] packet = IpsecAhPacketEncoder.encode(Advertisement.v2(4, 100, AuthType.AH, AuthData.ZERO, 1,
                AddressFamily.IPV4, List.of(VIP)), new Ipv4HeaderFields(1, 255, v4("10.0.0.2"), v4("224.0.0.18")),
                AuthData.fromPassword("secret"), 1, false);
        assertEquals(4, ReceiveThread.vrid(new RawPacket(packet, RxMeta.ipv4WithHeader())));
    }
}
