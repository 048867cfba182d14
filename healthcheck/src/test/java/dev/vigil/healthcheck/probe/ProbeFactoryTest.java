package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.DnsType;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.UdpReplyRule;
import dev.vigil.healthcheck.UrlSpec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeFactoryTest {

    @Test
    void everySpecGetsItsProbe() {
        ConnectOptions target = ConnectOptions.to(new InetSocketAddress("127.0.0.1", 1));
        HttpSettings http = HttpSettings.of(UrlSpec.path("/"));
        Map<CheckSpec, Class<? extends Probe>> expected = Map.of(
                new CheckSpec.TcpCheck(target, CheckTiming.defaults(CheckKind.TCP_CHECK)), TcpProbe.class,
                new CheckSpec.HttpGetCheck(target, CheckTiming.defaults(CheckKind.HTTP_GET), http), HttpProbe.class,
                new CheckSpec.SslGetCheck(target, CheckTiming.defaults(CheckKind.SSL_GET), http, TlsSettings.defaults()),
                HttpProbe.class,
                new CheckSpec.SmtpCheck(target, CheckTiming.defaults(CheckKind.SMTP_CHECK), "helo.example"), SmtpProbe.class,
                new CheckSpec.DnsCheck(target, CheckTiming.defaults(CheckKind.DNS_CHECK), DnsType.SOA, ""), DnsProbe.class,
                new CheckSpec.UdpCheck(target, CheckTiming.defaults(CheckKind.UDP_CHECK), Optional.empty(), UdpReplyRule.none()),
                UdpProbe.class,
                new CheckSpec.PingCheck(target, CheckTiming.defaults(CheckKind.PING_CHECK)), PingProbe.class,
                new CheckSpec.MiscCheck(CheckTiming.defaults(CheckKind.MISC_CHECK), List.of("/bin/true"), Optional.empty(),
                        false, Optional.empty()), MiscProbe.class,
                new CheckSpec.FileCheck(CheckSpec.FileCheck.TIMING, "f", java.nio.file.Path.of("/nonexistent"), 0, false,
                        1), FileProbe.class);
        assertEquals(CheckKind.values().length, expected.size(), "one spec per checker kind");
        try (CheckTransport transport = CheckTransport.create(1)) {
            ProbeFactory factory = new ProbeFactory(transport, new SplittableRandom(3));
            expected.forEach((spec, type) -> assertInstanceOf(type, factory.create(spec), spec.kind().name()));
        }
    }
}
