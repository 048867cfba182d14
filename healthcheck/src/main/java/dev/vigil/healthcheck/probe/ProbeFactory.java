package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckSpec;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Builds the probe for a {@link CheckSpec}, sharing one {@link CheckTransport}. */
public final class ProbeFactory {

    private final CheckTransport transport;
    private final RandomGenerator random;

    /** {@code random} supplies DNS query IDs. */
    public ProbeFactory(CheckTransport transport, RandomGenerator random) {
        this.transport = transport;
        this.random = random;
    }

    public Probe create(CheckSpec spec) {
        return switch (spec) {
            case CheckSpec.TcpCheck tcp -> new TcpProbe(transport, tcp.connect());
            case CheckSpec.HttpGetCheck http -> new HttpProbe(transport, http.connect(), http.http(), Optional.empty());
            case CheckSpec.SslGetCheck ssl -> new HttpProbe(transport, ssl.connect(), ssl.http(), Optional.of(ssl.tls()));
            case CheckSpec.SmtpCheck smtp -> new SmtpProbe(transport, smtp.connect(), smtp.heloName());
            case CheckSpec.DnsCheck dns -> new DnsProbe(transport, dns.connect(), dns.type(), dns.name(), random);
            case CheckSpec.UdpCheck udp -> new UdpProbe(transport, udp.connect(), udp.payload(), udp.reply());
            case CheckSpec.PingCheck ping -> new PingProbe(transport, ping.connect());
            case CheckSpec.MiscCheck misc -> new MiscProbe(misc.command(), misc.effectiveTimeout(), misc.dynamic(),
                    transport.group());
            case CheckSpec.FileCheck file -> new FileProbe(file);
        };
    }
}
