package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sync daemons in the real kernel: start, refuse a second master, list with the kernel's
 * defaults filled in (checked against {@code ipvsadm -L --daemon}), stop. Skipped outside the
 * IPVS VM.
 */
@Tag(IpvsVm.TAG)
class SyncDaemonVmTest {

    @Test
    @SuppressWarnings("unchecked")
    void masterDaemonStartsListsAndStops() throws Exception {
        IpvsVm.assumeKernelIpvs();
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.open()) {
            assertTrue(backend.flush().isOk());
            SyncDaemon master = SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 9);
            assertEquals(IpvsResult.OK, backend.startSyncDaemon(master));
            try {
                IpvsResult.Failed twice = assertInstanceOf(IpvsResult.Failed.class, backend.startSyncDaemon(master));
                assertEquals(IpvsError.INVALID_ARGUMENT, twice.error(), twice.detail());
                KernelReply<List<SyncDaemon>> listed = backend.syncDaemons();
                assertInstanceOf(KernelReply.Value.class, listed, listed.toString());
                List<SyncDaemon> daemons = ((KernelReply.Value<List<SyncDaemon>>) listed).value();
                assertEquals(1, daemons.size(), daemons.toString());
                SyncDaemon running = daemons.getFirst();
                assertEquals(SyncDaemon.State.MASTER, running.state());
                assertEquals("eth0", running.interfaceName());
                assertEquals(9, running.syncId());
                assertTrue(running.maxLength() > 0 && running.port() > 0 && running.ttl() > 0
                        && running.group().isPresent(), "kernel defaults filled in: " + running);
                String ipvsadm = IpvsVm.run(List.of("ipvsadm", "-L", "--daemon"));
                System.out.print(ipvsadm);
                assertEquals("master sync daemon (mcast=eth0, syncid=9, maxlen=" + running.maxLength() + ", group="
                        + running.group().get() + ", port=" + running.port() + ", ttl=" + running.ttl() + ")\n", ipvsadm);
            } finally {
                assertEquals(IpvsResult.OK, backend.stopSyncDaemon(SyncDaemon.State.MASTER));
            }
            assertEquals(IpvsError.INVALID_ARGUMENT,
                    ((IpvsResult.Failed) backend.stopSyncDaemon(SyncDaemon.State.MASTER)).error());
            assertEquals(new KernelReply.Value<>(List.of()), backend.syncDaemons());
        }
    }
}
