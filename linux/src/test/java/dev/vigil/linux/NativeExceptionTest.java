package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeExceptionTest {

    @Test
    void permissionDeniedNamesTheMissingCapabilityInOneLine() {
        NativeException e = new NativeException("socket(AF_INET, SOCK_RAW, 112)", 1, Capability.CAP_NET_RAW);
        assertEquals("socket(AF_INET, SOCK_RAW, 112): EPERM (Operation not permitted) (needs CAP_NET_RAW)",
                e.getMessage());
        assertEquals(Optional.of(Capability.CAP_NET_RAW), e.missingCapability());
        assertEquals("EPERM", e.errnoName());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void eaccesAlsoNamesTheCapability() {
        NativeException e = new NativeException("RTM_NEWADDR 10.0.0.1/24 ifindex 2", 13, Capability.CAP_NET_ADMIN);
        assertTrue(e.getMessage().endsWith("(needs CAP_NET_ADMIN)"), e.getMessage());
        assertTrue(e.isPermissionDenied());
    }

    @Test
    void otherErrorsDoNotBlameCapabilities() {
        NativeException e = new NativeException("RTM_NEWADDR 10.0.0.1/24 ifindex 2", 17, Capability.CAP_NET_ADMIN);
        assertEquals("RTM_NEWADDR 10.0.0.1/24 ifindex 2: EEXIST (File exists)", e.getMessage());
        assertTrue(e.missingCapability().isEmpty());
        assertTrue(e.is(Errno.EEXIST));
    }

    @Test
    void detailIsAppended() {
        NativeException e = new NativeException("RTM_NEWADDR x", 22, null, "Invalid prefix length");
        assertEquals("RTM_NEWADDR x: EINVAL (Invalid argument): Invalid prefix length", e.getMessage());
    }

    @Test
    void permissionDeniedWithoutKnownCapabilityStaysPlain() {
        NativeException e = new NativeException("open(/x)", 13, null);
        assertEquals("open(/x): EACCES (Permission denied)", e.getMessage());
        assertTrue(e.missingCapability().isEmpty());
    }
}
