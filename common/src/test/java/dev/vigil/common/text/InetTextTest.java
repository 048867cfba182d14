package dev.vigil.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetTextTest {

    /** Expected column: glibc inet_ntop output (checked with Python's socket.inet_ntop on glibc). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.168.200.2                           | 192.168.200.2
            ::                                      | ::
            ::1                                     | ::1
            fe80:0:0:0:0:0:0:1                      | fe80::1
            2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
            2001:db8:0:1:0:0:0:1                    | 2001:db8:0:1::1
            2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            2001:0db8:0001:0002:0003:0004:0005:0006 | 2001:db8:1:2:3:4:5:6
            1:0:2:0:3:0:4:0                         | 1:0:2:0:3:0:4:0
            1:0:0:0:0:0:0:0                         | 1::
            1:2:3:4:5:6:7:aa                        | 1:2:3:4:5:6:7:aa
            0:0:0:0:0:0:102:304                     | ::1.2.3.4
            0:0:0:0:1:0:0:0                         | ::1:0:0:0
            FFFF:0:0:ABCD:0:0:0:1                   | ffff:0:0:abcd::1
            fe80:0:0:0:0:0:0:99%1                   | fe80::99
            """)
    void writesWhatInetNtopWrites(String input, String expected) throws Exception {
        assertEquals(expected, InetText.format(InetAddress.getByName(input)));
    }

    /** Java parses "::ffff:a.b.c.d" to an IPv4 address; an Inet6Address can still hold one. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            00000000000000000000ffffc0000201 | ::ffff:192.0.2.1
            000000000000000000000000c0000201 | ::192.0.2.1
            0000000000000000000000000000ffff | ::ffff
            """)
    void embeddedIpv4(String hex, String expected) throws Exception {
        assertEquals(expected, InetText.format(Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1)));
    }

    @Test
    void rawBytesOfEitherFamily() {
        assertEquals("10.0.0.254", InetText.format(new byte[] {10, 0, 0, (byte) 254}));
        assertEquals("fe80::1", InetText.format(HexFormat.of().parseHex("fe800000000000000000000000000001")));
        assertThrows(IllegalArgumentException.class, () -> InetText.format(new byte[6]));
    }
}
