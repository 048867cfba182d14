package dev.vigil.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's neutralised weights (vrrp.c vrrp_complete_instance, sync_group_tracking_init). */
class WeightPolicyTest {

    private static final TrackerSpec IF_WEIGHTED = new TrackerSpec.Interface("eth1", Weight.of(-20));
    private static final TrackerSpec IF_PLAIN = new TrackerSpec.Interface("eth2", Weight.FAULT_ONLY);
    private static final TrackerSpec SCRIPT_WEIGHTED = new TrackerSpec.Script("chk", Weight.of(10));
    private static final TrackerSpec FILE_DEFAULT = new TrackerSpec.File("/a", Weight.of(1));
    private static final TrackerSpec FILE_WEIGHTED = new TrackerSpec.File("/b", Weight.of(3));
    private static final List<TrackerSpec> ALL = List.of(IF_WEIGHTED, IF_PLAIN, SCRIPT_WEIGHTED, FILE_DEFAULT,
            FILE_WEIGHTED);

    @Test
    void aPlainInstanceKeepsEverything() {
        WeightPolicy.Result r = WeightPolicy.forInstance(ALL, false, false, false);
        assertEquals(ALL, r.trackers());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void syncGroupMemberWithoutTrackingWeightLosesWeights() {
        WeightPolicy.Result r = WeightPolicy.forInstance(ALL, false, true, false);
        assertEquals(List.of(new TrackerSpec.Interface("eth1", Weight.FAULT_ONLY), IF_PLAIN,
                new TrackerSpec.File("/a", Weight.FAULT_ONLY)), r.trackers());
        assertEquals(4, r.warnings().size());
    }

    @Test
    void syncGroupTrackingWeightKeepsThem() {
        assertEquals(ALL, WeightPolicy.forInstance(ALL, false, true, true).trackers());
    }

    @Test
    void anOwnerStopsTrackingWeightedInterfaces() {
        assertEquals(List.of(IF_PLAIN, new TrackerSpec.File("/a", Weight.FAULT_ONLY)),
                WeightPolicy.forInstance(ALL, true, false, false).trackers());
    }

    @Test
    void groupTrackersLoseWeightsOnlyWithAnOwnerMember() {
        assertEquals(ALL, WeightPolicy.forSyncGroup(ALL, false).trackers());
        WeightPolicy.Result r = WeightPolicy.forSyncGroup(ALL, true);
        assertEquals(List.of(new TrackerSpec.Interface("eth1", Weight.FAULT_ONLY), IF_PLAIN,
                new TrackerSpec.Script("chk", Weight.FAULT_ONLY), new TrackerSpec.File("/a", Weight.FAULT_ONLY),
                new TrackerSpec.File("/b", Weight.FAULT_ONLY)), r.trackers());
        assertEquals(4, r.warnings().size());
    }
}
