package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult.Rejected;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every (bytes, decoded value) pair of {@code vectors.txt}; see the file's header. */
class VectorFileTest {

    private static final String RESOURCE = "vectors.txt";

    @Test
    void fileHasVectorsOfBothKinds() throws IOException {
        List<Map<String, String>> vectors = load();
        assertTrue(vectors.size() >= 10, "expected at least 10 vectors, found " + vectors.size());
        assertTrue(vectors.stream().anyMatch(v -> v.containsKey("decoded")));
        assertTrue(vectors.stream().anyMatch(v -> v.containsKey("rejected")));
        assertEquals(vectors.size(), vectors.stream().map(v -> v.get("name")).distinct().count(), "names are unique");
    }

    @TestFactory
    Stream<DynamicTest> everyVector() throws IOException {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.get("name"), () -> check(v)));
    }

    private static void check(Map<String, String> vector) {
        assertNotNull(vector.get("rfc"), "every vector names its rule");
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(vector.get("bytes"));
        RxMeta meta = meta(vector.get("meta"));
        DecodeResult result = new VrrpDecoder(options(vector.getOrDefault("options", ""))).decode(bytes, meta);
        if (vector.containsKey("rejected")) {
            Rejected rejected = assertInstanceOf(Rejected.class, result, () -> "expected a reject, got " + result);
            assertEquals(RejectReason.valueOf(vector.get("rejected")), rejected.reason());
            return;
        }
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "expected an advertisement, got " + result);
        assertEquals(fields(vector.get("decoded")), describe(decoded));
        if ("yes".equals(vector.get("roundtrip"))) {
            byte[] vrrpPart = meta.ipHeaderIncluded() ? Arrays.copyOfRange(bytes, 20, bytes.length) : bytes;
            ChecksumRule rule = switch (decoded.checksum()) {
                case KERNEL_VERIFIED -> ChecksumRule.LEFT_FOR_KERNEL;
                case MESSAGE_ONLY -> ChecksumRule.MESSAGE_ONLY;
                case PSEUDO_HEADER -> new ChecksumRule.Ipv4PseudoHeader(
                        (Inet4Address) decoded.source(), (Inet4Address) decoded.destination());
                case IPV6_PSEUDO_HEADER -> new ChecksumRule.Ipv6PseudoHeader(
                        (Inet6Address) decoded.source(), (Inet6Address) decoded.destination());
                default -> throw new AssertionError("no round trip for " + decoded.checksum());
            };
            assertArrayEquals(vrrpPart, VrrpEncoder.encode(decoded.advert(), rule));
        }
    }

    private static Map<String, String> describe(Decoded d) {
        Advertisement a = d.advert();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("version", a.version().name());
        m.put("vrid", Integer.toString(a.vrid()));
        m.put("priority", Integer.toString(a.priority()));
        m.put("auth", a.authType().name());
        m.put("authdata", a.authData().toString());
        m.put("interval", Integer.toString(a.advertIntervalCentis()));
        m.put("family", a.family().name());
        m.put("addresses", a.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
        m.put("source", d.source().getHostAddress());
        m.put("destination", d.destination().getHostAddress());
        m.put("hoplimit", Integer.toString(d.hopLimit()));
        m.put("checksum", d.checksum().name());
        return m;
    }

    /** Parses "k=v k=v"; addresses are normalised through InetAddress so spellings compare. */
    private static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : line.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("addresses") || key.equals("source") || key.equals("destination")) {
                value = value.isEmpty() ? "" : Arrays.stream(value.split(","))
                        .map(s -> InetAddress.ofLiteral(s).getHostAddress()).collect(Collectors.joining(","));
            }
            m.put(key, value);
        }
        return m;
    }

    private static RxMeta meta(String spec) {
        String[] p = spec.trim().split("\\s+");
        return switch (p[0]) {
            case "ipv4-header" -> RxMeta.ipv4WithHeader();
            case "ipv4" -> RxMeta.ipv4(Inet4Address.ofLiteral(p[1]), Inet4Address.ofLiteral(p[2]), Integer.parseInt(p[3]));
            case "ipv6" -> RxMeta.ipv6((Inet6Address) Inet6Address.ofLiteral(p[1]), (Inet6Address) Inet6Address.ofLiteral(p[2]),
                    Integer.parseInt(p[3]), p[4].equals("kernel"));
            default -> throw new IllegalArgumentException("unknown meta " + spec);
        };
    }

    private static DecodeOptions options(String spec) {
        DecodeOptions options = DecodeOptions.DEFAULT;
        for (String o : spec.trim().split("\\s+")) {
            if (o.equals("as-v2")) {
                options = options.withV3ChecksumAsV2(true);
            } else if (o.startsWith("old-unicast=")) {
                options = options.withOldUnicastChecksum(
                        DecodeOptions.OldUnicastChecksum.valueOf(o.substring("old-unicast=".length())));
            } else if (!o.isEmpty()) {
                throw new IllegalArgumentException("unknown option " + o);
            }
        }
        return options;
    }

    private static List<Map<String, String>> load() throws IOException {
        String text;
        try (InputStream in = VectorFileTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is on the test class path");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, String>> vectors = new java.util.ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            Map<String, String> v = new LinkedHashMap<>();
            for (String line : block.split("\\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                v.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
            if (!v.isEmpty()) {
                vectors.add(v);
            }
        }
        return vectors;
    }
}
