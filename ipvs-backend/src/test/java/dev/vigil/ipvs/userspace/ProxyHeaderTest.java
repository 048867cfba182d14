package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The PROXY header bytes for IPv6 (IPv4 is checked end to end in ProxyProtocolTest, where a
 * real server receives them).
 */
class ProxyHeaderTest {

    private static final IpAddress CLIENT = IpAddress.of("2001:db8::51");
    private static final IpAddress VIP = IpAddress.of("2001:db8::10");

    @Test
    void versionOneNamesTcp6AndTheTextAddresses() {
        byte[] header = ProxyHeader.encode(ProxyProtocol.V1, CLIENT, 40000, VIP, 443);
        assertEquals("PROXY TCP6 2001:db8::51 2001:db8::10 40000 443\r\n",
                new String(header, StandardCharsets.US_ASCII));
    }

    @Test
    void versionTwoCarriesSixteenByteAddresses() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        expected.write(0x21); // version 2, PROXY
        expected.write(0x21); // AF_INET6, STREAM
        expected.write(0);
        expected.write(36); // 16 + 16 + 2 + 2
        expected.writeBytes(CLIENT.toBytes());
        expected.writeBytes(VIP.toBytes());
        expected.write(40000 >> 8);
        expected.write(40000 & 0xff);
        expected.write(443 >> 8);
        expected.write(443 & 0xff);
        assertArrayEquals(expected.toByteArray(), ProxyHeader.encode(ProxyProtocol.V2, CLIENT, 40000, VIP, 443));
    }
}
