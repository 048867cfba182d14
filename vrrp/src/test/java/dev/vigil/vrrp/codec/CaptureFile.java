package dev.vigil.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code keepalived-captures.txt}: packets keepalived sent, captured by
 * {@link KeepalivedCaptureNetnsTest}. Records are blocks of {@code key: value} lines
 * separated by blank lines; {@code #} starts a comment line. Keys: {@code name},
 * {@code meta} ({@code ipv4-with-header}, or {@code ipv6 SOURCE DESTINATION HOPLIMIT}),
 * {@code expect} (the advertisement the bytes must decode to, see {@link #describe}) and
 * {@code bytes} (hex, space separated).
 */
final class CaptureFile {

    static final String RESOURCE = "keepalived-captures.txt";
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private CaptureFile() {
    }

    /** One captured packet. */
    record Capture(String name, RxMeta meta, String expect, byte[] bytes) {

        /** The record as it appears in the file. */
        String format() {
            return "name: " + name + "\nmeta: " + formatMeta(meta) + "\nexpect: " + expect + "\nbytes: "
                    + HEX.formatHex(bytes) + "\n";
        }
    }

    /** The records of the checked-in resource. */
    static List<Capture> load() throws IOException {
        try (InputStream in = CaptureFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<Capture> parse(String text) throws UnknownHostException {
        List<Capture> out = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    out.add(new Capture(fields.get("name"), parseMeta(fields.get("meta")), fields.get("expect"),
                            HEX.parseHex(fields.get("bytes"))));
                    fields.clear();
                }
                continue;
            }
            int colon = line.indexOf(": ");
            fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return out;
    }

    /**
     * A one-line description of a decoded advertisement: version, VRID, priority, auth type
     * and data, interval in centiseconds, addresses.
     */
    static String describe(Advertisement a) {
        List<String> addresses = a.addresses().stream().map(InetAddress::getHostAddress).toList();
        return a.version() + " vrid=" + a.vrid() + " priority=" + a.priority() + " auth=" + a.authType()
                + " authdata=" + a.authData() + " interval_cs=" + a.advertIntervalCentis() + " addresses="
                + String.join(",", addresses);
    }

    private static String formatMeta(RxMeta meta) {
        if (meta.ipHeaderIncluded()) {
            return "ipv4-with-header";
        }
        return "ipv6 " + meta.source().getHostAddress().replaceAll("%.*", "") + " "
                + meta.destination().getHostAddress() + " " + meta.hopLimit();
    }

    private static RxMeta parseMeta(String text) throws UnknownHostException {
        if (text.equals("ipv4-with-header")) {
            return RxMeta.ipv4WithHeader();
        }
        String[] parts = text.split(" ");
        if (parts.length != 4 || !parts[0].equals("ipv6")) {
            throw new IllegalArgumentException("bad meta: " + text);
        }
        return RxMeta.ipv6((Inet6Address) InetAddress.getByName(parts[1]), (Inet6Address) InetAddress.getByName(parts[2]),
                Integer.parseInt(parts[3]), false);
    }
}
