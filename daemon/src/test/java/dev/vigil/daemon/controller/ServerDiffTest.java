package dev.vigil.daemon.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.adapt.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerDiff}: keepalived's matching of virtual servers (vs_exist) and real servers
 * (rs_exist) at reload, and which real servers keep their checker state.
 */
class ServerDiffTest {

    private static String realServer(String address, int weight, int delayLoop) {
        return """
                    real_server %s 80 {
                        weight %d
                        TCP_CHECK {
                            connect_timeout 1
                            delay_loop %d
                        }
                    }
                """.formatted(address, weight, delayLoop);
    }

    private static String virtualServer(String address, String scheduler, String... realServers) {
        return """
                virtual_server %s 80 {
                    lb_algo %s
                    lb_kind NAT
                %s}
                """.formatted(address, scheduler, String.join("", realServers));
    }

    private static List<VirtualServerPlan> plans(String... virtualServers) {
        return TestConfigs.plans(String.join("", virtualServers)).plans();
    }

    private static List<String> addresses(List<RealServerPlan> realServers) {
        return realServers.stream().map(rs -> rs.destination().key().address().toString()).toList();
    }

    @Test
    void theSameConfigurationChangesNothing() {
        List<VirtualServerPlan> config = plans(virtualServer("10.0.0.1", "rr", realServer("10.1.0.1", 1, 5)));
        ServerDiff diff = ServerDiff.of(config, config);
        assertTrue(diff.isEmpty());
        assertEquals(List.of("10.1.0.1"), addresses(diff.kept().getFirst().carried()));
    }

    @Test
    void realServersAreMatchedByAddressAndPortAndTheirCheckersDecideWhatIsCarried() {
        List<VirtualServerPlan> before = plans(virtualServer("10.0.0.1", "rr", realServer("10.1.0.1", 1, 5),
                realServer("10.1.0.2", 1, 5), realServer("10.1.0.3", 1, 5)));
        List<VirtualServerPlan> after = plans(virtualServer("10.0.0.1", "rr", realServer("10.1.0.4", 1, 5),
                realServer("10.1.0.2", 7, 5), realServer("10.1.0.3", 1, 9)));
        ServerDiff.Kept kept = ServerDiff.of(before, after).kept().getFirst();
        assertEquals(List.of("10.1.0.2"), addresses(kept.carried()), "a new weight keeps the checker state");
        assertEquals(List.of("10.1.0.3"), addresses(kept.restarted()), "a new delay_loop restarts the checker");
        assertEquals(List.of("10.1.0.4"), addresses(kept.added()));
        assertEquals(List.of("10.1.0.1"), addresses(kept.removed()));
        assertEquals("10.1.0.3", kept.previous(kept.restarted().getFirst()).orElseThrow().destination().key()
                .address().toString());
        ServerDiff diff = ServerDiff.of(before, after);
        assertEquals(1, diff.realServersAdded());
        assertEquals(1, diff.realServersRemoved());
        assertEquals(1, diff.realServersRestarted());
    }

    @Test
    void virtualServersAreMatchedByTheirServiceWhateverElseChanges() {
        List<VirtualServerPlan> before = plans(virtualServer("10.0.0.1", "rr", realServer("10.1.0.1", 1, 5)),
                virtualServer("10.0.0.2", "rr", realServer("10.1.0.1", 1, 5)));
        List<VirtualServerPlan> after = plans(virtualServer("10.0.0.3", "rr", realServer("10.1.0.1", 1, 5)),
                virtualServer("10.0.0.1", "wlc", realServer("10.1.0.1", 1, 5)));
        ServerDiff diff = ServerDiff.of(before, after);
        assertEquals(List.of("[10.0.0.1]:tcp:80"), diff.kept().stream().map(k -> k.after().id().text()).toList());
        assertTrue(diff.kept().getFirst().changed(), "the scheduler changed");
        assertEquals(List.of("10.1.0.1"), addresses(diff.kept().getFirst().carried()));
        assertEquals(List.of("[10.0.0.2]:tcp:80"), diff.removed().stream().map(p -> p.id().text()).toList());
        assertEquals(List.of("[10.0.0.3]:tcp:80"), diff.added().stream().map(p -> p.id().text()).toList());
        assertFalse(diff.isEmpty());
    }
}
