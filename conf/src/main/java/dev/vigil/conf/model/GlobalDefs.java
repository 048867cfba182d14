package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code global_defs} block (and the root-level keywords keepalived treats as global,
 * such as {@code net_namespace}). Only settings Vigil acts on are typed here; the other
 * keywords keepalived knows are accepted and listed in {@link KeepalivedConfig#noEffect()}.
 *
 * @param routerId empty means "the local host name", resolved by the daemon
 * @param smtpStartTls Vigil's {@code smtp_starttls}: alerts are sent over STARTTLS (EHLO, not HELO)
 * @param smtpAuth Vigil's {@code smtp_auth}: alerts authenticate with these credentials
 * @param smtpAlert global {@code smtp_alert}; empty when not set
 * @param scriptUser empty means keepalived's rule: {@code keepalived_script} if it exists, else root
 * @param netNamespaceIpvs {@code net_namespace_ipvs}: the {@code ip netns} name of the namespace the
 *                         kernel's IPVS table is in (and the userspace forwarder serves in), "" for
 *                         the host's own (process 1's); empty: the daemon's own namespace
 * @param vrrpTuning {@code vrrp_priority}, {@code vrrp_rt_priority}, {@code vrrp_cpu_affinity}, {@code vrrp_no_swap}
 * @param checkerTuning the {@code checker_*} counterparts
 */
public record GlobalDefs(
        Optional<String> routerId,
        List<String> notificationEmail,
        Optional<String> notificationEmailFrom,
        Optional<SmtpServer> smtpServer,
        Optional<String> smtpHeloName,
        Duration smtpConnectTimeout,
        boolean smtpStartTls,
        Optional<SmtpAuth> smtpAuth,
        Optional<Boolean> smtpAlert,
        Optional<Boolean> smtpAlertVrrp,
        Optional<Boolean> smtpAlertChecker,
        boolean noEmailFaults,
        boolean checkerLogAllFailures,
        Optional<ScriptUser> scriptUser,
        boolean enableScriptSecurity,
        Optional<NotifyScript> startupScript,
        Optional<NotifyScript> shutdownScript,
        VrrpDefaults vrrp,
        Optional<NotifyFifo> notifyFifo,
        Optional<NotifyFifo> vrrpNotifyFifo,
        Optional<NotifyFifo> lvsNotifyFifo,
        boolean fifoWriteVrrpStatesOnReload,
        boolean lvsFlush,
        boolean lvsFlushOnStop,
        Optional<LvsTimeouts> lvsTimeouts,
        Optional<String> netNamespace,
        Optional<String> netNamespaceIpvs,
        Optional<String> instance,
        Optional<String> stateDumpFile,
        Optional<String> statsDumpFile,
        Optional<String> jsonDumpFile,
        ProcessTuning vrrpTuning,
        ProcessTuning checkerTuning) {

    /** keepalived's default SMTP connect timeout ({@code global_data.h}). */
    public static final Duration DEFAULT_SMTP_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
        Objects.requireNonNull(smtpConnectTimeout, "smtpConnectTimeout");
        Objects.requireNonNull(smtpAuth, "smtpAuth");
        Objects.requireNonNull(vrrp, "vrrp");
        // absent from a hand-written JSON or YAML export: nothing set
        vrrpTuning = vrrpTuning == null ? ProcessTuning.NONE : vrrpTuning;
        checkerTuning = checkerTuning == null ? ProcessTuning.NONE : checkerTuning;
    }

    /** What an empty or absent {@code global_defs} means. */
    public static GlobalDefs defaults() {
        return new GlobalDefs(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_SMTP_CONNECT_TIMEOUT, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false,
                Optional.empty(), false, Optional.empty(), Optional.empty(), VrrpDefaults.keepalivedDefaults(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), ProcessTuning.NONE, ProcessTuning.NONE);
    }
}
