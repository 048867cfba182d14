package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsBackendContract;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.VirtualService;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the backend contract against the userspace forwarder. Its services really bind
 * (10.0.0.100:80/tcp and :53/udp, a non-local address, thanks to IP_FREEBIND) and are
 * released after each test. Where that cannot work — no epoll, no right to bind ports
 * below 1024, or the ports taken by a wildcard listener — the tests are skipped with the
 * reason.
 */
class UserspaceIpvsBackendTest extends IpvsBackendContract {

    private UserspaceIpvsBackend forwarder;

    @Override
    protected IpvsBackend createBackend() {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
        IpvsResult probe = forwarder.addService(VirtualService.of(WEB, "rr"));
        if (probe instanceof IpvsResult.Failed failed) {
            forwarder.close();
            assumeTrue(false, () -> "cannot bind the contract's VIP here: " + failed.detail());
        }
        forwarder.deleteService(WEB);
        return forwarder;
    }

    @Override
    protected boolean servesFwmarkServices() {
        return false;
    }

    @AfterEach
    void closeForwarder() {
        forwarder.close();
    }
}
