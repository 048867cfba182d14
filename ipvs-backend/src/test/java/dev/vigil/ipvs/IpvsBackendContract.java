package dev.vigil.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IpvsBackend} must show — the kernel's, as ip_vs_ctl.c answers
 * netlink commands. Subclasses supply a fresh, empty backend; the kernel backend runs this
 * under a real IPVS kernel, the fake runs it everywhere.
 */
public abstract class IpvsBackendContract {

    protected static final ServiceKey WEB = ServiceKey.tcp("10.0.0.100", 80);
    protected static final ServiceKey DNS = ServiceKey.udp("10.0.0.100", 53);
    protected static final Destination R1 = Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1);
    protected static final Destination R2 = Destination.of("192.168.1.11", 80, ForwardMethod.DROUTE, 2);

    protected IpvsBackend backend;

    /** A new backend with an empty table; called before each test. */
    protected abstract IpvsBackend createBackend();

    /**
     * False for backends that cannot serve firewall-mark services (the userspace forwarder
     * never sees netfilter marks): they must refuse them with INVALID_ARGUMENT instead.
     */
    protected boolean servesFwmarkServices() {
        return true;
    }

    @BeforeEach
    void setUp() {
        backend = createBackend();
        assertEquals(List.of(), backend.snapshot().services(), "backend must start empty");
    }

    private static void assertFails(IpvsError expected, IpvsResult result) {
        IpvsResult.Failed failed = assertInstanceOf(IpvsResult.Failed.class, result, "expected " + expected);
        assertEquals(expected, failed.error());
    }

    @Test
    void addedServiceAppearsInSnapshotWithItsSettings() {
        VirtualService svc = VirtualService.of(WEB, "wrr")
                .withPersistence(new Persistence(300, 24));
        assertTrue(backend.addService(svc).isOk());
        ServiceEntry entry = backend.snapshot().service(WEB).orElseThrow();
        assertEquals(svc, entry.service());
        assertEquals(List.of(), entry.destinations());
    }

    @Test
    void addingAnExistingServiceFailsWithExists() {
        backend.addService(VirtualService.of(WEB, "wlc"));
        assertFails(IpvsError.SERVICE_EXISTS, backend.addService(VirtualService.of(WEB, "rr")));
        assertEquals("wlc", backend.snapshot().service(WEB).orElseThrow().service().scheduler());
    }

    @Test
    void unknownSchedulerIsRefused() {
        assertFails(IpvsError.UNKNOWN_SCHEDULER, backend.addService(VirtualService.of(WEB, "nosuch")));
        assertTrue(backend.snapshot().services().isEmpty());
    }

    @Test
    void ipv6PersistencePrefixZeroIsInvalid() {
        ServiceKey v6 = new ServiceKey.Inet(Protocol.TCP, IpAddress.of("2001:db8::1"), 80);
        assertFails(IpvsError.INVALID_ARGUMENT,
                backend.addService(VirtualService.of(v6, "rr").withPersistence(new Persistence(60, 0))));
    }

    @Test
    void editChangesSchedulerAndFlagsOfExistingServiceOnly() {
        backend.addService(VirtualService.of(WEB, "wlc"));
        VirtualService edited = VirtualService.of(WEB, "sh").withScheduler("sh", Set.of(SchedulerFlag.FLAG_1));
        assertTrue(backend.editService(edited).isOk());
        assertEquals(edited, backend.snapshot().service(WEB).orElseThrow().service());
        assertFails(IpvsError.SERVICE_NOT_FOUND, backend.editService(VirtualService.of(DNS, "rr")));
    }

    @Test
    void deletingMissingServiceFailsWithNotFound() {
        assertFails(IpvsError.SERVICE_NOT_FOUND, backend.deleteService(WEB));
    }

    @Test
    void deletingServiceRemovesItsDestinations() {
        backend.addService(VirtualService.of(WEB, "wlc"));
        backend.addDestination(WEB, R1);
        assertTrue(backend.deleteService(WEB).isOk());
        assertTrue(backend.snapshot().services().isEmpty());
        assertTrue(backend.addService(VirtualService.of(WEB, "wlc")).isOk());
        assertEquals(List.of(), backend.snapshot().service(WEB).orElseThrow().destinations());
    }

    @Test
    void newDestinationsGoToTheHeadOfTheList() {
        backend.addService(VirtualService.of(WEB, "rr"));
        backend.addDestination(WEB, R1);
        backend.addDestination(WEB, R2);
        List<Destination> order = backend.snapshot().service(WEB).orElseThrow().destinations().stream()
                .map(DestinationEntry::destination).toList();
        assertEquals(List.of(R2, R1), order);
    }

    @Test
    void addingAnExistingDestinationFailsWithExists() {
        backend.addService(VirtualService.of(WEB, "rr"));
        backend.addDestination(WEB, R1);
        assertFails(IpvsError.DESTINATION_EXISTS, backend.addDestination(WEB, R1.withWeight(5)));
        assertEquals(1, backend.snapshot().service(WEB).orElseThrow().destinations().getFirst().destination().weight());
    }

    @Test
    void destinationCommandsOnMissingServiceFailWithServiceNotFound() {
        assertFails(IpvsError.SERVICE_NOT_FOUND, backend.addDestination(WEB, R1));
        assertFails(IpvsError.SERVICE_NOT_FOUND, backend.editDestination(WEB, R1));
        assertFails(IpvsError.SERVICE_NOT_FOUND, backend.deleteDestination(WEB, R1.key()));
    }

    @Test
    void deletingOrEditingMissingDestinationFailsWithNotFound() {
        backend.addService(VirtualService.of(WEB, "rr"));
        assertFails(IpvsError.DESTINATION_NOT_FOUND, backend.deleteDestination(WEB, R1.key()));
        assertFails(IpvsError.DESTINATION_NOT_FOUND, backend.editDestination(WEB, R1));
    }

    @Test
    void negativeWeightAndInvertedThresholdsAreOutOfRange() {
        backend.addService(VirtualService.of(WEB, "rr"));
        assertFails(IpvsError.OUT_OF_RANGE, backend.addDestination(WEB, R1.withWeight(-1)));
        assertFails(IpvsError.OUT_OF_RANGE, backend.addDestination(WEB, R1.withThresholds(10, 20)));
        assertTrue(backend.snapshot().service(WEB).orElseThrow().destinations().isEmpty());
    }

    @Test
    void mixedFamilyDestinationIsOnlyAllowedForTunnels() {
        backend.addService(VirtualService.of(WEB, "rr"));
        Destination v6 = Destination.of("2001:db8::10", 80, ForwardMethod.MASQ, 1);
        assertFails(IpvsError.INVALID_ARGUMENT, backend.addDestination(WEB, v6));
        Destination v6Tunnel = Destination.of("2001:db8::10", 80, ForwardMethod.TUNNEL, 1);
        assertTrue(backend.addDestination(WEB, v6Tunnel).isOk());
    }

    @Test
    void editingDestinationKeepsItsPositionAndChangesSettings() {
        backend.addService(VirtualService.of(WEB, "rr"));
        backend.addDestination(WEB, R1);
        backend.addDestination(WEB, R2);
        Destination quiesced = R1.withWeight(0).withThresholds(100, 50);
        assertTrue(backend.editDestination(WEB, quiesced).isOk());
        List<Destination> order = backend.snapshot().service(WEB).orElseThrow().destinations().stream()
                .map(DestinationEntry::destination).toList();
        assertEquals(List.of(R2, quiesced), order);
    }

    @Test
    void flushEmptiesTheTable() {
        backend.addService(VirtualService.of(WEB, "rr"));
        backend.addService(VirtualService.of(DNS, "rr").withOnePacket(true));
        assertTrue(backend.flush().isOk());
        assertTrue(backend.snapshot().services().isEmpty());
    }

    @Test
    void idempotentFormsTolerateRepeats() {
        VirtualService svc = VirtualService.of(WEB, "wlc");
        assertTrue(backend.ensureService(svc).isOk());
        assertTrue(backend.ensureService(svc).isOk());
        assertTrue(backend.ensureDestination(WEB, R1).isOk());
        assertTrue(backend.ensureDestination(WEB, R1.withWeight(7)).isOk());
        assertEquals(7, backend.snapshot().service(WEB).orElseThrow().destinations().getFirst().destination().weight());
        assertTrue(backend.removeDestination(WEB, R1.key()).isOk());
        assertTrue(backend.removeDestination(WEB, R1.key()).isOk());
        assertTrue(backend.removeService(WEB).isOk());
        assertTrue(backend.removeService(WEB).isOk());
        assertTrue(backend.removeDestination(WEB, R1.key()).isOk());
        assertTrue(backend.snapshot().services().isEmpty());
    }

    @Test
    void fwmarkServicesAreKeyedByMarkAndFamily() {
        ServiceKey v4 = new ServiceKey.Fwmark(5, AddressFamily.INET);
        ServiceKey v6 = new ServiceKey.Fwmark(5, AddressFamily.INET6);
        if (!servesFwmarkServices()) {
            assertFails(IpvsError.INVALID_ARGUMENT, backend.addService(VirtualService.of(v4, "wrr")));
            assertTrue(backend.snapshot().services().isEmpty());
            return;
        }
        assertTrue(backend.addService(VirtualService.of(v4, "wrr")).isOk());
        assertTrue(backend.addService(VirtualService.of(v6, "wrr")).isOk());
        assertEquals(2, backend.snapshot().services().size());
        assertEquals(Optional.empty(), backend.snapshot().service(new ServiceKey.Fwmark(6, AddressFamily.INET)));
    }

    @Test
    void reconcilerConvergesThisBackend() {
        VirtualTable desired = VirtualTable.of(
                ServiceEntry.of(VirtualService.of(WEB, "wlc"), List.of(R2, R1)),
                ServiceEntry.of(VirtualService.of(DNS, "rr").withOnePacket(true),
                        List.of(Destination.of("192.168.1.12", 53, ForwardMethod.TUNNEL, 1))));
        backend.addService(VirtualService.of(WEB, "rr"));
        backend.addDestination(WEB, R1.withWeight(9));
        backend.addDestination(WEB, Destination.of("192.168.1.99", 80, ForwardMethod.MASQ, 1));
        assertTrue(Reconciler.reconcile(backend, desired).isComplete());
        assertEquals(List.of(), Reconciler.plan(backend.snapshot(), desired));
    }
}
