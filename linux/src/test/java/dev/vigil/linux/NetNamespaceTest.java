package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NetNamespaceTest {

    @Test
    void namesCannotEscapeTheNetnsDirectory() {
        assertEquals(Path.of("/var/run/netns/blue"), NetNamespace.path("blue"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.path("../etc"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.path(".."));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.path(""));
    }

    @Test
    @Tag("netns")
    void runsCodeInsideTheNamespaceAndRethrowsItsFailure() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = new NetnsLab()) {
            String ns = lab.namespace("enter");
            lab.exec(ns, "ip", "link", "add", "vgl-in0", "type", "veth", "peer", "name", "vgl-in1");
            int index = NetNamespace.call(ns, () -> Interfaces.index("vgl-in0"));
            assertTrue(index > 1);
            NativeException outside = assertThrows(NativeException.class, () -> Interfaces.index("vgl-in0"));
            assertTrue(outside.is(Errno.ENODEV), outside.getMessage());
            IOException thrown = assertThrows(IOException.class, () -> NetNamespace.run(ns, () -> {
                throw new IOException("from inside");
            }));
            assertEquals("from inside", thrown.getMessage());
        }
    }

    @Test
    void aCommandLineIsItsNulTerminatedArguments() {
        byte[] cmdline = "java\0-cp\0a b\0\0x\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("java", "-cp", "a b", "", "x"), NetNamespace.commandLine(cmdline));
        assertEquals(List.of("a", "b"), NetNamespace.commandLine("a\0b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Tag("netns")
    void aThreadKnowsWhetherItIsInsideANamespace() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = new NetnsLab()) {
            String ns = lab.namespace("current");
            String other = lab.namespace("other");
            assertFalse(NetNamespace.isCurrent(ns));
            assertTrue(NetNamespace.call(ns, () -> NetNamespace.isCurrent(ns)));
            assertFalse(NetNamespace.call(ns, () -> NetNamespace.isCurrent(other)));
            assertFalse(NetNamespace.isCurrent("vgl-lx-missing"));
        }
    }

    @Test
    @Tag("netns")
    void missingNamespaceIsANativeError() {
        NetnsLab.assumeAvailable();
        assertTrue(!Files.exists(NetNamespace.path("vgl-lx-missing")));
        NativeException e = assertThrows(NativeException.class, () -> NetNamespace.call("vgl-lx-missing", () -> 1));
        assertTrue(e.is(Errno.ENOENT), e.getMessage());
    }
}
