package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.KeepalivedAhCapturesTest.Capture;
import dev.vigil.vrrp.testing.KeepalivedProcess;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Debian's keepalived with the configuration in the header of
 * {@code keepalived-ah-captures.txt} (one multicast and one unicast {@code auth_type AH}
 * instance) and reads its adverts on a protocol-51 raw socket across a veth pair: the first
 * advert of each instance (IP ID 1, sequence number 1) must equal the checked-in capture byte
 * for byte, and every advert read, resignations on SIGTERM included, must verify with the
 * password and re-encode byte for byte with {@link IpsecAhPacketEncoder}.
 */
@Tag("netns")
class KeepalivedAhCaptureNetnsTest {

    private static final Duration CAPTURE_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CONFIG = """
            global_defs {
              router_id vigil_ah_capture
            }
            vrrp_instance AH_MCAST {
              state BACKUP
              interface vka
              version 2
              virtual_router_id 61
              priority 150
              advert_int 1
              authentication {
                auth_type AH
                auth_pass vigilahpass
              }
              virtual_ipaddress {
                10.77.6.100/24
                10.77.6.101/24
              }
            }
            vrrp_instance AH_UCAST {
              state BACKUP
              interface vka
              version 2
              virtual_router_id 62
              priority 140
              advert_int 1
              unicast_src_ip 10.77.0.1
              unicast_peer {
                10.77.0.2
              }
              authentication {
                auth_type AH
                auth_pass short
              }
              virtual_ipaddress {
                10.77.7.100/24
              }
            }
            """;
    private static final Map<Integer, String> PASSWORDS = Map.of(61, "vigilahpass", 62, "short");

    @TempDir
    Path temp;

    @Test
    void liveKeepalivedSendsTheCheckedInAhAdverts() throws Exception {
        NetnsLab.assumeAvailable();
        KeepalivedProcess.assumeInstalled();
        Map<String, byte[]> checkedIn = new LinkedHashMap<>();
        for (Capture capture : KeepalivedAhCapturesTest.captures()) {
            checkedIn.put(capture.name(), capture.bytes());
        }
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
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(ka, CONFIG, temp.resolve("ka"))) {
                    Map<Integer, byte[]> firsts = capture(rx, false);
                    assertEquals(2, firsts.size(), () -> "adverts from VRIDs " + firsts.keySet() + "\n" + keepalived.log());
                    assertArrayEquals(checkedIn.get("ah_mcast-vrid61-seq1"), firsts.get(61), hex(firsts.get(61)));
                    assertArrayEquals(checkedIn.get("ah_ucast-vrid62-seq1"), firsts.get(62), hex(firsts.get(62)));
                    keepalived.terminate();
                    Map<Integer, byte[]> resignations = capture(rx, true);
                    assertEquals(2, resignations.size(), () -> "resignations from " + resignations.keySet());
                }
            }
        }
    }

    /** The first advert per VRID with priority 0 or not, as asked; each one checked. */
    private static Map<Integer, byte[]> capture(RawIpv4Socket rx, boolean resignation) throws Exception {
        Map<Integer, byte[]> found = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(CAPTURE_WAIT);
        while (found.size() < 2 && Instant.now().isBefore(deadline)) {
            Optional<ReceivedIpv4> got = rx.receive(POLL);
            if (got.isPresent()) {
                byte[] packet = got.get().packet();
                Advertisement advert = reencodeExactly(packet);
                if ((advert.priority() == 0) == resignation) {
                    found.putIfAbsent(advert.vrid(), packet);
                }
            }
        }
        return found;
    }

    /** Decodes, verifies and re-encodes one of keepalived's AH adverts; returns the advert. */
    private static Advertisement reencodeExactly(byte[] packet) {
        DecodeResult result = new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader());
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "keepalived's AH advert refused: " + result);
        int vrid = decoded.advert().vrid();
        boolean unicast = !decoded.multicast();
        AuthData key = AuthData.fromPassword(PASSWORDS.get(vrid));
        ReceivedAh ah = decoded.ipsecAh().orElseThrow();
        assertTrue(ah.icvMatches(key, unicast), "ICV of VRID " + vrid);
        assertTrue(ah.spiIsSource(), "SPI of VRID " + vrid);
        int identification = ((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF);
        byte[] ours = IpsecAhPacketEncoder.encode(decoded.advert(), new Ipv4HeaderFields(identification,
                packet[8] & 0xFF, (Inet4Address) decoded.source(), (Inet4Address) decoded.destination()), key,
                ah.sequence(), unicast);
        assertArrayEquals(packet, ours, "VRID " + vrid + " sequence " + ah.sequence() + ": " + hex(packet));
        return decoded.advert();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "nothing captured" : HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
