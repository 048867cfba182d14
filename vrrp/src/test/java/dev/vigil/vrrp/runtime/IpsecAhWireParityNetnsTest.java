package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpDecoder;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.codec.VrrpWire;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Vigil's runtime configured like the keepalived of {@code keepalived-ah-captures.txt} (same
 * interface name and addresses, VRIDs, priorities, VIPs, AH passwords, one multicast and one
 * unicast instance) must put keepalived's bytes on the wire: its first AH advert of each
 * instance, IP ID 1 and AH sequence number 1, byte for byte, ICV included.
 */
@Tag("netns")
class IpsecAhWireParityNetnsTest {

    private static final Duration CAPTURE_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void runtimeSendsKeepalivedsAhAdverts() throws Exception {
        NetnsLab.assumeAvailable();
        Map<String, byte[]> keepalived = keepalivedCaptures();
        try (NetnsLab lab = new NetnsLab()) {
            String ka = lab.namespace("ka");
            String cap = lab.namespace("cap");
            lab.veth(ka, "vka", cap, "vcap");
            lab.address(ka, "vka", "10.77.0.1/24");
            lab.address(cap, "vcap", "10.77.0.2/24");
            int capIndex = NetNamespace.call(cap, () -> Interfaces.index("vcap"));
            try (RawIpv4Socket rx = NetNamespace.call(cap, () -> RawIpv4Socket.open(VrrpWire.PROTOCOL_AH))) {
                rx.bindToDevice("vcap");
                rx.joinGroup(VrrpWire.IPV4_GROUP, capIndex);
                VrrpRuntime runtime = new VrrpRuntime(instances(), new LinuxVrrpIo(), VrrpEventListener.NONE);
                Map<Integer, byte[]> firsts;
                try {
                    NetNamespace.run(ka, runtime::start);
                    firsts = capture(rx);
                } finally {
                    runtime.stop();
                }
                assertArrayEquals(keepalived.get("ah_mcast-vrid61-seq1"), firsts.get(61), hex(firsts.get(61)));
                assertArrayEquals(keepalived.get("ah_ucast-vrid62-seq1"), firsts.get(62), hex(firsts.get(62)));
            }
        }
    }

    private static List<VrrpInstanceSettings> instances() throws Exception {
        InetAddress self = InetAddress.getByName("10.77.0.1");
        return List.of(
                VrrpInstanceSettings.of("AH_MCAST", "vka", 61, VrrpVersion.V2, 150, 100, List.of(
                        VirtualAddress.of(InetAddress.getByName("10.77.6.100"), 24),
                        VirtualAddress.of(InetAddress.getByName("10.77.6.101"), 24))).withIpsecAh("vigilahpass"),
                VrrpInstanceSettings.of("AH_UCAST", "vka", 62, VrrpVersion.V2, 140, 100, List.of(
                        VirtualAddress.of(InetAddress.getByName("10.77.7.100"), 24))).withIpsecAh("short")
                        .withUnicast(self, List.of(UnicastPeer.of(InetAddress.getByName("10.77.0.2")))));
    }

    /** The first advert per VRID (the multicast one and the unicast one to 10.77.0.2). */
    private static Map<Integer, byte[]> capture(RawIpv4Socket rx) throws Exception {
        Map<Integer, byte[]> found = new HashMap<>();
        Instant deadline = Instant.now().plus(CAPTURE_WAIT);
        while (found.size() < 2 && Instant.now().isBefore(deadline)) {
            Optional<ReceivedIpv4> got = rx.receive(POLL);
            if (got.isPresent()) {
                byte[] bytes = got.get().packet();
                DecodeResult result = new VrrpDecoder().decode(bytes, RxMeta.ipv4WithHeader());
                Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "Vigil sent a bad packet: " + result);
                assertTrue(decoded.ipsecAh().isPresent());
                found.putIfAbsent(decoded.advert().vrid(), bytes);
            }
        }
        assertEquals(2, found.size(), "captured VRIDs " + found.keySet());
        return found;
    }

    private static Map<String, byte[]> keepalivedCaptures() throws IOException {
        Map<String, byte[]> out = KeepalivedCaptureBytes.byName("keepalived-ah-captures.txt");
        assertEquals(6, out.size(), "captures in the resource");
        return out;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "nothing captured" : "Vigil sent " + HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
