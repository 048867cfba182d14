package dev.vigil.ipvs.listing;

import static dev.vigil.ipvs.listing.IpvsadmGoldenTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Second real-ipvsadm capture ({@code golden/capture2.sh}): persistence templates, IPv6
 * connections, --persistent-conn, --thresholds, --exact, --timeout and the raw
 * /proc/net/ip_vs_conn text.
 */
class IpvsadmGolden2Test {

    private static ServiceKey tcp(String a, int p) {
        return new ServiceKey.Inet(Protocol.TCP, IpAddress.of(a), p);
    }

    private static DestinationEntry dest(Destination d, int active, int inactive, int persistent, Stats stats) {
        return new DestinationEntry(d, active, inactive, persistent, stats);
    }

    /** The table of capture2.sh with the counts and counters the kernel reported. */
    private static VirtualTable table() {
        Stats web = Stats.totals(3, 6, 3, 300, 132);
        Stats all = Stats.totals(1, 2, 1, 100, 44);
        Stats dns = Stats.totals(1, 1, 0, 48, 0);
        Stats v6 = Stats.totals(1, 1, 1, 80, 128);
        return new VirtualTable(List.of(
                new ServiceEntry(VirtualService.of(tcp("10.0.3.10", 80), "rr").withPersistence(new Persistence(120, 32)),
                        web, List.of(
                        dest(Destination.of("10.0.4.2", 80, ForwardMethod.MASQ, 1), 3, 0, 1, web),
                        dest(Destination.of("10.0.4.1", 80, ForwardMethod.MASQ, 1).withThresholds(50, 10), 0, 0, 0,
                                Stats.ZERO))),
                new ServiceEntry(VirtualService.of(tcp("10.0.3.11", 0), "wlc").withPersistence(new Persistence(60, 16)),
                        all, List.of(dest(Destination.of("10.0.4.3", 0, ForwardMethod.MASQ, 4_000_000), 1, 0, 1, all))),
                new ServiceEntry(VirtualService.of(ServiceKey.udp("10.0.3.12", 53), "lc"), dns,
                        List.of(dest(Destination.of("10.0.4.4", 53, ForwardMethod.MASQ, 1), 0, 1, 0, dns))),
                new ServiceEntry(VirtualService.of(tcp("2001:db8:1::1", 80), "sed"), v6,
                        List.of(dest(Destination.of("2001:db8::100", 8080, ForwardMethod.MASQ, 1), 1, 0, 0, v6)))));
    }

    @Test
    void columnVariantsMatchIpvsadm() throws IOException {
        VirtualTable t = table();
        assertEquals(golden("p2-list.txt"), IpvsadmFormat.list(IpvsInfo.DEFAULT, t));
        assertEquals(golden("p2-list-pc.txt"), IpvsadmFormat.list(IpvsInfo.DEFAULT, t, ListFormat.PERSISTENT_CONN, false));
        assertEquals(golden("p2-list-thresholds.txt"),
                IpvsadmFormat.list(IpvsInfo.DEFAULT, t, ListFormat.THRESHOLDS, false));
        assertEquals(golden("p2-stats-exact.txt"), IpvsadmFormat.list(IpvsInfo.DEFAULT, t, ListFormat.STATS, true));
        assertEquals(golden("p2-save.txt"), IpvsadmFormat.save(t));
        assertEquals(golden("p2-timeout.txt"),
                IpvsadmFormat.timeouts(900, 120, 300) + IpvsadmFormat.timeouts(3600, 60, 600));
    }

    /** Rows parsed from the kernel's own /proc text (hex or full IPv6). */
    private static List<ConnectionRow> procRows(String text) {
        List<ConnectionRow> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 9 || f[0].equals("Pro")) {
                continue;
            }
            rows.add(ConnectionRow.of(f[0], addr(f[1]), Integer.parseInt(f[2], 16), addr(f[3]),
                    Integer.parseInt(f[4], 16), addr(f[5]), Integer.parseInt(f[6], 16), f[7], Long.parseLong(f[8])));
        }
        return rows;
    }

    private static IpAddress addr(String field) {
        return field.indexOf(':') >= 0 ? IpAddress.of(field) : IpAddress.ipv4((int) Long.parseLong(field, 16));
    }

    @Test
    void procConnTextRoundTrips() throws IOException {
        for (String name : List.of("p2-proc-conn.txt", "p2-proc-conn-after.txt", "proc-conn-1.txt")) {
            String text = golden(name);
            List<ConnectionRow> rows = procRows(text);
            assertTrue(rows.size() >= 8, name);
            assertEquals(text, ProcConnFormat.format(rows), name);
        }
    }

    @Test
    void templatesAndIpv6ConnectionsMatchIpvsadmDashC() throws IOException {
        // ipvsadm read /proc between the two captures; rows are equal but for the expiry second
        List<ConnectionRow> rows = procRows(golden("p2-proc-conn.txt"));
        String expected = golden("p2-conns.txt");
        String actual = IpvsadmFormat.connections(rows, false);
        assertEquals(expected.lines().count(), actual.lines().count());
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        int identical = 0;
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i).equals(a.get(i))) {
                identical++;
            } else {
                assertEquals(e.get(i).substring(10), a.get(i).substring(10), "only the expiry may differ");
            }
        }
        assertTrue(identical >= 5, "most rows identical: " + identical);
        assertTrue(expected.contains("ASSURED     10.0.0.0:0         10.0.3.11:0        10.0.4.3:0"));
    }
}
