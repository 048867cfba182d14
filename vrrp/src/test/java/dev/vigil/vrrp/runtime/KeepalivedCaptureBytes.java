package dev.vigil.vrrp.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The packets of a checked-in keepalived capture file ({@code name:} and {@code bytes:} lines,
 * e.g. {@code keepalived-captures.txt}), name → bytes, for the wire-parity tests that compare
 * what the runtime sends with what keepalived sent.
 */
final class KeepalivedCaptureBytes {

    private KeepalivedCaptureBytes() {
    }

    /** The captures in resource {@code /dev/vigil/vrrp/codec/<file>}. */
    static Map<String, byte[]> byName(String file) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = KeepalivedCaptureBytes.class.getResourceAsStream("/dev/vigil/vrrp/codec/" + file)) {
            if (in == null) {
                throw new IOException("no resource /dev/vigil/vrrp/codec/" + file);
            }
            String name = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("name: ")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("bytes: ")) {
                    out.put(name, HexFormat.ofDelimiter(" ").parseHex(line.substring(7).strip()));
                }
            }
        }
        return out;
    }
}
