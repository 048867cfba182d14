package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.socket.ReceivedIpv6;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.CaptureFile.Capture;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.testing.KeepalivedProcess;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance for the codec: Debian's keepalived (2.2.7) runs four instances in one
 * namespace (VRRPv2 PASS over IPv4; VRRPv3 IPv4 at 1 s and at 0.5 s; VRRPv3 IPv6); the
 * other end of a veth pair captures their adverts with Vigil's raw sockets, decodes them,
 * re-encodes the same advertisement and compares bytes. Then SIGTERM: each instance's
 * priority-0 resignation is captured and checked the same way.
 *
 * <p>The captures are written to {@code target/keepalived-captures.txt}; the checked-in
 * {@code keepalived-captures.txt} was produced by this test ({@link KeepalivedCapturesTest}
 * replays it without root).
 */
@Tag("netns")
class KeepalivedCaptureNetnsTest {

    private static final int VRRP = 112;
    /** keepalived becomes master after Master_Down_Interval (≈3.5 s at advert_int 1); allow for a slow machine. */
    private static final Duration CAPTURE_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Inet4Address KEEPALIVED_V4 = v4("10.77.0.1");

    /** What keepalived is configured with and must therefore send. */
    private record Instance(String name, int vrid, VrrpVersion version, int priority, String advertInt,
                            int intervalCentis, String password, List<String> vips) {

        AddressFamily family() {
            return vips.getFirst().contains(":") ? AddressFamily.IPV6 : AddressFamily.IPV4;
        }

        Advertisement expected(int withPriority) {
            List<InetAddress> addresses = vips.stream().map(v -> address(v.replaceAll("/.*", ""))).toList();
            if (version == VrrpVersion.V2) {
                return Advertisement.v2(vrid, withPriority, AuthType.PASS, AuthData.fromPassword(password),
                        intervalCentis / 100, family(), addresses);
            }
            return Advertisement.v3(vrid, withPriority, intervalCentis, family(), addresses);
        }

        String config() {
            StringBuilder b = new StringBuilder("vrrp_instance " + name + " {\n  state MASTER\n  interface vka\n")
                    .append("  version ").append(version.wire()).append('\n')
                    .append("  virtual_router_id ").append(vrid).append('\n')
                    .append("  priority ").append(priority).append('\n')
                    .append("  advert_int ").append(advertInt).append('\n');
            if (password != null) {
                b.append("  authentication {\n    auth_type PASS\n    auth_pass ").append(password).append("\n  }\n");
            }
            b.append("  virtual_ipaddress {\n");
            vips.forEach(v -> b.append("    ").append(v).append('\n'));
            return b.append("  }\n}\n").toString();
        }
    }

    /** The password is 9 characters: keepalived keeps the first 8 (reference §1.1). */
    private static final List<Instance> INSTANCES = List.of(
            new Instance("V2_PASS", 51, VrrpVersion.V2, 150, "1", 100, "vigilpass",
                    List.of("10.77.0.100/24", "10.77.0.101/24")),
            new Instance("V3_V4_1S", 52, VrrpVersion.V3, 140, "1", 100, null, List.of("10.77.1.100/24")),
            new Instance("V3_V4_HALF", 53, VrrpVersion.V3, 130, "0.5", 50, null,
                    List.of("10.77.2.100/24", "10.77.2.101/24")),
            new Instance("V3_V6", 54, VrrpVersion.V3, 120, "1", 100, null, List.of("fd00:77::100/64")));

    @TempDir
    Path temp;

    @Test
    void keepalivedAdvertsDecodeAndReencodeByteForByte() throws Exception {
        NetnsLab.assumeAvailable();
        KeepalivedProcess.assumeInstalled();
        try (NetnsLab lab = new NetnsLab()) {
            String ka = lab.namespace("ka");
            String cap = lab.namespace("cap");
            for (String ns : List.of(ka, cap)) {
                // Link-local addresses usable at once: keepalived sends IPv6 from the link-local.
                lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
                lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            }
            lab.veth(ka, "vka", cap, "vcap");
            lab.address(ka, "vka", "10.77.0.1/24");
            lab.address(cap, "vcap", "10.77.0.2/24");
            int capIndex = NetNamespace.call(cap, () -> Interfaces.index("vcap"));
            try (RawIpv4Socket rx4 = NetNamespace.call(cap, () -> RawIpv4Socket.open(VRRP));
                    RawIpv6Socket rx6 = NetNamespace.call(cap, () -> RawIpv6Socket.open(VRRP))) {
                rx4.bindToDevice("vcap");
                rx4.joinGroup(VrrpWire.IPV4_GROUP, capIndex);
                rx6.bindToDevice("vcap");
                rx6.joinGroup(VrrpWire.IPV6_GROUP, capIndex);
                captureAndCompare(ka, rx4, rx6);
            }
        }
    }

    private void captureAndCompare(String ka, RawIpv4Socket rx4, RawIpv6Socket rx6) throws Exception {
        String config = "global_defs {\n  router_id vigil_capture\n}\n"
                + INSTANCES.stream().map(Instance::config).collect(Collectors.joining());
        Map<String, Capture> captures = new LinkedHashMap<>();
        try (KeepalivedProcess keepalived = KeepalivedProcess.start(ka, config, temp.resolve("keepalived"))) {
            Map<Integer, Capture> adverts = capture(rx4, rx6, false, keepalived);
            assertEquals(INSTANCES.size(), adverts.size(), () -> "adverts captured: " + adverts.keySet()
                    + "\nkeepalived log:\n" + keepalived.log());
            keepalived.terminate();
            Map<Integer, Capture> resignations = capture(rx4, rx6, true, keepalived);
            assertEquals(INSTANCES.size(), resignations.size(), () -> "priority-0 adverts captured: "
                    + resignations.keySet() + "\nkeepalived log:\n" + keepalived.log());
            adverts.values().forEach(c -> captures.put(c.name(), c));
            resignations.values().forEach(c -> captures.put(c.name(), c));
        }
        writeCaptures(captures.values());
    }

    /** Reads until one advert (priority 0 or not, as asked) per instance has arrived and been checked. */
    private static Map<Integer, Capture> capture(RawIpv4Socket rx4, RawIpv6Socket rx6, boolean resignation,
                                                 KeepalivedProcess keepalived) throws Exception {
        Map<Integer, Capture> found = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(CAPTURE_WAIT);
        while (found.size() < INSTANCES.size() && Instant.now().isBefore(deadline)) {
            var v4 = rx4.receive(POLL);
            if (v4.isPresent()) {
                checkIpv4(v4.get(), resignation).ifPresent(c -> found.putIfAbsent(vrid(c), c));
            }
            var v6 = rx6.receive(POLL);
            if (v6.isPresent()) {
                checkIpv6(v6.get(), resignation).ifPresent(c -> found.putIfAbsent(vrid(c), c));
            }
            if (!resignation && !keepalived.isAlive()) {
                throw new AssertionError("keepalived exited:\n" + keepalived.log());
            }
        }
        return found;
    }

    private static Optional<Capture> checkIpv4(ReceivedIpv4 got, boolean resignation) {
        byte[] packet = got.packet();
        DecodeResult result = new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader());
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "keepalived's packet was refused: " + result);
        if ((decoded.advert().priority() == 0) != resignation) {
            return Optional.empty();
        }
        Instance instance = instance(decoded.advert().vrid());
        int priority = resignation ? 0 : instance.priority();
        assertEquals(instance.expected(priority), decoded.advert(), instance.name());
        assertEquals(Ipv4PacketEncoder.TOS_INTERNETWORK_CONTROL, got.tos(), "TOS");
        assertEquals(VrrpWire.REQUIRED_TTL, got.ttl(), "TTL");
        assertEquals(KEEPALIVED_V4, got.source());
        assertEquals(VrrpWire.IPV4_GROUP, got.destination());
        int identification = ((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF);
        assertNotEquals(0, identification, "keepalived's IP ID counter skips 0");

        // Our packet with another ID: everything but the ID and the header checksum must match.
        byte[] ours = Ipv4PacketEncoder.encode(instance.expected(priority),
                new Ipv4HeaderFields(identification ^ 0x5555, VrrpWire.REQUIRED_TTL, KEEPALIVED_V4, VrrpWire.IPV4_GROUP),
                false);
        assertEquals(packet.length, ours.length, "packet length");
        for (int i = 0; i < packet.length; i++) {
            if (i != 4 && i != 5 && i != 10 && i != 11) {
                assertEquals(packet[i], ours[i], instance.name() + ": byte " + i + " differs");
            }
        }
        // With the captured ID the kernel's header checksum is ours too.
        byte[] same = Ipv4PacketEncoder.encode(instance.expected(priority),
                new Ipv4HeaderFields(identification, VrrpWire.REQUIRED_TTL, KEEPALIVED_V4, VrrpWire.IPV4_GROUP), false);
        assertArrayEquals(packet, same, instance.name() + ": whole packet with keepalived's ID");
        return Optional.of(new Capture(captureName(instance, resignation), RxMeta.ipv4WithHeader(),
                CaptureFile.describe(decoded.advert()) + " ttl=255 tos=0xc0", packet));
    }

    private static Optional<Capture> checkIpv6(ReceivedIpv6 got, boolean resignation) {
        byte[] payload = got.payload();
        RxMeta meta = RxMeta.ipv6(got.source(), got.destination(), got.hopLimit(), false);
        DecodeResult result = new VrrpDecoder().decode(payload, meta);
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "keepalived's packet was refused: " + result);
        if ((decoded.advert().priority() == 0) != resignation) {
            return Optional.empty();
        }
        Instance instance = instance(decoded.advert().vrid());
        int priority = resignation ? 0 : instance.priority();
        assertEquals(instance.expected(priority), decoded.advert(), instance.name());
        assertEquals(ChecksumMatch.IPV6_PSEUDO_HEADER, decoded.checksum(), "verified with the IPv6 pseudo-header");
        assertEquals(VrrpWire.REQUIRED_TTL, got.hopLimit(), "hop limit");
        assertTrue(got.source().isLinkLocalAddress(), "source " + got.source() + " is link-local");
        assertEquals(VrrpWire.IPV6_GROUP, got.destination());
        byte[] ours = VrrpEncoder.encode(instance.expected(priority),
                new ChecksumRule.Ipv6PseudoHeader(got.source(), VrrpWire.IPV6_GROUP));
        assertArrayEquals(payload, ours, instance.name() + ": VRRP payload");
        return Optional.of(new Capture(captureName(instance, resignation), meta,
                CaptureFile.describe(decoded.advert()) + " hoplimit=255", payload));
    }

    private static String captureName(Instance instance, boolean resignation) {
        return instance.name().toLowerCase() + "-vrid" + instance.vrid() + (resignation ? "-priority0-on-sigterm"
                : "-advert");
    }

    private static Instance instance(int vrid) {
        return INSTANCES.stream().filter(i -> i.vrid() == vrid).findFirst()
                .orElseThrow(() -> new AssertionError("advert for unexpected VRID " + vrid));
    }

    private static int vrid(Capture capture) {
        return Integer.parseInt(capture.name().replaceAll(".*-vrid(\\d+)-.*", "$1"));
    }

    private static void writeCaptures(Collection<Capture> captures) throws Exception {
        String body = captures.stream().map(Capture::format).collect(Collectors.joining("\n"));
        Path out = Path.of("target", CaptureFile.RESOURCE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, body);
        System.out.println("keepalived captures written to " + out.toAbsolutePath());
        assertTrue(Arrays.asList(body.split("\n")).stream().anyMatch(l -> l.startsWith("bytes: ")));
    }

    private static Inet4Address v4(String text) {
        return (Inet4Address) address(text);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
