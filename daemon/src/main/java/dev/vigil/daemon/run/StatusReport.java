package dev.vigil.daemon.run;

import dev.vigil.common.text.InetText;
import dev.vigil.daemon.controller.ControllerStatus;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.TrackerState;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The daemon's status: what {@code vigil ctl status} prints, {@code status --json} and the
 * metrics endpoint's {@code /status} return. Built from plain values (no {@code Optional}) so
 * it serialises to JSON as it is. Pure.
 *
 * @param vrrpRunning    whether the VRRP subsystem runs (not with {@code -C})
 * @param vrrp           the instances, in configuration order
 * @param checkersRunning whether the checker subsystem runs (not with {@code -P})
 * @param virtualServers the virtual servers with their real servers
 */
public record StatusReport(boolean vrrpRunning, List<Instance> vrrp, boolean checkersRunning,
                           List<VirtualServer> virtualServers) {

    public StatusReport {
        vrrp = List.copyOf(vrrp);
        virtualServers = List.copyOf(virtualServers);
    }

    /**
     * One VRRP instance.
     *
     * @param master    the master's address while backup, "self" while master, else null
     * @param syncGroup the sync group it belongs to, else null
     * @param trackers  its trackers (its own and its group's), in configuration order
     * @param vips      its {@code virtual_ipaddress} entries as {@code ADDRESS/PREFIX}, in
     *                  configuration order (held on the interface while MASTER)
     */
    public record Instance(String name, String interfaceName, int vrid, String state, int priority, String master,
                           String syncGroup, List<Tracker> trackers, List<String> vips) {
        public Instance {
            Objects.requireNonNull(name, "name");
            trackers = List.copyOf(trackers);
            vips = List.copyOf(vips);
        }

        /** An instance without sync group, trackers or VIPs. */
        public Instance(String name, String interfaceName, int vrid, String state, int priority, String master) {
            this(name, interfaceName, vrid, state, priority, master, null, List.of(), List.of());
        }
    }

    /**
     * One tracker of an instance ({@link TrackerState}).
     *
     * @param fault why it holds the instance in FAULT, else null
     */
    public record Tracker(String key, int weight, boolean reverse, String observed, int priorityDelta, String fault) {
        static Tracker of(TrackerState state) {
            return new Tracker(state.key(), state.weight(), state.reverse(), state.observed(), state.priorityDelta(),
                    state.fault().orElse(null));
        }
    }

    /** One virtual server. */
    public record VirtualServer(String id, boolean quorumUp, long aliveWeight, long quorum,
                                boolean sorryServerActive, List<RealServer> realServers) {
        public VirtualServer {
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * One real server.
     *
     * @param tableWeight its weight in the IPVS table, or null when it is not in it
     */
    public record RealServer(String endpoint, boolean alive, int weight, Integer tableWeight, List<Checker> checkers) {
        public RealServer {
            checkers = List.copyOf(checkers);
        }
    }

    /** One checker of a real server. */
    public record Checker(String name, String type, boolean up, long attempts) {
    }

    /** The status of a daemon as {@code view} shows it. */
    public static StatusReport of(DaemonView view, boolean vrrpRunning, boolean checkersRunning) {
        List<VrrpInstanceSettings> settings = view.vrrpSettings();
        List<InstanceSnapshot> snapshots = vrrpRunning ? view.vrrpSnapshots() : List.of();
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            InstanceSnapshot s = snapshots.get(i);
            // By name: a reload may change the list between the two reads.
            VrrpInstanceSettings config = settings.stream().filter(c -> c.name().equals(s.name())).findFirst()
                    .orElse(null);
            String master = s.state() == VrrpState.MASTER ? "self"
                    : s.masterAddress().map(InetText::format).orElse(null);
            instances.add(new Instance(s.name(), config == null ? null : config.interfaceName(),
                    config == null ? 0 : config.vrid(), s.state().name(), s.effectivePriority(), master,
                    s.syncGroup().orElse(null), s.trackers().stream().map(Tracker::of).toList(),
                    config == null ? List.of() : config.vips().stream()
                            .map(v -> InetText.format(v.address()) + "/" + v.prefixLength()).toList()));
        }
        List<VirtualServer> servers = view.lvsStatus().virtualServers().stream().map(StatusReport::virtualServer)
                .toList();
        return new StatusReport(vrrpRunning, instances, checkersRunning, servers);
    }

    private static VirtualServer virtualServer(ControllerStatus.VirtualServer vs) {
        List<RealServer> reals = vs.realServers().stream().map(rs -> new RealServer(rs.endpoint(), rs.alive(),
                rs.weight(), rs.tableWeight().orElse(null), rs.checkers().stream()
                .map(c -> new Checker(c.name(), c.type().name(), c.up(), c.attempts())).toList())).toList();
        return new VirtualServer(vs.id(), vs.quorumUp(), vs.aliveWeight(), vs.quorum(), vs.sorryServerActive(), reals);
    }

    /** The text {@code vigil ctl status} prints. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (!vrrpRunning) {
            out.append("VRRP: not running\n");
        } else if (vrrp.isEmpty()) {
            out.append("VRRP: no instances\n");
        } else {
            out.append("VRRP instances:\n");
            for (Instance i : vrrp) {
                out.append("  ").append(i.name()).append(" (").append(i.interfaceName()).append(", vrid ")
                        .append(i.vrid()).append("): ").append(i.state()).append(", priority ").append(i.priority());
                if (i.master() != null) {
                    out.append(", master ").append(i.master().equals("self") ? "this node" : i.master());
                }
                if (i.syncGroup() != null) {
                    out.append(", sync group ").append(i.syncGroup());
                }
                out.append('\n');
                for (Tracker t : i.trackers()) {
                    out.append("    tracks ").append(t.key()).append(" (weight ").append(t.weight())
                            .append(t.reverse() ? " reverse" : "").append("): ").append(t.observed())
                            .append(", priority ").append(t.priorityDelta() >= 0 ? "+" : "").append(t.priorityDelta())
                            .append(t.fault() == null ? "" : ", FAULT: " + t.fault()).append('\n');
                }
            }
        }
        if (!checkersRunning) {
            out.append("Virtual servers: not running\n");
        } else if (virtualServers.isEmpty()) {
            out.append("Virtual servers: none\n");
        } else {
            out.append("Virtual servers:\n");
            for (VirtualServer vs : virtualServers) {
                out.append("  ").append(vs.id()).append(": quorum ").append(vs.quorumUp() ? "up" : "down")
                        .append(" (alive weight ").append(vs.aliveWeight()).append(", quorum ").append(vs.quorum())
                        .append(')').append(vs.sorryServerActive() ? ", sorry server active" : "").append('\n');
                for (RealServer rs : vs.realServers()) {
                    out.append("    ").append(rs.endpoint()).append(": ").append(rs.alive() ? "alive" : "down")
                            .append(", weight ").append(rs.weight())
                            .append(rs.tableWeight() == null ? ", not in the table" : "").append('\n');
                }
            }
        }
        return out.toString();
    }
}
