package dev.vigil.ipvs.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Formats the captured goldens do not reach: large numbers, --exact, thresholds, IPv6 rows. */
class IpvsadmFormatTest {

    @Test
    void largeNumbersScaleLikePrintLargenum() {
        assertEquals(" 99999999", Numbers.large(99_999_999L, false));
        assertEquals("  100000K", Numbers.large(100_000_000L, false));
        assertEquals("  999999K", Numbers.large(999_999_999L, false));
        assertEquals("    1000M", Numbers.large(1_000_000_000L, false));
        assertEquals("   99999M", Numbers.large(99_999_999_999L, false));
        assertEquals("     100G", Numbers.large(100_000_000_000L, false));
        assertEquals("   99999G", Numbers.large(99_999_999_999_999L, false));
        assertEquals("     100T", Numbers.large(100_000_000_000_000L, false));
        assertEquals("18446744T", Numbers.large(-1L, false));
    }

    @Test
    void exactNumbersUseNineColumnsOrOneMoreThanTheDigits() {
        assertEquals("        0", Numbers.large(0, true));
        assertEquals(" 12345678", Numbers.large(12_345_678L, true));
        assertEquals(" 123456789", Numbers.large(123_456_789L, true));
    }

    private static VirtualTable oneService() {
        Destination d = Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 3).withThresholds(100, 50);
        return VirtualTable.of(new ServiceEntry(VirtualService.of(ServiceKey.tcp("10.0.0.100", 80), "wlc"),
                Stats.totals(123_456_789, 1, 2, 3, 4),
                List.of(new DestinationEntry(d, 7, 8, 9, Stats.totals(1, 2, 3, 4, 5)))));
    }

    @Test
    void thresholdsAndPersistentConnColumns() {
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n"
                        + "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
                        + "  -> RemoteAddress:Port\n"
                        + "TCP  10.0.0.100:80 wlc\n"
                        + "  -> 192.168.1.10:80              100        50         7          8         \n",
                IpvsadmFormat.list(IpvsInfo.DEFAULT, oneService(), ListFormat.THRESHOLDS, false));
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n"
                        + "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
                        + "  -> RemoteAddress:Port\n"
                        + "TCP  10.0.0.100:80 wlc\n"
                        + "  -> 192.168.1.10:80              3         9           7          8         \n",
                IpvsadmFormat.list(IpvsInfo.DEFAULT, oneService(), ListFormat.PERSISTENT_CONN, false));
    }

    @Test
    void exactStatsLine() {
        String text = IpvsadmFormat.list(new IpvsInfo(0x010201, 1 << 20), oneService(), ListFormat.STATS, true);
        assertEquals("IP Virtual Server version 1.2.1 (size=1048576)\n"
                + "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.100:80                123456789        1        2        3        4\n"
                + "  -> 192.168.1.10:80                     1        2        3        4        5\n", text);
    }

    @Test
    void ipv6ConnectionsTemplatesAndLongExpiries() {
        IpAddress c = IpAddress.of("2001:db8::7");
        IpAddress v = IpAddress.of("2001:db8::1");
        IpAddress d = IpAddress.of("2001:db8::10");
        List<ConnectionRow> rows = List.of(
                ConnectionRow.of("TCP", c, 51234, v, 80, d, 80, "ESTABLISHED", 897),
                ConnectionRow.of("UDP", IpAddress.of("198.51.100.4"), 5353, IpAddress.of("10.0.0.100"), 53,
                        IpAddress.of("192.168.1.12"), 53, "UDP", 299),
                ConnectionRow.of("IP", IpAddress.of("198.51.100.0"), 0, IpAddress.of("0.0.0.5"), 0,
                        IpAddress.of("192.168.1.20"), 0, "NONE", 6000),
                new ConnectionRow("UDP", IpAddress.of("198.51.100.4"), 5060, IpAddress.of("10.0.0.102"), 5060,
                        IpAddress.of("10.1.1.1"), 5060, "UDP", 59, Optional.of("sip"), Optional.of("abc@x")));
        assertEquals("""
                IPVS connection entries
                pro expire state       source             virtual            destination
                TCP 14:57  ESTABLISHED [2001:db8::7]:51234 [2001:db8::1]:80   [2001:db8::10]:80
                UDP 04:59  UDP         198.51.100.4:5353  10.0.0.100:53      192.168.1.12:53
                IP  100:00 NONE        198.51.100.0:0     0.0.0.5:0          192.168.1.20:0
                UDP 00:59  UDP         198.51.100.4:5060  10.0.0.102:5060    10.1.1.1:5060
                """, IpvsadmFormat.connections(rows, false));
        String withPe = IpvsadmFormat.connections(rows.subList(3, 4), true);
        assertEquals("""
                IPVS connection entries
                pro expire state       source             virtual            destination        pe name          pe_data
                UDP 00:59  UDP         198.51.100.4:5060  10.0.0.102:5060    10.1.1.1:5060    sip                abc@x
                """, withPe, "ipvsadm pads the destination to 16 and the pe name to 18, unlike its header");
    }
}
