package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetlinkCodecTest {

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "byte vectors are written for little-endian hosts");
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /** An IPVS NEW_SERVICE request as libipvs lays it out (shared/reference/ipvs.md §1.8). */
    @Test
    void buildsNestedGenericNetlinkRequestByteForByte() throws Exception {
        byte[] address = new byte[16];
        System.arraycopy(InetAddress.getByName("10.0.0.100").getAddress(), 0, address, 0, 4);
        byte[] flags = hex("00000000 ffffffff");
        byte[] message = new NetlinkMessageBuilder(0x24, Netlink.F_REQUEST | Netlink.F_ACK)
                .genlHeader(1, 1)
                .nested(1, svc -> svc
                        .u16(1, 2)
                        .u16(2, 6)
                        .bytes(3, address)
                        .u16BigEndian(4, 80)
                        .string(6, "wlc")
                        .bytes(7, flags)
                        .u32(8, 0)
                        .u32BigEndian(9, 0xFFFFFFFF))
                .build(1, 0);
        assertArrayEquals(hex("""
                68 00 00 00 24 00 05 00 01 00 00 00 00 00 00 00
                01 01 00 00 54 00 01 00 06 00 01 00 02 00 00 00
                06 00 02 00 06 00 00 00 14 00 03 00 0a 00 00 64
                00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
                00 50 00 00 08 00 06 00 77 6c 63 00 0c 00 07 00
                00 00 00 00 ff ff ff ff 08 00 08 00 00 00 00 00
                08 00 09 00 ff ff ff ff"""), message);
    }

    @Test
    void decodesWhatItBuilds() {
        byte[] bytes = new NetlinkMessageBuilder(0x30, Netlink.F_REQUEST)
                .genlHeader(5, 1)
                .u8(1, 0xAB)
                .u64(2, 0x0102030405060708L)
                .flag(3)
                .beginNested(4 | Netlink.NLA_F_NESTED).string(1, "inner").u32(2, 7).endNested()
                .build(42, 99);
        NetlinkMessage.Batch batch = NetlinkMessage.split(bytes, bytes.length);
        assertEquals(Optional.empty(), batch.malformed());
        assertEquals(1, batch.messages().size());
        NetlinkMessage message = batch.messages().get(0);
        assertEquals(0x30, message.type());
        assertEquals(42, message.sequence());
        assertEquals(99, message.portId());
        GenlMessage genl = GenlMessage.decode(message, 0).orElseThrow();
        assertEquals(5, genl.command());
        NetlinkAttributes attributes = genl.attributes();
        assertEquals(Optional.empty(), attributes.malformed());
        assertEquals(Optional.of(0xAB), attributes.u8(1));
        assertEquals(Optional.of(0x0102030405060708L), attributes.u64(2));
        assertEquals(0, attributes.first(3).orElseThrow().value().length);
        NetlinkAttribute nest = attributes.first(4).orElseThrow();
        assertTrue(nest.nestedFlag());
        assertEquals(Optional.of("inner"), nest.asNested().string(1));
        assertEquals(Optional.of(7L), nest.asNested().u32(2));
    }

    @Test
    void splitsSeveralMessagesInOneDatagram() {
        byte[] first = new NetlinkMessageBuilder(16, 0).u8(1, 1).build(1, 0);
        byte[] second = new NetlinkMessageBuilder(Netlink.NLMSG_DONE, Netlink.F_MULTI)
                .familyHeader(new byte[4]).build(1, 0);
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        NetlinkMessage.Batch batch = NetlinkMessage.split(both, both.length);
        assertEquals(2, batch.messages().size());
        assertTrue(batch.messages().get(1).isDone());
        assertEquals(Optional.empty(), batch.malformed());
    }

    @Test
    void truncatedInputIsReportedNotThrown() {
        byte[] bytes = new NetlinkMessageBuilder(16, 0).u32(1, 5).u32(2, 6).build(1, 0);
        NetlinkMessage.Batch cut = NetlinkMessage.split(bytes, bytes.length - 4);
        assertTrue(cut.messages().isEmpty());
        assertTrue(cut.malformed().orElseThrow().contains("has length"));

        byte[] attributes = hex("08000100 05000000 30000200 01");
        NetlinkAttributes parsed = NetlinkAttributes.parse(attributes, 0, attributes.length);
        assertEquals(Optional.of(5L), parsed.u32(1));
        assertTrue(parsed.malformed().orElseThrow().contains("type 2"));

        NetlinkAttributes tooShort = NetlinkAttributes.parse(hex("02000100"), 0, 4);
        assertTrue(tooShort.attributes().isEmpty());
        assertTrue(tooShort.malformed().isPresent());

        NetlinkAttribute twoBytes = new NetlinkAttribute(1, false, new byte[2]);
        assertEquals(Optional.empty(), twoBytes.asU32());
        assertEquals(Optional.empty(), twoBytes.asAddress());
    }

    @Test
    void fuzzedInputNeverThrows() {
        java.util.Random random = new java.util.Random(5798);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(64)];
            random.nextBytes(data);
            if (data.length >= 4 && random.nextBoolean()) {
                data[0] = (byte) Math.min(data.length, 4 + random.nextInt(8));
                data[1] = 0;
            }
            NetlinkAttributes attributes = NetlinkAttributes.parse(data, 0, data.length);
            decoded += attributes.attributes().size();
            attributes.attributes().forEach(a -> {
                a.asU32();
                a.asString();
                a.asNested();
            });
            NetlinkMessage.split(data, data.length);
        }
        assertTrue(decoded > 0, "some fuzz cases decode attributes");
    }

    @Test
    void unclosedNestIsAnError() {
        NetlinkMessageBuilder builder = new NetlinkMessageBuilder(16, 0).beginNested(1);
        assertThrows(IllegalStateException.class, () -> builder.build(1, 0));
        assertThrows(IllegalStateException.class, () -> new NetlinkMessageBuilder(16, 0).endNested());
    }

    @Test
    void errorWithExtendedAckAndCappedRequest() {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -22, echoed header (16 bytes), then
        // NLMSGERR_ATTR_MSG "Invalid prefix length" and NLMSGERR_ATTR_OFFS 24.
        byte[] payload = hex("""
                eaffffff
                28000000 1400 0506 07000000 00000000
                1a00 0100 496e76616c696420707265666978206c656e67746800 0000
                0800 0200 18000000""");
        NetlinkMessage message = new NetlinkMessage(Netlink.NLMSG_ERROR, Netlink.F_CAPPED | Netlink.F_ACK_TLVS, 7,
                1234, payload);
        NetlinkStatus status = NetlinkStatus.of(message).orElseThrow();
        assertEquals(22, status.errno());
        assertEquals(Optional.of("Invalid prefix length"), status.message());
        assertEquals(OptionalLong.of(24), status.offset());

        NetlinkException exception = new NetlinkException("RTM_NEWADDR 10.0.0.1/33 ifindex 7", status, null);
        assertEquals("RTM_NEWADDR 10.0.0.1/33 ifindex 7: EINVAL (Invalid argument): Invalid prefix length",
                exception.getMessage());
        assertEquals(Optional.of("Invalid prefix length"), exception.extendedAck());
    }

    @Test
    void errorEchoingTheWholeRequestSkipsIt() {
        // Not capped: the echoed request is 20 bytes (header + 4 bytes), then the TLVs.
        byte[] payload = hex("""
                fbffffff
                14000000 1000 0100 01000000 00000000 aabbccdd
                0900 0100 6e6f706500 000000""");
        NetlinkMessage message = new NetlinkMessage(Netlink.NLMSG_ERROR, Netlink.F_ACK_TLVS, 1, 1, payload);
        NetlinkStatus status = NetlinkStatus.of(message).orElseThrow();
        assertEquals(5, status.errno());
        assertEquals(Optional.of("nope"), status.message());
    }

    @Test
    void acknowledgementIsSuccess() {
        NetlinkMessage ack = new NetlinkMessage(Netlink.NLMSG_ERROR, Netlink.F_CAPPED, 3, 1,
                hex("00000000 24000000 1400 0506 03000000 00000000"));
        NetlinkStatus status = NetlinkStatus.of(ack).orElseThrow();
        assertTrue(status.isSuccess());
        assertEquals(Optional.empty(), status.message());
        assertFalse(NetlinkStatus.of(new NetlinkMessage(16, 0, 1, 1, new byte[16])).isPresent());
    }

    @Test
    void doneCarryingAnError() {
        NetlinkMessage done = new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.F_MULTI | Netlink.F_ACK_TLVS, 3, 1,
                hex("a1ffffff 0800 0100 78797a00"));
        NetlinkStatus status = NetlinkStatus.of(done).orElseThrow();
        assertEquals(95, status.errno());
        assertEquals(Optional.of("xyz"), status.message());
    }

    @Test
    void decodesAControllerFamilyReply() {
        byte[] bytes = new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, 0)
                .genlHeader(Netlink.CTRL_CMD_NEWFAMILY, 2)
                .string(Netlink.CTRL_ATTR_FAMILY_NAME, "IPVS")
                .u16(Netlink.CTRL_ATTR_FAMILY_ID, 0x24)
                .u32(Netlink.CTRL_ATTR_VERSION, 1)
                .u32(Netlink.CTRL_ATTR_HDRSIZE, 0)
                .u32(Netlink.CTRL_ATTR_MAXATTR, 6)
                .nested(Netlink.CTRL_ATTR_MCAST_GROUPS, groups -> groups
                        .nested(1, g -> g.string(Netlink.CTRL_ATTR_MCAST_GRP_NAME, "events")
                                .u32(Netlink.CTRL_ATTR_MCAST_GRP_ID, 9)))
                .build(1, 0);
        NetlinkMessage message = NetlinkMessage.split(bytes, bytes.length).messages().get(0);
        GenlFamily family = GenlFamily.decode(GenlMessage.decode(message, 0).orElseThrow()).orElseThrow();
        assertEquals(new GenlFamily(0x24, "IPVS", 1, 0, 6, java.util.Map.of("events", 9)), family);

        NetlinkMessageBuilder request = GenlMessage.request(family, 4, Netlink.F_DUMP);
        byte[] requestBytes = request.build(9, 0);
        assertArrayEquals(hex("14000000 2400 0103 09000000 00000000 04010000"), requestBytes);
    }

    @Test
    void familyRequestNeedsNameAndId() {
        byte[] bytes = new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, 0)
                .genlHeader(Netlink.CTRL_CMD_NEWFAMILY, 2).string(Netlink.CTRL_ATTR_FAMILY_NAME, "x").build(1, 0);
        NetlinkMessage message = NetlinkMessage.split(bytes, bytes.length).messages().get(0);
        assertTrue(GenlFamily.decode(GenlMessage.decode(message, 0).orElseThrow()).isEmpty());
        assertEquals(List.of(), GenlMessage.decode(new NetlinkMessage(0x24, 0, 1, 1, new byte[2]), 0)
                .map(List::of).orElse(List.of()));
    }

    @Test
    void getFamilyRequestBytes() {
        assertArrayEquals(hex("20000000 1000 0100 05000000 00000000 03020000 0b00 0200 6e6c6374726c00 00"),
                GenlMessage.getFamily("nlctrl").build(5, 0));
    }
}
