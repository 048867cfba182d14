package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.IcmpEcho;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EchoTableTest {

    private static final int ID = 0x4242;
    private static final byte[] DATA = EchoEndpoint.payload();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static byte[] reply(boolean ipv6, int id, int sequence, byte[] data) {
        return new IcmpEcho(IcmpEcho.Type.reply(ipv6), id, sequence, data).encode();
    }

    @Test
    void theDataIsKeepalivedsPattern() {
        assertEquals(128, DATA.length);
        assertEquals("keepalived check - keepalived check - keepalived",
                new String(DATA, 0, 48, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void sequenceNumbersCountUpFromTheStartAndWrap() throws Exception {
        EchoTable<String> table = new EchoTable<>(false, ID, DATA, 65534);
        assertEquals(OptionalInt.of(65534), table.register(ip("10.0.0.1"), "a"));
        assertEquals(OptionalInt.of(65535), table.register(ip("10.0.0.2"), "b"));
        assertEquals(OptionalInt.of(0), table.register(ip("10.0.0.3"), "c"));
        assertEquals(3, table.size());
    }

    @Test
    void aNumberStillInFlightIsSkippedAfterWrapping() throws Exception {
        EchoTable<Integer> table = new EchoTable<>(false, ID, DATA, 0);
        for (int i = 0; i < EchoTable.CAPACITY; i++) {
            assertEquals(OptionalInt.of(i), table.register(ip("10.0.0.1"), i));
        }
        assertEquals(OptionalInt.empty(), table.register(ip("10.0.0.1"), -1), "all 65,536 in flight");
        assertTrue(table.remove(7, 7));
        assertTrue(table.remove(3, 3));
        assertEquals(OptionalInt.of(3), table.register(ip("10.0.0.1"), -2), "the first free number after the wrap");
        assertEquals(OptionalInt.of(7), table.register(ip("10.0.0.1"), -3));
    }

    @Test
    void aReplyCompletesItsRequestOnce() throws Exception {
        EchoTable<String> table = new EchoTable<>(false, ID, DATA, 100);
        table.register(ip("10.0.0.1"), "first");
        table.register(ip("10.0.0.2"), "second");
        assertEquals(new EchoTable.Matched<>("second"), table.match(ip("10.0.0.2"), reply(false, ID, 101, DATA)));
        assertEquals(new EchoTable.NoMatch<String>(EchoTable.Ignored.UNKNOWN_SEQUENCE),
                table.match(ip("10.0.0.2"), reply(false, ID, 101, DATA)), "a duplicate reply finds nothing");
        assertEquals(new EchoTable.Matched<>("first"), table.match(ip("10.0.0.1"), reply(false, ID, 100, DATA)));
        assertEquals(0, table.size());
    }

    @Test
    void ipv6RepliesMatchByAddressBytesWhateverTheScope() throws Exception {
        EchoTable<String> table = new EchoTable<>(true, ID, DATA, 5);
        table.register(ip("fe80::1%1"), "link-local");
        assertEquals(new EchoTable.Matched<>("link-local"), table.match(ip("fe80::1"), reply(true, ID, 5, DATA)));
    }

    @Test
    void everyMismatchHasItsReason() throws Exception {
        EchoTable<String> table = new EchoTable<>(false, ID, DATA, 9);
        table.register(ip("10.0.0.1"), "waiting");
        byte[] changed = DATA.clone();
        changed[127] = 'X';
        assertEquals(EchoTable.Ignored.OTHER_IDENTIFIER, reason(table, ip("10.0.0.1"), reply(false, ID + 1, 9, DATA)));
        assertEquals(EchoTable.Ignored.OTHER_SOURCE, reason(table, ip("10.0.0.9"), reply(false, ID, 9, DATA)));
        assertEquals(EchoTable.Ignored.OTHER_PAYLOAD, reason(table, ip("10.0.0.1"), reply(false, ID, 9, changed)));
        assertEquals(EchoTable.Ignored.UNKNOWN_SEQUENCE, reason(table, ip("10.0.0.1"), reply(false, ID, 10, DATA)));
        assertEquals(EchoTable.Ignored.NOT_AN_ECHO_REPLY, reason(table, ip("10.0.0.1"),
                IcmpEcho.request(false, ID, 9, DATA).encode()));
        byte[] unreachable = {3, 1, (byte) 0xFC, (byte) 0xFE, 0, 0, 0, 0};
        assertEquals(EchoTable.Ignored.NOT_AN_ECHO_REPLY, reason(table, ip("10.0.0.1"), unreachable));
        byte[] corrupt = reply(false, ID, 9, DATA);
        corrupt[20] ^= 1;
        assertEquals(EchoTable.Ignored.MALFORMED, reason(table, ip("10.0.0.1"), corrupt));
        assertEquals(EchoTable.Ignored.NOT_AN_ECHO_REPLY, reason(new EchoTable<>(true, ID, DATA, 9), ip("::1"),
                reply(false, ID, 9, DATA)), "an ICMP reply type means nothing on an ICMPv6 socket");
        assertEquals(1, table.size(), "the request still waits");
        assertEquals(new EchoTable.Matched<>("waiting"), table.match(ip("10.0.0.1"), reply(false, ID, 9, DATA)));
    }

    @Test
    void onlyTheOwnerRemovesARequestAndDrainTakesAll() throws Exception {
        EchoTable<String> table = new EchoTable<>(false, ID, DATA, 0);
        table.register(ip("10.0.0.1"), "a");
        table.register(ip("10.0.0.2"), "b");
        assertFalse(table.remove(0, "b"));
        assertFalse(table.remove(5, "a"));
        assertTrue(table.remove(0, "a"));
        assertEquals(List.of("b"), table.drain());
        assertEquals(0, table.size());
    }

    private static EchoTable.Ignored reason(EchoTable<String> table, InetAddress source, byte[] message) {
        return ((EchoTable.NoMatch<String>) table.match(source, message)).reason();
    }
}
