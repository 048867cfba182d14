package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkAttribute;
import dev.vigil.linux.netlink.NetlinkMessage;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Compares a request Vigil builds with the bytes iproute2 sent for the same command, captured
 * with {@code strace -e trace=sendmsg -e write=3 ip ...} in a scratch namespace (iproute2 6.1,
 * Linux 6.18, x86_64). The two may order attributes differently, and iproute2 always asks for an
 * ACK (NetlinkSocket adds NLM_F_ACK itself), so the comparison is: same message type, same
 * flags once NLM_F_ACK and the flags named as deliberate differences are cleared, same family
 * header (bytes named as deliberate differences aside), and the same attributes as a multiset.
 */
final class IpCapture {

    private IpCapture() {
    }

    /**
     * @param captured      the bytes iproute2 sent
     * @param ours          the bytes Vigil builds
     * @param headerLength  the family header's length
     * @param flagsNotSent  NLM_F_* bits iproute2 sets and Vigil deliberately does not
     * @param headerChanges pairs (offset, Vigil's byte) where Vigil's family header differs on purpose
     */
    static void assertSameRequest(String captured, byte[] ours, int headerLength, int flagsNotSent,
            int... headerChanges) {
        NetlinkMessage ip = only(HexFormat.of().parseHex(captured.replaceAll("\\s", "")));
        NetlinkMessage vigil = only(ours);
        assertEquals(ip.type(), vigil.type(), "message type");
        assertEquals(ip.flags() & ~Netlink.F_ACK & ~flagsNotSent, vigil.flags(), "flags");
        byte[] header = Arrays.copyOf(ip.payload(), headerLength);
        for (int i = 0; i < headerChanges.length; i += 2) {
            header[headerChanges[i]] = (byte) headerChanges[i + 1];
        }
        assertEquals(HexFormat.of().formatHex(header),
                HexFormat.of().formatHex(Arrays.copyOf(vigil.payload(), headerLength)), "family header");
        assertEquals(attributes(ip, headerLength), attributes(vigil, headerLength), "attributes");
    }

    private static NetlinkMessage only(byte[] bytes) {
        List<NetlinkMessage> messages = NetlinkMessage.split(bytes, bytes.length).messages();
        assertEquals(1, messages.size(), "one message");
        return messages.getFirst();
    }

    private static List<String> attributes(NetlinkMessage message, int headerLength) {
        return message.attributes(headerLength).attributes().stream().map(IpCapture::text).sorted().toList();
    }

    private static String text(NetlinkAttribute attribute) {
        return attribute.type() + "=" + HexFormat.of().formatHex(attribute.value());
    }
}
