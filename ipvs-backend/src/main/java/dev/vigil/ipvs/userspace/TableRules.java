package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.Schedulers;
import java.util.Optional;

/**
 * The checks ip_vs_ctl.c makes before changing the table, in the kernel's order and with
 * its errors, plus the refusals that come from forwarding in userspace (see
 * {@link UserspaceIpvsBackend}). Each method answers empty when the request may proceed.
 */
final class TableRules {

    /** ip_vs_mh refuses more destinations than lookup slots (4093 with the default table index 12). */
    static final int MH_TABLE_SIZE = 4093;
    /** Persistence engines the kernel ships (ip_vs_pe_sip.c). */
    private static final String SIP_ENGINE = "sip";

    private TableRules() {
    }

    /** Scheduler, persistence engine and netmask, as {@code ip_vs_add_service} checks them. */
    static Optional<IpvsResult> checkService(VirtualService service) {
        String name = service.scheduler();
        if (name.isEmpty() || name.length() > VirtualService.MAX_NAME_LENGTH) {
            return fail(IpvsError.INVALID_ARGUMENT, "bad scheduler name '" + name + "'");
        }
        if (!Schedulers.NAMES.contains(name)) {
            return fail(IpvsError.UNKNOWN_SCHEDULER, "scheduler " + name + " not found");
        }
        Optional<String> engine = service.persistenceEngine();
        if (engine.isPresent() && !SIP_ENGINE.equals(engine.get())) {
            return fail(IpvsError.UNKNOWN_SCHEDULER, "persistence engine " + engine.get() + " not found");
        }
        boolean v6 = service.key().family() == AddressFamily.INET6;
        int prefix = service.persistence().map(p -> p.prefixLength()).orElse(v6 ? 128 : 32);
        if (v6 ? prefix < 1 || prefix > 128 : prefix > 32) {
            return fail(IpvsError.INVALID_ARGUMENT, "bad persistence netmask /" + prefix);
        }
        return forwardable(service.key());
    }

    /**
     * What a proxy cannot serve: firewall marks are set by netfilter on packets a socket
     * never sees, a port-0 ("all ports") service would need a listener per port, and SCTP
     * has no Netty transport here.
     */
    static Optional<IpvsResult> forwardable(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Fwmark f -> fail(IpvsError.INVALID_ARGUMENT, "fwmark service " + f.mark()
                    + " cannot be served in userspace: netfilter marks are invisible to sockets;"
                    + " use the kernel IPVS backend");
            case ServiceKey.Inet i when i.port() == 0 -> fail(IpvsError.INVALID_ARGUMENT,
                    "port-0 (all ports) services cannot be served in userspace; use the kernel IPVS backend");
            case ServiceKey.Inet i when i.protocol() == Protocol.SCTP -> fail(IpvsError.INVALID_ARGUMENT,
                    "SCTP services are not forwarded in userspace; use the kernel IPVS backend");
            case ServiceKey.Inet i -> Optional.empty();
        };
    }

    /** Family, weight and thresholds, as {@code ip_vs_add_dest}/{@code ip_vs_edit_dest} check them. */
    static Optional<IpvsResult> checkDestination(ServiceKey service, Destination d) {
        if (d.address().family() != service.family() && d.forward() != ForwardMethod.TUNNEL) {
            return fail(IpvsError.INVALID_ARGUMENT, "destination family differs from service");
        }
        if (d.weight() < 0) {
            return fail(IpvsError.OUT_OF_RANGE, "weight " + d.weight() + " below 0");
        }
        if (Integer.compareUnsigned(d.lowerThreshold(), d.upperThreshold()) > 0) {
            return fail(IpvsError.OUT_OF_RANGE, "lower threshold above upper threshold");
        }
        return Optional.empty();
    }

    static IpvsResult missingService(ServiceKey key) {
        return IpvsResult.failed(IpvsError.SERVICE_NOT_FOUND, "no service " + key);
    }

    private static Optional<IpvsResult> fail(IpvsError error, String detail) {
        return Optional.of(IpvsResult.failed(error, detail));
    }
}
