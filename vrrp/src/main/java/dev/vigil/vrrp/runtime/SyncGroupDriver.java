package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Ticker;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.fsm.InstanceStateMachine;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.sync.GroupEffect;
import dev.vigil.vrrp.sync.SyncGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the members of one sync group: a driver of {@link InstanceDriver}s. Each member's
 * driver keeps its own seams, counters, timers and trackers, but its state machine is owned by
 * the pure {@link SyncGroup}: the member's inputs come here ({@link #handle}), the group runs
 * them and its rules, and every resulting effect is carried out by the member driver it is
 * tagged with; group state changes go to the listener. Confined to the event loop.
 */
final class SyncGroupDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SyncGroupDriver.class);

    private final SyncGroup group;
    private final Map<String, InstanceDriver> members = new LinkedHashMap<>();
    private final Ticker clock;
    private final VrrpEventListener listener;

    /** Builds the group over the members' machines and makes every member send its inputs here. */
    SyncGroupDriver(String name, List<InstanceDriver> memberDrivers, Ticker clock, VrrpEventListener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        Map<String, InstanceStateMachine> machines = new LinkedHashMap<>();
        for (InstanceDriver driver : memberDrivers) {
            members.put(driver.settings().name(), driver);
            machines.put(driver.settings().name(), driver.machine());
        }
        this.group = new SyncGroup(name, machines);
        memberDrivers.forEach(d -> d.joinGroup(this));
    }

    String name() {
        return group.name();
    }

    /** The group's own state (INIT until its members first settle). */
    VrrpState state() {
        return group.state();
    }

    /** The member instances' names as the group knows them, in configuration order. */
    List<String> memberNames() {
        return List.copyOf(members.keySet());
    }

    /** The member drivers, in configuration order. */
    List<InstanceDriver> members() {
        return List.copyOf(members.values());
    }

    /** After a reload built this group over running instances: {@link SyncGroup#settle}. */
    void settle() {
        perform(group.settle(clock.nanoTime()));
    }

    /** Runs one member's input through the group and carries out every effect. */
    void handle(String member, Input input) {
        perform(group.handle(member, input, clock.nanoTime()));
    }

    private void perform(List<GroupEffect> effects) {
        for (GroupEffect effect : effects) {
            switch (effect) {
                case GroupEffect.Member m -> members.get(m.member()).perform(m.effect());
                case GroupEffect.GroupStateChanged c -> {
                    LOG.info("VRRP_Group({}) entering {} state, was {}", c.group(), c.to(), c.from());
                    listener.groupStateChanged(c.group(), c.from(), c.to());
                }
            }
        }
    }
}
