package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.alert.CheckerType;
import dev.vigil.daemon.controller.CheckerPlan;
import dev.vigil.daemon.controller.RealServerPlan;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.StopMode;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.Md5Digest;
import dev.vigil.healthcheck.StatusCodes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checkers, scripts and quorum settings, adapted from configuration text. */
class ControllerPlansTest {

    @Test
    void timingInheritsFromVirtualAndRealServerAndAlphaFlowsDown() {
        VirtualServerPlan vs = TestConfigs.plans("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    delay_loop 7
                    alpha
                    real_server 10.0.1.1 80 {
                        retry 4
                        connect_timeout 2
                        TCP_CHECK {
                            delay_before_retry 0.5
                        }
                    }
                }
                """).plans().getFirst();
        CheckSpec.TcpCheck tcp = assertInstanceOf(CheckSpec.TcpCheck.class,
                vs.realServers().getFirst().checkers().getFirst().spec());
        assertEquals(new CheckTiming(Duration.ofSeconds(7), 4, Duration.ofMillis(500), Duration.ofSeconds(7), true,
                false), tcp.timing());
        assertEquals(new InetSocketAddress("10.0.1.1", 80), tcp.connect().target());
        assertEquals(Duration.ofSeconds(2), tcp.connect().connectTimeout());
    }

    @Test
    void httpGetUrlsVirtualhostAndConnectOverrides() {
        RealServerPlan rs = TestConfigs.plans("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    virtualhost www.example.org
                    real_server 10.0.1.1 80 {
                        HTTP_GET {
                            url {
                                path /health
                                digest 9b3a0c85a887a256d6939da88aabd8cd
                                status_code 200 301-302
                            }
                            connect_ip 10.0.2.1
                            connect_port 8080
                            bindto 10.0.3.1
                            http_protocol 1.1
                        }
                    }
                }
                """).plans().getFirst().realServers().getFirst();
        CheckSpec.HttpGetCheck http = assertInstanceOf(CheckSpec.HttpGetCheck.class, rs.checkers().getFirst().spec());
        assertEquals(new InetSocketAddress("10.0.2.1", 8080), http.connect().target());
        assertEquals(Optional.of(new InetSocketAddress("10.0.3.1", 0)), http.connect().bindTo());
        assertEquals(HttpProtocol.HTTP_1_1, http.http().protocol());
        assertEquals(Optional.of("www.example.org"), http.http().virtualhost());
        var url = http.http().urls().getFirst();
        assertEquals("/health", url.path());
        assertEquals(Optional.of(new Md5Digest("9b3a0c85a887a256d6939da88aabd8cd")), url.digest());
        assertEquals(StatusCodes.parse("200", "301-302").orElseThrow(), url.statusCodes());
        assertEquals(Duration.ofSeconds(3), http.timing().delayBeforeRetry());
        assertEquals(CheckerType.HTTP_GET, rs.checkers().getFirst().type());
    }

    @Test
    void miscCheckIsSplitAndRunsAsItsUser() {
        RealServerPlan rs = TestConfigs.plans("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.1.1 80 {
                        MISC_CHECK {
                            misc_path "/usr/local/bin/check 'two words' x"
                            misc_timeout 3
                            misc_dynamic
                            user nobody
                        }
                    }
                }
                """).plans().getFirst().realServers().getFirst();
        CheckSpec.MiscCheck misc = assertInstanceOf(CheckSpec.MiscCheck.class, rs.checkers().getFirst().spec());
        assertEquals(List.of("runuser", "-u", "nobody", "--", "/usr/local/bin/check", "two words", "x"),
                misc.command());
        assertTrue(misc.dynamic());
        assertEquals(Optional.of(Duration.ofSeconds(3)), misc.timeout());
        assertEquals(0, misc.timing().retry());
    }

    @Test
    void otherCheckersAdaptFileCheckTakingTheTrackFilesWeightWhenItHasNone() {
        ControllerPlans.Result result = TestConfigs.plans("""
                track_file f {
                    file /tmp/vigil-test-track-file
                    weight 3 reverse
                }
                virtual_server 10.0.0.1 53 {
                    lb_algo rr
                    protocol UDP
                    real_server 10.0.1.1 53 {
                        DNS_CHECK {
                            type A
                            name example.org
                        }
                        UDP_CHECK {
                            payload 0102
                            require_reply 01XX
                        }
                        SMTP_CHECK {
                            connect_port 25
                        }
                        PING_CHECK {
                            retry 4
                            connect_timeout 2
                        }
                        FILE_CHECK {
                            track_file f
                        }
                        FILE_CHECK {
                            track_file f
                            weight 0
                        }
                    }
                }
                """);
        List<CheckerPlan> checkers = result.plans().getFirst().realServers().getFirst().checkers();
        assertEquals(List.of(CheckerType.DNS_CHECK, CheckerType.UDP_CHECK, CheckerType.SMTP_CHECK,
                        CheckerType.PING_CHECK, CheckerType.FILE_CHECK, CheckerType.FILE_CHECK),
                checkers.stream().map(CheckerPlan::type).toList());
        CheckSpec.DnsCheck dns = assertInstanceOf(CheckSpec.DnsCheck.class, checkers.get(0).spec());
        assertEquals("example.org", dns.name());
        assertEquals(3, dns.timing().retry());
        CheckSpec.UdpCheck udp = assertInstanceOf(CheckSpec.UdpCheck.class, checkers.get(1).spec());
        assertTrue(udp.reply().required());
        assertTrue(udp.reply().pattern().isPresent());
        CheckSpec.PingCheck ping = assertInstanceOf(CheckSpec.PingCheck.class, checkers.get(3).spec());
        assertEquals(new InetSocketAddress("10.0.1.1", 53), ping.connect().target());
        assertEquals(Duration.ofSeconds(2), ping.connect().connectTimeout());
        assertEquals(4, ping.timing().retry());
        assertEquals(new CheckSpec.FileCheck(CheckSpec.FileCheck.TIMING, "f",
                java.nio.file.Path.of("/tmp/vigil-test-track-file"), 3, true, 1), checkers.get(4).spec(),
                "the track_file's weight and reverse; the real server's default weight 1");
        CheckSpec.FileCheck own = assertInstanceOf(CheckSpec.FileCheck.class, checkers.get(5).spec());
        assertEquals(0, own.weight());
        assertFalse(own.reverse(), "its own weight, without reverse");
        assertTrue(result.issues().stream().noneMatch(i -> i.message().contains("FILE_CHECK")),
                result.issues()::toString);
        assertEquals(6, checkers.stream().map(CheckerPlan::name).distinct().count());
    }

    @Test
    void scriptsAreSplitAndTakeTheGlobalScriptUser() {
        VirtualServerPlan vs = TestConfigs.plans("""
                global_defs {
                    script_user nobody nogroup
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    quorum 2
                    hysteresis 1
                    quorum_up "/bin/echo up 'x y'"
                    quorum_down /bin/true
                    omega
                    real_server 10.0.1.1 80 {
                        weight 2
                        notify_up "/bin/echo rs up" root
                        inhibit_on_failure
                    }
                }
                """).plans().getFirst();
        assertEquals(2, vs.quorum());
        assertEquals(1, vs.hysteresis());
        assertTrue(vs.omega());
        assertEquals(new ScriptCommand(List.of("/bin/echo", "up", "x y"), Optional.of("nobody"),
                Optional.of("nogroup")), vs.quorumUp().orElseThrow());
        RealServerPlan rs = vs.realServers().getFirst();
        assertEquals(new ScriptCommand(List.of("/bin/echo", "rs", "up"), Optional.of("root"), Optional.empty()),
                rs.notifyUp().orElseThrow());
        assertTrue(rs.inhibitOnFailure());
        assertFalse(rs.notifyDown().isPresent());
    }

    @Test
    void aCheckerWithoutPortIsReportedAndSkipped() {
        ControllerPlans.Result result = TestConfigs.plans("""
                virtual_server fwmark 3 {
                    lb_algo rr
                    lb_kind DR
                    real_server 10.0.1.1 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        assertTrue(result.plans().getFirst().realServers().getFirst().checkers().isEmpty());
        assertTrue(result.issues().stream().anyMatch(i -> i.message().contains("no port")), result.issues()::toString);
    }

    @Test
    void globalFlushSettingsChooseTheStartAndStopBehaviour() {
        var flushing = TestConfigs.load("""
                global_defs {
                    lvs_flush
                    lvs_flush_on_stop
                }
                """).globalDefs();
        assertTrue(ControllerPlans.options(flushing, false).flushAtStart());
        assertEquals(StopMode.FLUSH_ALL, ControllerPlans.options(flushing, false).stopMode());
        assertEquals(StopMode.KEEP, ControllerPlans.options(flushing, true).stopMode());
        var plain = TestConfigs.load("global_defs {\n}\n").globalDefs();
        assertFalse(ControllerPlans.options(plain, false).flushAtStart());
        assertEquals(StopMode.REMOVE_OWN, ControllerPlans.options(plain, false).stopMode());
    }
}
