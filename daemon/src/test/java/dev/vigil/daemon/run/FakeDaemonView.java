package dev.vigil.daemon.run;

import dev.vigil.daemon.controller.ControllerStatus;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.util.List;
import java.util.Optional;

/** A {@link DaemonView} whose answers the test sets. */
final class FakeDaemonView implements DaemonView {

    volatile List<VrrpInstanceSettings> settings = List.of();
    volatile List<InstanceSnapshot> snapshots = List.of();
    volatile ControllerStatus status = ControllerStatus.EMPTY;
    volatile IpvsBackend backend;
    volatile ConnectionListing connections = new ConnectionListing.Unavailable(
            "this IPVS backend does not expose its connection table");

    @Override
    public ConnectionListing ipvsConnections() {
        return connections;
    }

    @Override
    public List<VrrpInstanceSettings> vrrpSettings() {
        return settings;
    }

    @Override
    public List<InstanceSnapshot> vrrpSnapshots() {
        return snapshots;
    }

    @Override
    public Optional<Double> lastTransition(String instance) {
        return Optional.of(1_700_000_000.5);
    }

    @Override
    public ControllerStatus lvsStatus() {
        return status;
    }

    @Override
    public Optional<VirtualTable> ipvsTable() {
        return Optional.ofNullable(backend).map(IpvsBackend::snapshot);
    }

    @Override
    public IpvsInfo ipvsInfo() {
        return IpvsInfo.DEFAULT;
    }
}
