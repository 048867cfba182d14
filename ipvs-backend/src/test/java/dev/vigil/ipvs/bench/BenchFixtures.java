package dev.vigil.ipvs.bench;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.RealServer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared benchmark inputs: servers with mixed weights and loads, and client flows. */
final class BenchFixtures {

    /** Flows cycled through per invocation; a power of two so the index is a mask. */
    static final int FLOWS = 1024;

    private BenchFixtures() {
    }

    static List<RealServer> servers(int count) {
        SplittableRandom random = new SplittableRandom(7);
        List<RealServer> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            IpAddress address = IpAddress.ipv4(0x0a000000 | (i + 1));
            RealServer s = new RealServer(new Destination(address, 80, ForwardMethod.MASQ, 1 + random.nextInt(10), 0, 0));
            for (int c = random.nextInt(50); c > 0; c--) {
                s.bind(false, random.nextBoolean());
            }
            list.add(s);
        }
        return list;
    }

    static Flow[] flows() {
        SplittableRandom random = new SplittableRandom(11);
        Flow[] flows = new Flow[FLOWS];
        IpAddress vip = IpAddress.of("192.0.2.1");
        for (int i = 0; i < FLOWS; i++) {
            flows[i] = new Flow(Protocol.TCP, IpAddress.ipv4(random.nextInt()), 1024 + random.nextInt(60000), vip, 80);
        }
        return flows;
    }

    static <T extends IpvsScheduler> T bound(T scheduler, List<RealServer> servers) {
        scheduler.destinationsChanged(servers, DestinationChange.INITIAL);
        return scheduler;
    }
}
