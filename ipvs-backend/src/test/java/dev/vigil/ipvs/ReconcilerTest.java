package dev.vigil.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.IpvsOperation.AddDestination;
import dev.vigil.ipvs.IpvsOperation.AddService;
import dev.vigil.ipvs.IpvsOperation.DeleteDestination;
import dev.vigil.ipvs.IpvsOperation.DeleteService;
import dev.vigil.ipvs.IpvsOperation.EditDestination;
import dev.vigil.ipvs.IpvsOperation.EditService;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final ServiceKey WEB = ServiceKey.tcp("10.0.0.100", 80);
    private static final ServiceKey TLS = ServiceKey.tcp("10.0.0.100", 443);
    private static final ServiceKey DNS = ServiceKey.udp("10.0.0.100", 53);
    private static final Destination A = Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1);
    private static final Destination B = Destination.of("192.168.1.11", 80, ForwardMethod.DROUTE, 1);
    private static final Destination C = Destination.of("192.168.1.12", 80, ForwardMethod.DROUTE, 1);

    private static ServiceEntry svc(ServiceKey key, String sched, Destination... dests) {
        return ServiceEntry.of(VirtualService.of(key, sched), List.of(dests));
    }

    @Test
    void equalTablesNeedNothingEvenWithDifferentCounters() {
        VirtualTable desired = VirtualTable.of(svc(WEB, "wlc", A, B));
        VirtualTable actual = VirtualTable.of(new ServiceEntry(VirtualService.of(WEB, "wlc"),
                Stats.totals(10, 20, 0, 3000, 0),
                List.of(new DestinationEntry(A, 3, 4, 0, Stats.ZERO), DestinationEntry.of(B))));
        assertEquals(List.of(), Reconciler.plan(actual, desired));
    }

    @Test
    void weightChangeIsOneEditNotDeleteAndAdd() {
        VirtualTable actual = VirtualTable.of(svc(WEB, "wlc", A, B));
        VirtualTable desired = VirtualTable.of(svc(WEB, "wlc", A.withWeight(0), B));
        assertEquals(List.of(new EditDestination(WEB, A.withWeight(0))), Reconciler.plan(actual, desired));
    }

    @Test
    void removedServiceIsOneDeleteItsDestinationsGoWithIt() {
        VirtualTable actual = VirtualTable.of(svc(WEB, "wlc", A, B), svc(TLS, "rr", C));
        VirtualTable desired = VirtualTable.of(svc(TLS, "rr", C));
        assertEquals(List.of(new DeleteService(WEB)), Reconciler.plan(actual, desired));
    }

    @Test
    void planOrderIsDeletesThenEditsThenAdds() {
        VirtualTable actual = VirtualTable.of(svc(WEB, "wlc", A, B), svc(TLS, "rr", C));
        VirtualService webSh = VirtualService.of(WEB, "sh").withScheduler("sh", Set.of(SchedulerFlag.FLAG_2));
        VirtualTable desired = VirtualTable.of(
                ServiceEntry.of(webSh, List.of(C, A.withWeight(5))),
                svc(DNS, "rr", B, A));
        List<IpvsOperation> expected = List.of(
                new DeleteDestination(WEB, B.key()),
                new DeleteService(TLS),
                new EditService(webSh),
                new EditDestination(WEB, A.withWeight(5)),
                new AddService(VirtualService.of(DNS, "rr")),
                new AddDestination(DNS, A),
                new AddDestination(DNS, B),
                new AddDestination(WEB, C));
        assertEquals(expected, Reconciler.plan(actual, desired));
    }

    @Test
    void addsTailFirstSoTheKernelListMatchesTheDesiredOrder() {
        FakeIpvsBackend backend = new FakeIpvsBackend();
        VirtualTable desired = VirtualTable.of(svc(WEB, "rr", A, B, C));
        assertTrue(Reconciler.reconcile(backend, desired).isComplete());
        List<Destination> order = backend.snapshot().service(WEB).orElseThrow().destinations().stream()
                .map(DestinationEntry::destination).toList();
        assertEquals(List.of(A, B, C), order);
    }

    @Test
    void applyingAPlanTwiceIsHarmless() {
        FakeIpvsBackend backend = new FakeIpvsBackend();
        VirtualTable desired = VirtualTable.of(svc(WEB, "wlc", A, B), svc(DNS, "rr", C));
        List<IpvsOperation> plan = Reconciler.plan(backend.snapshot(), desired);
        assertTrue(Reconciler.apply(backend, plan).isComplete());
        Reconciler.ApplyReport again = Reconciler.apply(backend, plan);
        assertTrue(again.isComplete());
        assertEquals(plan.size(), again.applied());
    }

    @Test
    void refusedServiceIsReportedAndItsDestinationsFailToo() {
        FakeIpvsBackend backend = new FakeIpvsBackend();
        VirtualTable desired = VirtualTable.of(svc(WEB, "bogus", A), svc(DNS, "rr", C));
        Reconciler.ApplyReport report = Reconciler.reconcile(backend, desired);
        assertFalse(report.isComplete());
        assertEquals(2, report.failures().size());
        assertEquals(IpvsError.UNKNOWN_SCHEDULER, report.failures().get(0).result().error());
        assertEquals(IpvsError.SERVICE_NOT_FOUND, report.failures().get(1).result().error());
        assertTrue(backend.snapshot().service(DNS).isPresent(), "independent service still applied");
    }

    @Test
    void randomTablesConvergeInOnePassWithNoMoreThanNeededCommands() {
        Random random = new Random(42);
        int cases = 2000;
        for (int i = 0; i < cases; i++) {
            VirtualTable actual = randomTable(random);
            VirtualTable desired = randomTable(random);
            FakeIpvsBackend backend = new FakeIpvsBackend();
            assertTrue(Reconciler.reconcile(backend, actual).isComplete());
            List<IpvsOperation> plan = Reconciler.plan(backend.snapshot(), desired);
            assertTrue(Reconciler.apply(backend, plan).isComplete(), "case " + i);
            assertEquals(List.of(), Reconciler.plan(backend.snapshot(), desired), "case " + i);
            assertEquals(settings(desired), settings(backend.snapshot()), "case " + i);
            assertTrue(plan.size() <= upperBound(actual, desired), "case " + i);
        }
    }

    /**
     * Services and destination settings, destinations by key: reconciliation reproduces every
     * setting, but leaves the list position of destinations that stay (moving one would take
     * a delete and an add).
     */
    private static List<Object> settings(VirtualTable table) {
        List<Object> out = new ArrayList<>();
        for (ServiceEntry s : table.services()) {
            out.add(s.service());
            s.destinations().stream().map(DestinationEntry::destination)
                    .sorted(java.util.Comparator.comparing(Destination::key, DestinationKey.ORDER))
                    .forEach(out::add);
        }
        return out;
    }

    /** Each kept service: one edit + one op per destination in either table; others: 1 + dests. */
    private static int upperBound(VirtualTable actual, VirtualTable desired) {
        int bound = 0;
        for (ServiceEntry s : actual.services()) {
            bound += desired.service(s.key()).isPresent() ? 1 + s.destinations().size() : 1;
        }
        for (ServiceEntry s : desired.services()) {
            bound += actual.service(s.key()).isPresent() ? s.destinations().size() : 1 + s.destinations().size();
        }
        return bound;
    }

    private static VirtualTable randomTable(Random random) {
        List<ServiceEntry> services = new ArrayList<>();
        String[] schedulers = {"rr", "wlc", "sh"};
        for (int port = 1; port <= 4; port++) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            List<Destination> dests = new ArrayList<>();
            for (int host = 1; host <= 5; host++) {
                if (random.nextBoolean()) {
                    dests.add(Destination.of("192.168.0." + host, 80,
                            random.nextBoolean() ? ForwardMethod.MASQ : ForwardMethod.DROUTE, random.nextInt(3)));
                }
            }
            java.util.Collections.shuffle(dests, random);
            VirtualService vs = VirtualService.of(ServiceKey.tcp("10.0.0.1", port), schedulers[random.nextInt(3)]);
            services.add(ServiceEntry.of(vs, dests));
        }
        return new VirtualTable(services);
    }
}
