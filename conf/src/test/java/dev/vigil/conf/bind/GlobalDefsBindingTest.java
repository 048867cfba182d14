package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.ProcessTuning;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.SmtpAuth;
import dev.vigil.conf.model.SmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GlobalDefsBindingTest {

    /**
     * The 148 keywords keepalived's global_parser.c installs (root-level ones included),
     * as listed in the behaviour reference section 1.4.
     */
    private static final String KEEPALIVED_GLOBAL_KEYWORDS = """
            linkbeat_use_polling net_namespace net_namespace_ipvs namespace_with_ipsets use_pid_dir instance
            child_wait_time global_defs process_names process_name vrrp_process_name checker_process_name
            lvs_process_name bfd_process_name use_symlink_paths set_supplementary_groups router_id
            notification_email_from smtp_server smtp_helo_name smtp_connect_timeout notification_email smtp_alert
            startup_script startup_script_timeout shutdown_script shutdown_script_timeout max_auto_priority
            min_auto_priority_delay smtp_alert_vrrp smtp_alert_checker checker_log_all_failures dynamic_interfaces
            no_email_faults default_interface disable_local_igmp v3_checksum_as_v2 lvs_timeouts lvs_flush
            lvs_flush_on_stop lvs_flush_onstop lvs_sync_daemon vrrp_mcast_group4 vrrp_mcast_group6
            vrrp_garp_master_delay vrrp_garp_master_repeat vrrp_garp_master_refresh vrrp_garp_master_refresh_repeat
            vrrp_garp_lower_prio_delay vrrp_garp_lower_prio_repeat vrrp_down_timer_adverts vrrp_garp_interval
            vrrp_gna_interval vrrp_min_garp vrrp_garp_extra_if vrrp_vmac_garp_intvl vrrp_lower_prio_no_advert
            vrrp_higher_prio_send_advert vrrp_version vrrp_iptables vrrp_ipsets nftables nftables_priority
            nftables_ifindex vrrp_check_unicast_src vrrp_skip_check_adv_addr vrrp_strict vrrp_priority vrrp_no_swap
            vrrp_rt_priority vrrp_cpu_affinity vrrp_rlimit_rttime vrrp_rlimit_rtime nftables_ipvs
            nftables_ipvs_priority nftables_ipvs_start_fwmark nftables_counters notify_fifo notify_fifo_script
            vrrp_notify_fifo vrrp_notify_fifo_script vrrp_notify_priority_changes fifo_write_vrrp_states_on_reload
            lvs_notify_fifo lvs_notify_fifo_script checker_priority checker_no_swap checker_rt_priority
            checker_cpu_affinity checker_rlimit_rttime checker_rlimit_rtime bfd_priority bfd_no_swap bfd_rt_priority
            bfd_cpu_affinity bfd_rlimit_rttime bfd_rlimit_rtime snmp_socket enable_traps enable_snmp_vrrp
            enable_snmp_keepalived enable_snmp_rfc enable_snmp_rfcv2 enable_snmp_rfcv3 enable_snmp_checker
            snmp_vs_stats_update_interval snmp_rs_stats_update_interval enable_dbus dbus_service_name
            dbus_no_interface_name script_user enable_script_security vrrp_netlink_cmd_rcv_bufs
            vrrp_netlink_cmd_rcv_bufs_force vrrp_netlink_monitor_rcv_bufs vrrp_netlink_monitor_rcv_bufs_force
            process_monitor_rcv_bufs process_monitor_rcv_bufs_force lvs_netlink_cmd_rcv_bufs
            lvs_netlink_cmd_rcv_bufs_force lvs_netlink_monitor_rcv_bufs lvs_netlink_monitor_rcv_bufs_force
            rs_init_notifies no_checker_emails vrrp_rx_bufs_policy vrrp_rx_bufs_multiplier vrrp_startup_delay
            vrrp_delay_after_boot log_unknown_vrids vrrp_owner_ignore_adverts vmac_prefix vmac_addr_prefix umask
            random_seed reload_check_config reload_time_file reload_repeat reload_file include_check config_save_dir
            tmp_config_directory data_use_instance json_version iproute_usr_dir iproute_etc_dir state_dump_file
            stats_dump_file json_dump_file
            """;

    @Test
    void everyKeepalivedGlobalKeywordIsInATable() {
        List<String> expected = Arrays.stream(KEEPALIVED_GLOBAL_KEYWORDS.trim().split("\\s+")).toList();
        assertEquals(148, expected.size());
        var tables = new ConfigBinder().keywordTables();
        Set<String> known = tables.get("global_defs").stream().map(KeywordInfo::keyword).collect(Collectors.toSet());
        tables.get("root").forEach(k -> known.add(k.keyword()));
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(known);
        assertEquals(List.of(), missing);
    }

    @Test
    void emptyConfigHasKeepalivedDefaults() {
        GlobalDefs g = Binding.of("").clean().config().globalDefs();
        assertEquals(GlobalDefs.defaults(), g);
        assertEquals(Duration.ofSeconds(30), g.smtpConnectTimeout());
        assertEquals(2, g.vrrp().version());
        assertEquals(IpAddress.of("224.0.0.18"), g.vrrp().mcastGroup4());
    }

    @Test
    void typedSettingsAreBound() {
        GlobalDefs g = Binding.of("""
                net_namespace blue
                global_defs {
                    notification_email {
                        acassen@firewall.loc
                        "Ops Team <ops@example.com>"
                    }
                    notification_email_from Alexandre.Cassen@firewall.loc
                    smtp_server 192.168.200.1 2525
                    smtp_connect_timeout 30
                    router_id LVS_DEVEL
                    script_user keepalived_script users
                    enable_script_security
                    vrrp_skip_check_adv_addr
                    vrrp_garp_interval 0.001
                    vrrp_garp_master_refresh 60
                    vrrp_mcast_group4 224.0.0.19
                    notify_fifo /run/keepalived.fifo
                    notify_fifo_script /usr/bin/fifo-reader.sh
                    lvs_timeouts tcp 900 tcpfin 120 udp 300
                    state_dump_file /tmp/vigil.data
                }
                """).clean().config().globalDefs();
        assertEquals(List.of("acassen@firewall.loc", "Ops Team <ops@example.com>"), g.notificationEmail());
        assertEquals(Optional.of(new SmtpServer("192.168.200.1", 2525)), g.smtpServer());
        assertEquals(Optional.of("LVS_DEVEL"), g.routerId());
        assertEquals(Optional.of("users"), g.scriptUser().orElseThrow().group());
        assertTrue(g.enableScriptSecurity());
        assertTrue(g.vrrp().skipCheckAdvAddr());
        assertEquals(Duration.ofMillis(1), g.vrrp().garpInterval());
        assertEquals(Duration.ofSeconds(60), g.vrrp().garpMasterRefresh());
        assertEquals(IpAddress.of("224.0.0.19"), g.vrrp().mcastGroup4());
        assertEquals("/usr/bin/fifo-reader.sh", g.notifyFifo().orElseThrow().script().orElseThrow().command());
        assertEquals(Optional.of(Duration.ofSeconds(120)), g.lvsTimeouts().orElseThrow().tcpFin());
        assertEquals(Optional.of("blue"), g.netNamespace());
        assertEquals(Optional.of("/tmp/vigil.data"), g.stateDumpFile());
    }

    @Test
    void badValuesReportWhatIsUsedInstead() {
        Binding b = Binding.of("""
                global_defs {
                    vrrp_version 4
                    vrrp_mcast_group4 10.0.0.1
                    smtp_server mail.example.com 70000
                    vrrp_strict maybe
                }
                """);
        b.reports("test.conf:2:18: error: vrrp_version 4 is outside 2..3; ignoring it")
                .reports("test.conf:3:23: error: vrrp_mcast_group4 10.0.0.1 is not an IPv4 multicast address;"
                        + " using the default 224.0.0.18")
                .reports("test.conf:4:34: error: smtp_server port 70000 is outside 1..65535; using the default 25")
                .reports("test.conf:5:17: error: vrrp_strict 'maybe' is not true/false/on/off/yes/no; ignoring it");
        GlobalDefs g = b.config().globalDefs();
        assertEquals(2, g.vrrp().version());
        assertEquals(25, g.smtpServer().orElseThrow().port());
        assertFalse(g.vrrp().strict());
    }

    @Test
    void inertKeywordsAreCollectedAsNotes() {
        Binding b = Binding.of("""
                global_defs {
                    enable_snmp_vrrp
                    enable_dbus
                    vrrp_rlimit_rttime 10000
                    nftables
                }
                """).clean();
        assertEquals(List.of("enable_snmp_vrrp", "enable_dbus", "vrrp_rlimit_rttime", "nftables"),
                b.config().noEffect().stream().map(k -> k.keyword()).toList());
        assertEquals("test.conf:2:5", b.config().noEffect().getFirst().where());
        assertEquals(4, b.problems(Severity.NOTE).size());
    }

    @Test
    void processSchedulingSettingsAreTypedPerSubsystem() {
        Binding b = Binding.of("""
                global_defs {
                    vrrp_priority -10
                    vrrp_rt_priority 50
                    vrrp_cpu_affinity 1 0
                    vrrp_no_swap
                    checker_priority 5
                }
                """).clean();
        GlobalDefs g = b.config().globalDefs();
        assertEquals(new ProcessTuning(Optional.of(-10), Optional.of(50), Set.of(0, 1), true), g.vrrpTuning());
        assertEquals(new ProcessTuning(Optional.of(5), Optional.empty(), Set.of(), false), g.checkerTuning());
        assertEquals(ProcessTuning.NONE, Binding.of("global_defs {\n}\n").clean().config().globalDefs().vrrpTuning());
    }

    @Test
    void outOfRangeSchedulingSettingsAreErrorsAtTheirPosition() {
        Binding b = Binding.of("""
                global_defs {
                    vrrp_priority -21
                    checker_rt_priority 100
                    vrrp_cpu_affinity 0 x
                }
                """);
        b.reports("test.conf:2:19: error: vrrp_priority -21 is outside -20..19; ignoring it")
                .reports("test.conf:3:25: error: checker_rt_priority 100 is outside 1..99; ignoring it")
                .reports("test.conf:4:25: error: vrrp_cpu_affinity 'x' is not a number; ignoring it");
        assertEquals(ProcessTuning.NONE, b.config().globalDefs().vrrpTuning());
        assertEquals(Optional.empty(), b.config().globalDefs().checkerTuning().realtimePriority());
    }

    /** keepalived's net_namespace_ipvs_handler: a name, or none for the host's own namespace. */
    @Test
    void netNamespaceIpvsNamesANamespaceOrTheHostsOwn() {
        assertEquals(Optional.of("lvs"), Binding.of("net_namespace_ipvs lvs\n").clean().config().globalDefs()
                .netNamespaceIpvs());
        assertEquals(Optional.of(""), Binding.of("net_namespace_ipvs\n").clean().config().globalDefs()
                .netNamespaceIpvs());
        assertEquals(Optional.empty(), Binding.of("global_defs {\n}\n").clean().config().globalDefs()
                .netNamespaceIpvs());
        Binding bad = Binding.of("net_namespace_ipvs ../etc\n").reports("test.conf:1:20: error: net_namespace_ipvs:"
                + " '../etc' is not a namespace name (a name under /var/run/netns, as ip netns add makes); ignoring it");
        assertEquals(Optional.empty(), bad.config().globalDefs().netNamespaceIpvs());
        assertTrue(Binding.of("net_namespace_ipvs lvs\n").config().noEffect().isEmpty(), "no longer inert");
    }

    @Test
    void deprecatedSynonymWarns() {
        Binding b = Binding.of("""
                global_defs {
                    lvs_flush_onstop
                }
                """).reports("test.conf:2:5: warning: 'lvs_flush_onstop' is deprecated; use 'lvs_flush_on_stop'");
        assertTrue(b.config().globalDefs().lvsFlushOnStop());
    }

    @Test
    void laterGlobalDefsBlocksOverrideEarlierOnes() {
        GlobalDefs g = Binding.of("""
                global_defs {
                    router_id first
                    notification_email {
                        a@example.com
                    }
                }
                global_defs {
                    router_id second
                    notification_email {
                        b@example.com
                    }
                }
                """).clean().config().globalDefs();
        assertEquals(Optional.of("second"), g.routerId());
        assertEquals(List.of("a@example.com", "b@example.com"), g.notificationEmail());
    }

    @Test
    void smtpStartTlsAndAuthAreVigilExtensions() {
        GlobalDefs g = Binding.of("""
                global_defs {
                    smtp_server 10.0.0.25 587
                    smtp_starttls
                    smtp_auth alerts s3cret LOGIN
                }
                """).clean().config().globalDefs();
        assertTrue(g.smtpStartTls());
        assertEquals(Optional.of(new SmtpAuth("alerts", "s3cret", SmtpAuth.Mechanism.LOGIN)), g.smtpAuth());
        assertFalse(g.smtpAuth().orElseThrow().toString().contains("s3cret"), "the password never reaches a log");
        assertEquals(SmtpAuth.Mechanism.PLAIN, Binding.of("global_defs {\n smtp_auth a b\n}\n").clean().config()
                .globalDefs().smtpAuth().orElseThrow().mechanism());
        var tables = new ConfigBinder().keywordTables().get("global_defs");
        assertTrue(tables.stream().filter(k -> k.keyword().startsWith("smtp_starttls") || k.keyword().equals("smtp_auth"))
                .allMatch(k -> k.support() == Support.EXTENSION));
        assertFalse(GlobalDefs.defaults().smtpStartTls());
    }

    @Test
    void smtpAuthWithBadArgumentsIsReported() {
        Binding.of("global_defs {\n smtp_auth onlyuser\n}\n")
                .reports("test.conf:2:2: error: smtp_auth needs USER PASSWORD [PLAIN|LOGIN]; ignoring it");
        Binding.of("global_defs {\n smtp_auth u p CRAM-MD5\n}\n")
                .reports("test.conf:2:16: error: unknown SMTP AUTH mechanism 'CRAM-MD5': use PLAIN or LOGIN;"
                        + " ignoring smtp_auth");
    }
}
