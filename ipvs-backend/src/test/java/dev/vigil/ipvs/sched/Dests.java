package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import java.util.ArrayList;
import java.util.List;

/** Fixture helpers: destination lists in kernel order and flows. */
final class Dests {

    private Dests() {
    }

    /** One real server per weight, named 10.0.4.1, .2, ... in list order (list head first). */
    static List<RealServer> weights(int... weights) {
        List<RealServer> list = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            list.add(new RealServer(Destination.of("10.0.4." + (i + 1), 80, ForwardMethod.MASQ, weights[i])));
        }
        return list;
    }

    static RealServer server(String address, int weight) {
        return new RealServer(Destination.of(address, 80, ForwardMethod.MASQ, weight));
    }

    static Flow flow(String source, int sourcePort) {
        return new Flow(Protocol.TCP, IpAddress.of(source), sourcePort, IpAddress.of("10.0.3.1"), 80);
    }

    static Flow toAddress(String destination) {
        return new Flow(Protocol.TCP, IpAddress.of("203.0.113.7"), 40000, IpAddress.of(destination), 80);
    }

    /** Letters A, B, C... for the list positions of the picks; '-' for no destination. */
    static String sequence(IpvsScheduler s, List<RealServer> list, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            DestinationView d = s.schedule(list, flow("203.0.113.7", 40000 + i));
            out.append(d == null ? '-' : (char) ('A' + list.indexOf(d)));
        }
        return out.toString();
    }

    static void setActive(RealServer d, int active, int inactive) {
        for (int i = 0; i < active; i++) {
            d.bind(false, false);
        }
        for (int i = 0; i < inactive; i++) {
            d.bind(false, true);
        }
    }
}
