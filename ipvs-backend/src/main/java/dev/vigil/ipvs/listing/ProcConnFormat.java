package dev.vigil.ipvs.listing;

import dev.vigil.ipvs.IpAddress;
import java.util.List;

/**
 * The text of {@code /proc/net/ip_vs_conn} ({@code ip_vs_conn_seq_show}, ip_vs_conn.c), so
 * that a userspace forwarder can offer the file ipvsadm {@code -L -c} reads. IPv4 rows print
 * addresses and ports as upper-case hex of their host-order values; IPv6 rows print
 * addresses in full ({@code %pI6}: eight groups of four lower-case digits).
 */
public final class ProcConnFormat {

    /** The kernel's header line. */
    public static final String HEADER =
            "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n";

    private ProcConnFormat() {
    }

    public static String format(List<ConnectionRow> rows) {
        StringBuilder out = new StringBuilder(HEADER);
        for (ConnectionRow r : rows) {
            String pe = r.peName().isPresent() && r.peData().isPresent()
                    ? " " + r.peName().get() + " " + r.peData().get() : "";
            out.append(String.format("%-3s %s %04X %s %04X %s %04X %-11s %7d%s\n", r.protocol(),
                    address(r.client(), r.client()), r.clientPort(),
                    address(r.client(), r.virtualAddress()), r.virtualPort(),
                    address(r.client(), r.destination()), r.destinationPort(),
                    r.state(), r.expiresSeconds(), pe));
        }
        return out.toString();
    }

    /** Hex for IPv4 rows, full IPv6 text for IPv6; an IPv4 server in an IPv6 row is dotted. */
    private static String address(IpAddress rowFamily, IpAddress a) {
        if (a.isIpv4()) {
            return rowFamily.isIpv4() ? String.format("%08X", a.ipv4Bits()) : a.toString();
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            long half = i < 4 ? a.high() : a.low();
            int group = (int) (half >>> (48 - 16 * (i % 4))) & 0xffff;
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format("%04x", group));
        }
        return s.toString();
    }
}
