package dev.vigil.conf.bind;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.Forwarding;
import dev.vigil.conf.model.LvsScheduler;
import dev.vigil.conf.model.Protocol;
import dev.vigil.conf.model.ProxyProtocolVersion;
import dev.vigil.conf.model.SchedulerFlag;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The LVS keyword tables ({@code init_check_keywords()} in {@code keepalived/check/check_parser.c}):
 * SSL, virtual_server_group, virtual_server and real_server. Checker blocks are installed
 * into real_server by {@link CheckerKeywords}.
 */
final class VirtualServerKeywords {

    static final String VIRTUAL_SERVER = "virtual_server";
    static final String REAL_SERVER = "real_server";
    static final String VSG = "virtual_server_group";
    static final String SSL = "SSL";
    /** LVS_MAX_TIMEOUT (global_data.h): 31 days. */
    static final long LVS_MAX_TIMEOUT = 86400L * 31;
    /** IPVS_SVC_PERSISTENT_TIMEOUT (libipvs.h): 6 minutes. */
    static final Duration DEFAULT_PERSISTENCE = Duration.ofSeconds(360);
    /** IPVS_WEIGHT_MAX: weights are signed 32-bit in the IPVS netlink API. */
    static final long MAX_WEIGHT = Integer.MAX_VALUE;
    private static final long U32_MAX = 0xffffffffL;
    private static final Duration MAX_TIMER = Duration.ofSeconds(U32_MAX);
    private static final Duration MICROSECOND = Duration.ofNanos(1000);

    private VirtualServerKeywords() {
    }

    static void install(Grammar grammar) {
        grammar.table(Grammar.ROOT)
                .on(VSG, VirtualServerKeywords::virtualServerGroup)
                .block(VIRTUAL_SERVER, VIRTUAL_SERVER)
                .block(SSL, SSL);
        grammar.table(SSL).string("password").string("ca").string("certificate").string("key");
        virtualServer(grammar.table(VIRTUAL_SERVER));
        realServer(grammar.table(REAL_SERVER));
    }

    /**
     * retry, delay_before_retry, warmup, delay_loop (shared by virtual_server, real_server and
     * checkers; keepalived accepts retry 0 only on a checker).
     */
    static KeywordTable schedule(KeywordTable t, long minRetry) {
        return t.number("retry", minRetry, U32_MAX)
                .seconds("delay_before_retry", Duration.ZERO, MAX_TIMER)
                .seconds("warmup", Duration.ZERO, MAX_TIMER)
                .seconds("delay_loop", MICROSECOND, MAX_TIMER);
    }

    static KeywordTable connectTimeout(KeywordTable t) {
        return t.seconds("connect_timeout", MICROSECOND, MAX_TIMER);
    }

    private static void virtualServer(KeywordTable t) {
        connectTimeout(schedule(t, 1))
                .on("ip_family", VirtualServerKeywords::ipFamily)
                .flag("inhibit_on_failure")
                .on("lb_algo", VirtualServerKeywords::scheduler)
                .on("lvs_sched", VirtualServerKeywords::scheduler);
        for (SchedulerFlag flag : SchedulerFlag.values()) {
            t.on(flag.keyword(), (line, block, context) -> block.add("flags", flag, line.position()));
        }
        t.on("lb_kind", (line, block, context) -> forwarding(line, block, context, "forwarding"))
                .on("lvs_method", (line, block, context) -> forwarding(line, block, context, "forwarding"))
                .string("persistence_engine")
                .on("persistence_timeout", VirtualServerKeywords::persistenceTimeout)
                .string("persistence_granularity")
                .on("protocol", VirtualServerKeywords::protocol)
                .flag("ha_suspend")
                .flag("smtp_alert")
                .string("virtualhost")
                .flag("alpha")
                .flag("omega")
                .script("quorum_up")
                .script("quorum_down")
                .number("quorum", 1, U32_MAX, OptionalLong.of(1))
                .number("hysteresis", 0, U32_MAX)
                .number("weight", 1, MAX_WEIGHT)
                .on("sorry_server", VirtualServerKeywords::sorryServer)
                .flag("sorry_server_inhibit")
                .on("sorry_server_lvs_method", (line, block, context) ->
                        forwarding(line, block, context, "sorry_forwarding"))
                .block(REAL_SERVER, REAL_SERVER)
                .inert("snmp_name")
                .extension("proxy_protocol", VirtualServerKeywords::proxyProtocol);
    }

    /** Vigil's {@code proxy_protocol v1|v2}. */
    private static void proxyProtocol(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            switch (word.text().toLowerCase(java.util.Locale.ROOT)) {
                case "v1", "1" -> block.set("proxy_protocol", ProxyProtocolVersion.V1, word.position());
                case "v2", "2" -> block.set("proxy_protocol", ProxyProtocolVersion.V2, word.position());
                default -> context.error(word, "unknown proxy_protocol '" + word.text() + "': use v1 or v2; ignoring it");
            }
        });
    }

    private static void realServer(KeywordTable t) {
        connectTimeout(schedule(t, 1))
                .number("weight", 0, MAX_WEIGHT)
                .on("lvs_method", (line, block, context) -> forwarding(line, block, context, "forwarding"))
                .number("uthreshold", 0, U32_MAX)
                .number("lthreshold", 0, U32_MAX)
                .flag("inhibit_on_failure")
                .script("notify_up")
                .script("notify_down")
                .flag("alpha")
                .flag("smtp_alert")
                .string("virtualhost")
                .inert("snmp_name");
    }

    private static void ipFamily(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            switch (word.text()) {
                case "inet" -> block.set("ip_family", AddressFamily.INET, word.position());
                case "inet6" -> block.set("ip_family", AddressFamily.INET6, word.position());
                default -> context.error(word, "unknown ip_family '" + word.text() + "'; ignoring it");
            }
        });
    }

    private static void scheduler(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> LvsScheduler.fromKeyword(word.text()).ifPresentOrElse(
                s -> block.set("scheduler", s, word.position()),
                () -> context.error(word, "unknown lvs scheduler '" + word.text() + "'; ignoring it")));
    }

    /** {@code NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}. */
    static void forwarding(ConfNode line, BlockState block, BindContext context, String key) {
        Optional<Word> word = context.argument(line);
        if (word.isEmpty()) {
            return;
        }
        Forwarding.Method method;
        try {
            method = Forwarding.Method.valueOf(word.get().text());
        } catch (IllegalArgumentException e) {
            context.error(word.get(), "unknown forwarding method '" + word.get().text()
                    + "' (expected NAT, DR or TUN); ignoring it");
            return;
        }
        Optional<String> type = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<String> checksum = Optional.empty();
        List<Word> args = line.arguments();
        for (int i = 1; i < args.size(); i++) {
            Word option = args.get(i);
            switch (option.text()) {
                case "type", "port" -> {
                    if (i + 1 >= args.size()) {
                        context.error(option, "tunnel " + option.text() + " needs a value; ignoring '" + line.name() + "'");
                        return;
                    }
                    Word value = args.get(++i);
                    if (option.text().equals("port")) {
                        port = Values.port("tunnel port", value, context);
                    } else if (List.of("ipip", "gue", "gre").contains(value.text())) {
                        type = Optional.of(value.text());
                    } else {
                        context.error(value, "unknown tunnel type '" + value.text() + "'; ignoring '" + line.name() + "'");
                        return;
                    }
                }
                case "nocsum", "csum", "remcsum" -> checksum = Optional.of(option.text());
                default -> context.error(option, "unknown " + line.name() + " option '" + option.text() + "'; ignoring it");
            }
        }
        block.set(key, new Forwarding(method, type, port, checksum), word.get().position());
    }

    /** A bare {@code persistence_timeout} means 360 s (IPVS_SVC_PERSISTENT_TIMEOUT). */
    private static void persistenceTimeout(ConfNode line, BlockState block, BindContext context) {
        if (line.arguments().isEmpty()) {
            block.set("persistence_timeout", DEFAULT_PERSISTENCE, line.position());
            return;
        }
        OptionalLong seconds = Values.number(line.name(), line.arguments().getFirst(), context, 1, LVS_MAX_TIMEOUT,
                OptionalLong.empty());
        seconds.ifPresent(s -> block.set("persistence_timeout", Duration.ofSeconds(s), line.position()));
    }

    private static void protocol(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            try {
                block.set("protocol", Protocol.valueOf(word.text()), word.position());
            } catch (IllegalArgumentException e) {
                context.error(word, "unknown protocol '" + word.text() + "' (expected TCP, UDP or SCTP); ignoring it");
            }
        });
    }

    private static void sorryServer(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).flatMap(word -> Values.address("sorry_server", word, context)).ifPresent(address -> {
            Optional<Integer> port = line.arguments().size() > 1
                    ? Values.port("sorry_server port", line.arguments().get(1), context) : Optional.empty();
            block.set("sorry_server", new SorryServer(address, port, false, Forwarding.nat()), line.position());
        });
    }

    /** {@code virtual_server_group NAME { entries }}: stored as a list of {@link VsgEntry} on a child state. */
    private static void virtualServerGroup(ConfNode line, BlockState root, BindContext context) {
        if (!context.requireBlock(line) || context.argument(line).isEmpty()) {
            return;
        }
        BlockState group = new BlockState(VSG, line);
        for (ConfNode entry : line.children()) {
            VsgEntries.parse(entry, context).ifPresent(e -> group.add("entries", e, entry.position()));
        }
        root.add(VSG, group, line.position());
    }
}
