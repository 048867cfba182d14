package dev.vigil.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays decisions a real kernel (Debian 6.1, x86-64) made, captured by
 * {@code golden/capture.sh} under {@code ipvs-vm}: TCP connections from 10.0.2.15 with
 * chosen source ports to services whose destinations were added in a known order; the
 * connection table ({@code ipvsadm -L -n -c}) shows which real server each port got.
 */
class KernelDecisionsTest {

    private static final IpAddress CLIENT = IpAddress.of("10.0.2.15");

    /** vip → (client port → real server address), from the captured connection table. */
    private static Map<String, Map<Integer, String>> decisions() throws IOException {
        Map<String, Map<Integer, String>> out = new TreeMap<>();
        try (InputStream in = KernelDecisionsTest.class.getResourceAsStream("/golden/vm-6.1/conns.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 6 || !f[0].equals("TCP")) {
                    continue;
                }
                int cport = Integer.parseInt(f[3].substring(f[3].indexOf(':') + 1));
                String vip = f[4].substring(0, f[4].indexOf(':'));
                String dest = f[5].substring(0, f[5].indexOf(':'));
                out.computeIfAbsent(vip, k -> new TreeMap<>()).put(cport, dest);
            }
        }
        return out;
    }

    /**
     * Binds {@code s} to an empty service, then adds destinations 10.0.4.N in {@code order}
     * one at a time, as ipvsadm did: the kernel list ends up reversed, and stateful
     * schedulers (wrr's current weight) see every intermediate list.
     */
    private static List<RealServer> addedInOrder(IpvsScheduler s, int[][] order) {
        List<RealServer> list = new ArrayList<>();
        s.destinationsChanged(list, DestinationChange.INITIAL);
        for (int[] nw : order) {
            RealServer d = Dests.server("10.0.4." + nw[0], nw[1]);
            list.addFirst(d);
            s.destinationsChanged(list, new DestinationChange.Added(d));
        }
        return list;
    }

    private static int replay(IpvsScheduler s, int[][] order, Map<Integer, String> expected, String vip) {
        List<RealServer> list = addedInOrder(s, order);
        int checked = 0;
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            Flow flow = new Flow(Protocol.TCP, CLIENT, e.getKey(), IpAddress.of(vip), 80);
            DestinationView d = s.schedule(list, flow);
            assertEquals(e.getValue(), d.address().toString(), s.name() + " port " + e.getKey());
            ((RealServer) d).bind(false, true);
            checked++;
        }
        return checked;
    }

    private static final int[][] FIVE = {{1, 1}, {2, 2}, {3, 3}, {4, 1}, {5, 5}};

    @Test
    void maglevWithPortMatchesTheKernel() throws IOException {
        Map<Integer, String> seen = decisions().get("10.0.3.1");
        MaglevHashing mh = MaglevHashing.mh(Set.of(SchedulerFlag.FLAG_2), MaglevHashing.DEFAULT_TABLE_INDEX);
        assertEquals(64, replay(mh, FIVE, seen, "10.0.3.1"));
    }

    @Test
    void maglevWithoutPortMatchesTheKernel() throws IOException {
        Map<Integer, String> seen = decisions().get("10.0.3.5");
        MaglevHashing mh = MaglevHashing.mh(Set.of(), MaglevHashing.DEFAULT_TABLE_INDEX);
        assertEquals(1, replay(mh, new int[][] {{1, 1}, {2, 1}}, seen, "10.0.3.5"));
    }

    @Test
    void sourceHashingWithPortMatchesTheKernel() throws IOException {
        Map<Integer, String> seen = decisions().get("10.0.3.2");
        SourceHashing sh = SourceHashing.sh(Set.of(SchedulerFlag.FLAG_2), SourceHashing.DEFAULT_TABLE_BITS);
        assertEquals(64, replay(sh, FIVE, seen, "10.0.3.2"));
    }

    @Test
    void weightedRoundRobinMatchesTheKernelSequence() throws IOException {
        Map<Integer, String> seen = decisions().get("10.0.3.3");
        assertEquals(18, seen.size());
        StringBuilder letters = new StringBuilder();
        seen.values().forEach(a -> letters.append((char) ('A' + Integer.parseInt(a.substring(a.lastIndexOf('.') + 1)) - 1)));
        // Adding C(2), B(3), A(4) one by one leaves cw = 1 (set to mw = 1 after C, kept since),
        // so the first pass runs at weight 1 before the 4,3,2 cycle starts.
        assertEquals("ABC" + "AABABCABC" + "AABABC", letters.toString(), "kernel order for weights 4,3,2");
        WeightedRoundRobin wrr = new WeightedRoundRobin();
        assertEquals(18, replay(wrr, new int[][] {{3, 2}, {2, 3}, {1, 4}}, seen, "10.0.3.3"));
    }
}
