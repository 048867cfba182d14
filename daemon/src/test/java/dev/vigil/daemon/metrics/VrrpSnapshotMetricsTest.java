package dev.vigil.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.InstanceStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The advert, priority-0 and priority series fed from the runtime's snapshots at scrape time. */
class VrrpSnapshotMetricsTest {

    private static InstanceSnapshot snapshot(int priority, long sent, long received, long zeroSent, long zeroRcvd) {
        return new InstanceSnapshot("VI_1", VrrpState.MASTER, priority, Optional.empty(),
                new InstanceStatistics(received, sent, 1, 0, zeroRcvd, zeroSent, 0, Map.of(), Map.of(), Map.of()));
    }

    private static double value(String scrape, String sample) {
        return scrape.lines().filter(l -> l.startsWith(sample + " ")).mapToDouble(
                l -> Double.parseDouble(l.substring(sample.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + sample + " in\n" + scrape));
    }

    @Test
    void eachScrapeCatchesUpWithTheLatestSnapshot() {
        VigilMetrics metrics = new VigilMetrics();
        List<InstanceSnapshot> latest = new ArrayList<>(List.of(snapshot(150, 10, 4, 0, 1)));
        metrics.vrrp().observeSnapshots(() -> List.copyOf(latest));

        String first = metrics.scrape();
        assertEquals(10.0, value(first, "vigil_vrrp_adverts_sent_total{instance=\"VI_1\"}"));
        assertEquals(4.0, value(first, "vigil_vrrp_adverts_received_total{instance=\"VI_1\"}"));
        assertEquals(1.0, value(first, "vigil_vrrp_priority_zero_received_total{instance=\"VI_1\"}"));
        assertEquals(150.0, value(first, "vigil_vrrp_priority{instance=\"VI_1\"}"));

        latest.set(0, snapshot(90, 25, 4, 1, 1));
        String second = metrics.scrape();
        assertEquals(25.0, value(second, "vigil_vrrp_adverts_sent_total{instance=\"VI_1\"}"));
        assertEquals(1.0, value(second, "vigil_vrrp_priority_zero_sent_total{instance=\"VI_1\"}"));
        assertEquals(90.0, value(second, "vigil_vrrp_priority{instance=\"VI_1\"}"));

        // A restarted runtime counts from zero again: its totals are added, never subtracted.
        latest.set(0, snapshot(90, 3, 0, 0, 0));
        String third = metrics.scrape();
        assertEquals(28.0, value(third, "vigil_vrrp_adverts_sent_total{instance=\"VI_1\"}"));
        assertTrue(third.contains("vigil_vrrp_adverts_received_total{instance=\"VI_1\"} 4.0"), third);
    }
}
