package dev.vigil.daemon.run;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.NotifyFifo;
import dev.vigil.conf.model.SmtpAuth;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.DeliveryPolicy;
import dev.vigil.daemon.alert.EmailAddresses;
import dev.vigil.daemon.alert.SmtpAlerter;
import dev.vigil.daemon.alert.SmtpCredentials;
import dev.vigil.daemon.alert.SmtpExtensions;
import dev.vigil.daemon.alert.SmtpSettings;
import dev.vigil.daemon.metrics.AlertMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go: the notify FIFOs of {@code global_defs} ({@code notify_fifo} gets VRRP and
 * LVS lines, {@code vrrp_notify_fifo} VRRP lines, {@code lvs_notify_fifo} LVS lines, as in
 * keepalived) and the SMTP alerter, present when {@code smtp_server} and at least one
 * {@code notification_email} are configured. A FIFO that cannot be opened is logged and left
 * out; nothing here ever blocks the caller.
 *
 * <p>The {@code *_fifo_script} readers keepalived starts are not started (logged at open).
 *
 * <p>Lifecycle: {@link #open} → {@link #close()}. Thread-safe.
 */
final class AlertChannels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertChannels.class);
    /** Lines queued per FIFO before further ones are dropped (a few seconds of failover events). */
    private static final int FIFO_CAPACITY = 256;
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private final Optional<dev.vigil.daemon.alert.NotifyFifo> common;
    private final Optional<dev.vigil.daemon.alert.NotifyFifo> vrrp;
    private final Optional<dev.vigil.daemon.alert.NotifyFifo> lvs;
    private final Optional<SmtpAlerter> smtp;

    private AlertChannels(Optional<dev.vigil.daemon.alert.NotifyFifo> common,
                          Optional<dev.vigil.daemon.alert.NotifyFifo> vrrp,
                          Optional<dev.vigil.daemon.alert.NotifyFifo> lvs, Optional<SmtpAlerter> smtp) {
        this.common = common;
        this.vrrp = vrrp;
        this.lvs = lvs;
        this.smtp = smtp;
    }

    /** No FIFO, no mail. */
    static AlertChannels none() {
        return new AlertChannels(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Opens what {@code globals} configures. */
    static AlertChannels open(GlobalDefs globals, AlertMetrics metrics) {
        return new AlertChannels(fifo(globals.notifyFifo()), fifo(globals.vrrpNotifyFifo()),
                fifo(globals.lvsNotifyFifo()), smtp(globals, metrics));
    }

    /** Whether mail can be sent at all. */
    boolean mailConfigured() {
        return smtp.isPresent();
    }

    /** A VRRP event: the FIFO lines, and the mail when {@code mail} is true. */
    void vrrp(AlertEvent event, boolean mail) {
        common.ifPresent(f -> f.write(event));
        vrrp.ifPresent(f -> f.write(event));
        if (mail) {
            smtp.ifPresent(s -> s.submit(event));
        }
    }

    /** An LVS (health controller) event: the FIFO lines, and the mail when {@code mail} is true. */
    void lvs(AlertEvent event, boolean mail) {
        common.ifPresent(f -> f.write(event));
        lvs.ifPresent(f -> f.write(event));
        if (mail) {
            smtp.ifPresent(s -> s.submit(event));
        }
    }

    @Override
    public void close() {
        smtp.ifPresent(SmtpAlerter::close);
        common.ifPresent(dev.vigil.daemon.alert.NotifyFifo::close);
        vrrp.ifPresent(dev.vigil.daemon.alert.NotifyFifo::close);
        lvs.ifPresent(dev.vigil.daemon.alert.NotifyFifo::close);
    }

    private static Optional<dev.vigil.daemon.alert.NotifyFifo> fifo(Optional<NotifyFifo> configured) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        NotifyFifo fifo = configured.get();
        fifo.script().ifPresent(s -> LOG.warn("{}: the FIFO reader script {} is not started by this build",
                fifo.path(), s.command()));
        try {
            return Optional.of(dev.vigil.daemon.alert.NotifyFifo.open(Path.of(fifo.path()), FIFO_CAPACITY));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot open notify FIFO {}: {}", fifo.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<SmtpAlerter> smtp(GlobalDefs globals, AlertMetrics metrics) {
        if (globals.smtpServer().isEmpty()) {
            return Optional.empty();
        }
        if (globals.notificationEmail().isEmpty()) {
            LOG.warn("smtp_server is set but notification_email is empty: no alert mail will be sent");
            return Optional.empty();
        }
        String host = hostName();
        String from = globals.notificationEmailFrom()
                .orElse(System.getProperty("user.name", "root") + "@" + host);
        List<String> recipients = new ArrayList<>(globals.notificationEmail());
        try {
            SmtpSettings settings = SmtpSettings.of(globals.smtpServer().get().host(),
                            globals.smtpHeloName().orElse(host), EmailAddresses.keepalivedForm(from), recipients,
                            globals.routerId().orElse(host))
                    .withPort(globals.smtpServer().get().port())
                    .withTimeout(globals.smtpConnectTimeout())
                    .withExtensions(smtpExtensions(globals));
            return Optional.of(SmtpAlerter.start(settings, DeliveryPolicy.DEFAULT, Clock.systemDefaultZone(),
                    metrics.mailListener()));
        } catch (IllegalArgumentException e) {
            LOG.warn("SMTP alerts disabled: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Vigil's smtp_starttls / smtp_auth (none set: keepalived's exact dialogue). */
    static SmtpExtensions smtpExtensions(GlobalDefs globals) {
        Optional<SmtpCredentials> credentials = globals.smtpAuth().map(auth -> new SmtpCredentials(auth.user(),
                auth.password(), auth.mechanism() == SmtpAuth.Mechanism.LOGIN
                        ? SmtpCredentials.Mechanism.LOGIN : SmtpCredentials.Mechanism.PLAIN));
        return new SmtpExtensions(globals.smtpStartTls(), Optional.empty(), credentials);
    }

    /** The host name as keepalived takes it (uname's nodename, which the kernel exposes here). */
    static String hostName() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", KERNEL_HOSTNAME, e.getMessage());
        }
        return "localhost";
    }
}
