package dev.vigil.daemon.run;

import dev.vigil.daemon.metrics.CheckMetrics;
import java.util.List;
import java.util.function.Supplier;

/** Every real server's health as the daemon's controller reports it, for {@code vigil_realserver_up}. */
final class RealServerHealth implements Supplier<List<CheckMetrics.Health>> {

    private final DaemonView view;

    RealServerHealth(DaemonView view) {
        this.view = view;
    }

    @Override
    public List<CheckMetrics.Health> get() {
        return view.lvsStatus().virtualServers().stream().flatMap(vs -> vs.realServers().stream()
                .map(rs -> new CheckMetrics.Health(vs.id(), rs.endpoint(), rs.alive()))).toList();
    }
}
