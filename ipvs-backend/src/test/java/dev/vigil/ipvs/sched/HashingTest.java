package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.SchedulerFlag;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sh, dh and mh tables, lookups, flags and quiescing. */
class HashingTest {

    @Test
    void shFillsWeightConsecutiveBucketsRoundRobin() {
        List<RealServer> list = weights(2, 1, 0);
        SourceHashing sh = SourceHashing.sh(Set.of(), SourceHashing.DEFAULT_TABLE_BITS);
        sh.destinationsChanged(list, DestinationChange.INITIAL);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            first.append((char) ('A' + list.indexOf(sh.bucket(i))));
        }
        // weight 2: two buckets; weight 1: one; weight 0: still one bucket (but unusable)
        assertEquals("AABCAABC", first.toString());
        assertEquals(256, sh.size());
    }

    @Test
    void dhFillsOneBucketPerDestinationIgnoringWeights() {
        List<RealServer> list = weights(5, 1, 3);
        SourceHashing dh = SourceHashing.dh(SourceHashing.DEFAULT_TABLE_BITS);
        dh.destinationsChanged(list, DestinationChange.INITIAL);
        for (int i = 0; i < dh.size(); i++) {
            assertSame(list.get(i % 3), dh.bucket(i));
        }
    }

    @Test
    void shHashIsTheKernelMultiplicativeHashOfTheSourceAddress() {
        List<RealServer> list = weights(1, 1, 1, 1);
        SourceHashing sh = SourceHashing.sh(Set.of(), SourceHashing.DEFAULT_TABLE_BITS);
        sh.destinationsChanged(list, DestinationChange.INITIAL);
        // hash_32(0x0a000001, 8): top 8 bits of 0x0a000001 * 0x61C88647 mod 2^32
        long expected = ((0x0a000001L * 0x61C88647L) & 0xffffffffL) >>> 24;
        assertEquals(expected, sh.index(IpAddress.of("10.0.0.1"), 0, 0));
        DestinationView d = sh.schedule(list, Dests.flow("10.0.0.1", 5555));
        assertSame(sh.bucket((int) expected), d);
        assertSame(d, sh.schedule(list, Dests.flow("10.0.0.1", 6666)), "port ignored without sh-port");
    }

    @Test
    void dhHashesThePacketDestination() {
        List<RealServer> list = weights(1, 1, 1);
        SourceHashing dh = SourceHashing.dh(SourceHashing.DEFAULT_TABLE_BITS);
        dh.destinationsChanged(list, DestinationChange.INITIAL);
        int index = dh.index(IpAddress.of("93.184.216.34"), 0, 0);
        assertSame(dh.bucket(index), dh.schedule(list, Dests.toAddress("93.184.216.34")));
    }

    @Test
    void shWithoutFallbackRefusesAQuiescedBucketAndWithFallbackProbesOn() {
        List<RealServer> list = weights(1, 1, 1);
        Flow flow = Dests.flow("192.0.2.33", 1000);
        SourceHashing plain = SourceHashing.sh(Set.of(), 8);
        plain.destinationsChanged(list, DestinationChange.INITIAL);
        RealServer owner = (RealServer) plain.schedule(list, flow);
        assertNotNull(owner);
        owner.update(owner.settings().withWeight(0));
        // weight 0 → table rebuilt; the bucket still names the quiesced server (1 bucket)
        plain.destinationsChanged(list, new DestinationChange.Updated(owner));
        SourceHashing fallback = SourceHashing.sh(Set.of(SchedulerFlag.FLAG_1), 8);
        fallback.destinationsChanged(list, DestinationChange.INITIAL);
        // a weight-0 server still takes one bucket, so the table is unchanged: A B C A B C ...
        assertNull(plain.schedule(list, flow));
        DestinationView rescued = fallback.schedule(list, flow);
        assertNotNull(rescued);
        assertNotSame(owner, rescued);
    }

    @Test
    void shPortSpreadsOneClientOverServers() {
        List<RealServer> list = weights(1, 1, 1, 1);
        SourceHashing sh = SourceHashing.sh(Set.of(SchedulerFlag.FLAG_2), 8);
        sh.destinationsChanged(list, DestinationChange.INITIAL);
        Map<DestinationView, Integer> hits = new IdentityHashMap<>();
        for (int port = 30000; port < 30400; port++) {
            hits.merge(sh.schedule(list, Dests.flow("192.0.2.1", port)), 1, Integer::sum);
        }
        assertEquals(4, hits.size());
    }

    @Test
    void mhTableHas4093SlotsSharedInProportionToWeight() {
        List<RealServer> list = weights(1, 2, 1);
        MaglevHashing mh = MaglevHashing.mh(Set.of(), MaglevHashing.DEFAULT_TABLE_INDEX);
        mh.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals(4093, mh.size());
        int[] count = new int[3];
        for (int i = 0; i < mh.size(); i++) {
            count[list.indexOf(mh.slot(i))]++;
        }
        assertEquals(4093, count[0] + count[1] + count[2]);
        assertTrue(Math.abs(count[1] - 2 * count[0]) <= 2, "weight 2 owns twice the slots: " + count[1] + " vs " + count[0]);
        assertTrue(Math.abs(count[0] - count[2]) <= 1);
    }

    @Test
    void mhQuiesceKeepsSlotsButRefusesThem() {
        List<RealServer> list = weights(1, 1, 1);
        MaglevHashing plain = MaglevHashing.mh(Set.of(), 12);
        MaglevHashing fallback = MaglevHashing.mh(Set.of(SchedulerFlag.FLAG_1), 12);
        plain.destinationsChanged(list, DestinationChange.INITIAL);
        fallback.destinationsChanged(list, DestinationChange.INITIAL);
        DestinationView[] before = new DestinationView[plain.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = plain.slot(i);
        }
        RealServer quiesced = list.get(1);
        quiesced.update(quiesced.settings().withWeight(0));
        plain.destinationsChanged(list, new DestinationChange.Updated(quiesced));
        fallback.destinationsChanged(list, new DestinationChange.Updated(quiesced));
        for (int i = 0; i < before.length; i++) {
            assertSame(before[i], plain.slot(i), "slot " + i + " must not move on quiesce");
        }
        int refused = 0;
        int rescued = 0;
        for (int port = 0; port < 300; port++) {
            Flow flow = Dests.flow("198.51.100." + (port % 250 + 1), port);
            if (plain.schedule(list, flow) == null) {
                refused++;
                DestinationView other = fallback.schedule(list, flow);
                assertNotNull(other);
                assertNotSame(quiesced, other);
                rescued++;
            }
        }
        assertTrue(refused > 0 && refused == rescued);
    }

    @Test
    void mhDestinationAddedWithWeightZeroGetsNoSlots() {
        List<RealServer> list = weights(0, 1);
        MaglevHashing mh = MaglevHashing.mh(Set.of(), 8);
        mh.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals(251, mh.size());
        for (int i = 0; i < mh.size(); i++) {
            assertSame(list.get(1), mh.slot(i));
        }
        MaglevHashing empty = MaglevHashing.mh(Set.of(), 8);
        empty.destinationsChanged(weights(0, 0), DestinationChange.INITIAL);
        assertNull(empty.slot(0));
        assertNull(empty.schedule(weights(0, 0), Dests.flow("1.1.1.1", 1)));
    }
}
