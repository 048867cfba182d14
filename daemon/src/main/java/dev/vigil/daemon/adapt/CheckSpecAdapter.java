package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.CheckSchedule;
import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.HttpUrl;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.SslContext;
import dev.vigil.conf.model.StatusCodeRange;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.DnsType;
import dev.vigil.healthcheck.HexPattern;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.Md5Digest;
import dev.vigil.healthcheck.StatusCodes;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.UdpReplyRule;
import dev.vigil.healthcheck.UrlSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a configured checker into a healthcheck {@link CheckSpec}. The configuration model has
 * already resolved delay_loop, retry, delay_before_retry, warmup and connect_timeout through
 * virtual_server → real_server → checker (check_data.c); this adapter adds what it leaves to
 * the engine side (check_data.c {@code validate_check_config()}, check_api.c):
 *
 * <ul>
 *   <li>alpha: the checker's own, else the real server's, else the virtual server's;</li>
 *   <li>the target: connect_ip/connect_port, else the real server's address and port;</li>
 *   <li>the Host header: the checker's virtualhost, else the real server's, else the virtual server's;</li>
 *   <li>log_all_failures: the checker's, or the global {@code checker_log_all_failures};</li>
 *   <li>MISC_CHECK: misc_path split into words, run as {@code user} (else the global
 *       script_user, else keepalived_script) through {@code runuser} when the daemon is root; a
 *       script {@link ScriptPolicy} refuses leaves the checker out ({@link ScriptAudit} reports
 *       it).</li>
 *   <li>PING_CHECK: the target address only (connect_ip, else the real server's); no port
 *       is needed, and bindto, bind_if and fwmark apply to its ICMP socket.</li>
 * </ul>
 *
 * Pure apart from the policy's file checks. Checkers whose settings the engine refuses are
 * reported and skipped.
 */
public final class CheckSpecAdapter {

    /**
     * What a checker inherits from its real and virtual server.
     *
     * @param address         the real server's address
     * @param port            the real server's resolved port (0 when it has none)
     * @param alpha           the real server's alpha, itself defaulting to the virtual server's
     * @param virtualhost     the real server's virtualhost, else the virtual server's
     * @param logAllFailures  global checker_log_all_failures
     * @param ssl             the global SSL block
     * @param scripts         the rules for running MISC_CHECK scripts
     * @param weight          the real server's configured weight (FILE_CHECK moves it)
     * @param trackFiles      the {@code track_file} definitions (FILE_CHECK follows one by name)
     */
    public record Context(IpAddress address, int port, boolean alpha, Optional<String> virtualhost,
                          boolean logAllFailures, Optional<SslContext> ssl, ScriptPolicy scripts, int weight,
                          List<TrackFile> trackFiles) {
        public Context {
            trackFiles = List.copyOf(trackFiles);
        }
    }

    private CheckSpecAdapter() {
    }

    /** The spec for {@code checker}, or empty with an issue when it cannot run. */
    public static Optional<CheckSpec> adapt(Checker checker, Context context, String subject,
                                            List<AdaptIssue> issues) {
        try {
            return switch (checker) {
                case Checker.TcpCheck tcp -> connect(tcp.connection(), context, subject, issues)
                        .map(c -> new CheckSpec.TcpCheck(c, timing(CheckKind.TCP_CHECK, tcp.schedule(), context)));
                case Checker.HttpGetCheck http -> connect(http.connection(), context, subject, issues)
                        .flatMap(c -> http(http.http(), context, subject, issues).map(h ->
                                new CheckSpec.HttpGetCheck(c, timing(CheckKind.HTTP_GET, http.schedule(), context), h)));
                case Checker.SslGetCheck ssl -> connect(ssl.connection(), context, subject, issues)
                        .flatMap(c -> http(ssl.http(), context, subject, issues).map(h ->
                                new CheckSpec.SslGetCheck(c, timing(CheckKind.SSL_GET, ssl.schedule(), context), h,
                                        tls(ssl, context, subject, issues))));
                case Checker.SmtpCheck smtp -> connect(smtp.connection(), context, subject, issues)
                        .map(c -> new CheckSpec.SmtpCheck(c, timing(CheckKind.SMTP_CHECK, smtp.schedule(), context),
                                smtp.heloName()));
                case Checker.DnsCheck dns -> connect(dns.connection(), context, subject, issues)
                        .map(c -> new CheckSpec.DnsCheck(c, timing(CheckKind.DNS_CHECK, dns.schedule(), context),
                                DnsType.valueOf(dns.queryType().name()), dns.name()));
                case Checker.UdpCheck udp -> connect(udp.connection(), context, subject, issues)
                        .flatMap(c -> udp(udp, c, context, subject, issues));
                case Checker.MiscCheck misc -> misc(misc, context, subject, issues);
                case Checker.PingCheck ping -> connect(ping.connection(), context, false, subject, issues)
                        .map(c -> new CheckSpec.PingCheck(c, timing(CheckKind.PING_CHECK, ping.schedule(), context)));
                case Checker.FileCheck file -> file(file, context, subject, issues);
            };
        } catch (IllegalArgumentException e) {
            issues.add(new AdaptIssue(subject, checker.keyword() + " skipped: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * FILE_CHECK (check_file.c): the track_file's path, the checker's weight and reverse, else the
     * track_file's. The conf layer already refused a track_file that is not defined.
     */
    private static Optional<CheckSpec> file(Checker.FileCheck file, Context context, String subject,
                                            List<AdaptIssue> issues) {
        Optional<TrackFile> found = context.trackFiles().stream().filter(t -> t.name().equals(file.trackFile()))
                .reduce((first, later) -> later);
        if (found.isEmpty()) {
            issues.add(new AdaptIssue(subject, "FILE_CHECK: no track_file " + file.trackFile() + "; skipped"));
            return Optional.empty();
        }
        TrackFile track = found.get();
        int weight = file.weight().orElse(track.weight());
        boolean reverse = file.weight().isPresent() ? file.reverse() : track.reverse();
        return Optional.of(new CheckSpec.FileCheck(CheckSpec.FileCheck.TIMING, track.name(), Path.of(track.file()),
                weight, reverse, context.weight()));
    }

    static CheckTiming timing(CheckKind kind, CheckSchedule schedule, Context context) {
        return new CheckTiming(schedule.delayLoop(), schedule.retry(), schedule.delayBeforeRetry(), schedule.warmup(),
                schedule.alpha() || context.alpha(), schedule.logAllFailures() || context.logAllFailures());
    }

    private static Optional<ConnectOptions> connect(dev.vigil.conf.model.ConnectOptions options, Context context,
                                                    String subject, List<AdaptIssue> issues) {
        return connect(options, context, true, subject, issues);
    }

    private static Optional<ConnectOptions> connect(dev.vigil.conf.model.ConnectOptions options, Context context,
                                                    boolean needsPort, String subject, List<AdaptIssue> issues) {
        InetAddress host = options.connectIp().orElse(context.address()).inet();
        int port = options.connectPort().orElse(context.port());
        if (port == 0 && needsPort) {
            issues.add(new AdaptIssue(subject, "checker has no port to connect to (give connect_port); skipped"));
            return Optional.empty();
        }
        Optional<InetSocketAddress> bind = Optional.empty();
        if (options.bindTo().isPresent() || options.bindPort().isPresent()) {
            InetAddress local = options.bindTo().map(IpAddress::inet).orElseGet(() -> wildcard(host));
            bind = Optional.of(new InetSocketAddress(local, options.bindPort().orElse(0)));
        }
        OptionalLong fwmark = options.fwmark().map(OptionalLong::of).orElse(OptionalLong.empty());
        return Optional.of(new ConnectOptions(new InetSocketAddress(host, port), bind, options.bindInterface(), fwmark,
                options.connectTimeout()));
    }

    private static InetAddress wildcard(InetAddress like) {
        return new InetSocketAddress(like instanceof java.net.Inet6Address ? "::" : "0.0.0.0", 0).getAddress();
    }

    private static Optional<HttpSettings> http(dev.vigil.conf.model.HttpSettings http, Context context,
                                               String subject, List<AdaptIssue> issues) {
        List<UrlSpec> urls = new ArrayList<>();
        for (HttpUrl url : http.urls()) {
            UrlSpec spec = new UrlSpec(url.path(), Optional.empty(), statusCodes(url.statusCodes()),
                    url.virtualhost(), Optional.empty());
            if (url.digest().isPresent()) {
                Optional<Md5Digest> digest = Md5Digest.parse(url.digest().get());
                if (digest.isEmpty()) {
                    issues.add(new AdaptIssue(subject, "url " + url.path() + ": bad digest; url skipped"));
                    continue;
                }
                spec = spec.withDigest(digest.get());
            }
            if (url.regex().isPresent()) {
                try {
                    spec = spec.withRegex(new UrlSpec.RegexRule(Pattern.compile(url.regex().get()), url.regexNoMatch()));
                } catch (PatternSyntaxException e) {
                    issues.add(new AdaptIssue(subject, "url " + url.path() + ": bad regex (" + e.getDescription()
                            + "); url skipped"));
                    continue;
                }
            }
            urls.add(spec);
        }
        if (urls.isEmpty()) {
            issues.add(new AdaptIssue(subject, "no usable url; checker skipped"));
            return Optional.empty();
        }
        HttpProtocol protocol = HttpProtocol.parse(http.httpProtocol()).orElse(HttpProtocol.HTTP_1_0);
        return Optional.of(new HttpSettings(urls, protocol, http.virtualhost().or(context::virtualhost)));
    }

    private static StatusCodes statusCodes(List<StatusCodeRange> ranges) {
        String[] words = ranges.stream().map(StatusCodeRange::toString).toArray(String[]::new);
        return StatusCodes.parse(words).orElse(StatusCodes.defaults());
    }

    private static TlsSettings tls(Checker.SslGetCheck ssl, Context context, String subject, List<AdaptIssue> issues) {
        Optional<SslContext> global = context.ssl();
        Optional<Path> certificate = global.flatMap(SslContext::certificate).map(Path::of);
        Optional<Path> key = global.flatMap(SslContext::key).map(Path::of);
        if (certificate.isPresent() != key.isPresent()) {
            issues.add(new AdaptIssue(subject, "SSL certificate and key must be given together; using neither"));
            certificate = Optional.empty();
            key = Optional.empty();
        }
        return new TlsSettings(ssl.enableSni() || ssl.sniName().isPresent(), ssl.sniName(),
                global.flatMap(SslContext::ca).map(Path::of), certificate, key,
                global.flatMap(SslContext::password));
    }

    private static Optional<CheckSpec> udp(Checker.UdpCheck udp, ConnectOptions connect, Context context,
                                           String subject, List<AdaptIssue> issues) {
        Optional<HexPattern> payload = Optional.empty();
        if (udp.payload().isPresent()) {
            payload = HexPattern.parseBytes(udp.payload().get());
            if (payload.isEmpty()) {
                issues.add(new AdaptIssue(subject, "UDP_CHECK payload is not hex; sending the default payload"));
            }
        }
        UdpReplyRule reply = UdpReplyRule.none();
        if (udp.requireReply().isPresent()) {
            Optional<HexPattern> pattern = HexPattern.parsePattern(udp.requireReply().get());
            reply = pattern.map(UdpReplyRule::matching).orElseGet(UdpReplyRule::anyReply)
                    .withLengths(udp.minReplyLength(), udp.maxReplyLength());
        }
        return Optional.of(new CheckSpec.UdpCheck(connect, timing(CheckKind.UDP_CHECK, udp.schedule(), context),
                payload, reply));
    }

    private static Optional<CheckSpec> misc(Checker.MiscCheck misc, Context context, String subject,
                                            List<AdaptIssue> issues) {
        Optional<List<String>> words = ScriptCommand.split(misc.path());
        if (words.isEmpty()) {
            issues.add(new AdaptIssue(subject, "MISC_CHECK misc_path is empty; skipped"));
            return Optional.empty();
        }
        if (!(context.scripts().vet(words.get(), misc.user()) instanceof ScriptVerdict.Allowed allowed)) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.MiscCheck(timing(CheckKind.MISC_CHECK, misc.schedule(), context),
                allowed.commandLine(), misc.timeout(), misc.dynamic(), allowed.command().user()));
    }
}
