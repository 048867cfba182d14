package dev.vigil.conf.bind;

import dev.vigil.conf.model.VrrpAuthentication;
import dev.vigil.conf.model.VrrpState;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The VRRP keyword tables ({@code init_vrrp_keywords()} in {@code keepalived/vrrp/vrrp_parser.c}):
 * vrrp_instance (+ authentication), vrrp_sync_group, vrrp_script, track_file and the static_*
 * blocks. Handlers only parse and store; {@link VrrpInstanceAssembler} applies defaults and
 * cross-checks once the whole file is read.
 */
final class VrrpKeywords {

    static final String INSTANCE = "vrrp_instance";
    static final String AUTHENTICATION = "vrrp_instance.authentication";
    static final String SYNC_GROUP = "vrrp_sync_group";
    static final String SCRIPT = "vrrp_script";
    static final String TRACK_FILE = "track_file";
    /** keepalived's TIMER_MAX_SEC: the longest preempt_delay. */
    private static final Duration MAX_PREEMPT_DELAY = Duration.ofSeconds(1000);
    /** Longest advert_int keepalived reads before the per-version range checks (255 s, v2's 8-bit field). */
    private static final Duration MAX_ADVERT_INPUT = Duration.ofSeconds(255);
    private static final Duration MAX_SECONDS = Duration.ofSeconds(4_294_967L);
    private static final Duration MILLISECOND = Duration.ofMillis(1);
    /** track_file.c reads weights in -254..254 (the value file can scale them further). */
    private static final int TRACK_FILE_MAX_WEIGHT = 254;

    private VrrpKeywords() {
    }

    static void install(Grammar grammar) {
        grammar.table(Grammar.ROOT)
                .block(INSTANCE, INSTANCE)
                .block(SYNC_GROUP, SYNC_GROUP)
                .block(SCRIPT, SCRIPT)
                .block(TRACK_FILE, TRACK_FILE)
                .deprecated("vrrp_track_file", TRACK_FILE, (line, block, context) -> {
                    if (context.requireBlock(line)) {
                        block.add(TRACK_FILE, context.bindBlock(line, TRACK_FILE));
                    }
                })
                .entries("static_ipaddress", (line, context) -> AddressEntries.vip(line, context, true))
                .entries("static_routes", RouteEntries::route)
                .entries("static_rules", RouteEntries::rule)
                .inert("track_group", "garp_group", "linkbeat_interfaces", "interface_up_down_delays",
                        "vrrp_track_process", "bfd_instance");
        instance(grammar.table(INSTANCE));
        grammar.table(AUTHENTICATION)
                .on("auth_type", VrrpKeywords::authType)
                .on("auth_pass", VrrpKeywords::authPass);
        syncGroup(grammar.table(SYNC_GROUP));
        script(grammar.table(SCRIPT));
        trackFile(grammar.table(TRACK_FILE));
    }

    private static void instance(KeywordTable t) {
        t.on("state", VrrpKeywords::state)
                .on("interface", VrrpKeywords::interfaceName)
                .number("virtual_router_id", 1, 255)
                .number("priority", 1, 255, OptionalLong.of(100))
                .seconds("advert_int", Duration.ofMillis(10), MAX_ADVERT_INPUT)
                .number("version", 2, 3)
                .flag("native_ipv6")
                .on("use_vmac", VmacArguments::handle)
                .flag("vmac_xmit_base")
                .block("authentication", AUTHENTICATION)
                .entries("virtual_ipaddress", (line, context) -> AddressEntries.vip(line, context, false))
                .entries("virtual_ipaddress_excluded", (line, context) -> AddressEntries.vip(line, context, false))
                .flag("no_virtual_ipaddress")
                .flag("promote_secondaries")
                .entries("virtual_routes", RouteEntries::route)
                .entries("virtual_rules", RouteEntries::rule)
                .on("mcast_src_ip", (line, block, context) -> address(line, block, context, "source"))
                .on("unicast_src_ip", (line, block, context) -> {
                    block.set("unicast_configured", true, line.position());
                    address(line, block, context, "source");
                })
                .on("mcast_dst_ip", (line, block, context) -> address(line, block, context, "mcast_dst_ip"))
                .entries("unicast_peer", TrackEntries::unicastPeer)
                .number("unicast_ttl", 0, 255)
                .flag("unicast_fault_no_peer")
                .flag("check_unicast_src")
                .flag("track_src_ip")
                .sets("nopreempt", "nopreempt", true)
                .sets("preempt", "nopreempt", false)
                .seconds("preempt_delay", Duration.ZERO, MAX_PREEMPT_DELAY)
                .seconds("garp_master_delay", Duration.ZERO, MAX_SECONDS)
                .number("garp_master_repeat", 0, Integer.MAX_VALUE)
                .seconds("garp_master_refresh", Duration.ZERO, MAX_SECONDS)
                .number("garp_master_refresh_repeat", 0, Integer.MAX_VALUE)
                .seconds("garp_lower_prio_delay", Duration.ZERO, MAX_SECONDS)
                .number("garp_lower_prio_repeat", 0, Integer.MAX_VALUE)
                .number("down_timer_adverts", 1, 100)
                .flag("lower_prio_no_advert")
                .flag("higher_prio_send_advert")
                .flag("owner_ignore_adverts")
                .sets("accept", "accept", true)
                .sets("no_accept", "accept", false)
                .flag("skip_check_adv_addr")
                .flag("strict_mode")
                .flag("v3_checksum_as_v2")
                .flag("dont_track_primary")
                .entries("track_interface", TrackEntries::trackInterface)
                .entries("track_script", TrackEntries::trackScript)
                .entries("track_file", TrackEntries::trackFile);
        notifyKeywords(t);
        t.script("notify_master_rx_lower_pri")
                .on("notify_deleted", (line, block, context) -> {
                    block.set("notify_deleted", true, line.position());
                    if (!line.arguments().isEmpty()) {
                        Values.script(line, context).ifPresent(s -> block.set("notify_deleted_script", s, line.position()));
                    }
                });
        t.inert("use_vmac_addr", "use_ipvlan", "old_unicast_checksum", "vrf",
                "linkbeat_use_polling", "track_process", "track_bfd", "debug", "lvs_sync_daemon_interface",
                "timer_expired_backup", "thread_timer_expired", "garp_extra_if", "vmac_garp_intvl",
                "kernel_rx_buf_size", "auth_hmac");
    }

    /** notify_* keywords shared by vrrp_instance and vrrp_sync_group. */
    private static void notifyKeywords(KeywordTable t) {
        t.script("notify_master")
                .script("notify_backup")
                .script("notify_fault")
                .script("notify_stop")
                .script("notify")
                .flag("smtp_alert")
                .flag("notify_priority_changes");
    }

    private static void syncGroup(KeywordTable t) {
        t.entries("group", (line, context) -> Optional.of(line.name()))
                .entries("track_interface", TrackEntries::trackInterface)
                .entries("track_script", TrackEntries::trackScript)
                .entries("track_file", TrackEntries::trackFile)
                .flag("sync_group_tracking_weight")
                .deprecated("global_tracking", "sync_group_tracking_weight",
                        (line, block, context) -> block.set("sync_group_tracking_weight", true, line.position()))
                .inert("track_process", "track_bfd")
                // The pre-1.2 form lists member instances directly in the block.
                .otherwise((line, block, context) -> {
                    block.add("old_members", line.keyword());
                    line.arguments().forEach(word -> block.add("old_members", word));
                });
        notifyKeywords(t);
    }

    private static void script(KeywordTable t) {
        t.on("script", (line, block, context) -> context.argument(line).ifPresent(
                        word -> block.set("script", word.text(), word.position())))
                .on("interval", (line, block, context) -> positiveMillis(line, block, context, "interval"))
                .on("timeout", (line, block, context) -> positiveMillis(line, block, context, "timeout"))
                .on("weight", (line, block, context) -> weight(line, block, context, TrackEntries.MAX_WEIGHT, 0))
                .number("rise", 1, Integer.MAX_VALUE, OptionalLong.of(1))
                .number("fall", 1, Integer.MAX_VALUE, OptionalLong.of(1))
                .on("user", (line, block, context) -> context.argument(line).ifPresent(
                        word -> block.set("user", Values.scriptUser(line, 0).orElseThrow(), word.position())))
                .flag("init_fail");
    }

    private static void trackFile(KeywordTable t) {
        t.on("file", (line, block, context) -> context.argument(line).ifPresent(
                        word -> block.set("file", word.text(), word.position())))
                .on("weight", (line, block, context) -> weight(line, block, context, TRACK_FILE_MAX_WEIGHT, 1))
                .on("init_file", (line, block, context) -> {
                    block.set("init_file", 0L, line.position());
                    for (Word word : line.arguments()) {
                        if (word.text().equals("overwrite")) {
                            block.set("overwrite", true, word.position());
                        } else {
                            Values.number("init_file", word, context, Integer.MIN_VALUE, Integer.MAX_VALUE,
                                    OptionalLong.of(0)).ifPresent(v -> block.set("init_file", v, word.position()));
                        }
                    }
                });
    }

    private static void state(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            switch (word.text()) {
                case "MASTER" -> block.set("state", VrrpState.MASTER, word.position());
                case "BACKUP" -> {
                    if (block.get("state", VrrpState.class).orElse(null) == VrrpState.MASTER) {
                        context.error(word, "state was already set to MASTER; ignoring BACKUP");
                    } else {
                        block.set("state", VrrpState.BACKUP, word.position());
                    }
                }
                default -> {
                    context.error(word, "unknown state '" + word.text() + "'; using BACKUP");
                    block.set("state", VrrpState.BACKUP, word.position());
                }
            }
        });
    }

    private static void interfaceName(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            if (word.text().length() > AddressEntries.MAX_IFNAME) {
                context.error(word, "interface name '" + word.text() + "' is longer than " + AddressEntries.MAX_IFNAME
                        + " characters; ignoring it");
            } else {
                block.set("interface", word.text(), word.position());
            }
        });
    }

    private static void address(ConfNode line, BlockState block, BindContext context, String key) {
        context.argument(line).flatMap(word -> Values.address(line.name(), word, context))
                .ifPresent(address -> block.set(key, address, line.arguments().getFirst().position()));
    }

    private static void authType(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            switch (word.text()) {
                case "PASS" -> block.set("auth_type", VrrpAuthentication.Type.PASS, word.position());
                case "AH" -> block.set("auth_type", VrrpAuthentication.Type.AH, word.position());
                default -> context.error(word, "unknown auth_type '" + word.text()
                        + "' (expected PASS or AH); ignoring it");
            }
        });
    }

    private static void authPass(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            String password = word.text();
            if (password.length() > VrrpAuthentication.MAX_PASSWORD_LENGTH) {
                password = password.substring(0, VrrpAuthentication.MAX_PASSWORD_LENGTH);
                context.warning(word, "auth_pass is longer than " + VrrpAuthentication.MAX_PASSWORD_LENGTH
                        + " characters; using '" + password + "'");
            }
            block.set("auth_pass", password, word.position());
        });
    }

    /** {@code interval}/{@code timeout}: millisecond resolution; 0 becomes 1 s as in keepalived. */
    private static void positiveMillis(ConfNode line, BlockState block, BindContext context, String key) {
        context.argument(line).flatMap(word -> Values.seconds(line.name(), word, context, Duration.ZERO, MAX_SECONDS)
                .map(d -> {
                    if (d.compareTo(MILLISECOND) < 0) {
                        context.error(word, key + " must be greater than 0; using 1");
                        return Duration.ofSeconds(1);
                    }
                    return d;
                })).ifPresent(d -> block.set(key, d, line.position()));
    }

    /** {@code weight N [reverse]} of vrrp_script (±253, default 0) and track_file (±254, default 1). */
    private static void weight(ConfNode line, BlockState block, BindContext context, int limit, long fallback) {
        Optional<Word> word = context.argument(line);
        if (word.isEmpty()) {
            return;
        }
        Values.number("weight", word.get(), context, -limit, limit, OptionalLong.of(fallback)).ifPresent(w -> block.set("weight", w, word.get().position()));
        if (line.arguments().size() > 1) {
            Word option = line.arguments().get(1);
            if (option.text().equals("reverse")) {
                block.set("reverse", true, option.position());
            } else {
                context.error(option, "unknown weight option '" + option.text() + "'; ignoring it");
            }
        }
    }
}
