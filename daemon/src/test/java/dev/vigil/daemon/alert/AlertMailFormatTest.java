package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.alert.AlertEvent.InstancePriorityChanged;
import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.MasterReceivedLowerPriority;
import dev.vigil.daemon.alert.AlertEvent.QuorumChanged;
import dev.vigil.daemon.alert.AlertEvent.RealServerChecked;
import dev.vigil.daemon.alert.AlertEvent.RealServerRemoved;
import dev.vigil.daemon.alert.AlertEvent.RealServerStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Subjects and bodies against keepalived's texts (reference section 3.3-3.4). */
class AlertMailFormatTest {

    static final Endpoint RS = endpoint("192.168.200.2", ServiceProtocol.TCP, 1358);
    static final VirtualServerId VS = new VirtualServerId.Service(endpoint("10.10.10.2", ServiceProtocol.TCP, 1358));

    static Endpoint endpoint(String ip, ServiceProtocol protocol, int port) {
        try {
            return new Endpoint(InetAddress.getByName(ip), protocol, port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static MailMessage mail(AlertEvent event) {
        return AlertMailFormat.format(event, "LVS_DEVEL").orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MASTER  | [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=
            BACKUP  | [LVS_DEVEL] VRRP Instance VI_1 - Entering BACKUP state | => VRRP Instance is no longer owning VRRP VIPs <=
            FAULT   | [LVS_DEVEL] VRRP Instance VI_1 - Entering FAULT state  | => VRRP Instance is no longer owning VRRP VIPs <=
            STOP    | [LVS_DEVEL] VRRP Instance VI_1 - Stopping              | => VRRP Instance stopping <=
            DELETED | [LVS_DEVEL] VRRP Instance VI_1 - Deleted               | => VRRP Deleted at reload <=
            """)
    void instanceMails(VrrpState state, String subject, String body) {
        assertEquals(new MailMessage(subject, body), mail(new InstanceStateChanged("VI_1", state, 100)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MASTER | [LVS_DEVEL] VRRP Group VG_1 - Entering MASTER state | => All VRRP group instances are now in MASTER state <=
            BACKUP | [LVS_DEVEL] VRRP Group VG_1 - Entering BACKUP state | => All VRRP group instances are now in BACKUP state <=
            FAULT  | [LVS_DEVEL] VRRP Group VG_1 - Entering FAULT state  | => All VRRP group instances are now in FAULT state <=
            STOP   | [LVS_DEVEL] VRRP Group VG_1 - Stopping              | => All VRRP group instances are now stopping <=
            """)
    void groupMails(VrrpState state, String subject, String body) {
        assertEquals(new MailMessage(subject, body), mail(new SyncGroupStateChanged("VG_1", state)));
    }

    @Test
    void deletedGroupAndFifoOnlyEventsSendNoMail() {
        assertEquals(Optional.empty(), AlertMailFormat.format(new SyncGroupStateChanged("G", VrrpState.DELETED), "r"));
        assertEquals(Optional.empty(), AlertMailFormat.format(new InstancePriorityChanged("VI_1", true, 90), "r"));
        assertEquals(Optional.empty(), AlertMailFormat.format(new MasterReceivedLowerPriority("VI_1", 90), "r"));
        assertEquals(Optional.empty(), AlertMailFormat.format(new RealServerStateChanged(RS, VS, true), "r"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TCP_CHECK  | SUCCEEDED | '' | => TCP CHECK succeed on service <=
            TCP_CHECK  | FAILED    | '' | => TCP CHECK failed on service <=
            HTTP_GET   | SUCCEEDED | '' | => CHECK succeed on service <=
            HTTP_GET   | FAILED    | '' | => CHECK failed on service : HTTP/SSL request failed <=
            SSL_GET    | FAILED    | '' | => CHECK failed on service : HTTP/SSL request failed <=
            SMTP_CHECK | SUCCEEDED | '' | => CHECK succeed on service <=
            SMTP_CHECK | FAILED    | '' | => CHECK failed on service <=
            SMTP_CHECK | FAILED    | Bad greeting banner from server [1.2.3.4]:tcp:25 | => CHECK failed on service : Bad greeting banner from server [1.2.3.4]:tcp:25 <=
            DNS_CHECK  | SUCCEEDED | '' | => DNS_CHECK: succeed on service <=
            DNS_CHECK  | FAILED    | '' | => DNS_CHECK: failed on service <=
            UDP_CHECK  | SUCCEEDED | '' | => UDP CHECK succeed on service <=
            UDP_CHECK  | FAILED    | '' | => UDP CHECK failed on service <=
            PING_CHECK | SUCCEEDED | '' | => ICMP CHECK succeed on service <=
            PING_CHECK | FAILED    | '' | => ICMP CHECK failed on service <=
            MISC_CHECK | SUCCEEDED | '' | => MISC CHECK succeeded on service <=
            MISC_CHECK | FAILED    | '' | => MISC CHECK failed on service <=
            MISC_CHECK | TIMED_OUT | '' | => MISC CHECK timed out on service <=
            BFD_CHECK  | SUCCEEDED | bfd1 | => BFD CHECK bfd1 succeeded on service <=
            BFD_CHECK  | FAILED    | bfd1 | => BFD CHECK bfd1 failed on service <=
            """)
    void checkerBodies(CheckerType type, CheckStatus status, String detail, String body) {
        MailMessage mail = mail(new RealServerChecked(RS, VS, status == CheckStatus.SUCCEEDED,
                new CheckerVerdict(type, status, detail)));
        assertEquals(body, mail.body());
    }

    @Test
    void realServerSubjectTakesTheServersAliveStateNotTheVerdict() {
        // A failing checker on a real server kept alive by another checker: subject UP, body failed.
        MailMessage mail = mail(new RealServerChecked(RS, VS, true,
                CheckerVerdict.of(CheckerType.TCP_CHECK, CheckStatus.FAILED)));
        assertEquals("[LVS_DEVEL] Realserver [192.168.200.2]:tcp:1358 of virtual server [10.10.10.2]:tcp:1358 - UP",
                mail.subject());
        assertEquals("=> TCP CHECK failed on service <=", mail.body());
    }

    @Test
    void removedRealServer() {
        assertEquals(new MailMessage(
                "[LVS_DEVEL] Realserver [192.168.200.2]:tcp:1358 of virtual server FWM 7 - DOWN", "=> Removing <="),
                mail(new RealServerRemoved(RS, new VirtualServerId.Fwmark(7), false)));
        assertEquals("=> Shutting down <=", mail(new RealServerRemoved(RS, VS, true)).body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GAINED        | 2 | 1 | 3 | 3 | [LVS_DEVEL] Virtualserver [web]:80 - UP   | => Gained quorum 2+1=3 <= 3 <=
            LOST          | 2 | 1 | 1 | 0 | [LVS_DEVEL] Virtualserver [web]:80 - DOWN | => Lost quorum 2+1=1 <= 0 <=
            STARTING_UP   | 1 | 0 | 1 | 5 | [LVS_DEVEL] Virtualserver [web]:80 - UP   | => Starting with quorum up 1+0=1 <= 5 <=
            STARTING_DOWN | 3 | 0 | 3 | 2 | [LVS_DEVEL] Virtualserver [web]:80 - DOWN | => Starting with quorum down 3+0=3 <= 2 <=
            SHUTTING_DOWN | 3 | 0 | 3 | 2 | [LVS_DEVEL] Virtualserver [web]:80 - DOWN | => Shutting down <=
            """)
    void quorumMails(QuorumTransition transition, long quorum, long hysteresis, long threshold, long weight,
                     String subject, String body) {
        assertEquals(new MailMessage(subject, body), mail(new QuorumChanged(new VirtualServerId.Group("web", 80),
                transition, quorum, hysteresis, threshold, weight)));
    }

    @Test
    void subjectIsCutAt255BytesAndBodyAt511() {
        String name = "I".repeat(400);
        MailMessage mail = mail(new InstanceStateChanged(name, VrrpState.MASTER, 100));
        assertEquals(255, mail.subject().length());
        assertTrue(("[LVS_DEVEL] VRRP Instance " + name).startsWith(mail.subject()));

        MailMessage body = new MailMessage("s", "b".repeat(600));
        assertEquals(511, body.body().length());
    }

    @Test
    void cutNeverSplitsAMultiByteCharacter() {
        // 254 ASCII bytes then a 2-byte character: keeping it would make 256 bytes.
        MailMessage mail = new MailMessage("a".repeat(254) + "é", "x");
        assertEquals("a".repeat(254), mail.subject());
        MailMessage fits = new MailMessage("a".repeat(253) + "é", "x");
        assertEquals(255, fits.subject().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void bfdAndQuorumBodiesUseKeepalivedsEightyByteBuffers() {
        MailMessage bfd = mail(new RealServerChecked(RS, VS, true,
                new CheckerVerdict(CheckerType.BFD_CHECK, CheckStatus.SUCCEEDED, "b".repeat(100))));
        assertEquals(79, bfd.body().length());
        assertEquals("=> BFD CHECK " + "b".repeat(66), bfd.body());
        MailMessage quorum = mail(new QuorumChanged(VS, QuorumTransition.STARTING_DOWN, 4_294_967_295L,
                4_294_967_295L, -9_223_372_036_854_775_807L, 9_223_372_036_854_775_807L));
        assertEquals(79, quorum.body().length());
        assertTrue(quorum.body().startsWith("=> Starting with quorum down 4294967295+4294967295=-9223372036854775807 <= "));
    }
}
