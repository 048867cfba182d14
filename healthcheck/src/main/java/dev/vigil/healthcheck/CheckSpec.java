package dev.vigil.healthcheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured checker of a real server: a closed set, one record per keepalived checker
 * keyword. Every spec has its {@link CheckTiming}; network checkers have
 * {@link ConnectOptions}.
 */
public sealed interface CheckSpec {

    CheckKind kind();

    CheckTiming timing();

    /** TCP_CHECK: a plain connect (check_tcp.c). */
    record TcpCheck(ConnectOptions connect, CheckTiming timing) implements CheckSpec {
        public TcpCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.TCP_CHECK;
        }
    }

    /** HTTP_GET: fetch every url and match status code, digest and regex (check_http.c). */
    record HttpGetCheck(ConnectOptions connect, CheckTiming timing, HttpSettings http)
            implements CheckSpec {
        public HttpGetCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(http, "http");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.HTTP_GET;
        }
    }

    /** SSL_GET: HTTP_GET over TLS (check_http.c, check_ssl.c). */
    record SslGetCheck(ConnectOptions connect, CheckTiming timing, HttpSettings http,
                       TlsSettings tls) implements CheckSpec {
        public SslGetCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(tls, "tls");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.SSL_GET;
        }
    }

    /**
     * SMTP_CHECK: 220 banner, {@code HELO <heloName>} answered by 250, then QUIT
     * (check_smtp.c).
     */
    record SmtpCheck(ConnectOptions connect, CheckTiming timing, String heloName)
            implements CheckSpec {
        /** keepalived's SMTP_DEFAULT_HELO (check_smtp.h). */
        public static final String DEFAULT_HELO_NAME = "smtpchecker.keepalived.org";

        public SmtpCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(heloName, "heloName");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.SMTP_CHECK;
        }
    }

    /**
     * DNS_CHECK: one query over UDP with RD set; the reply must have QR set and RCODE 0
     * (check_dns.c). keepalived's defaults are type SOA and the root name.
     */
    record DnsCheck(ConnectOptions connect, CheckTiming timing, DnsType type, String name)
            implements CheckSpec {
        public DnsCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.DNS_CHECK;
        }
    }

    /**
     * UDP_CHECK: send a datagram; an ICMP unreachable means failure, silence means success
     * unless a reply is required (check_udp.c, layer4.c).
     *
     * @param payload the datagram to send (parsed with {@link HexPattern#parseBytes}); keepalived
     *                sends 32 bytes of "keepalived check - " repeated when none is configured
     */
    record UdpCheck(ConnectOptions connect, CheckTiming timing, Optional<HexPattern> payload,
                    UdpReplyRule reply) implements CheckSpec {
        public UdpCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.UDP_CHECK;
        }
    }

    /**
     * PING_CHECK: one ICMP (or ICMPv6) echo request to the target's address; a matching echo
     * reply within the connect timeout is success (check_ping.c). The target's port is not
     * used; {@code bindTo}'s address, {@code bind_if} and {@code fwmark} apply to the ICMP
     * socket.
     */
    record PingCheck(ConnectOptions connect, CheckTiming timing) implements CheckSpec {
        public PingCheck {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public CheckKind kind() {
            return CheckKind.PING_CHECK;
        }
    }

    /**
     * MISC_CHECK: run a command; exit 0 is success, anything else failure, and with
     * {@code dynamic} an exit status 2..255 is success with weight status − 2
     * (check_misc.c).
     *
     * @param command the program and its arguments (keepalived's {@code misc_path}, split)
     * @param timeout {@code misc_timeout}; when empty keepalived uses the delay_loop
     * @param user    {@code user}: the account to run as; running as another user is the
     *                daemon's job (the probe runs the command as the current user)
     */
    record MiscCheck(CheckTiming timing, List<String> command, Optional<Duration> timeout,
                     boolean dynamic, Optional<String> user) implements CheckSpec {
        public MiscCheck {
            Objects.requireNonNull(timing, "timing");
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("MISC_CHECK needs a command");
            }
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(user, "user");
        }

        /** The timeout that applies: misc_timeout, else the delay_loop (check_misc.c). */
        public Duration effectiveTimeout() {
            return timeout.orElse(timing.delayLoop());
        }

        @Override
        public CheckKind kind() {
            return CheckKind.MISC_CHECK;
        }
    }

    /**
     * FILE_CHECK: follow a {@code track_file} (check_file.c, track_file.c). The number in the
     * file (keepalived's {@code strtol} reading; a missing file holds 0) times {@code weight},
     * negated with {@code reverse}, is added to the real server's weight (the sum clamped to
     * 0..2^31−1, and a product at or below −2^31 takes the server out). With weight 0 the file
     * is a switch: a non-zero number (with {@code reverse}: zero) takes the server out.
     * keepalived watches the file with inotify; Vigil reads it every {@link #TIMING delay_loop}
     * of a second. The checker has none of the other checkers' options: no retry, no warmup,
     * no alpha, and it sends no mail.
     *
     * @param name         {@code track_file NAME}
     * @param path         the track_file's {@code file}
     * @param weight       the FILE_CHECK's {@code weight}, else the track_file's
     * @param reverse      {@code weight N reverse}
     * @param serverWeight the real server's configured weight, which the weighted number moves
     */
    record FileCheck(CheckTiming timing, String name, Path path, int weight, boolean reverse, int serverWeight)
            implements CheckSpec {

        /** A read every second, a change acted on at once. */
        public static final CheckTiming TIMING = new CheckTiming(Duration.ofSeconds(1), 0, Duration.ofSeconds(1),
                Duration.ZERO, false, false);

        public FileCheck {
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            if (serverWeight < 0) {
                throw new IllegalArgumentException("negative real server weight: " + serverWeight);
            }
        }

        @Override
        public CheckKind kind() {
            return CheckKind.FILE_CHECK;
        }
    }
}
