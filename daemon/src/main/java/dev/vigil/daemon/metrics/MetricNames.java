package dev.vigil.daemon.metrics;

/**
 * The metrics Vigil publishes, as Micrometer names; the Prometheus registry exposes them with
 * dots turned into underscores, {@code _total} added to counters and {@code _seconds} to
 * timers. Label values are the caller's strings: instance and script names as configured,
 * virtual and real servers as keepalived writes them in alerts ({@code [10.10.10.2]:tcp:80}).
 *
 * <table>
 * <caption>Exposed metrics</caption>
 * <tr><th>Prometheus name</th><th>type</th><th>labels</th><th>meaning</th></tr>
 * <tr><td>vigil_vrrp_state</td><td>gauge</td><td>instance, state</td>
 *     <td>1 for the instance's current state (INIT, BACKUP, MASTER, FAULT, STOPPED), 0 for the others</td></tr>
 * <tr><td>vigil_vrrp_priority</td><td>gauge</td><td>instance</td><td>effective priority (0-255)</td></tr>
 * <tr><td>vigil_vrrp_adverts_sent_total</td><td>counter</td><td>instance</td><td>advertisements sent</td></tr>
 * <tr><td>vigil_vrrp_adverts_received_total</td><td>counter</td><td>instance</td><td>valid advertisements received</td></tr>
 * <tr><td>vigil_vrrp_adverts_rejected_total</td><td>counter</td><td>instance, reason</td>
 *     <td>advertisements dropped, by reject reason; instance is "" when no instance matched</td></tr>
 * <tr><td>vigil_vrrp_priority_zero_sent_total</td><td>counter</td><td>instance</td><td>priority-0 adverts sent (master resigning)</td></tr>
 * <tr><td>vigil_vrrp_priority_zero_received_total</td><td>counter</td><td>instance</td><td>priority-0 adverts received</td></tr>
 * <tr><td>vigil_vrrp_transitions_total</td><td>counter</td><td>instance, from, to</td><td>state changes</td></tr>
 * <tr><td>vigil_realserver_up</td><td>gauge</td><td>virtual_server, real_server</td><td>1 healthy (in the table), 0 down</td></tr>
 * <tr><td>vigil_check_duration_seconds</td><td>summary (count, sum) + _max gauge</td>
 *     <td>virtual_server, real_server, checker</td><td>check latency</td></tr>
 * <tr><td>vigil_check_results_total</td><td>counter</td><td>virtual_server, real_server, checker, result</td>
 *     <td>completed checks by result: success, failure, timeout</td></tr>
 * <tr><td>vigil_ipvs_service_connections_total</td><td>counter</td><td>service</td><td>connections scheduled (ipvsadm Conns)</td></tr>
 * <tr><td>vigil_ipvs_service_packets_total</td><td>counter</td><td>service, direction</td><td>packets in / out (InPkts, OutPkts)</td></tr>
 * <tr><td>vigil_ipvs_service_bytes_total</td><td>counter</td><td>service, direction</td><td>bytes in / out (InBytes, OutBytes)</td></tr>
 * <tr><td>vigil_ipvs_service_connection_rate</td><td>gauge</td><td>service</td><td>connections per second (CPS)</td></tr>
 * <tr><td>vigil_ipvs_service_packet_rate</td><td>gauge</td><td>service, direction</td><td>packets per second (InPPS, OutPPS)</td></tr>
 * <tr><td>vigil_ipvs_service_byte_rate</td><td>gauge</td><td>service, direction</td><td>bytes per second (InBPS, OutBPS)</td></tr>
 * <tr><td>vigil_smtp_alerts_total</td><td>counter</td><td>result</td><td>alert mails: sent, failed, dropped</td></tr>
 * <tr><td>vigil_smtp_alert_retries_total</td><td>counter</td><td></td><td>failed attempts that were retried</td></tr>
 * <tr><td>vigil_script_runs_total</td><td>counter</td><td>kind</td><td>scripts run (kind notify: notify_*, quorum_*, startup/shutdown; kind vrrp_script: tracking scripts)</td></tr>
 * <tr><td>vigil_script_refused</td><td>gauge</td><td>kind, subject, script, reason</td>
 *     <td>1 for each configured script that is not run: kind is its keyword (notify_master, script,
 *     misc_path, notify_up ...), reason unsafe_permissions, not_found, not_executable or account</td></tr>
 * <tr><td>vigil_script_timeouts_total</td><td>counter</td><td>kind</td><td>scripts killed at their timeout (kind notify or vrrp_script)</td></tr>
 * <tr><td>vigil_reload_total</td><td>counter</td><td>result</td><td>reloads (SIGHUP, ctl reload): success, failed</td></tr>
 * <tr><td>vigil_reload_last_success</td><td>gauge</td><td></td><td>1 when the last reload applied, 0 when it was refused</td></tr>
 * </table>
 */
public final class MetricNames {

    public static final String VRRP_STATE = "vigil.vrrp.state";
    public static final String VRRP_PRIORITY = "vigil.vrrp.priority";
    public static final String VRRP_ADVERTS_SENT = "vigil.vrrp.adverts.sent";
    public static final String VRRP_ADVERTS_RECEIVED = "vigil.vrrp.adverts.received";
    public static final String VRRP_ADVERTS_REJECTED = "vigil.vrrp.adverts.rejected";
    public static final String VRRP_PRIORITY_ZERO_SENT = "vigil.vrrp.priority.zero.sent";
    public static final String VRRP_PRIORITY_ZERO_RECEIVED = "vigil.vrrp.priority.zero.received";
    public static final String VRRP_TRANSITIONS = "vigil.vrrp.transitions";

    public static final String REALSERVER_UP = "vigil.realserver.up";
    public static final String CHECK_DURATION = "vigil.check.duration";
    public static final String CHECK_RESULTS = "vigil.check.results";

    public static final String IPVS_SERVICE_CONNECTIONS = "vigil.ipvs.service.connections";
    public static final String IPVS_SERVICE_PACKETS = "vigil.ipvs.service.packets";
    public static final String IPVS_SERVICE_BYTES = "vigil.ipvs.service.bytes";
    public static final String IPVS_SERVICE_CONNECTION_RATE = "vigil.ipvs.service.connection.rate";
    public static final String IPVS_SERVICE_PACKET_RATE = "vigil.ipvs.service.packet.rate";
    public static final String IPVS_SERVICE_BYTE_RATE = "vigil.ipvs.service.byte.rate";

    public static final String SMTP_ALERTS = "vigil.smtp.alerts";
    public static final String SMTP_ALERT_RETRIES = "vigil.smtp.alert.retries";
    public static final String SCRIPT_RUNS = "vigil.script.runs";
    public static final String SCRIPT_REFUSED = "vigil.script.refused";
    public static final String SCRIPT_TIMEOUTS = "vigil.script.timeouts";

    public static final String RELOADS = "vigil.reload";
    public static final String RELOAD_LAST_SUCCESS = "vigil.reload.last.success";

    /** Label names. */
    public static final String INSTANCE = "instance";
    public static final String STATE = "state";
    public static final String REASON = "reason";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String VIRTUAL_SERVER = "virtual_server";
    public static final String REAL_SERVER = "real_server";
    public static final String CHECKER = "checker";
    public static final String RESULT = "result";
    public static final String SERVICE = "service";
    public static final String DIRECTION = "direction";
    public static final String KIND = "kind";
    public static final String SUBJECT = "subject";
    public static final String SCRIPT = "script";

    private MetricNames() {
    }
}
