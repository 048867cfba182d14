package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import dev.vigil.ipvs.userspace.ForwarderSettings;
import dev.vigil.ipvs.userspace.ProxyProtocol;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyProtocolSettingsTest {

    @TempDir
    Path dir;

    private KeepalivedConfig config(String proxyLine) {
        return new ConfigLoader(ReadOptions.defaults()).loadText("t.conf", """
                virtual_server 10.9.0.1 80 {
                    lb_algo rr
                    %s
                    real_server 10.9.1.1 80 {
                    }
                }
                virtual_server 10.9.0.2 80 {
                    lb_algo rr
                    real_server 10.9.1.2 80 {
                    }
                }
                """.formatted(proxyLine), dir).config().orElseThrow();
    }

    private static ServiceKey key(String address) {
        return new ServiceKey.Inet(Protocol.TCP, IpAddress.of(address), 80);
    }

    @Test
    void theForwarderGetsTheVersionAndAReloadWithoutItClearsIt() {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1))) {
            assertEquals(List.of(), ProxyProtocolSettings.apply(config("proxy_protocol v1"), forwarder));
            assertEquals(Optional.of(ProxyProtocol.V1), forwarder.proxyProtocol(key("10.9.0.1")));
            assertEquals(Optional.empty(), forwarder.proxyProtocol(key("10.9.0.2")));
            ProxyProtocolSettings.apply(config(""), forwarder);
            assertEquals(Optional.empty(), forwarder.proxyProtocol(key("10.9.0.1")));
        }
    }

    @Test
    void theKernelBackendReportsThatItHasNoProxyProtocol() {
        List<String> problems = ProxyProtocolSettings.apply(config("proxy_protocol v2"), new FakeIpvsBackend());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("virtual_server 10.9.0.1 80: proxy_protocol needs the userspace"
                + " backend"), problems.getFirst());
    }
}
