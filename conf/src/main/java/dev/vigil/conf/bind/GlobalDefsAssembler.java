package dev.vigil.conf.bind;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.LvsTimeouts;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.ProcessTuning;
import dev.vigil.conf.model.ScriptUser;
import dev.vigil.conf.model.SmtpAuth;
import dev.vigil.conf.model.SmtpServer;
import dev.vigil.conf.model.VrrpDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds {@link GlobalDefs} from the bound {@code global_defs} blocks and the root-level globals. */
final class GlobalDefsAssembler {

    private GlobalDefsAssembler() {
    }

    /**
     * keepalived lets {@code global_defs} appear more than once; later settings override
     * earlier ones, so the blocks are merged in file order.
     */
    static GlobalDefs build(BlockState root, List<BlockState> blocks) {
        BlockState g = merge(blocks, root);
        VrrpDefaults vrrp = vrrpDefaults(g);
        return new GlobalDefs(
                g.get("router_id", String.class),
                g.list("notification_email", String.class),
                g.get("notification_email_from", String.class),
                g.get("smtp_server", SmtpServer.class),
                g.get("smtp_helo_name", String.class),
                g.get("smtp_connect_timeout", Duration.class).orElse(GlobalDefs.DEFAULT_SMTP_CONNECT_TIMEOUT),
                g.flag("smtp_starttls"),
                g.get("smtp_auth", SmtpAuth.class),
                g.get("smtp_alert", Boolean.class),
                g.get("smtp_alert_vrrp", Boolean.class),
                g.get("smtp_alert_checker", Boolean.class),
                g.flag("no_email_faults"),
                g.flag("checker_log_all_failures"),
                g.get("script_user", ScriptUser.class),
                g.flag("enable_script_security"),
                g.get("startup_script", NotifyScript.class),
                g.get("shutdown_script", NotifyScript.class),
                vrrp,
                GlobalKeywords.fifo(g, "notify_fifo"),
                GlobalKeywords.fifo(g, "vrrp_notify_fifo"),
                GlobalKeywords.fifo(g, "lvs_notify_fifo"),
                g.flag("fifo_write_vrrp_states_on_reload"),
                g.flag("lvs_flush"),
                g.flag("lvs_flush_on_stop"),
                g.get("lvs_timeouts", LvsTimeouts.class),
                root.get("net_namespace", String.class),
                root.get("net_namespace_ipvs", String.class),
                root.get("instance", String.class),
                g.get("state_dump_file", String.class),
                g.get("stats_dump_file", String.class),
                g.get("json_dump_file", String.class),
                tuning(g, "vrrp"),
                tuning(g, "checker"));
    }

    /** {@code PROCESS_priority}, {@code _rt_priority}, {@code _cpu_affinity}, {@code _no_swap}. */
    @SuppressWarnings("unchecked")
    private static ProcessTuning tuning(BlockState g, String process) {
        return new ProcessTuning(
                intValue(g, process + "_priority"),
                intValue(g, process + "_rt_priority"),
                g.get(process + "_cpu_affinity", Set.class).orElse(Set.of()),
                g.flag(process + "_no_swap"));
    }

    /** The vrrp_* globals over keepalived's defaults. */
    private static VrrpDefaults vrrpDefaults(BlockState g) {
        VrrpDefaults d = VrrpDefaults.keepalivedDefaults();
        return new VrrpDefaults(
                g.get("vrrp_version", Long.class).map(Long::intValue).orElse(d.version()),
                GlobalKeywords.address(g, "vrrp_mcast_group4").orElse(d.mcastGroup4()),
                GlobalKeywords.address(g, "vrrp_mcast_group6").orElse(d.mcastGroup6()),
                g.get("vrrp_garp_master_delay", Duration.class).orElse(d.garpMasterDelay()),
                intValue(g, "vrrp_garp_master_repeat").orElse(d.garpMasterRepeat()),
                g.get("vrrp_garp_master_refresh", Duration.class).orElse(d.garpMasterRefresh()),
                intValue(g, "vrrp_garp_master_refresh_repeat").orElse(d.garpMasterRefreshRepeat()),
                g.get("vrrp_garp_lower_prio_delay", Duration.class),
                intValue(g, "vrrp_garp_lower_prio_repeat"),
                g.get("vrrp_garp_interval", Duration.class).orElse(d.garpInterval()),
                g.get("vrrp_gna_interval", Duration.class).orElse(d.gnaInterval()),
                intValue(g, "vrrp_down_timer_adverts").orElse(d.downTimerAdverts()),
                g.flag("vrrp_lower_prio_no_advert"),
                g.flag("vrrp_higher_prio_send_advert"),
                g.flag("vrrp_check_unicast_src"),
                g.flag("vrrp_skip_check_adv_addr"),
                g.flag("vrrp_strict"),
                g.flag("vrrp_owner_ignore_adverts"),
                g.flag("vrrp_notify_priority_changes"),
                g.flag("v3_checksum_as_v2"),
                g.get("vrrp_startup_delay", Duration.class).orElse(d.startupDelay()),
                g.get("default_interface", String.class),
                g.get("vmac_prefix", String.class));
    }

    private static Optional<Integer> intValue(BlockState block, String key) {
        return block.get(key, Long.class).map(Long::intValue);
    }

    /** One state holding every global_defs value, later blocks winning, lists concatenated. */
    private static BlockState merge(List<BlockState> blocks, BlockState root) {
        if (blocks.size() == 1) {
            return blocks.getFirst();
        }
        BlockState merged = new BlockState(GlobalKeywords.GLOBAL_DEFS, root.node());
        for (BlockState block : blocks) {
            block.copyInto(merged);
        }
        return merged;
    }
}
