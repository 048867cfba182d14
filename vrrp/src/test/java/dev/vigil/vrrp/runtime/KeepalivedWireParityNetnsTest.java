package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.socket.ReceivedIpv6;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.ChecksumMatch;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.VrrpDecoder;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.codec.VrrpWire;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Vigil's runtime configured exactly like the keepalived of {@code keepalived-captures.txt}
 * (same interface name, addresses, VRIDs, priorities, intervals, password) must put the same
 * bytes on the wire: its first IPv4 adverts byte for byte, IP ID and header checksum included
 * (both count IDs from 1); its resignations on stop except for the ID (and so the header
 * checksum); IPv6 everything but the checksum, which depends on the link-local source.
 */
@Tag("netns")
class KeepalivedWireParityNetnsTest {

    private static final Duration CAPTURE_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    @Test
    void runtimeSendsWhatKeepalivedSends() throws Exception {
        NetnsLab.assumeAvailable();
        Map<String, byte[]> keepalived = keepalivedCaptures();
        try (NetnsLab lab = new NetnsLab()) {
            String ka = lab.namespace("ka");
            String cap = lab.namespace("cap");
            for (String ns : List.of(ka, cap)) {
                lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
                lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            }
            lab.veth(ka, "vka", cap, "vcap");
            lab.address(ka, "vka", "10.77.0.1/24");
            lab.address(cap, "vcap", "10.77.0.2/24");
            int capIndex = NetNamespace.call(cap, () -> Interfaces.index("vcap"));
            try (RawIpv4Socket rx4 = NetNamespace.call(cap, () -> RawIpv4Socket.open(VrrpWire.PROTOCOL));
                    RawIpv6Socket rx6 = NetNamespace.call(cap, () -> RawIpv6Socket.open(VrrpWire.PROTOCOL))) {
                rx4.bindToDevice("vcap");
                rx4.joinGroup(VrrpWire.IPV4_GROUP, capIndex);
                rx6.bindToDevice("vcap");
                rx6.joinGroup(VrrpWire.IPV6_GROUP, capIndex);
                // The kernel adds vka's link-local address a moment after the link comes up; the
                // IPv6 instance sends from it, so wait for it before starting.
                Awaitility.await("link-local address on vka").atMost(Duration.ofSeconds(10))
                        .until(() -> lab.exec(ka, "ip", "-6", "addr", "show", "dev", "vka", "scope", "link")
                                .contains("fe80"));
                VrrpRuntime runtime = new VrrpRuntime(instances(), new LinuxVrrpIo(), VrrpEventListener.NONE);
                try {
                    NetNamespace.run(ka, runtime::start);
                    Map<Integer, byte[]> adverts = capture(rx4, rx6, false);
                    compare(keepalived, adverts, "-advert", true);
                } finally {
                    runtime.stop();
                }
                Map<Integer, byte[]> resignations = capture(rx4, rx6, true);
                compare(keepalived, resignations, "-priority0-on-sigterm", false);
            }
        }
    }

    private static List<VrrpInstanceSettings> instances() throws Exception {
        return List.of(
                VrrpInstanceSettings.of("V2_PASS", "vka", 51, VrrpVersion.V2, 150, 100,
                        vips("10.77.0.100", "10.77.0.101")).withPassword("vigilpass"),
                VrrpInstanceSettings.of("V3_V4_1S", "vka", 52, VrrpVersion.V3, 140, 100, vips("10.77.1.100")),
                VrrpInstanceSettings.of("V3_V4_HALF", "vka", 53, VrrpVersion.V3, 130, 50,
                        vips("10.77.2.100", "10.77.2.101")),
                VrrpInstanceSettings.of("V3_V6", "vka", 54, VrrpVersion.V3, 120, 100,
                        List.of(VirtualAddress.of(InetAddress.getByName("fd00:77::100"), 64))));
    }

    private static List<VirtualAddress> vips(String... addresses) throws Exception {
        List<VirtualAddress> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(VirtualAddress.of(InetAddress.getByName(a), 24));
        }
        return out;
    }

    /** The first packet per VRID with priority 0 (or not, as asked), keyed by VRID. */
    private static Map<Integer, byte[]> capture(RawIpv4Socket rx4, RawIpv6Socket rx6, boolean resignation)
            throws Exception {
        Map<Integer, byte[]> found = new HashMap<>();
        Instant deadline = Instant.now().plus(CAPTURE_WAIT);
        while (found.size() < 4 && Instant.now().isBefore(deadline)) {
            Optional<ReceivedIpv4> v4 = rx4.receive(POLL);
            if (v4.isPresent()) {
                keep(found, v4.get().packet(), RxMeta.ipv4WithHeader(), resignation);
            }
            Optional<ReceivedIpv6> v6 = rx6.receive(POLL);
            if (v6.isPresent()) {
                ReceivedIpv6 p = v6.get();
                keep(found, p.payload(), RxMeta.ipv6(p.source(), p.destination(), p.hopLimit(), false), resignation);
            }
        }
        assertEquals(4, found.size(), "captured VRIDs " + found.keySet());
        return found;
    }

    private static void keep(Map<Integer, byte[]> found, byte[] bytes, RxMeta meta, boolean resignation) {
        DecodeResult result = new VrrpDecoder().decode(bytes, meta);
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "Vigil sent a bad packet: " + result);
        if (!meta.ipHeaderIncluded()) {
            assertEquals(ChecksumMatch.IPV6_PSEUDO_HEADER, decoded.checksum());
            assertEquals(255, meta.hopLimit());
            assertTrue(decoded.source().isLinkLocalAddress());
        }
        if ((decoded.advert().priority() == 0) == resignation) {
            found.putIfAbsent(decoded.advert().vrid(), bytes);
        }
    }

    private static void compare(Map<String, byte[]> keepalived, Map<Integer, byte[]> vigil, String suffix,
                                boolean sameIdentification) {
        Map<Integer, String> names = Map.of(51, "v2_pass-vrid51", 52, "v3_v4_1s-vrid52", 53, "v3_v4_half-vrid53",
                54, "v3_v6-vrid54");
        for (var entry : vigil.entrySet()) {
            String name = names.get(entry.getKey()) + suffix;
            byte[] expected = keepalived.get(name);
            byte[] actual = entry.getValue();
            assertEquals(expected.length, actual.length, name);
            boolean ipv6 = entry.getKey() == 54;
            for (int i = 0; i < expected.length; i++) {
                boolean skipped = ipv6 ? i == 6 || i == 7
                        : !sameIdentification && (i == 4 || i == 5 || i == 10 || i == 11);
                if (!skipped) {
                    assertEquals(expected[i], actual[i], name + ": byte " + i + " differs from keepalived's");
                }
            }
            if (sameIdentification && !ipv6) {
                assertArrayEquals(expected, actual, name);
            }
        }
    }

    /** name → bytes of the checked-in keepalived captures. */
    private static Map<String, byte[]> keepalivedCaptures() throws IOException {
        Map<String, byte[]> out = KeepalivedCaptureBytes.byName("keepalived-captures.txt");
        assertEquals(8, out.size(), "captures in the resource");
        return out;
    }
}
