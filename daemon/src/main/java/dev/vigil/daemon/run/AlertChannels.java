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
 * <p>A reload hands the new {@code global_defs} to {@link #reconfigure}, as keepalived re-reads
 * them (reference §1.8): a FIFO whose setting changed is closed and the new one opened, an
 * unchanged one stays open (lines queued in it are kept); when any SMTP setting changed
 * ({@code smtp_server}, {@code notification_email[_from]}, {@code smtp_helo_name},
 * {@code smtp_connect_timeout}, {@code router_id}, STARTTLS / AUTH) the next alert goes
 * through a new client with the new settings and the old client is closed (mail it still had
 * queued is dropped, as keepalived's reload drops its pending SMTP threads).
 *
 * <p>The {@code *_fifo_script} readers keepalived starts are not started (logged at open).
 *
 * <p>Lifecycle: {@link #open} → {@link #reconfigure} (any number of times) → {@link #close()}.
 * Thread-safe: the channels in use are swapped as one value.
 */
final class AlertChannels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertChannels.class);
    /** Lines queued per FIFO before further ones are dropped (a few seconds of failover events). */
    private static final int FIFO_CAPACITY = 256;
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    /** A FIFO as configured, and the open writer (empty when not configured or not openable). */
    private record Fifo(Optional<NotifyFifo> config, Optional<dev.vigil.daemon.alert.NotifyFifo> writer) {
        static final Fifo NONE = new Fifo(Optional.empty(), Optional.empty());

        void close() {
            writer.ifPresent(dev.vigil.daemon.alert.NotifyFifo::close);
        }
    }

    /** The SMTP settings in force (empty: no mail) and the client sending with them. */
    private record Smtp(Optional<SmtpSettings> settings, Optional<SmtpAlerter> alerter) {
        static final Smtp NONE = new Smtp(Optional.empty(), Optional.empty());

        void close() {
            alerter.ifPresent(SmtpAlerter::close);
        }
    }

    /** Everything in use, swapped whole by a reload. */
    private record Channels(Fifo common, Fifo vrrp, Fifo lvs, Smtp smtp) {
    }

    private final AlertMetrics metrics;
    /** Written under this (open, reconfigure, close); read without a lock by the alert paths. */
    private volatile Channels channels;
    /** Guarded by this. */
    private boolean closed;

    private AlertChannels(Channels channels, AlertMetrics metrics) {
        this.channels = channels;
        this.metrics = metrics;
    }

    /** No FIFO, no mail. */
    static AlertChannels none() {
        return new AlertChannels(new Channels(Fifo.NONE, Fifo.NONE, Fifo.NONE, Smtp.NONE), null);
    }

    /** Opens what {@code globals} configures. */
    static AlertChannels open(GlobalDefs globals, AlertMetrics metrics) {
        return new AlertChannels(new Channels(fifo(globals.notifyFifo()), fifo(globals.vrrpNotifyFifo()),
                fifo(globals.lvsNotifyFifo()), smtp(smtpSettings(globals), metrics)), metrics);
    }

    /**
     * A reload's {@code global_defs}: re-opens the FIFOs whose setting changed and replaces the
     * SMTP client when its settings changed. Returns one line per change, for the reload's
     * answer (empty when nothing changed). The channels of {@link #none()} and closed channels
     * stay as they are.
     */
    synchronized List<String> reconfigure(GlobalDefs globals) {
        if (metrics == null || closed) {
            return List.of();
        }
        Channels before = channels;
        List<String> changes = new ArrayList<>();
        Fifo common = refifo("notify_fifo", before.common(), globals.notifyFifo(), changes);
        Fifo vrrp = refifo("vrrp_notify_fifo", before.vrrp(), globals.vrrpNotifyFifo(), changes);
        Fifo lvs = refifo("lvs_notify_fifo", before.lvs(), globals.lvsNotifyFifo(), changes);
        Optional<SmtpSettings> wanted = smtpSettings(globals);
        Smtp smtp = before.smtp();
        if (!wanted.equals(before.smtp().settings())) {
            smtp = smtp(wanted, metrics);
            changes.add(smtp.settings().map(s -> "SMTP alerts: now through " + s.host() + ":" + s.port() + " to "
                    + String.join(", ", s.recipients())).orElse("SMTP alerts: off"));
        }
        channels = new Channels(common, vrrp, lvs, smtp);
        // Closed only once the new channels are in use, so no alert finds no channel at all.
        if (common != before.common()) {
            before.common().close();
        }
        if (vrrp != before.vrrp()) {
            before.vrrp().close();
        }
        if (lvs != before.lvs()) {
            before.lvs().close();
        }
        if (smtp != before.smtp()) {
            before.smtp().close();
        }
        return List.copyOf(changes);
    }

    private static Fifo refifo(String keyword, Fifo before, Optional<NotifyFifo> wanted, List<String> changes) {
        if (wanted.equals(before.config())) {
            return before;
        }
        Fifo after = fifo(wanted);
        changes.add(keyword + ": " + wanted.map(f -> after.writer().isPresent() ? "now " + f.path()
                : f.path() + " cannot be opened (see the log)").orElse("closed"));
        return after;
    }

    /** Whether mail can be sent at all. */
    boolean mailConfigured() {
        return channels.smtp().alerter().isPresent();
    }

    /** A VRRP event: the FIFO lines, and the mail when {@code mail} is true. */
    void vrrp(AlertEvent event, boolean mail) {
        Channels c = channels;
        c.common().writer().ifPresent(f -> f.write(event));
        c.vrrp().writer().ifPresent(f -> f.write(event));
        if (mail) {
            c.smtp().alerter().ifPresent(s -> s.submit(event));
        }
    }

    /** An LVS (health controller) event: the FIFO lines, and the mail when {@code mail} is true. */
    void lvs(AlertEvent event, boolean mail) {
        Channels c = channels;
        c.common().writer().ifPresent(f -> f.write(event));
        c.lvs().writer().ifPresent(f -> f.write(event));
        if (mail) {
            c.smtp().alerter().ifPresent(s -> s.submit(event));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Channels c = channels;
        c.smtp().close();
        c.common().close();
        c.vrrp().close();
        c.lvs().close();
    }

    private static Fifo fifo(Optional<NotifyFifo> configured) {
        if (configured.isEmpty()) {
            return Fifo.NONE;
        }
        NotifyFifo fifo = configured.get();
        fifo.script().ifPresent(s -> LOG.warn("{}: the FIFO reader script {} is not started by this build",
                fifo.path(), s.command()));
        try {
            return new Fifo(configured,
                    Optional.of(dev.vigil.daemon.alert.NotifyFifo.open(Path.of(fifo.path()), FIFO_CAPACITY)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot open notify FIFO {}: {}", fifo.path(), e.getMessage());
            return new Fifo(configured, Optional.empty());
        }
    }

    private static Smtp smtp(Optional<SmtpSettings> settings, AlertMetrics metrics) {
        return settings.map(s -> new Smtp(settings, Optional.of(SmtpAlerter.start(s, DeliveryPolicy.DEFAULT,
                Clock.systemDefaultZone(), metrics.mailListener())))).orElse(Smtp.NONE);
    }

    /** The SMTP settings {@code globals} give, or empty (logged) when no mail can be sent. */
    static Optional<SmtpSettings> smtpSettings(GlobalDefs globals) {
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
            return Optional.of(SmtpSettings.of(globals.smtpServer().get().host(),
                            globals.smtpHeloName().orElse(host), EmailAddresses.keepalivedForm(from), recipients,
                            globals.routerId().orElse(host))
                    .withPort(globals.smtpServer().get().port())
                    .withTimeout(globals.smtpConnectTimeout())
                    .withExtensions(smtpExtensions(globals)));
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
