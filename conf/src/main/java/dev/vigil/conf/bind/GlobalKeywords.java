package dev.vigil.conf.bind;

import dev.vigil.common.text.FileName;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.LvsTimeouts;
import dev.vigil.conf.model.NotifyFifo;
import dev.vigil.conf.model.SmtpServer;
import java.util.List;
import dev.vigil.conf.model.SmtpAuth;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code global_defs} table and the root-level global keywords
 * ({@code keepalived/core/global_parser.c}, 148 keywords). Settings Vigil acts on are typed;
 * process tuning, SNMP, DBus, firewall and the like are accepted without effect.
 */
final class GlobalKeywords {

    static final String GLOBAL_DEFS = "global_defs";
    /** keepalived keeps whole seconds for GARP delays in an unsigned int of microseconds. */
    private static final Duration MAX_GARP_DELAY = Duration.ofSeconds(4294);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(4294);
    /** LVS_MAX_TIMEOUT in global_data.h: 31 days. */
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;
    /** setpriority(2) bounds of a nice value. */
    private static final long MIN_NICE = -20;
    private static final long MAX_NICE = 19;
    /** sched_get_priority_max(SCHED_RR) on Linux. */
    private static final long MAX_RT_PRIORITY = 99;
    /** The highest CPU number a cpu_set_t of the C library holds. */
    private static final long MAX_CPU = 1023;

    private GlobalKeywords() {
    }

    static void install(Grammar grammar) {
        grammar.table(Grammar.ROOT)
                .string("net_namespace")
                .string("instance")
                .on("net_namespace_ipvs", GlobalKeywords::netNamespaceIpvs)
                .inert("linkbeat_use_polling", "namespace_with_ipsets", "use_pid_dir",
                        "child_wait_time")
                .block(GLOBAL_DEFS, GLOBAL_DEFS);
        KeywordTable table = grammar.table(GLOBAL_DEFS);
        identityAndMail(table);
        vrrpDefaults(table);
        processTuning(table);
        fifosAndLvs(table);
        inert(table);
    }

    private static void identityAndMail(KeywordTable table) {
        table.string("router_id")
                .entries("notification_email", (line, context) -> Optional.of(line.name()))
                .string("notification_email_from")
                .on("smtp_server", GlobalKeywords::smtpServer)
                .string("smtp_helo_name")
                .seconds("smtp_connect_timeout", Duration.ZERO, MAX_TIMEOUT)
                .extension("smtp_starttls", (line, block, context) ->
                        Values.bool(line, context).ifPresent(value -> block.set("smtp_starttls", value, line.position())))
                .extension("smtp_auth", GlobalKeywords::smtpAuth)
                .flag("smtp_alert")
                .flag("smtp_alert_vrrp")
                .flag("smtp_alert_checker")
                .flag("no_email_faults")
                .flag("checker_log_all_failures")
                .on("script_user", (line, block, context) -> context.argument(line).ifPresent(
                        word -> block.set("script_user", Values.scriptUser(line, 0).orElseThrow(), word.position())))
                .flag("enable_script_security")
                .script("startup_script")
                .script("shutdown_script")
                .string("state_dump_file")
                .string("stats_dump_file")
                .string("json_dump_file");
    }

    private static void vrrpDefaults(KeywordTable table) {
        table.number("vrrp_version", 2, 3)
                .on("vrrp_mcast_group4", (line, block, context) -> mcastGroup(line, block, context, false))
                .on("vrrp_mcast_group6", (line, block, context) -> mcastGroup(line, block, context, true))
                .seconds("vrrp_garp_master_delay", Duration.ZERO, MAX_GARP_DELAY)
                .number("vrrp_garp_master_repeat", 0, Integer.MAX_VALUE)
                .seconds("vrrp_garp_master_refresh", Duration.ZERO, MAX_GARP_DELAY)
                .number("vrrp_garp_master_refresh_repeat", 0, Integer.MAX_VALUE)
                .seconds("vrrp_garp_lower_prio_delay", Duration.ZERO, MAX_GARP_DELAY)
                .number("vrrp_garp_lower_prio_repeat", 0, Integer.MAX_VALUE)
                .seconds("vrrp_garp_interval", Duration.ZERO, MAX_TIMEOUT)
                .seconds("vrrp_gna_interval", Duration.ZERO, MAX_TIMEOUT)
                .number("vrrp_down_timer_adverts", 1, 100)
                .flag("vrrp_lower_prio_no_advert")
                .flag("vrrp_higher_prio_send_advert")
                .flag("vrrp_check_unicast_src")
                .flag("vrrp_skip_check_adv_addr")
                .flag("vrrp_strict")
                .flag("vrrp_owner_ignore_adverts")
                .flag("vrrp_notify_priority_changes")
                .flag("v3_checksum_as_v2")
                .seconds("vrrp_startup_delay", Duration.ofMillis(1), MAX_TIMEOUT)
                .string("default_interface")
                .string("vmac_prefix");
    }

    private static void fifosAndLvs(KeywordTable table) {
        for (String fifo : new String[] {"notify_fifo", "vrrp_notify_fifo", "lvs_notify_fifo"}) {
            table.on(fifo, (line, block, context) -> context.argument(line).ifPresent(
                    word -> block.set(fifo, word.text(), word.position())));
            table.script(fifo + "_script");
        }
        table.flag("fifo_write_vrrp_states_on_reload")
                .flag("lvs_flush")
                .flag("lvs_flush_on_stop")
                .deprecated("lvs_flush_onstop", "lvs_flush_on_stop",
                        (line, block, context) -> block.set("lvs_flush_on_stop", true, line.position()))
                .on("lvs_timeouts", GlobalKeywords::lvsTimeouts);
    }

    /** keepalived's scheduling of its VRRP and checker processes, applied to Vigil's threads of each. */
    private static void processTuning(KeywordTable table) {
        for (String process : new String[] {"vrrp", "checker"}) {
            table.number(process + "_priority", MIN_NICE, MAX_NICE)
                    .number(process + "_rt_priority", 1, MAX_RT_PRIORITY)
                    .flag(process + "_no_swap")
                    .on(process + "_cpu_affinity", GlobalKeywords::cpuAffinity);
        }
    }

    /** {@code PROCESS_cpu_affinity CPU...}: CPU numbers as the C library's cpu_set_t holds them. */
    private static void cpuAffinity(ConfNode line, BlockState block, BindContext context) {
        List<Word> args = line.arguments();
        if (args.isEmpty()) {
            context.error(line.keyword(), line.name() + " needs one or more CPU numbers; ignoring it");
            return;
        }
        Set<Integer> cpus = new TreeSet<>();
        for (Word word : args) {
            OptionalLong cpu = Values.number(line.name(), word, context, 0, MAX_CPU, OptionalLong.empty());
            if (cpu.isEmpty()) {
                return;
            }
            cpus.add((int) cpu.getAsLong());
        }
        block.set(line.name(), Set.copyOf(cpus), line.position());
    }

    private static void inert(KeywordTable table) {
        table.inert("process_names", "process_name", "vrrp_process_name", "checker_process_name",
                "lvs_process_name", "bfd_process_name", "use_symlink_paths", "set_supplementary_groups",
                "startup_script_timeout", "shutdown_script_timeout", "max_auto_priority", "min_auto_priority_delay",
                "dynamic_interfaces", "disable_local_igmp", "lvs_sync_daemon", "vrrp_min_garp",
                "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", "vrrp_iptables", "vrrp_ipsets", "nftables",
                "nftables_priority", "nftables_ifindex", "nftables_ipvs", "nftables_ipvs_priority",
                "nftables_ipvs_start_fwmark", "nftables_counters");
        table.inert("bfd_priority", "bfd_no_swap", "bfd_rt_priority", "bfd_cpu_affinity");
        for (String process : new String[] {"vrrp", "checker", "bfd"}) {
            // RLIMIT_RTTIME is not set: a JVM thread running realtime past it gets SIGXCPU,
            // and the JVM dies of it (keepalived's default limit is 10 ms).
            table.inert(process + "_rlimit_rttime", process + "_rlimit_rtime");
        }
        table.inert("snmp_socket", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived", "enable_snmp_rfc",
                "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_checker", "snmp_vs_stats_update_interval",
                "snmp_rs_stats_update_interval", "enable_dbus", "dbus_service_name", "dbus_no_interface_name");
        for (String buffer : new String[] {"vrrp_netlink_cmd", "vrrp_netlink_monitor", "process_monitor",
                "lvs_netlink_cmd", "lvs_netlink_monitor"}) {
            table.inert(buffer + "_rcv_bufs", buffer + "_rcv_bufs_force");
        }
        table.inert("rs_init_notifies", "no_checker_emails", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
                "vrrp_delay_after_boot", "log_unknown_vrids", "vmac_addr_prefix", "umask",
                "random_seed", "reload_check_config", "reload_time_file", "reload_repeat", "reload_file",
                "include_check", "config_save_dir", "tmp_config_directory", "data_use_instance", "json_version",
                "iproute_usr_dir", "iproute_etc_dir");
    }

    /** Vigil's {@code smtp_auth USER PASSWORD [PLAIN|LOGIN]}. */
    private static void smtpAuth(ConfNode line, BlockState block, BindContext context) {
        List<Word> args = line.arguments();
        if (args.size() < 2 || args.size() > 3) {
            context.error(line.keyword(), "smtp_auth needs USER PASSWORD [PLAIN|LOGIN]; ignoring it");
            return;
        }
        SmtpAuth.Mechanism mechanism = SmtpAuth.Mechanism.PLAIN;
        if (args.size() == 3) {
            switch (args.get(2).text().toUpperCase(java.util.Locale.ROOT)) {
                case "PLAIN" -> mechanism = SmtpAuth.Mechanism.PLAIN;
                case "LOGIN" -> mechanism = SmtpAuth.Mechanism.LOGIN;
                default -> {
                    context.error(args.get(2), "unknown SMTP AUTH mechanism '" + args.get(2).text()
                            + "': use PLAIN or LOGIN; ignoring smtp_auth");
                    return;
                }
            }
        }
        block.set("smtp_auth", new SmtpAuth(args.get(0).text(), args.get(1).text(), mechanism), line.position());
    }

    /**
     * {@code net_namespace_ipvs [NAME]}: the namespace the kernel's IPVS table is in, "" (no
     * name) for the host's own, as keepalived's {@code net_namespace_ipvs_handler}.
     */
    private static void netNamespaceIpvs(ConfNode line, BlockState block, BindContext context) {
        if (line.arguments().isEmpty()) {
            block.set("net_namespace_ipvs", "", line.keyword().position());
            return;
        }
        Word name = line.arguments().get(0);
        String text = name.text();
        // A quoted "" is keepalived's "no name" too: open_ipvs_namespace("") is the host's.
        if (!text.isEmpty() && !FileName.isPlain(text)) {
            context.error(name, "net_namespace_ipvs: '" + text + "' is not a namespace name (a name under "
                    + "/var/run/netns, as ip netns add makes); ignoring it");
            return;
        }
        block.set("net_namespace_ipvs", text, name.position());
    }

    /** {@code smtp_server HOST [PORT]}: a numeric address or a name (looked up when mail is sent). */
    private static void smtpServer(ConfNode line, BlockState block, BindContext context) {
        Optional<Word> host = context.argument(line);
        if (host.isEmpty()) {
            return;
        }
        int port = SmtpServer.DEFAULT_PORT;
        if (line.arguments().size() > 1) {
            OptionalLong parsed = Values.number("smtp_server port", line.arguments().get(1), context, 1, 65535,
                    OptionalLong.of(SmtpServer.DEFAULT_PORT));
            port = (int) parsed.orElse(SmtpServer.DEFAULT_PORT);
        }
        block.set("smtp_server", new SmtpServer(host.get().text(), port), host.get().position());
    }

    private static void mcastGroup(ConfNode line, BlockState block, BindContext context, boolean ipv6) {
        context.argument(line).flatMap(word -> Values.address(line.name(), word, context)
                .filter(address -> {
                    boolean ok = address.family() == (ipv6 ? dev.vigil.conf.model.AddressFamily.INET6
                            : dev.vigil.conf.model.AddressFamily.INET) && address.isMulticast();
                    if (!ok) {
                        context.error(word, line.name() + " " + word.text() + " is not an IPv" + (ipv6 ? "6" : "4")
                                + " multicast address; using the default "
                                + (ipv6 ? "ff02::12" : "224.0.0.18"));
                    }
                    return ok;
                })).ifPresent(address -> block.set(line.name(), address, line.position()));
    }

    /** {@code lvs_timeouts [tcp N] [tcpfin N] [udp N]}. */
    private static void lvsTimeouts(ConfNode line, BlockState block, BindContext context) {
        Optional<Duration> tcp = Optional.empty();
        Optional<Duration> tcpFin = Optional.empty();
        Optional<Duration> udp = Optional.empty();
        var args = line.arguments();
        for (int i = 0; i < args.size(); i += 2) {
            Word name = args.get(i);
            if (i + 1 >= args.size()) {
                context.error(name, "lvs_timeouts " + name.text() + " needs a value; ignoring it");
                break;
            }
            OptionalLong value = Values.number("lvs_timeouts " + name.text(), args.get(i + 1), context, 0,
                    LVS_MAX_TIMEOUT, OptionalLong.empty());
            Optional<Duration> seconds = value.isPresent() ? Optional.of(Duration.ofSeconds(value.getAsLong()))
                    : Optional.empty();
            switch (name.text()) {
                case "tcp" -> tcp = seconds;
                case "tcpfin" -> tcpFin = seconds;
                case "udp" -> udp = seconds;
                default -> context.error(name, "unknown lvs_timeouts field '" + name.text() + "'; ignoring it");
            }
        }
        block.set("lvs_timeouts", new LvsTimeouts(tcp, tcpFin, udp), line.position());
    }

    /** Reads a FIFO setting and its script from a bound global_defs block. */
    static Optional<NotifyFifo> fifo(BlockState block, String keyword) {
        return block.get(keyword, String.class).map(path -> new NotifyFifo(path,
                block.get(keyword + "_script", dev.vigil.conf.model.NotifyScript.class)));
    }

    static Optional<IpAddress> address(BlockState block, String key) {
        return block.get(key, IpAddress.class);
    }
}
