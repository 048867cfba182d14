package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsBackendContract;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the backend contract against the userspace forwarder. Its services really bind
 * (10.0.0.100:80/tcp and :53/udp, thanks to IP_FREEBIND) and are released after each test.
 */
class UserspaceIpvsBackendTest extends IpvsBackendContract {

    private UserspaceIpvsBackend forwarder;

    @Override
    protected IpvsBackend createBackend() {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
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
