package dev.vigil.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsListenTest {

    @Test
    void defaultIsLoopbackPort9650() throws Exception {
        var listen = assertInstanceOf(MetricsListen.Listen.class, MetricsListen.parse(MetricsListen.DEFAULT));
        assertEquals(InetAddress.getByName("127.0.0.1"), listen.address().getAddress());
        assertEquals(9650, listen.address().getPort());
    }

    @Test
    void offDisables() {
        assertInstanceOf(MetricsListen.Disabled.class, MetricsListen.parse("off"));
    }

    @Test
    void bracketedIpv6AndAnyAddress() throws Exception {
        var v6 = assertInstanceOf(MetricsListen.Listen.class, MetricsListen.parse("[::1]:9100"));
        assertEquals(InetAddress.getByName("::1"), v6.address().getAddress());
        var any = assertInstanceOf(MetricsListen.Listen.class, MetricsListen.parse("0.0.0.0:0"));
        assertEquals(0, any.address().getPort());
    }

    @Test
    void invalidValuesSayWhy() {
        List<String> bad = List.of("", "9650", "127.0.0.1", "127.0.0.1:", ":9650", "::1:9650", "127.0.0.1:http",
                "127.0.0.1:65536", "127.0.0.1:-1");
        for (String text : bad) {
            var invalid = assertInstanceOf(MetricsListen.Invalid.class, MetricsListen.parse(text), text);
            assertTrue(invalid.message().startsWith("--metrics"), invalid.message());
        }
        assertEquals(9, bad.size());
    }
}
