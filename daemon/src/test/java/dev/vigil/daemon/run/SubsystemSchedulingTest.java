package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.conf.model.ProcessTuning;
import dev.vigil.linux.ThreadScheduling;
import dev.vigil.linux.testing.ParkedThreads;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subsystem settings land on the threads named for that subsystem and on no other, read back from /proc. */
class SubsystemSchedulingTest {

    private final ParkedThreads parked = new ParkedThreads();

    private void start(String name) throws InterruptedException {
        parked.start(name);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        parked.close();
    }

    private int nice(String name) {
        return ThreadScheduling.nice(parked.id(name));
    }

    @Test
    void eachSubsystemsNiceValueReachesItsThreadsOnly() throws Exception {
        start("vrrp-loop");
        start("vrrp-rx-eth0-IPv4");
        start("vigil-check-9-1");
        start("vrrp-script-0");
        start("vigil-control");
        int before = nice("vigil-control");
        ProcessTuning vrrp = new ProcessTuning(Optional.of(before + 3), Optional.empty(), Set.of(), false);
        ProcessTuning checker = new ProcessTuning(Optional.of(before + 5), Optional.empty(), Set.of(), false);
        int tuned = new SubsystemScheduling().apply(List.of(SubsystemScheduling.vrrp(vrrp),
                SubsystemScheduling.checker(checker)));
        assertEquals(3, tuned);
        assertEquals(before + 3, nice("vrrp-loop"));
        assertEquals(before + 3, nice("vrrp-rx-eth0-IPv4"), "15-byte OS name vrrp-rx-eth0-IP still matches");
        assertEquals(before + 5, nice("vigil-check-9-1"));
        assertEquals(before, nice("vrrp-script-0"), "script threads keep the normal settings");
        assertEquals(before, nice("vigil-control"));
    }

    @Test
    void nothingSetTouchesNothing() throws Exception {
        start("vrrp-loop");
        assertEquals(0, new SubsystemScheduling().apply(List.of(SubsystemScheduling.vrrp(ProcessTuning.NONE),
                SubsystemScheduling.checker(ProcessTuning.NONE))));
    }

    @Test
    void aReloadThatDropsTheSettingsPutsTheThreadsBack() throws Exception {
        start("vrrp-loop");
        int before = nice("vrrp-loop");
        SubsystemScheduling scheduling = new SubsystemScheduling();
        scheduling.apply(List.of(SubsystemScheduling.vrrp(
                new ProcessTuning(Optional.of(before + 4), Optional.empty(), Set.of(), false))));
        assertEquals(before + 4, nice("vrrp-loop"));
        scheduling.apply(List.of(SubsystemScheduling.vrrp(ProcessTuning.NONE)));
        assertEquals(before, nice("vrrp-loop"), "back to the daemon's start-up nice value");
    }
}
