package dev.vigil.daemon.run;

import dev.vigil.common.text.InetText;
import dev.vigil.daemon.signal.DumpFiles;
import dev.vigil.daemon.signal.InstanceJson;
import dev.vigil.daemon.signal.InstanceStats;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files keepalived writes on signals, from a {@link DaemonView} (reference §1.7): the data
 * dumps ({@code keepalived.data} for VRRP, {@code keepalived_check.data} for the checkers; their
 * format is Vigil's own, keepalived's is documented as not stable), the statistics file
 * ({@code keepalived.stats}, keepalived's text), and the JSON dump ({@code keepalived.json},
 * keepalived's keys). Used by the signal handler and the control commands alike. Thread-safe.
 */
final class DaemonDumps {

    /** keepalived's JSON state codes (vrrp.h VRRP_STATE_*): INIT 0, BACKUP 1, MASTER 2, FAULT 3. */
    private static final int JSON_INIT = 0;
    private static final int JSON_BACKUP = 1;
    private static final int JSON_MASTER = 2;
    private static final int JSON_FAULT = 3;

    private final DaemonView view;
    /** Replaced by a reload ({@code *_dump_file}). */
    private volatile DumpFiles files;
    private final StatsCounters stats = new StatsCounters();
    private final boolean vrrpRunning;
    private final boolean checkersRunning;

    DaemonDumps(DaemonView view, DumpFiles files, boolean vrrpRunning, boolean checkersRunning) {
        this.view = view;
        this.files = files;
        this.vrrpRunning = vrrpRunning;
        this.checkersRunning = checkersRunning;
    }

    /** Where the next dumps go (a reload's {@code state_dump_file} / {@code stats_dump_file} / {@code json_dump_file}). */
    void files(DumpFiles newFiles) {
        files = newFiles;
    }

    /** The status now. */
    StatusReport status() {
        return StatusReport.of(view, vrrpRunning, checkersRunning);
    }

    /** SIGUSR1: the data dumps of the subsystems that run; returns the files written. */
    List<Path> writeData() throws IOException {
        StatusReport status = status();
        List<Path> written = new ArrayList<>();
        if (vrrpRunning) {
            StringBuilder text = new StringBuilder("Vigil VRRP data\n");
            for (VrrpInstanceSettings s : view.vrrpSettings()) {
                text.append("Instance ").append(s.name()).append(": interface ").append(s.interfaceName())
                        .append(", vrid ").append(s.vrid()).append(", version ").append(s.version().wire())
                        .append(", priority ").append(s.priority()).append(", advert_int ")
                        .append(s.advertIntervalCentis() * 10).append(" ms, VIPs ").append(s.vips()).append('\n');
            }
            text.append(status.text());
            written.add(files.writeText(DumpFiles.DATA, text.toString()));
        }
        if (checkersRunning) {
            StringBuilder text = new StringBuilder("Vigil checker data\n").append(status.text());
            view.ipvsTable().ifPresent(t -> text.append(IpvsadmFormat.list(view.ipvsInfo(), t)));
            written.add(files.writeText(DumpFiles.CHECK_DATA, text.toString()));
        }
        return written;
    }

    /** SIGUSR2: {@code keepalived.stats}. */
    Path writeStats() throws IOException {
        return files.writeStats(currentStats());
    }

    /** The statistics since start or the last clear. */
    List<InstanceStats> currentStats() {
        return stats.current(vrrpRunning ? view.vrrpSnapshots() : List.of());
    }

    /** STATS_CLEAR: writes the statistics file, then starts the counters from zero. */
    Path writeAndClearStats() throws IOException {
        List<InstanceSnapshot> snapshots = vrrpRunning ? view.vrrpSnapshots() : List.of();
        Path path = files.writeStats(stats.current(snapshots));
        stats.clear(snapshots);
        return path;
    }

    /** keepalived's JSON signal: {@code keepalived.json}. */
    Path writeJson() throws IOException {
        List<VrrpInstanceSettings> settings = view.vrrpSettings();
        List<InstanceSnapshot> snapshots = vrrpRunning ? view.vrrpSnapshots() : List.of();
        List<InstanceStats> counters = stats.current(snapshots);
        List<InstanceJson> out = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            String name = snapshots.get(i).name();
            int at = i;
            // By name: a reload may change the list between the two reads.
            settings.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(config ->
                    out.add(new InstanceJson(jsonData(config, snapshots.get(at)), counters.get(at))));
        }
        return files.writeJson(out);
    }

    private Map<String, Object> jsonData(VrrpInstanceSettings s, InstanceSnapshot snapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("iname", s.name());
        data.put("ifp_ifname", s.interfaceName());
        data.put("vrid", s.vrid());
        data.put("version", s.version().wire());
        data.put("state", jsonState(snapshot.state()));
        data.put("wantstate", jsonState(snapshot.state()));
        data.put("base_priority", s.priority());
        data.put("effective_priority", snapshot.effectivePriority());
        data.put("adver_int", s.advertIntervalCentis() / 100.0);
        data.put("vips", s.vips().stream().map(v -> InetText.format(v.address()) + "/" + v.prefixLength()
                + " dev " + v.deviceOr(s.interfaceName()) + " scope global").toList());
        view.lastTransition(s.name()).ifPresent(t -> data.put("last_transition", t));
        return data;
    }

    /** STOPPED has no keepalived code here; it is reported as INIT. */
    private static int jsonState(VrrpState state) {
        return switch (state) {
            case BACKUP -> JSON_BACKUP;
            case MASTER -> JSON_MASTER;
            case FAULT -> JSON_FAULT;
            case INIT, STOPPED -> JSON_INIT;
        };
    }
}
