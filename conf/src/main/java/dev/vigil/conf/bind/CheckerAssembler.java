package dev.vigil.conf.bind;

import dev.vigil.conf.model.CheckSchedule;
import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.ConnectOptions;
import dev.vigil.conf.model.DnsQueryType;
import dev.vigil.conf.model.HttpSettings;
import dev.vigil.conf.model.HttpUrl;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.ScriptUser;
import dev.vigil.conf.model.StatusCodeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds checker records from bound checker blocks, resolving the schedule through the
 * checker → real_server → virtual_server → checker-type default chain of keepalived's
 * {@code check_data.c}.
 */
final class CheckerAssembler {

    /** Timing a real server passes down: its own values, else its virtual server's. */
    record Inherited(Duration delayLoop, Duration connectTimeout, Optional<Integer> retry,
                     Optional<Duration> delayBeforeRetry, Optional<Duration> warmup) {
    }

    /** check_api.c: retry 1 and delay_before_retry 1 s unless the checker type says otherwise. */
    private static final int DEFAULT_RETRY = 1;
    private static final Duration DEFAULT_DELAY_BEFORE_RETRY = Duration.ofSeconds(1);
    /** check_http.c: HTTP_GET/SSL_GET wait 3 s before a retry. */
    private static final Duration HTTP_DELAY_BEFORE_RETRY = Duration.ofSeconds(3);
    /** check_dns.c: DNS_CHECK retries 3 times. */
    private static final int DNS_RETRY = 3;
    /** check_udp.c: replies up to 255 bytes are compared by default. */
    private static final int DEFAULT_MAX_REPLY = 255;

    private final BindContext context;
    private final Set<String> trackFiles;

    CheckerAssembler(BindContext context, Set<String> trackFiles) {
        this.context = context;
        this.trackFiles = trackFiles;
    }

    List<Checker> build(List<BlockState> blocks, Inherited inherited) {
        List<Checker> checkers = new ArrayList<>();
        for (BlockState b : blocks) {
            switch (b.table()) {
                case "TCP_CHECK" -> checkers.add(new Checker.TcpCheck(connection(b, inherited),
                        schedule(b, inherited, DEFAULT_RETRY, Optional.of(DEFAULT_DELAY_BEFORE_RETRY))));
                case "PING_CHECK" -> checkers.add(new Checker.PingCheck(connection(b, inherited),
                        schedule(b, inherited, DEFAULT_RETRY, Optional.of(DEFAULT_DELAY_BEFORE_RETRY))));
                case "HTTP_GET", "SSL_GET" -> http(b, inherited).ifPresent(checkers::add);
                case "SMTP_CHECK" -> checkers.addAll(smtp(b, inherited));
                case "DNS_CHECK" -> checkers.add(new Checker.DnsCheck(connection(b, inherited),
                        schedule(b, inherited, DNS_RETRY, Optional.empty()),
                        b.get("type", DnsQueryType.class).orElse(DnsQueryType.SOA),
                        b.get("name", String.class).orElse(".")));
                case "MISC_CHECK" -> misc(b, inherited).ifPresent(checkers::add);
                case "UDP_CHECK" -> checkers.add(udp(b, inherited));
                case "FILE_CHECK" -> file(b).ifPresent(checkers::add);
                default -> throw new IllegalStateException("no assembler for checker table " + b.table());
            }
        }
        return checkers;
    }

    private static ConnectOptions connection(BlockState b, Inherited inherited) {
        return new ConnectOptions(b.get("connect_ip", IpAddress.class), b.get("connect_port", Integer.class),
                b.get("bindto", IpAddress.class), b.get("bind_port", Integer.class), b.get("bind_if", String.class),
                b.get("connect_timeout", Duration.class).orElse(inherited.connectTimeout()),
                b.get("fwmark", Long.class));
    }

    /** {@code defaultDelayBeforeRetry} empty means "the delay_loop" (DNS_CHECK). */
    private static CheckSchedule schedule(BlockState b, Inherited inherited, int defaultRetry,
                                          Optional<Duration> defaultDelayBeforeRetry) {
        Duration delayLoop = b.get("delay_loop", Duration.class).orElse(inherited.delayLoop());
        int retry = b.get("retry", Long.class).map(Long::intValue).or(inherited::retry).orElse(defaultRetry);
        Duration delayBeforeRetry = b.get("delay_before_retry", Duration.class).or(inherited::delayBeforeRetry)
                .orElse(defaultDelayBeforeRetry.orElse(delayLoop));
        Duration warmup = b.get("warmup", Duration.class).or(inherited::warmup).orElse(delayLoop);
        return new CheckSchedule(delayLoop, retry, delayBeforeRetry, warmup, b.flag("alpha"),
                b.flag("log_all_failures"));
    }

    private Optional<Checker> http(BlockState b, Inherited inherited) {
        List<HttpUrl> urls = new ArrayList<>();
        for (BlockState u : b.list("url", BlockState.class)) {
            Optional<String> path = u.get("path", String.class);
            if (path.isEmpty()) {
                context.error(u.node().keyword(), b.table() + " url has no path; ignoring it");
                continue;
            }
            List<StatusCodeRange> codes = u.list("status_code", StatusCodeRange.class);
            if (codes.isEmpty()) {
                codes = List.of(StatusCodeRange.success());
            }
            urls.add(new HttpUrl(path.get(), u.get("digest", String.class), codes, u.get("virtualhost", String.class),
                    u.get("regex", String.class), u.flag("regex_no_match"), u.flag("tls_compliant")));
        }
        if (urls.isEmpty()) {
            context.error(b.node().keyword(), b.table() + " has no url with a path; ignoring this checker");
            return Optional.empty();
        }
        HttpSettings http = new HttpSettings(b.get("http_protocol", String.class).orElse("1.0"),
                b.get("virtualhost", String.class), b.flag("fast_recovery"), b.flag("tls_compliant"), urls);
        ConnectOptions connection = connection(b, inherited);
        CheckSchedule schedule = schedule(b, inherited, DEFAULT_RETRY, Optional.of(HTTP_DELAY_BEFORE_RETRY));
        if (b.table().equals("SSL_GET")) {
            return Optional.of(new Checker.SslGetCheck(connection, schedule, http, b.flag("enable_sni"),
                    b.get("sni_name", String.class)));
        }
        return Optional.of(new Checker.HttpGetCheck(connection, schedule, http));
    }

    /** One SMTP_CHECK per deprecated {@code host { }} block, or one for the checker itself. */
    private List<Checker> smtp(BlockState b, Inherited inherited) {
        CheckSchedule schedule = schedule(b, inherited, DEFAULT_RETRY, Optional.of(DEFAULT_DELAY_BEFORE_RETRY));
        String helo = b.get("helo_name", String.class).orElse(Checker.SmtpCheck.DEFAULT_HELO_NAME);
        List<BlockState> hosts = b.list("host", BlockState.class);
        if (hosts.isEmpty()) {
            return List.of(new Checker.SmtpCheck(connection(b, inherited), schedule, helo));
        }
        ConnectOptions base = connection(b, inherited);
        Inherited fromChecker = new Inherited(inherited.delayLoop(), base.connectTimeout(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return hosts.stream().<Checker>map(h -> new Checker.SmtpCheck(connection(h, fromChecker), schedule, helo))
                .toList();
    }

    private Optional<Checker> misc(BlockState b, Inherited inherited) {
        Optional<String> path = b.get("misc_path", String.class);
        if (path.isEmpty()) {
            context.error(b.node().keyword(), "MISC_CHECK has no misc_path; ignoring this checker");
            return Optional.empty();
        }
        return Optional.of(new Checker.MiscCheck(schedule(b, inherited, 0, Optional.of(DEFAULT_DELAY_BEFORE_RETRY)),
                path.get(), b.get("misc_timeout", Duration.class), b.flag("misc_dynamic"),
                b.get("user", ScriptUser.class)));
    }

    private Checker udp(BlockState b, Inherited inherited) {
        int min = b.get("min_reply_length", Long.class).map(Long::intValue).orElse(0);
        int max = b.get("max_reply_length", Long.class).map(Long::intValue).orElse(DEFAULT_MAX_REPLY);
        if (min > max) {
            context.error(b.where("min_reply_length"), "UDP_CHECK min_reply_length " + min
                    + " is above max_reply_length " + max + "; using 0");
            min = 0;
        }
        return new Checker.UdpCheck(connection(b, inherited),
                schedule(b, inherited, DEFAULT_RETRY, Optional.of(DEFAULT_DELAY_BEFORE_RETRY)),
                b.get("payload", String.class), b.get("require_reply", String.class), min, max);
    }

    private Optional<Checker> file(BlockState b) {
        Optional<String> name = b.get("track_file", String.class);
        if (name.isEmpty()) {
            context.error(b.node().keyword(), "FILE_CHECK has no track_file; ignoring this checker");
            return Optional.empty();
        }
        if (!trackFiles.contains(name.get())) {
            context.error(b.where("track_file"), "FILE_CHECK track_file " + name.get()
                    + " is not a defined track_file; ignoring this checker");
            return Optional.empty();
        }
        return Optional.of(new Checker.FileCheck(name.get(), b.get("weight", Long.class).map(Long::intValue),
                b.flag("reverse")));
    }
}
