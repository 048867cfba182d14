package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsBackendContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The backend contract against the real kernel (Linux with ip_vs, inside the IPVS VM): the
 * same tests the fake passes, answered by ip_vs_ctl.c. Skipped outside the VM.
 */
@Tag(IpvsVm.TAG)
class NetlinkIpvsBackendVmTest extends IpvsBackendContract {

    @BeforeAll
    static void needsKernelIpvs() {
        IpvsVm.assumeKernelIpvs();
    }

    @Override
    protected IpvsBackend createBackend() {
        try {
            NetlinkIpvsBackend kernel = NetlinkIpvsBackend.open();
            assertTrue(kernel.flush().isOk(), "flush before the test");
            return kernel;
        } catch (IpvsUnavailableException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @AfterEach
    void flushAndClose() {
        if (backend instanceof NetlinkIpvsBackend kernel) {
            kernel.flush();
            kernel.close();
        }
    }
}
