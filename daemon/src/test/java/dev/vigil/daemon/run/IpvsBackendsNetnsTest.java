package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.netlink.IpvsProbe;
import dev.vigil.ipvs.netlink.NetlinkIpvsBackend;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import dev.vigil.linux.testing.NetnsLab;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code net_namespace_ipvs} on this machine's kernel: the backend is opened in a namespace the
 * test makes. Whether the kernel has IPVS decides what {@code auto} gives; that the table really
 * is the namespace's is checked under a real IPVS kernel ({@link IpvsNamespaceVmTest}).
 */
@Tag("netns")
class IpvsBackendsNetnsTest {

    private final IpvsBackends backends = new IpvsBackends();
    private NetnsLab lab;
    private String namespace;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        namespace = lab.namespace("ipvs");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void autoOpensTheKernelInTheNamespaceOrFallsBackWhenItHasNoIpvs() throws Exception {
        boolean kernelHasIpvs = NetlinkIpvsBackend.probe() instanceof IpvsProbe.Available;
        IpvsBackend backend = backends.open(BackendChoice.AUTO, Optional.of(namespace));
        try {
            Class<?> expected = kernelHasIpvs ? NetlinkIpvsBackend.class : UserspaceIpvsBackend.class;
            assertInstanceOf(expected, backend);
        } finally {
            ((AutoCloseable) backend).close();
        }
        if (!kernelHasIpvs) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> backends.open(BackendChoice.KERNEL, Optional.of(namespace)));
            assertTrue(e.getMessage().startsWith("--backend kernel: net_namespace_ipvs: "), e.getMessage());
            assertTrue(e.getMessage().contains("--backend userspace"), e.getMessage());
        }
    }

    @Test
    void aMissingNamespaceIsAnErrorEvenForAuto() {
        for (BackendChoice choice : BackendChoice.values()) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> backends.open(choice, Optional.of(namespace + "-missing")));
            assertTrue(e.getMessage().contains("/var/run/netns/" + namespace + "-missing"), e.getMessage());
            assertTrue(e.getMessage().contains("ip netns add"), e.getMessage());
        }
    }

    @Test
    void theForwarderListensInTheNamespace() throws Exception {
        IpvsBackend backend = backends.open(BackendChoice.USERSPACE, Optional.of(namespace));
        try {
            assertInstanceOf(UserspaceIpvsBackend.class, backend);
            assertTrue(backend.addService(VirtualService.of(ServiceKey.tcp("10.79.8.1", 8080), "rr")).isOk());
            assertTrue(lab.exec(namespace, "ss", "-ltnH").contains("10.79.8.1:8080"), "listener in the namespace");
            assertFalse(NetnsLab.check("ss", "-ltnH").contains("10.79.8.1:8080"), "no listener in the daemon's");
        } finally {
            ((AutoCloseable) backend).close();
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> backends.open(BackendChoice.KERNEL, Optional.of("a/b")));
        assertTrue(e.getMessage().contains("not a namespace name"), e.getMessage());
    }
}
