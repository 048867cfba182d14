package dev.vigil.ipvs.userspace;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.IpAddress;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** struct sockaddr_in / sockaddr_in6 as the kernel lays them out (family in host order). */
class SocketAddressesTest {

    private static byte[] bytes(MemorySegment s, int length) {
        return s.asSlice(0, length).toArray(JAVA_BYTE);
    }

    private static byte[] family(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? new byte[] {(byte) value, 0} : new byte[] {0, (byte) value};
    }

    @Test
    void ipv4IsSixteenBytesWithPortAndAddressInNetworkOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SocketAddresses.MAX_LENGTH);
            assertEquals(16, SocketAddresses.write(s, IpAddress.of("10.1.2.3"), 8080));
            byte[] f = family(2);
            assertArrayEquals(new byte[] {f[0], f[1], 0x1f, (byte) 0x90, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0},
                    bytes(s, 16));
            assertEquals(IpAddress.of("10.1.2.3"), SocketAddresses.address(s));
            assertEquals(8080, SocketAddresses.port(s));
        }
    }

    @Test
    void ipv6IsTwentyEightBytesAndReadsBack() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SocketAddresses.MAX_LENGTH);
            IpAddress a = IpAddress.of("2001:db8::1:2");
            assertEquals(28, SocketAddresses.write(s, a, 65535));
            byte[] raw = bytes(s, 28);
            assertEquals(family(10)[0], raw[0]);
            assertEquals((byte) 0xff, raw[2]);
            assertEquals((byte) 0xff, raw[3]);
            assertEquals((byte) 0x20, raw[8]);
            assertEquals((byte) 0x02, raw[23]);
            assertEquals(a, SocketAddresses.address(s));
            assertEquals(65535, SocketAddresses.port(s));
        }
    }

    @Test
    void anIpv4MappedPeerReadsAsIpv4() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SocketAddresses.MAX_LENGTH);
            SocketAddresses.write(s, IpAddress.ipv6(0, 0x0000_ffff_c000_0207L), 1); // ::ffff:192.0.2.7
            assertEquals(IpAddress.of("192.0.2.7"), SocketAddresses.address(s));
        }
    }
}
