package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings refuse what the runtime cannot run. */
class VrrpInstanceSettingsTest {

    private static final List<VirtualAddress> VIPS = List.of(VirtualAddress.of(v4("10.0.0.100"), 24));

    @Test
    void defaultsFollowKeepalived() {
        VrrpInstanceSettings s = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 100, 100, VIPS);
        assertEquals(AddressFamily.IPV4, s.family());
        assertEquals(AuthType.NONE, s.authType());
        assertFalse(s.unicast());
        assertFalse(s.startAsMaster());
        assertEquals(GarpSettings.KEEPALIVED_DEFAULTS, s.garp());
        assertTrue(VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 255, 100, VIPS).startAsMaster());
        assertEquals(AuthType.PASS, s.withPassword("x").authType());
    }

    @Test
    void refusesWhatCannotRun() throws Exception {
        VrrpInstanceSettings s = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V3, 100, 100, VIPS);
        assertThrows(IllegalArgumentException.class, () -> s.withPassword("v3 has no auth"));
        InetAddress v6 = InetAddress.getByName("fd00::1");
        assertThrows(IllegalArgumentException.class, () -> s.withUnicast(v6, List.of(UnicastPeer.of(v6))));
        assertThrows(IllegalArgumentException.class, () -> VrrpInstanceSettings.of("VI_1", "eth0", 0, VrrpVersion.V3,
                100, 100, VIPS));
        assertThrows(IllegalArgumentException.class, () -> VrrpInstanceSettings.of("VI_1", "eth0", 1, VrrpVersion.V3,
                256, 100, VIPS));
        assertThrows(IllegalArgumentException.class, () -> new VrrpInstanceSettings("VI_1", "eth0", 1, VrrpVersion.V3,
                AddressFamily.IPV6, 100, 100, AuthType.NONE, "", VIPS, Optional.empty(), List.of(),
                Optional.empty(), false, false, Duration.ZERO, GarpSettings.KEEPALIVED_DEFAULTS));
    }
}
