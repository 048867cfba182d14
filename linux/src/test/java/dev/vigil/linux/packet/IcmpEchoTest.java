package dev.vigil.linux.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    private static final byte[] ABCD = "abcd".getBytes(StandardCharsets.US_ASCII);

    /**
     * Worked example (RFC 1071): words 0800 1234 0001 6162 6364 sum to DEFB without carry;
     * the checksum is its complement, 2104.
     */
    private static final byte[] REQUEST = {8, 0, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'};
    /** The reply to it, as the kernel builds it: type 0, so the sum is D6FB and the checksum 2904. */
    private static final byte[] REPLY = {0, 0, 0x29, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'};

    @Test
    void encodesAnIcmpRequestWithItsChecksum() {
        assertArrayEquals(REQUEST, IcmpEcho.request(false, 0x1234, 1, ABCD).encode());
    }

    @Test
    void leavesTheIcmpv6ChecksumToTheKernel() {
        byte[] expected = {(byte) 128, 0, 0, 0, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'};
        assertArrayEquals(expected, IcmpEcho.request(true, 0x1234, 1, ABCD).encode());
    }

    @Test
    void decodesAReply() {
        IcmpEcho.Decoded decoded = IcmpEcho.decode(false, REPLY, 0, REPLY.length);
        assertEquals(new IcmpEcho.Echo(new IcmpEcho(IcmpEcho.Type.REPLY, 0x1234, 1, ABCD)), decoded);
    }

    @Test
    void decodesAtAnOffset() {
        byte[] framed = new byte[REPLY.length + 24];
        System.arraycopy(REPLY, 0, framed, 20, REPLY.length);
        IcmpEcho.Decoded decoded = IcmpEcho.decode(false, framed, 20, REPLY.length);
        assertEquals(1, assertInstanceOf(IcmpEcho.Echo.class, decoded).echo().sequence());
    }

    @Test
    void roundTripsHighIdentifiersAndSequences() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            IcmpEcho request = IcmpEcho.request(ipv6, 0xFFFE, 0xABCD, new byte[] {1, 2, 3});
            byte[] bytes = request.encode();
            IcmpEcho back = assertInstanceOf(IcmpEcho.Echo.class, IcmpEcho.decode(ipv6, bytes, 0, bytes.length))
                    .echo();
            assertEquals(request, back);
            assertTrue(back.samePayload(new byte[] {1, 2, 3}));
        }
    }

    @Test
    void decodesAnIcmpv6Reply() {
        byte[] reply = {(byte) 129, 0, 0x5a, 0x5a, 0, 7, 0, 9};
        IcmpEcho echo = assertInstanceOf(IcmpEcho.Echo.class, IcmpEcho.decode(true, reply, 0, reply.length)).echo();
        assertEquals(IcmpEcho.Type.REPLY_V6, echo.type());
        assertEquals(7, echo.identifier());
        assertEquals(9, echo.sequence());
        assertEquals(0, echo.payload().length);
    }

    @Test
    void reportsOtherMessagesByTypeAndCode() {
        // Destination unreachable, host unreachable; checksum over 03 01 00 00 ... is FCFE.
        byte[] unreachable = {3, 1, (byte) 0xFC, (byte) 0xFE, 0, 0, 0, 0};
        assertEquals(new IcmpEcho.Other(3, 1), IcmpEcho.decode(false, unreachable, 0, unreachable.length));
        // An ICMP type number in an ICMPv6 socket means something else: 0 is reserved there.
        assertEquals(new IcmpEcho.Other(0, 0), IcmpEcho.decode(true, REPLY, 0, REPLY.length));
    }

    @Test
    void rejectsShortMessagesAndBadChecksums() {
        assertInstanceOf(IcmpEcho.Malformed.class, IcmpEcho.decode(false, REPLY, 0, 7));
        byte[] corrupted = REPLY.clone();
        corrupted[9] ^= 1;
        assertEquals(new IcmpEcho.Malformed("bad ICMP checksum"),
                IcmpEcho.decode(false, corrupted, 0, corrupted.length));
    }

    @Test
    void rejectsEchoesWithANonZeroCode() {
        byte[] coded = {0, 1, 0x29, 0x03, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'};
        assertEquals(new IcmpEcho.Malformed("echo message with code 1"), IcmpEcho.decode(false, coded, 0, coded.length));
    }

    @Test
    void refusesOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> IcmpEcho.request(false, 0x10000, 0, ABCD));
        assertThrows(IllegalArgumentException.class, () -> IcmpEcho.request(false, 0, -1, ABCD));
    }
}
