package dev.vigil.vrrp.scenario;

import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AdvertChecker;
import dev.vigil.vrrp.codec.AdvertExpectations;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.GarpSettings;
import dev.vigil.vrrp.fsm.InstanceSettings;
import dev.vigil.vrrp.fsm.InstanceStateMachine;
import dev.vigil.vrrp.sync.SyncGroup;
import dev.vigil.vrrp.track.InstanceTracking;
import dev.vigil.vrrp.track.ScriptHealth;
import dev.vigil.vrrp.track.ScriptStatus;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.TrackingSettings;
import dev.vigil.vrrp.track.Weight;
import dev.vigil.vrrp.track.WeightPolicy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a scenario drives, built from its declarations: one state machine, advert checker
 * and tracker aggregator per instance, the shared script counters, and the sync groups.
 */
final class ScenarioWorld {

    /** One router under test. */
    record Router(String name, InstanceSettings settings, InstanceStateMachine fsm, AdvertChecker checker,
                  List<InetAddress> vips, InstanceTracking tracking) {
    }

    /** The VRID of the first instance; the next ones count up. */
    private static final int FIRST_VRID = 51;

    final Map<String, Router> routers = new LinkedHashMap<>();
    final Map<String, ScriptHealth> scripts = new HashMap<>();
    final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    final Map<String, String> groupOf = new HashMap<>();

    ScenarioWorld(Scenario scenario) {
        for (Scenario.Track t : scenario.tracks()) {
            if (t.kind().equals("script")) {
                scripts.putIfAbsent(t.name(), new ScriptHealth(intOption(t.options(), "rise", 1),
                        intOption(t.options(), "fall", 1), t.options().containsKey("init_fail")));
            }
        }
        scenario.groups().forEach((group, g) -> g.members().forEach(m -> groupOf.put(m, group)));
        int index = 0;
        for (Map.Entry<String, Map<String, String>> e : scenario.instances().entrySet()) {
            routers.put(e.getKey(), router(scenario, e.getKey(), new HashMap<>(e.getValue()), index++));
        }
        scenario.groups().forEach((group, g) -> {
            Map<String, InstanceStateMachine> members = new LinkedHashMap<>();
            g.members().forEach(m -> members.put(m, routers.get(m).fsm()));
            groups.put(group, new SyncGroup(group, members));
        });
    }

    private Router router(Scenario scenario, String name, Map<String, String> o, int index) {
        VrrpVersion version = take(o, "version", "2").equals("3") ? VrrpVersion.V3 : VrrpVersion.V2;
        int priority = Integer.parseInt(take(o, "priority", "100"));
        int intervalCentis = (int) (TimeText.parse(take(o, "advert_int", "1s")) / 10_000_000L);
        boolean master = take(o, "state", priority == 255 ? "MASTER" : "BACKUP").equals("MASTER");
        InetAddress address = Inet4Address.ofLiteral(take(o, "address", "10.0.0.5"));
        int vipCount = Integer.parseInt(take(o, "vips", "1"));
        GarpSettings garp = new GarpSettings(
                Integer.parseInt(take(o, "garp_master_repeat", "5")),
                TimeText.parse(take(o, "garp_master_delay", "5s")),
                TimeText.parse(take(o, "garp_master_refresh", "0")),
                Integer.parseInt(take(o, "garp_master_refresh_repeat", "1")),
                Integer.parseInt(take(o, "garp_lower_prio_repeat", "5")),
                TimeText.parse(take(o, "garp_lower_prio_delay", "5s")));
        InstanceSettings settings = new InstanceSettings(FIRST_VRID + index, version, priority, intervalCentis, master,
                o.remove("nopreempt") != null, TimeText.parse(take(o, "preempt_delay", "0")),
                Integer.parseInt(take(o, "down_timer_adverts", "3")), o.remove("lower_prio_no_advert") != null,
                o.remove("higher_prio_send_advert") != null, garp, TimeText.parse(take(o, "startup_delay", "0")),
                address);
        String primary = take(o, "interface", "eth0");
        boolean dontTrackPrimary = o.remove("dont_track_primary") != null;
        if (!o.isEmpty()) {
            throw new IllegalArgumentException(scenario.file() + ": unknown options for " + name + ": " + o.keySet());
        }
        List<InetAddress> vips = new ArrayList<>();
        for (int i = 0; i < vipCount; i++) {
            vips.add(Inet4Address.ofLiteral("192.168." + (index + 1) + "." + (i + 1)));
        }
        AdvertChecker checker = new AdvertChecker(
                AdvertExpectations.multicast(version, AddressFamily.IPV4, intervalCentis, vips));
        TrackingSettings tracking = new TrackingSettings(priority, primary, dontTrackPrimary,
                trackers(scenario, name, settings.owner()));
        Map<String, ScriptStatus> initial = new HashMap<>();
        scripts.forEach((script, health) -> initial.put(script, health.status()));
        return new Router(name, settings, new InstanceStateMachine(settings), checker, vips,
                new InstanceTracking(tracking, initial));
    }

    /** The instance's own trackers and its group's, after keepalived's weight rules. */
    private List<TrackerSpec> trackers(Scenario scenario, String name, boolean owner) {
        String group = groupOf.get(name);
        List<TrackerSpec> own = new ArrayList<>();
        List<TrackerSpec> ofGroup = new ArrayList<>();
        for (Scenario.Track t : scenario.tracks()) {
            if (t.owner().equals(name)) {
                own.add(spec(t));
            } else if (t.owner().equals(group)) {
                ofGroup.add(spec(t));
            }
        }
        boolean trackingWeight = group != null && scenario.groups().get(group).trackingWeight();
        List<TrackerSpec> out = new ArrayList<>(
                WeightPolicy.forInstance(own, owner, group != null, trackingWeight).trackers());
        if (group != null) {
            boolean anyOwner = scenario.groups().get(group).members().stream()
                    .anyMatch(m -> Integer.parseInt(scenario.instances().get(m).getOrDefault("priority", "100")) == 255);
            out.addAll(WeightPolicy.forSyncGroup(ofGroup, anyOwner).trackers());
        }
        Set<String> seen = new HashSet<>();
        out.removeIf(t -> !seen.add(t.key()));
        return out;
    }

    private static TrackerSpec spec(Scenario.Track t) {
        int defaultWeight = t.kind().equals("file") ? TrackerSpec.File.DEFAULT_WEIGHT : 0;
        Weight weight = new Weight(intOption(t.options(), "weight", defaultWeight), t.options().containsKey("reverse"));
        return switch (t.kind()) {
            case "interface" -> new TrackerSpec.Interface(t.name(), weight);
            case "script" -> new TrackerSpec.Script(t.name(), weight);
            case "file" -> new TrackerSpec.File(t.name(), weight);
            default -> throw new IllegalArgumentException("line " + t.line() + ": unknown tracker kind " + t.kind());
        };
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static String take(Map<String, String> options, String key, String fallback) {
        String v = options.remove(key);
        return v == null ? fallback : v;
    }
}
