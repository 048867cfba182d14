package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Generic netlink family resolution and extended acks against the running kernel, in a namespace. */
@Tag("netns")
class NetlinkSocketNetnsTest {

    private NetnsLab lab;
    private String ns;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        ns = lab.namespace("genl");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void resolvesTheControllerFamily() throws Exception {
        try (GenericNetlink genl = NetNamespace.call(ns, GenericNetlink::open)) {
            GenlFamily nlctrl = genl.resolveFamily("nlctrl").orElseThrow();
            assertEquals(Netlink.GENL_ID_CTRL, nlctrl.id());
            assertEquals("nlctrl", nlctrl.name());
            assertTrue(nlctrl.multicastGroups().containsKey("notify"), nlctrl.multicastGroups().toString());
        }
    }

    @Test
    void unknownFamiliesAreACleanNotFound() throws Exception {
        try (GenericNetlink genl = NetNamespace.call(ns, GenericNetlink::open)) {
            assertEquals(Optional.empty(), genl.resolveFamily("vigil-nofamily"));
            Optional<GenlFamily> ipvs = genl.resolveFamily("IPVS");
            // Resolving may autoload ip_vs where the module exists; either way the answer is clean.
            assertEquals(Files.exists(Path.of("/proc/net/ip_vs")) || ipvs.isPresent(), ipvs.isPresent());
            ipvs.ifPresent(family -> assertEquals("IPVS", family.name()));
        }
    }

    @Test
    void dumpReturnsEveryFamily() throws Exception {
        try (GenericNetlink genl = NetNamespace.call(ns, GenericNetlink::open)) {
            GenlFamily ctrl = genl.resolveFamily("nlctrl").orElseThrow();
            List<GenlMessage> families = genl.request(
                    GenlMessage.request(ctrl, Netlink.CTRL_CMD_GETFAMILY, Netlink.F_DUMP), ctrl, "GETFAMILY dump", null);
            assertTrue(families.size() > 1, "several families");
            assertTrue(families.stream().anyMatch(m -> m.attributes().string(Netlink.CTRL_ATTR_FAMILY_NAME)
                    .equals(Optional.of("nlctrl"))));
        }
    }

    @Test
    void extendedAckTextReachesTheException() throws Exception {
        int lo = NetNamespace.call(ns, () -> Interfaces.index("lo"));
        byte[] ifaddrmsg = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .put((byte) 2).put((byte) 33).put((byte) 0).put((byte) 0).putInt(lo).array();
        NetlinkMessageBuilder badPrefix = new NetlinkMessageBuilder(20, Netlink.F_CREATE | Netlink.F_EXCL)
                .familyHeader(ifaddrmsg)
                .address(2, InetAddress.getByName("10.203.0.1"))
                .address(1, InetAddress.getByName("10.203.0.1"));
        try (NetlinkSocket socket = NetNamespace.call(ns, () -> NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, 0))) {
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> socket.request(badPrefix, "RTM_NEWADDR 10.203.0.1/33", null));
            assertTrue(e.is(Errno.EINVAL), e.getMessage());
            String text = e.extendedAck().orElseThrow(() -> new AssertionError("no extended ack: " + e.getMessage()));
            assertFalse(text.isBlank());
            assertEquals("RTM_NEWADDR 10.203.0.1/33: EINVAL (Invalid argument): " + text, e.getMessage());
        }
    }
}
