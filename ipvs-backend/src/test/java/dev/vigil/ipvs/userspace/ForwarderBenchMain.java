package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the userspace forwarder for one TCP service until the process is killed; used by
 * {@code bench/forwarder-vs-haproxy} while the daemon's CLI is not wired yet.
 *
 * <pre>java -cp … dev.vigil.ipvs.userspace.ForwarderBenchMain VIP PORT SCHEDULER LOOPS REAL:PORT…</pre>
 */
public final class ForwarderBenchMain {

    private ForwarderBenchMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 5) {
            System.err.println("usage: ForwarderBenchMain VIP PORT SCHEDULER LOOPS REAL:PORT...");
            System.exit(2);
        }
        ServiceKey.Inet key = new ServiceKey.Inet(Protocol.TCP, IpAddress.of(args[0]), Integer.parseInt(args[1]));
        UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(
                ForwarderSettings.defaults().withEventLoops(Integer.parseInt(args[3])));
        check(forwarder.addService(VirtualService.of(key, args[2])));
        for (int i = 4; i < args.length; i++) {
            int colon = args[i].lastIndexOf(':');
            check(forwarder.addDestination(key, Destination.of(args[i].substring(0, colon),
                    Integer.parseInt(args[i].substring(colon + 1)), ForwardMethod.MASQ, 1)));
        }
        System.out.println("vigil forwarder (" + forwarder.transportName() + ") on " + args[0] + ":" + args[1]);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            forwarder.close();
            stop.countDown();
        }));
        stop.await();
    }

    private static void check(IpvsResult result) {
        if (result instanceof IpvsResult.Failed f) {
            System.err.println("forwarder: " + f.error() + ": " + f.detail());
            System.exit(1);
        }
    }
}
