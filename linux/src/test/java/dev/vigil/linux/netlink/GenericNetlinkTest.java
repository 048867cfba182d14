package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Capability;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** GenericNetlink over a fake kernel: what a family module's tests can do too. */
class GenericNetlinkTest {

    /** Records requests and answers from a script. */
    private static final class FakeKernel implements NetlinkChannel {
        final List<byte[]> requests = new ArrayList<>();
        final List<Capability> capabilities = new ArrayList<>();
        final List<Object> answers = new ArrayList<>();
        boolean closed;

        @Override
        public List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
                throws NativeException {
            requests.add(message.build(requests.size() + 1, 0));
            capabilities.add(capability);
            Object answer = answers.remove(0);
            if (answer instanceof NetlinkStatus status) {
                throw new NetlinkException(operation, status, capability);
            }
            @SuppressWarnings("unchecked")
            List<NetlinkMessage> replies = (List<NetlinkMessage>) answer;
            return replies;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static NetlinkMessage message(NetlinkMessageBuilder builder) {
        byte[] bytes = builder.build(1, 0);
        return NetlinkMessage.split(bytes, bytes.length).messages().get(0);
    }

    @Test
    void resolvesAFamilyFromTheControllerReply() throws Exception {
        FakeKernel kernel = new FakeKernel();
        kernel.answers.add(List.of(message(new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, 0)
                .genlHeader(Netlink.CTRL_CMD_NEWFAMILY, 2)
                .string(Netlink.CTRL_ATTR_FAMILY_NAME, "IPVS").u16(Netlink.CTRL_ATTR_FAMILY_ID, 0x24)
                .u32(Netlink.CTRL_ATTR_VERSION, 1))));
        try (GenericNetlink genl = GenericNetlink.over(kernel)) {
            assertEquals(Optional.of(new GenlFamily(0x24, "IPVS", 1, 0, 0, Map.of())), genl.resolveFamily("IPVS"));
        }
        assertArrayEquals(GenlMessage.getFamily("IPVS").build(1, 0), kernel.requests.get(0));
        assertTrue(kernel.closed);
    }

    @Test
    void enoentIsNotFoundButOtherErrorsPropagate() throws Exception {
        FakeKernel kernel = new FakeKernel();
        kernel.answers.add(new NetlinkStatus(2, Optional.empty(), OptionalLong.empty()));
        kernel.answers.add(new NetlinkStatus(1, Optional.empty(), OptionalLong.empty()));
        GenericNetlink genl = GenericNetlink.over(kernel);
        assertEquals(Optional.empty(), genl.resolveFamily("IPVS"));
        NetlinkException e = assertThrows(NetlinkException.class, () -> genl.resolveFamily("IPVS"));
        assertTrue(e.is(Errno.EPERM));
    }

    @Test
    void requestsDecodeRepliesAndPassTheCapability() throws Exception {
        GenlFamily family = new GenlFamily(0x24, "IPVS", 1, 0, 9, Map.of());
        FakeKernel kernel = new FakeKernel();
        kernel.answers.add(List.of(
                message(GenlMessage.request(family, 1, Netlink.F_MULTI).nested(1, n -> n.u16(1, 2))),
                message(GenlMessage.request(family, 1, Netlink.F_MULTI).nested(1, n -> n.u16(1, 10)))));
        GenericNetlink genl = GenericNetlink.over(kernel);
        List<GenlMessage> replies = genl.request(GenlMessage.request(family, 4, Netlink.F_DUMP), family,
                "IPVS_CMD_GET_SERVICE dump", Capability.CAP_NET_ADMIN);
        assertEquals(2, replies.size());
        assertEquals(Optional.of(10), replies.get(1).attributes().nested(1).orElseThrow().u16(1));
        assertEquals(List.of(Capability.CAP_NET_ADMIN), kernel.capabilities);
    }
}
