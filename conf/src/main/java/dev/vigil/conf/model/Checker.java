package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A health checker inside a {@code real_server}. Each record is one keepalived checker block;
 * schedules and connection timeouts are already resolved through the virtual_server →
 * real_server → checker inheritance.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Checker.TcpCheck.class, name = "TCP_CHECK"),
        @JsonSubTypes.Type(value = Checker.HttpGetCheck.class, name = "HTTP_GET"),
        @JsonSubTypes.Type(value = Checker.SslGetCheck.class, name = "SSL_GET"),
        @JsonSubTypes.Type(value = Checker.SmtpCheck.class, name = "SMTP_CHECK"),
        @JsonSubTypes.Type(value = Checker.DnsCheck.class, name = "DNS_CHECK"),
        @JsonSubTypes.Type(value = Checker.MiscCheck.class, name = "MISC_CHECK"),
        @JsonSubTypes.Type(value = Checker.UdpCheck.class, name = "UDP_CHECK"),
        @JsonSubTypes.Type(value = Checker.PingCheck.class, name = "PING_CHECK"),
        @JsonSubTypes.Type(value = Checker.FileCheck.class, name = "FILE_CHECK")})
public sealed interface Checker {

    /** The keyword that opens this checker's block. */
    String keyword();

    /** TCP_CHECK: a plain connect. */
    record TcpCheck(ConnectOptions connection, CheckSchedule schedule) implements Checker {
        public String keyword() {
            return "TCP_CHECK";
        }
    }

    /** HTTP_GET: GET each url, compare status and digest. */
    record HttpGetCheck(ConnectOptions connection, CheckSchedule schedule, HttpSettings http) implements Checker {
        public String keyword() {
            return "HTTP_GET";
        }
    }

    /** SSL_GET: HTTP_GET over TLS, with optional SNI. */
    record SslGetCheck(ConnectOptions connection, CheckSchedule schedule, HttpSettings http, boolean enableSni,
                       Optional<String> sniName) implements Checker {
        public String keyword() {
            return "SSL_GET";
        }
    }

    /** SMTP_CHECK: banner 220, HELO → 250, QUIT. */
    record SmtpCheck(ConnectOptions connection, CheckSchedule schedule, String heloName) implements Checker {
        /** keepalived's default HELO name ({@code check_smtp.h}). */
        public static final String DEFAULT_HELO_NAME = "smtpchecker.keepalived.org";

        public SmtpCheck {
            Objects.requireNonNull(heloName, "heloName");
        }

        public String keyword() {
            return "SMTP_CHECK";
        }
    }

    /** DNS_CHECK: a query with RD set; the answer needs QR and RCODE 0. */
    record DnsCheck(ConnectOptions connection, CheckSchedule schedule, DnsQueryType queryType, String name)
            implements Checker {
        public DnsCheck {
            Objects.requireNonNull(queryType, "queryType");
            Objects.requireNonNull(name, "name");
        }

        public String keyword() {
            return "DNS_CHECK";
        }
    }

    /**
     * MISC_CHECK: run a command; exit 0 = up. With {@code dynamic}, exit 2..255 = up with
     * weight status-2.
     *
     * @param timeout empty means "the delay_loop"
     */
    record MiscCheck(CheckSchedule schedule, String path, Optional<Duration> timeout, boolean dynamic,
                     Optional<ScriptUser> user) implements Checker {
        public MiscCheck {
            Objects.requireNonNull(path, "path");
        }

        public String keyword() {
            return "MISC_CHECK";
        }
    }

    /**
     * UDP_CHECK: send {@code payload} (hex), expect no ICMP unreachable, optionally a reply
     * matching {@code requireReply} (hex, {@code X} wildcards).
     */
    record UdpCheck(ConnectOptions connection, CheckSchedule schedule, Optional<String> payload,
                    Optional<String> requireReply, int minReplyLength, int maxReplyLength) implements Checker {
        public String keyword() {
            return "UDP_CHECK";
        }
    }

    /** PING_CHECK: ICMP echo. */
    record PingCheck(ConnectOptions connection, CheckSchedule schedule) implements Checker {
        public String keyword() {
            return "PING_CHECK";
        }
    }

    /** FILE_CHECK: follow a {@code track_file}; its value times weight changes the real server's weight. */
    record FileCheck(String trackFile, Optional<Integer> weight, boolean reverse) implements Checker {
        public FileCheck {
            Objects.requireNonNull(trackFile, "trackFile");
        }

        public String keyword() {
            return "FILE_CHECK";
        }
    }
}
