package dev.vigil.ipvs;

import dev.vigil.ipvs.fake.FakeIpvsBackend;

/** Runs the backend contract against the in-memory fake. */
class FakeIpvsBackendTest extends IpvsBackendContract {

    @Override
    protected IpvsBackend createBackend() {
        return new FakeIpvsBackend();
    }
}
