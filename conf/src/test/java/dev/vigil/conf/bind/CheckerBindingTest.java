package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.CheckSchedule;
import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.DnsQueryType;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.StatusCodeRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckerBindingTest {

    /** Wraps checker text in a virtual/real server with the given extra VS and RS lines. */
    private static Binding checkers(String vsLines, String rsLines, String checkerText) {
        return Binding.of("virtual_server 10.0.0.1 80 {\n    lb_algo rr\n" + vsLines
                + "    real_server 10.0.0.2 80 {\n" + rsLines + checkerText + "    }\n}\n");
    }

    private static List<Checker> of(Binding b) {
        return b.config().virtualServers().getFirst().realServers().getFirst().checkers();
    }

    private static Checker one(Binding b) {
        List<Checker> list = of(b);
        assertEquals(1, list.size(), () -> String.join("\n", b.all()));
        return list.getFirst();
    }

    private static final Duration S1 = Duration.ofSeconds(1);

    @Test
    void tcpCheckDefaults() {
        var tcp = assertInstanceOf(Checker.TcpCheck.class, one(checkers("", "", """
                TCP_CHECK {
                }
                """).clean()));
        assertEquals(new CheckSchedule(Duration.ofSeconds(60), 1, S1, Duration.ofSeconds(60), false, false),
                tcp.schedule());
        assertEquals(Duration.ofSeconds(5), tcp.connection().connectTimeout());
        assertEquals(Optional.empty(), tcp.connection().connectPort());
    }

    @Test
    void scheduleInheritsFromVirtualThenRealServer() {
        Binding b = checkers("""
                    delay_loop 10
                    retry 4
                    delay_before_retry 2
                    connect_timeout 7
                """, """
                    warmup 3
                    connect_timeout 8
                """, """
                TCP_CHECK {
                    connect_port 8080
                    bindto 10.0.0.9
                }
                HTTP_GET {
                    retry 9
                    delay_loop 20
                    url {
                        path /
                    }
                }
                """).clean();
        Checker.TcpCheck tcp = (Checker.TcpCheck) of(b).get(0);
        assertEquals(new CheckSchedule(Duration.ofSeconds(10), 4, Duration.ofSeconds(2), Duration.ofSeconds(3), false,
                false), tcp.schedule());
        assertEquals(Duration.ofSeconds(8), tcp.connection().connectTimeout());
        assertEquals(Optional.of(8080), tcp.connection().connectPort());
        assertEquals(Optional.of(IpAddress.of("10.0.0.9")), tcp.connection().bindTo());
        Checker.HttpGetCheck http = (Checker.HttpGetCheck) of(b).get(1);
        assertEquals(9, http.schedule().retry());
        assertEquals(Duration.ofSeconds(20), http.schedule().delayLoop());
        assertEquals(Duration.ofSeconds(2), http.schedule().delayBeforeRetry());
    }

    @Test
    void perTypeDefaultsDiffer() {
        List<Checker> list = of(checkers("    delay_loop 6\n", "", """
                HTTP_GET {
                    url {
                        path /health
                    }
                }
                DNS_CHECK {
                }
                MISC_CHECK {
                    misc_path "/bin/check.sh arg"
                }
                """).clean());
        assertEquals(Duration.ofSeconds(3), ((Checker.HttpGetCheck) list.get(0)).schedule().delayBeforeRetry());
        Checker.DnsCheck dns = (Checker.DnsCheck) list.get(1);
        assertEquals(3, dns.schedule().retry());
        assertEquals(Duration.ofSeconds(6), dns.schedule().delayBeforeRetry());
        assertEquals(DnsQueryType.SOA, dns.queryType());
        assertEquals(".", dns.name());
        Checker.MiscCheck misc = (Checker.MiscCheck) list.get(2);
        assertEquals(0, misc.schedule().retry());
        assertEquals("/bin/check.sh arg", misc.path());
    }

    @Test
    void httpGetUrlsStatusCodesAndDigest() {
        var http = assertInstanceOf(Checker.HttpGetCheck.class, one(checkers("", "", """
                HTTP_GET {
                    http_protocol 1.1
                    virtualhost www.example.com
                    url {
                        path /testurl/test.jsp
                        digest 640205B7B0FC66C1EA91C463FAC6334D
                    }
                    url {
                        path /status
                        status_code 200-299 400-499 503
                        virtualhost status.example.com
                    }
                    nb_get_retry 3
                }
                """).reports("test.conf:16:5: warning: 'nb_get_retry' is deprecated; use 'retry'")));
        assertEquals("1.1", http.http().httpProtocol());
        assertEquals(Optional.of("www.example.com"), http.http().virtualhost());
        assertEquals(List.of(StatusCodeRange.success()), http.http().urls().get(0).statusCodes());
        assertEquals(Optional.of("640205b7b0fc66c1ea91c463fac6334d"), http.http().urls().get(0).digest());
        assertEquals(List.of(new StatusCodeRange(200, 299), new StatusCodeRange(400, 499),
                new StatusCodeRange(503, 503)), http.http().urls().get(1).statusCodes());
        assertEquals(3, http.schedule().retry());
    }

    @Test
    void sslGetWithSni() {
        var ssl = assertInstanceOf(Checker.SslGetCheck.class, one(checkers("", "", """
                SSL_GET {
                    enable_sni
                    sni_name api.example.com
                    url {
                        path /
                        status_code 200
                    }
                }
                """).clean()));
        assertTrue(ssl.enableSni());
        assertEquals(Optional.of("api.example.com"), ssl.sniName());
    }

    @Test
    void httpCheckerValidation() {
        Binding b = checkers("", "", """
                HTTP_GET {
                    http_protocol 2
                    url {
                        digest xyz
                        status_code 99 200
                    }
                }
                """).reports("test.conf:5:19: error: unknown http_protocol '2' (expected 1.0, 1.0C or 1.1); using 1.0")
                .reports("test.conf:7:16: error: digest 'xyz' is not 32 hex digits; ignoring it")
                .reports("test.conf:8:21: error: status_code '99' is not a code or range within 100..599;"
                        + " ignoring it")
                .reports("test.conf:6:5: error: HTTP_GET url has no path; ignoring it")
                .reports("test.conf:4:1: error: HTTP_GET has no url with a path; ignoring this checker");
        assertTrue(of(b).isEmpty());
    }

    @Test
    void smtpCheckAndDeprecatedHostBlocks() {
        List<Checker> list = of(checkers("", "", """
                SMTP_CHECK {
                    helo_name mail.example.com
                    connect_timeout 10
                    host {
                        connect_ip 10.0.0.20
                        connect_port 25
                    }
                    host {
                        connect_ip 10.0.0.21
                    }
                }
                SMTP_CHECK {
                }
                """));
        assertEquals(3, list.size());
        Checker.SmtpCheck first = (Checker.SmtpCheck) list.get(0);
        assertEquals("mail.example.com", first.heloName());
        assertEquals(Optional.of(IpAddress.of("10.0.0.20")), first.connection().connectIp());
        assertEquals(Duration.ofSeconds(10), first.connection().connectTimeout());
        assertEquals(Checker.SmtpCheck.DEFAULT_HELO_NAME, ((Checker.SmtpCheck) list.get(2)).heloName());
    }

    @Test
    void dnsUdpPingAndMiscSpecifics() {
        List<Checker> list = of(checkers("", "", """
                DNS_CHECK {
                    type AAAA
                    name www.example.com
                }
                UDP_CHECK {
                    payload 0a0b0c
                    require_reply 0aXX
                    max_reply_length 64
                }
                PING_CHECK {
                    retry 4
                }
                MISC_CHECK {
                    misc_path /bin/true
                    misc_timeout 5
                    misc_dynamic
                    user nobody
                }
                """).clean());
        assertEquals(DnsQueryType.AAAA, ((Checker.DnsCheck) list.get(0)).queryType());
        Checker.UdpCheck udp = (Checker.UdpCheck) list.get(1);
        assertEquals(Optional.of("0a0b0c"), udp.payload());
        assertEquals(Optional.of("0axx"), udp.requireReply());
        assertEquals(64, udp.maxReplyLength());
        assertEquals(4, ((Checker.PingCheck) list.get(2)).schedule().retry());
        Checker.MiscCheck misc = (Checker.MiscCheck) list.get(3);
        assertEquals(Optional.of(Duration.ofSeconds(5)), misc.timeout());
        assertTrue(misc.dynamic());
        assertEquals("nobody", misc.user().orElseThrow().user());
    }

    @Test
    void fileCheckNeedsADefinedTrackFile() {
        Binding b = Binding.of("""
                track_file backend_weight {
                    file /run/weight
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.0.2 80 {
                        FILE_CHECK {
                            track_file backend_weight
                            weight 10 reverse
                        }
                        FILE_CHECK {
                            track_file nothing
                        }
                        MISC_CHECK {
                        }
                    }
                }
                """).reports("test.conf:12:24: error: FILE_CHECK track_file nothing is not a defined track_file;"
                + " ignoring this checker")
                .reports("test.conf:14:9: error: MISC_CHECK has no misc_path; ignoring this checker");
        assertEquals(List.of(new Checker.FileCheck("backend_weight", Optional.of(10), true)), of(b));
    }

    @Test
    void unknownKeywordInsideAChecker() {
        checkers("", "", """
                TCP_CHECK {
                    conect_port 80
                }
                """).reports("test.conf:5:5: warning: unknown keyword 'conect_port'");
    }
}
