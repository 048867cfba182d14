package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsBackendContract;
import dev.vigil.linux.netlink.GenericNetlink;

/**
 * The backend contract through the whole netlink path — requests encoded, decoded by a fake
 * kernel that keeps a {@code FakeIpvsBackend} table, errnos and dump replies decoded back —
 * so that every contract case runs on machines without IPVS too.
 */
class NetlinkIpvsBackendFakeKernelTest extends IpvsBackendContract {

    @Override
    protected IpvsBackend createBackend() {
        try {
            return NetlinkIpvsBackend.over(GenericNetlink.over(new FakeIpvsKernel()));
        } catch (IpvsUnavailableException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
