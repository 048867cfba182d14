package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeywordTablesTest {

    private final Map<String, List<KeywordInfo>> tables = new ConfigBinder().keywordTables();

    private Optional<KeywordInfo> find(String table, String keyword) {
        return tables.get(table).stream().filter(k -> k.keyword().equals(keyword)).findFirst();
    }

    @Test
    void everyBlockIsListed() {
        for (String block : List.of("root", "global_defs", "vrrp_instance", "vrrp_instance.authentication",
                "vrrp_sync_group", "vrrp_script", "track_file", "virtual_server", "real_server", "SSL",
                "TCP_CHECK", "HTTP_GET", "HTTP_GET.url", "SSL_GET", "SSL_GET.url", "SMTP_CHECK", "SMTP_CHECK.host",
                "DNS_CHECK", "MISC_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK")) {
            assertTrue(tables.containsKey(block), block);
            assertFalse(tables.get(block).isEmpty(), block);
        }
    }

    @Test
    void subBlocksNameTheirTable() {
        assertEquals(Optional.of("vrrp_instance.authentication"), find("vrrp_instance", "authentication")
                .orElseThrow().subBlock());
        assertEquals(Optional.of("HTTP_GET.url"), find("HTTP_GET", "url").orElseThrow().subBlock());
        for (KeywordInfo info : tables.values().stream().flatMap(List::stream).toList()) {
            info.subBlock().ifPresent(sub -> assertTrue(tables.containsKey(sub), sub));
        }
    }

    @Test
    void supportLevelsAreRecorded() {
        assertEquals(Support.SUPPORTED, find("vrrp_instance", "priority").orElseThrow().support());
        assertEquals(Support.NO_EFFECT, find("global_defs", "enable_snmp_vrrp").orElseThrow().support());
        assertEquals(Support.DEPRECATED, find("root", "vrrp_track_file").orElseThrow().support());
        assertEquals(Support.DEPRECATED, find("HTTP_GET", "nb_get_retry").orElseThrow().support());
    }

    @Test
    void vrrpInstanceTableCoversKeepalivedsKeywords() {
        List<String> keepalived = List.of("use_vmac", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan",
                "unicast_peer", "unicast_fault_no_peer", "check_unicast_src", "old_unicast_checksum", "native_ipv6",
                "state", "interface", "vrf", "dont_track_primary", "track_interface", "track_script", "track_file",
                "track_process", "track_bfd", "mcast_src_ip", "unicast_src_ip", "mcast_dst_ip", "track_src_ip",
                "virtual_router_id", "unicast_ttl", "version", "priority", "advert_int", "virtual_ipaddress",
                "virtual_ipaddress_excluded", "no_virtual_ipaddress", "promote_secondaries", "linkbeat_use_polling",
                "v3_checksum_as_v2", "virtual_routes", "virtual_rules", "accept", "no_accept", "skip_check_adv_addr",
                "strict_mode", "preempt", "nopreempt", "preempt_delay", "debug", "notify_backup", "notify_master",
                "notify_fault", "notify_stop", "notify_deleted", "notify", "notify_master_rx_lower_pri",
                "smtp_alert", "notify_priority_changes", "lvs_sync_daemon_interface", "garp_master_delay",
                "garp_master_refresh", "garp_master_repeat", "garp_master_refresh_repeat", "garp_lower_prio_delay",
                "garp_lower_prio_repeat", "down_timer_adverts", "timer_expired_backup", "thread_timer_expired",
                "garp_extra_if", "vmac_garp_intvl", "lower_prio_no_advert", "higher_prio_send_advert",
                "owner_ignore_adverts", "kernel_rx_buf_size", "authentication", "auth_hmac");
        List<String> known = tables.get("vrrp_instance").stream().map(KeywordInfo::keyword).toList();
        assertEquals(List.of(), keepalived.stream().filter(k -> !known.contains(k)).toList());
    }
}
