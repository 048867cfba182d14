package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fixed conversation with the kernel that touches every command and every error the
 * backend maps: it was run once against Linux 6.1 in the IPVS VM with the exchanges recorded
 * ({@code KernelCaptureVmTest}), and is replayed against that recording everywhere
 * ({@code CapturedKernelRepliesTest}). Each step appends one outcome line.
 */
final class KernelScenario {

    static final ServiceKey WEB = ServiceKey.tcp("10.0.0.100", 80);
    static final ServiceKey TLS = ServiceKey.tcp("10.0.0.100", 443);
    static final ServiceKey DNS = ServiceKey.udp("10.0.0.100", 53);
    static final ServiceKey MARK6 = new ServiceKey.Fwmark(7, AddressFamily.INET6);
    static final ServiceKey WEB6 = new ServiceKey.Inet(Protocol.TCP, IpAddress.of("2001:db8::1"), 80);
    static final ServiceKey SCTP = new ServiceKey.Inet(Protocol.SCTP, IpAddress.of("10.0.0.100"), 9000);
    static final Destination R1 = Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1);
    static final Destination R2 = Destination.of("192.168.1.11", 80, ForwardMethod.DROUTE, 2);
    static final Destination NAT = Destination.of("192.168.1.12", 8080, ForwardMethod.MASQ, 100)
            .withThresholds(1000, 500);
    static final Tunnel GUE = new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.CSUM);

    /** Outcomes ip_vs_ctl.c must give (shared/reference/ipvs.md §1.2), a subset of the whole run. */
    static final List<String> EXPECTED = List.of(
            "flush: OK",
            "info 1.2.1 size=4096",
            "add WEB wlc: OK",
            "add WEB again: SERVICE_EXISTS",
            "add unknown scheduler: UNKNOWN_SCHEDULER",
            "add v6 prefix 0: INVALID_ARGUMENT",
            "edit missing: SERVICE_NOT_FOUND",
            "delete missing: SERVICE_NOT_FOUND",
            "add R1 again: DESTINATION_EXISTS",
            "add to missing: SERVICE_NOT_FOUND",
            "add weight -1: OUT_OF_RANGE",
            "add l>u: OUT_OF_RANGE",
            "add v6 masq to v4: INVALID_ARGUMENT",
            "add WEB6 v4 tunnel: OK",
            "edit unknown dest: DESTINATION_NOT_FOUND",
            "delete unknown dest: DESTINATION_NOT_FOUND",
            "quiesce R1: OK",
            "zero all: OK",
            "services after flush: 0");

    private final NetlinkIpvsBackend backend;
    private final List<String> out = new ArrayList<>();

    private KernelScenario(NetlinkIpvsBackend backend) {
        this.backend = backend;
    }

    /** Runs the scenario; the backend's table must be empty (or flushable) first. */
    static List<String> run(NetlinkIpvsBackend backend) {
        KernelScenario s = new KernelScenario(backend);
        s.services();
        s.destinations();
        s.changes();
        return List.copyOf(s.out);
    }

    private void services() {
        step("flush", backend.flush());
        out.add("info " + backend.info().versionText() + " size=" + backend.info().connTableSize());
        out.add("timeouts " + backend.timeouts());
        step("set timeouts", backend.setTimeouts(new IpvsTimeouts(600, 60, 200)));
        out.add("timeouts " + backend.timeouts());
        step("restore timeouts", backend.setTimeouts(new IpvsTimeouts(900, 120, 300)));
        step("add WEB wlc", backend.addService(VirtualService.of(WEB, "wlc")));
        step("add WEB again", backend.addService(VirtualService.of(WEB, "rr")));
        step("add TLS sh", backend.addService(VirtualService.of(TLS, "sh")
                .withScheduler("sh", Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2))
                .withPersistence(new Persistence(300, 24))));
        step("add DNS rr ops", backend.addService(VirtualService.of(DNS, "rr").withOnePacket(true)));
        step("add MARK6 wrr", backend.addService(VirtualService.of(MARK6, "wrr")
                .withPersistence(new Persistence(600, 64))));
        step("add WEB6 mh", backend.addService(VirtualService.of(WEB6, "mh")
                .withScheduler("mh", Set.of(SchedulerFlag.FLAG_2))));
        step("add SCTP lc", backend.addService(VirtualService.of(SCTP, "lc")));
        step("add unknown scheduler", backend.addService(VirtualService.of(ServiceKey.tcp("10.0.0.100", 81), "nosuch")));
        step("add v6 prefix 0", backend.addService(VirtualService.of(
                new ServiceKey.Inet(Protocol.TCP, IpAddress.of("2001:db8::2"), 80), "rr")
                .withPersistence(new Persistence(60, 0))));
        step("edit missing", backend.editService(VirtualService.of(ServiceKey.udp("10.0.0.1", 1), "rr")));
        step("delete missing", backend.deleteService(ServiceKey.udp("10.0.0.1", 1)));
    }

    private void destinations() {
        step("add R1", backend.addDestination(WEB, R1));
        step("add R2", backend.addDestination(WEB, R2));
        step("add NAT", backend.addDestination(WEB, NAT));
        step("add R1 again", backend.addDestination(WEB, R1.withWeight(5)));
        step("add to missing", backend.addDestination(ServiceKey.tcp("10.0.0.1", 1), R1));
        step("add weight -1", backend.addDestination(WEB, Destination.of("192.168.1.20", 80, ForwardMethod.DROUTE, -1)));
        step("add l>u", backend.addDestination(WEB, Destination.of("192.168.1.20", 80, ForwardMethod.DROUTE, 1)
                .withThresholds(10, 20)));
        step("add v6 masq to v4", backend.addDestination(WEB, Destination.of("2001:db8::10", 80, ForwardMethod.MASQ, 1)));
        step("add TLS masq", backend.addDestination(TLS, Destination.of("192.168.1.10", 8443, ForwardMethod.MASQ, 100)));
        step("add DNS gue", backend.addDestination(DNS, Destination.of("192.168.1.12", 53, ForwardMethod.TUNNEL, 1), GUE));
        step("add MARK6 dr", backend.addDestination(MARK6, Destination.of("2001:db8::10", 0, ForwardMethod.DROUTE, 5)));
        step("add WEB6 masq", backend.addDestination(WEB6, Destination.of("2001:db8::10", 80, ForwardMethod.MASQ, 3)));
        step("add WEB6 v4 tunnel", backend.addDestination(WEB6, Destination.of("10.1.1.1", 80, ForwardMethod.TUNNEL, 1)));
        step("add SCTP local", backend.addDestination(SCTP, Destination.of("127.0.0.1", 9000, ForwardMethod.LOCALNODE, 1)));
    }

    private void changes() {
        DestinationKey unknown = new DestinationKey(IpAddress.of("192.168.1.99"), 80);
        step("edit unknown dest", backend.editDestination(WEB, Destination.of("192.168.1.99", 80, ForwardMethod.DROUTE, 1)));
        step("delete unknown dest", backend.deleteDestination(WEB, unknown));
        step("quiesce R1", backend.editDestination(WEB, R1.withWeight(0)));
        step("delete R2", backend.deleteDestination(WEB, R2.key()));
        step("edit WEB rr", backend.editService(VirtualService.of(WEB, "rr")));
        step("zero WEB", backend.zero(Optional.of(WEB)));
        step("zero all", backend.zero(Optional.empty()));
        VirtualTable table = backend.snapshot();
        out.add("save:");
        IpvsadmFormat.save(table).lines().forEach(l -> out.add("  " + l));
        out.add("list --thresholds:");
        IpvsadmFormat.list(backend.info(), table, ListFormat.THRESHOLDS, false).lines().forEach(l -> out.add("  " + l));
        step("delete SCTP", backend.deleteService(SCTP));
        step("flush", backend.flush());
        out.add("services after flush: " + backend.snapshot().services().size());
    }

    private void step(String name, IpvsResult result) {
        out.add(name + ": " + switch (result) {
            case IpvsResult.Ok ok -> "OK";
            case IpvsResult.Failed f -> f.error();
        });
    }
}
