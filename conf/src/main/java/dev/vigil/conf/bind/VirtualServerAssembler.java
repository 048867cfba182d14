package dev.vigil.conf.bind;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.Forwarding;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.LvsScheduler;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.Protocol;
import dev.vigil.conf.model.ProxyProtocolVersion;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SchedulerFlag;
import dev.vigil.conf.model.ServiceKey;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Completes virtual servers as keepalived's {@code vs_end_handler}, {@code rs_end_handler} and
 * {@code validate_check_config()} do: defaults, family and port consistency, quorum versus
 * total weight, and the real_server → checker inheritance (through {@link CheckerAssembler}).
 */
final class VirtualServerAssembler {

    /** check_data.h KEEPALIVED_DEFAULT_DELAY. */
    static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    /** check_data.c: 5 s connect timeout. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long U32_MAX = 0xffffffffL;

    private final BindContext context;
    private final GlobalDefs globals;
    private final Map<String, VirtualServerGroup> groups;
    private final CheckerAssembler checkers;

    VirtualServerAssembler(BindContext context, GlobalDefs globals, Map<String, VirtualServerGroup> groups,
                           CheckerAssembler checkers) {
        this.context = context;
        this.globals = globals;
        this.groups = groups;
        this.checkers = checkers;
    }

    Optional<VirtualServer> build(BlockState b) {
        Optional<ServiceKey> key = key(b);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String label = b.node().arguments().stream().map(Word::text).reduce((x, y) -> x + " " + y).orElse("");
        Forwarding forwarding = b.get("forwarding", Forwarding.class).orElse(Forwarding.nat());
        Duration delayLoop = b.get("delay_loop", Duration.class).orElse(DEFAULT_DELAY_LOOP);
        Duration connectTimeout = b.get("connect_timeout", Duration.class).orElse(DEFAULT_CONNECT_TIMEOUT);
        Optional<AddressFamily> family = family(b, key.get());
        List<RealServer> realServers = new ArrayList<>();
        List<BlockState> rsBlocks = b.list(VirtualServerKeywords.REAL_SERVER, BlockState.class);
        for (BlockState rs : rsBlocks) {
            Optional<RealServer> real = realServer(rs, b, key.get(), forwarding, delayLoop, connectTimeout, family);
            if (real.isPresent()) {
                family = family.or(() -> Optional.of(real.get().address().family()));
                realServers.add(real.get());
            }
        }
        if (realServers.isEmpty()) {
            context.error(b.nameWord(), "virtual_server " + label + " has no real servers; ignoring it");
            return Optional.empty();
        }
        LvsScheduler scheduler = b.get("scheduler", LvsScheduler.class).orElseGet(() -> {
            context.error(b.nameWord(), "virtual_server " + label + " has no lb_algo; using wlc");
            return LvsScheduler.WLC;
        });
        Protocol protocol = protocol(b, key.get());
        Quorum quorum = quorum(b, label, realServers);
        return Optional.of(new VirtualServer(key.get(), family.orElse(AddressFamily.INET), protocol, scheduler,
                flags(b, scheduler), forwarding, persistence(b, key.get(), label),
                b.get("persistence_granularity", String.class), b.get("persistence_engine", String.class),
                quorum.quorum, quorum.hysteresis,
                b.get("quorum_up", NotifyScript.class), b.get("quorum_down", NotifyScript.class), b.flag("alpha"),
                b.flag("omega"), b.flag("inhibit_on_failure"), sorryServer(b, family), delayLoop, connectTimeout,
                b.flag("ha_suspend"), b.get("smtp_alert", Boolean.class).orElse(
                        globals.smtpAlertChecker().or(globals::smtpAlert).orElse(false)),
                b.get("virtualhost", String.class), proxyProtocol(b, protocol, label), realServers));
    }

    private record Quorum(long quorum, long hysteresis) {
    }

    /** Quorum at most the real servers' total weight; hysteresis below quorum (check_data.c). */
    private Quorum quorum(BlockState b, String label, List<RealServer> realServers) {
        long quorum = b.get("quorum", Long.class).orElse(1L);
        long totalWeight = realServers.stream().mapToLong(RealServer::weight).sum();
        if (quorum > totalWeight) {
            context.error(b.where("quorum"), "quorum " + quorum + " of virtual_server " + label
                    + " exceeds the real servers' total weight " + totalWeight + "; using " + totalWeight);
            quorum = totalWeight;
        }
        long hysteresis = b.get("hysteresis", Long.class).orElse(0L);
        if (hysteresis >= quorum && (hysteresis > 0 || quorum == 0)) {
            long reduced = Math.max(0, quorum - 1);
            context.error(b.where("hysteresis"), "hysteresis " + hysteresis + " of virtual_server " + label
                    + " must be below quorum " + quorum + "; using " + reduced);
            hysteresis = reduced;
        }
        return new Quorum(quorum, hysteresis);
    }

    /** {@code IP [PORT]}, {@code fwmark N} or {@code group NAME}. */
    private Optional<ServiceKey> key(BlockState b) {
        List<Word> args = b.node().arguments();
        if (args.isEmpty()) {
            context.error(b.node().keyword(), "virtual_server needs an address, 'fwmark N' or 'group NAME'; "
                    + "ignoring it");
            return Optional.empty();
        }
        Word first = args.getFirst();
        if (first.text().equals("fwmark") || first.text().equals("group")) {
            if (args.size() < 2) {
                context.error(first, "virtual_server " + first.text() + " needs a value; ignoring it");
                return Optional.empty();
            }
            if (first.text().equals("group")) {
                if (!groups.containsKey(args.get(1).text())) {
                    context.error(args.get(1), "virtual_server_group " + args.get(1).text()
                            + " is not defined; ignoring this virtual_server");
                    return Optional.empty();
                }
                return Optional.of(new ServiceKey.Group(args.get(1).text()));
            }
            OptionalLong mark = Values.number("fwmark", args.get(1), context, 1, U32_MAX, OptionalLong.empty());
            return mark.isPresent() ? Optional.of(new ServiceKey.Fwmark(mark.getAsLong())) : Optional.empty();
        }
        Optional<IpAddress> address = IpAddress.parse(first.text());
        if (address.isEmpty()) {
            context.error(first, "virtual_server address '" + first.text() + "' is not a numeric IP address; "
                    + "ignoring this virtual_server");
            return Optional.empty();
        }
        Optional<Integer> port = Optional.empty();
        if (args.size() > 1) {
            port = Values.port("virtual_server port", args.get(1), context);
            if (port.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ServiceKey.Address(address.get(), port));
    }

    private Optional<AddressFamily> family(BlockState b, ServiceKey key) {
        Optional<AddressFamily> declared = b.get("ip_family", AddressFamily.class);
        Optional<AddressFamily> fromKey = switch (key) {
            case ServiceKey.Address a -> Optional.of(a.address().family());
            case ServiceKey.Fwmark f -> Optional.empty();
            case ServiceKey.Group g -> groups.get(g.name()).entries().stream()
                    .filter(VsgEntry.AddressRange.class::isInstance).map(VsgEntry.AddressRange.class::cast)
                    .map(r -> r.first().family()).findFirst();
        };
        if (declared.isPresent() && fromKey.isPresent() && declared.get() != fromKey.get()) {
            context.error(b.where("ip_family"), "ip_family " + declared.get().name().toLowerCase(java.util.Locale.ROOT)
                    + " conflicts with the virtual server's address; ignoring it");
            return fromKey;
        }
        return fromKey.or(() -> declared);
    }

    private Optional<RealServer> realServer(BlockState rs, BlockState vs, ServiceKey key, Forwarding vsForwarding,
                                            Duration vsDelayLoop, Duration vsConnectTimeout,
                                            Optional<AddressFamily> family) {
        List<Word> args = rs.node().arguments();
        if (args.isEmpty()) {
            context.error(rs.node().keyword(), "real_server needs an address; ignoring it");
            return Optional.empty();
        }
        Optional<IpAddress> address = Values.address("real_server", args.getFirst(), context);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> port = args.size() > 1 ? Values.port("real_server port", args.get(1), context)
                : Optional.empty();
        Forwarding forwarding = rs.get("forwarding", Forwarding.class).orElse(vsForwarding);
        if (forwarding.method() != Forwarding.Method.TUN && family.isPresent()
                && address.get().family() != family.get()) {
            context.error(args.getFirst(), "real_server " + address.get() + " is not in the virtual server's "
                    + "address family; ignoring it");
            return Optional.empty();
        }
        port = portRules(args, key, forwarding, port);
        CheckerAssembler.Inherited inherited = new CheckerAssembler.Inherited(
                rs.get("delay_loop", Duration.class).orElse(vsDelayLoop),
                rs.get("connect_timeout", Duration.class).orElse(vsConnectTimeout),
                rs.get("retry", Long.class).or(() -> vs.get("retry", Long.class)).map(Long::intValue),
                rs.get("delay_before_retry", Duration.class).or(() -> vs.get("delay_before_retry", Duration.class)),
                rs.get("warmup", Duration.class).or(() -> vs.get("warmup", Duration.class)));
        int weight = rs.get("weight", Long.class).or(() -> vs.get("weight", Long.class)).orElse(1L).intValue();
        Optional<Long> upper = rs.get("uthreshold", Long.class);
        Optional<Long> lower = rs.get("lthreshold", Long.class);
        if (upper.isPresent() && lower.isPresent() && lower.get() > upper.get()) {
            context.error(rs.where("lthreshold"), "lthreshold " + lower.get() + " is above uthreshold " + upper.get()
                    + "; ignoring both");
            upper = Optional.empty();
            lower = Optional.empty();
        }
        return Optional.of(new RealServer(address.get(), port, weight, forwarding, upper, lower,
                rs.get("inhibit_on_failure", Boolean.class).orElse(vs.flag("inhibit_on_failure")),
                rs.get("notify_up", NotifyScript.class), rs.get("notify_down", NotifyScript.class), rs.flag("alpha"),
                rs.get("smtp_alert", Boolean.class).orElse(
                        globals.smtpAlertChecker().or(globals::smtpAlert).orElse(true)),
                rs.get("virtualhost", String.class),
                checkers.build(rs.list("checkers", BlockState.class), inherited)));
    }

    /** Unless NAT, a real server uses the service's port; with a fwmark service it has none. */
    private Optional<Integer> portRules(List<Word> args, ServiceKey key, Forwarding forwarding,
                                        Optional<Integer> port) {
        if (forwarding.method() == Forwarding.Method.NAT || port.isEmpty()) {
            return port;
        }
        if (key instanceof ServiceKey.Fwmark) {
            context.error(args.get(1), "real_server port is ignored for a fwmark service without NAT; clearing it");
            return Optional.empty();
        }
        if (key instanceof ServiceKey.Address a && !a.port().orElse(0).equals(port.get())) {
            context.error(args.get(1), "real_server port " + port.get() + " differs from the virtual server's port "
                    + a.port().orElse(0) + " without NAT; using " + a.port().orElse(0));
            return a.port();
        }
        return port;
    }

    /** {@code proxy_protocol} applies to TCP services only (a PROXY header starts a TCP stream). */
    private Optional<ProxyProtocolVersion> proxyProtocol(BlockState b, Protocol protocol, String label) {
        Optional<ProxyProtocolVersion> version = b.get("proxy_protocol", ProxyProtocolVersion.class);
        if (version.isPresent() && protocol != Protocol.TCP) {
            context.error(b.where("proxy_protocol"), "proxy_protocol applies to TCP virtual servers only; "
                    + "ignoring it for " + protocol + " virtual_server " + label);
            return Optional.empty();
        }
        return version;
    }

    private Protocol protocol(BlockState b, ServiceKey key) {
        Optional<Protocol> protocol = b.get("protocol", Protocol.class);
        boolean fwmarkOnly = key instanceof ServiceKey.Fwmark || key instanceof ServiceKey.Group g
                && groups.get(g.name()).entries().stream().allMatch(VsgEntry.Fwmark.class::isInstance);
        if (protocol.isPresent() && fwmarkOnly) {
            context.error(b.where("protocol"), "protocol is ignored for a fwmark virtual server");
        }
        return protocol.orElse(Protocol.TCP);
    }

    private List<SchedulerFlag> flags(BlockState b, LvsScheduler scheduler) {
        List<SchedulerFlag> flags = new ArrayList<>();
        List<SchedulerFlag> given = b.list("flags", SchedulerFlag.class);
        for (int i = 0; i < given.size(); i++) {
            SchedulerFlag flag = given.get(i);
            boolean sh = flag == SchedulerFlag.SH_PORT || flag == SchedulerFlag.SH_FALLBACK;
            boolean mh = flag == SchedulerFlag.MH_PORT || flag == SchedulerFlag.MH_FALLBACK;
            if (sh && scheduler != LvsScheduler.SH || mh && scheduler != LvsScheduler.MH) {
                context.error(b.where("flags", i), flag.keyword() + " only applies to the " + (sh ? "sh" : "mh")
                        + " scheduler; ignoring it");
            } else if (!flags.contains(flag)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** A zero-port address service (or group range) must be persistent: keepalived sets 360 s. */
    private Optional<Duration> persistence(BlockState b, ServiceKey key, String label) {
        Optional<Duration> timeout = b.get("persistence_timeout", Duration.class);
        if (timeout.isEmpty() && b.has("persistence_granularity")) {
            timeout = Optional.of(VirtualServerKeywords.DEFAULT_PERSISTENCE);
        }
        boolean zeroPort = switch (key) {
            case ServiceKey.Address a -> a.port().orElse(0) == 0;
            case ServiceKey.Fwmark f -> false;
            case ServiceKey.Group g -> groups.get(g.name()).entries().stream()
                    .anyMatch(e -> e instanceof VsgEntry.AddressRange r && r.port().orElse(0) == 0);
        };
        if (timeout.isEmpty() && zeroPort) {
            context.error(b.nameWord(), "virtual_server " + label + ": port 0 is only valid for persistent services; "
                    + "using persistence_timeout 360");
            timeout = Optional.of(VirtualServerKeywords.DEFAULT_PERSISTENCE);
        }
        return timeout;
    }

    private Optional<SorryServer> sorryServer(BlockState b, Optional<AddressFamily> family) {
        Optional<SorryServer> sorry = b.get("sorry_server", SorryServer.class);
        if (sorry.isEmpty()) {
            if (b.has("sorry_server_inhibit") || b.has("sorry_forwarding")) {
                context.error(b.nameWord(), "sorry_server_inhibit / sorry_server_lvs_method without sorry_server; "
                        + "ignoring them");
            }
            return Optional.empty();
        }
        Forwarding forwarding = b.get("sorry_forwarding", Forwarding.class)
                .orElse(b.get("forwarding", Forwarding.class).orElse(Forwarding.nat()));
        if (forwarding.method() != Forwarding.Method.TUN && family.isPresent()
                && sorry.get().address().family() != family.get()) {
            context.error(b.where("sorry_server"), "sorry_server " + sorry.get().address()
                    + " is not in the virtual server's address family; ignoring it");
            return Optional.empty();
        }
        return Optional.of(new SorryServer(sorry.get().address(), sorry.get().port(), b.flag("sorry_server_inhibit"),
                forwarding));
    }
}
