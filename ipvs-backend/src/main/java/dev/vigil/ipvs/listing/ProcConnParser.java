package dev.vigil.ipvs.listing;

import dev.vigil.ipvs.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the kernel's {@code /proc/net/ip_vs_conn} ({@code ip_vs_conn_seq_show}, ip_vs_conn.c)
 * into {@link ConnectionRow}s, in file order, the way ipvsadm 1.31's {@code list_conn()} reads
 * it: the first line is the header and is skipped; each other line has white-space separated
 * fields
 *
 * <pre>
 * protocol caddr cport vaddr vport daddr dport state expires [pe_name pe_data]
 * </pre>
 *
 * Ports are upper-case hex. IPv4 addresses are the eight hex digits of their host-order value;
 * IPv6 ones (same file since Linux 2.6.28) are written out in full, eight groups of four hex
 * digits, and a row is IPv6 when its client address is. Expires is whole seconds, decimal.
 *
 * <p>Pure; {@link ProcConnFormat} writes the same text, so the two round-trip.
 */
public final class ProcConnParser {

    private static final int FIELDS = 9;

    private ProcConnParser() {
    }

    /**
     * The rows of the file's text.
     *
     * @throws IllegalArgumentException naming the line, for a line that is not a connection
     */
    public static List<ConnectionRow> parse(String text) {
        String[] lines = text.split("\n", -1);
        List<ConnectionRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                rows.add(row(line, i + 1));
            }
        }
        return rows;
    }

    private static ConnectionRow row(String line, int lineNumber) {
        String[] f = line.split("\\s+");
        if (f.length != FIELDS && f.length != FIELDS + 2) {
            throw bad(lineNumber, "has " + f.length + " fields, not " + FIELDS + " or " + (FIELDS + 2), line);
        }
        boolean ipv6 = f[1].contains(":");
        try {
            return new ConnectionRow(f[0], address(f[1], ipv6), port(f[2]), address(f[3], ipv6), port(f[4]),
                    address(f[5], f[5].contains(":")), port(f[6]), f[7], Long.parseLong(f[8]),
                    f.length > FIELDS ? Optional.of(f[9]) : Optional.empty(),
                    f.length > FIELDS ? Optional.of(f[10]) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw bad(lineNumber, e.getMessage(), line);
        }
    }

    /** IPv6 text, or the 8 hex digits of an IPv4 address's host-order value. */
    private static IpAddress address(String text, boolean ipv6) {
        if (ipv6) {
            return IpAddress.parse(text).filter(a -> !a.isIpv4())
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IPv6 address"));
        }
        if (text.length() != 8) {
            throw new IllegalArgumentException("'" + text + "' is not 8 hex digits");
        }
        return IpAddress.ipv4(Integer.parseUnsignedInt(text, 16));
    }

    private static int port(String text) {
        int port = Integer.parseInt(text, 16);
        if (text.length() != 4 || port < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a 4-digit hex port");
        }
        return port;
    }

    private static IllegalArgumentException bad(int lineNumber, String problem, String line) {
        return new IllegalArgumentException("/proc/net/ip_vs_conn line " + lineNumber + " " + problem + ": " + line);
    }
}
