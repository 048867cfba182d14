package dev.vigil.ipvs.listing;

import static dev.vigil.ipvs.listing.IpvsadmGoldenTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpAddress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kernel's /proc/net/ip_vs_conn, captured under a real IPVS kernel (golden/capture-conn.sh,
 * capture2.sh, capture.sh), read back and printed as ipvsadm -L -n -c printed it.
 */
class ProcConnParserTest {

    @Test
    void printsWhatIpvsadmPrintedFromTheSameFileByteForByte() throws IOException {
        // Captured between two identical reads of /proc: ESTABLISHED, TIME_WAIT, a template,
        // IPv6 rows in the same file, UDP.
        List<ConnectionRow> rows = ProcConnParser.parse(golden("conn-Lnc-proc.txt"));
        assertEquals(7, rows.size());
        assertEquals(golden("conn-Lnc.txt"), IpvsadmFormat.connections(rows, false));
    }

    @Test
    void readsIpv4HexAndFullIpv6Fields() throws IOException {
        List<ConnectionRow> rows = ProcConnParser.parse(golden("conn-Lnc-proc.txt"));
        assertEquals(ConnectionRow.of("TCP", IpAddress.of("10.0.2.100"), 0x92D2, IpAddress.of("10.0.2.100"), 8081,
                IpAddress.of("10.0.2.15"), 8080, "TIME_WAIT", 92), rows.getFirst());
        assertEquals(ConnectionRow.of("TCP", IpAddress.of("fd00::100"), 0xCD1C, IpAddress.of("fd00::100"), 8080,
                IpAddress.of("fd00::15"), 8080, "ESTABLISHED", 873), rows.get(4));
        assertEquals(0, rows.get(1).clientPort(), "a persistence template");
    }

    @Test
    void agreesWithTheFormatterOnEveryCapture() throws IOException {
        for (String name : List.of("conn-Lnc-proc.txt", "p2-proc-conn.txt", "p2-proc-conn-after.txt",
                "proc-conn-1.txt", "proc-conn-2.txt")) {
            String text = golden(name);
            List<ConnectionRow> rows = ProcConnParser.parse(text);
            assertTrue(rows.size() >= 7, name);
            assertEquals(text, ProcConnFormat.format(rows), name);
        }
    }

    @Test
    void thePersistentConnFormMatchesIpvsadmButForTheExpirySecond() throws IOException {
        // p2-conns-pc.txt was printed a moment after p2-proc-conn.txt was read.
        List<String> expected = golden("p2-conns-pc.txt").lines().toList();
        List<String> actual = IpvsadmFormat.connections(ProcConnParser.parse(golden("p2-proc-conn.txt")), true)
                .lines().toList();
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.getFirst(), actual.getFirst());
        assertEquals(expected.get(1), actual.get(1));
        for (int i = 2; i < expected.size(); i++) {
            assertEquals(expected.get(i).substring(10), actual.get(i).substring(10), "row " + i);
        }
    }

    @Test
    void anEmptyTableIsTheHeaderAlone() throws IOException {
        List<ConnectionRow> rows = ProcConnParser.parse(ProcConnFormat.HEADER);
        assertEquals(List.of(), rows);
        assertEquals(golden("conns-empty.txt"), IpvsadmFormat.connections(rows, false));
    }

    @Test
    void readsPersistenceEngineDataAndAnIpv4ServerInAnIpv6Row() {
        // Layouts of ip_vs_conn_seq_show: " pe_name pe_data" after the expiry; a daf AF_INET
        // destination printed as %08X even in an IPv6 row. With --persistent-conn ipvsadm pads
        // the destination to 16 and the engine name to 18 columns.
        String text = ProcConnFormat.HEADER
                + "UDP 0A000001 13C4 0A000064 13C4 0A000002 13C4 UDP             180 sip a84b4c76e66710@10.0.0.1\n"
                + "TCP 2001:0db8:0000:0000:0000:0000:0000:0001 9C40 2001:0db8:0000:0000:0000:0000:0000:0064 0050 "
                + "0A000002 0050 ESTABLISHED     899\n";
        List<ConnectionRow> rows = ProcConnParser.parse(text);
        assertEquals(Optional.of("sip"), rows.getFirst().peName());
        assertEquals(Optional.of("a84b4c76e66710@10.0.0.1"), rows.getFirst().peData());
        assertEquals(IpAddress.of("10.0.0.2"), rows.get(1).destination());
        assertEquals(IpAddress.of("2001:db8::1"), rows.get(1).client());
        assertTrue(IpvsadmFormat.connections(rows, true).contains(
                "UDP 03:00  UDP         10.0.0.1:5060      10.0.0.100:5060    "
                        + "10.0.0.2:5060    sip                a84b4c76e66710@10.0.0.1\n"), IpvsadmFormat.connections(rows, true));
    }

    @Test
    void aLineThatIsNotAConnectionIsNamed() {
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> ProcConnParser.parse(ProcConnFormat.HEADER + "TCP 0A000001 0050\n"));
        assertEquals("/proc/net/ip_vs_conn line 2 has 3 fields, not 9 or 11: TCP 0A000001 0050", fields.getMessage());
        IllegalArgumentException hex = assertThrows(IllegalArgumentException.class, () -> ProcConnParser.parse(
                ProcConnFormat.HEADER + "\nTCP 0A00000G 0050 0A000064 0050 0A000002 0050 ESTABLISHED 899\n"));
        assertTrue(hex.getMessage().startsWith("/proc/net/ip_vs_conn line 3 "), hex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcConnParser.parse(
                ProcConnFormat.HEADER + "TCP 0A000001 50 0A000064 0050 0A000002 0050 ESTABLISHED 899\n"));
    }
}
