package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.Forwarding;
import dev.vigil.conf.model.SchedulerFlag;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps virtual_server settings to the IPVS model (keepalived's {@code ipvs_set_srule()},
 * {@code ipvs_set_drule()} and {@code ipvs_group_range_cmd()} in ipvswrapper.c): lb_algo to a
 * scheduler name and flags, lb_kind to the forwarding method, persistence, protocol, and a
 * {@code virtual_server_group} to one service per address of each range and per fwmark.
 * Pure; what cannot be expressed is reported as an {@link AdaptIssue}.
 */
public final class IpvsAdapter {

    /**
     * keepalived ranges vary only the last octet (IPv4) or the last 16-bit group (IPv6), so a
     * range never holds more than 65536 addresses.
     */
    static final int MAX_RANGE = 1 << 16;
    private static final long IPV4_MASK = 0xffff_ffffL;
    private static final long FWMARK_MAX = 0xffff_ffffL;

    private IpvsAdapter() {
    }

    /** The IPVS services a virtual server stands for, in file order; empty (with an issue) when none can be built. */
    public static List<ServiceKey> serviceKeys(VirtualServer vs, Map<String, VirtualServerGroup> groups,
                                               String subject, List<AdaptIssue> issues) {
        Protocol protocol = protocol(vs.protocol());
        return switch (vs.key()) {
            case dev.vigil.conf.model.ServiceKey.Address a ->
                    List.of(new ServiceKey.Inet(protocol, address(a.address()), a.port().orElse(0)));
            case dev.vigil.conf.model.ServiceKey.Fwmark f ->
                    fwmark(f.mark(), vs.family(), subject, issues).map(List::of).orElse(List.of());
            case dev.vigil.conf.model.ServiceKey.Group g -> {
                VirtualServerGroup group = groups.get(g.name());
                if (group == null) {
                    issues.add(new AdaptIssue(subject, "virtual_server_group " + g.name() + " is not defined"));
                    yield List.of();
                }
                yield groupKeys(group, protocol, vs.family(), subject, issues);
            }
        };
    }

    /** The IPVS settings of one service of {@code vs}. */
    public static VirtualService service(VirtualServer vs, ServiceKey key, String subject, List<AdaptIssue> issues) {
        Set<dev.vigil.ipvs.SchedulerFlag> flags = EnumSet.noneOf(dev.vigil.ipvs.SchedulerFlag.class);
        boolean onePacket = false;
        for (SchedulerFlag flag : vs.schedulerFlags()) {
            switch (flag) {
                case FLAG_1, SH_FALLBACK, MH_FALLBACK -> flags.add(dev.vigil.ipvs.SchedulerFlag.FLAG_1);
                case FLAG_2, SH_PORT, MH_PORT -> flags.add(dev.vigil.ipvs.SchedulerFlag.FLAG_2);
                case FLAG_3 -> flags.add(dev.vigil.ipvs.SchedulerFlag.FLAG_3);
                case ONE_PACKET -> onePacket = true;
                // IP_VS_SVC_F_HASHED is the kernel's own bookkeeping bit; it masks it off on input.
                case HASHED -> { }
            }
        }
        VirtualService service = new VirtualService(key, vs.scheduler().keyword(), flags, onePacket,
                Optional.empty(), vs.persistenceEngine());
        if (vs.persistenceTimeout().isPresent()) {
            long seconds = Math.max(1, vs.persistenceTimeout().get().toSeconds());
            int prefix = persistencePrefix(vs.persistenceGranularity(), key.family(), subject, issues);
            service = service.withPersistence(new Persistence((int) Math.min(Integer.MAX_VALUE, seconds), prefix));
        }
        return service;
    }

    /** A destination at {@code weight}; thresholds above 2³¹−1 are clamped (the model uses int). */
    public static Destination destination(dev.vigil.conf.model.IpAddress address, int port, Forwarding forwarding,
                                          int weight, Optional<Long> upper, Optional<Long> lower) {
        return new Destination(address(address), port, forward(forwarding), weight,
                clamp(upper.orElse(0L)), clamp(lower.orElse(0L)));
    }

    /** lb_kind / lvs_method: NAT = masquerading, DR = direct routing, TUN = IP-in-IP tunnelling. */
    public static ForwardMethod forward(Forwarding forwarding) {
        return switch (forwarding.method()) {
            case NAT -> ForwardMethod.MASQ;
            case DR -> ForwardMethod.DROUTE;
            case TUN -> ForwardMethod.TUNNEL;
        };
    }

    public static Protocol protocol(dev.vigil.conf.model.Protocol protocol) {
        return switch (protocol) {
            case TCP -> Protocol.TCP;
            case UDP -> Protocol.UDP;
            case SCTP -> Protocol.SCTP;
        };
    }

    public static IpAddress address(dev.vigil.conf.model.IpAddress address) {
        return IpAddress.fromBytes(address.inet().getAddress()).orElseThrow();
    }

    public static dev.vigil.ipvs.AddressFamily family(AddressFamily family) {
        return family == AddressFamily.INET ? dev.vigil.ipvs.AddressFamily.INET : dev.vigil.ipvs.AddressFamily.INET6;
    }

    /**
     * {@code persistence_granularity}: an IPv4 netmask ({@code 255.255.255.0}) or an IPv6
     * prefix length; absent means per client. A non-contiguous netmask has no prefix length,
     * so it is reported and per-client persistence used instead.
     */
    static int persistencePrefix(Optional<String> granularity, dev.vigil.ipvs.AddressFamily family, String subject,
                                 List<AdaptIssue> issues) {
        if (granularity.isEmpty()) {
            return family.bits();
        }
        String text = granularity.get();
        if (family == dev.vigil.ipvs.AddressFamily.INET6 || !text.contains(".")) {
            try {
                int length = Integer.parseInt(text);
                if (length >= 1 && length <= family.bits()) {
                    return length;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        } else {
            Optional<IpAddress> mask = IpAddress.parse(text);
            if (mask.isPresent() && mask.get().isIpv4()) {
                long bits = Integer.toUnsignedLong(mask.get().ipv4Bits());
                int length = Long.numberOfLeadingZeros(~bits & IPV4_MASK) - Integer.SIZE;
                if (((IPV4_MASK << (Integer.SIZE - length)) & IPV4_MASK) == bits && length > 0) {
                    return length;
                }
            }
        }
        issues.add(new AdaptIssue(subject, "persistence_granularity " + text
                + " is not a prefix mask Vigil can use; persisting per client"));
        return family.bits();
    }

    private static List<ServiceKey> groupKeys(VirtualServerGroup group, Protocol protocol, AddressFamily family,
                                              String subject, List<AdaptIssue> issues) {
        List<ServiceKey> keys = new ArrayList<>();
        for (VsgEntry entry : group.entries()) {
            switch (entry) {
                case VsgEntry.AddressRange range -> expand(range, protocol, keys, subject, issues);
                case VsgEntry.Fwmark mark ->
                        fwmark(mark.mark(), mark.family().orElse(family), subject, issues).ifPresent(keys::add);
            }
        }
        if (keys.isEmpty()) {
            issues.add(new AdaptIssue(subject, "virtual_server_group " + group.name() + " has no usable entry"));
        }
        return keys;
    }

    private static void expand(VsgEntry.AddressRange range, Protocol protocol, List<ServiceKey> keys,
                               String subject, List<AdaptIssue> issues) {
        IpAddress first = address(range.first());
        IpAddress last = address(range.last());
        int port = range.port().orElse(0);
        boolean sameFamily = first.family() == last.family();
        boolean ipv4 = first.isIpv4();
        long from = ipv4 ? Integer.toUnsignedLong(first.ipv4Bits()) : first.low();
        long to = ipv4 ? Integer.toUnsignedLong(last.ipv4Bits()) : last.low();
        boolean sameUpper = ipv4 || first.high() == last.high();
        if (!sameFamily || !sameUpper || Long.compareUnsigned(from, to) > 0 || to - from >= MAX_RANGE) {
            issues.add(new AdaptIssue(subject, "address range " + range.first() + "-" + range.last()
                    + " is not a range Vigil can expand; ignoring it"));
            return;
        }
        for (long a = from; Long.compareUnsigned(a, to) <= 0; a++) {
            IpAddress address = ipv4 ? IpAddress.ipv4((int) a) : IpAddress.ipv6(first.high(), a);
            keys.add(new ServiceKey.Inet(protocol, address, port));
            if (a == to) {
                break;
            }
        }
    }

    private static Optional<ServiceKey> fwmark(long mark, AddressFamily family, String subject,
                                               List<AdaptIssue> issues) {
        if (mark <= 0 || mark > FWMARK_MAX) {
            issues.add(new AdaptIssue(subject, "fwmark " + mark + " does not name an IPVS service"));
            return Optional.empty();
        }
        return Optional.of(new ServiceKey.Fwmark((int) mark, family(family)));
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }
}
