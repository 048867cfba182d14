package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import org.junit.jupiter.api.Test;

/** errno → IpvsError per command, as ip_vs_ctl.c chooses them (shared/reference/ipvs.md §1.2). */
class KernelErrorsTest {

    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int ENOMEM = 12;
    private static final int EACCES = 13;
    private static final int EEXIST = 17;
    private static final int EINVAL = 22;
    private static final int ERANGE = 34;
    private static final int EOPNOTSUPP = 95;
    private static final int EAFNOSUPPORT = 97;

    @Test
    void existsDependsOnWhatWasAdded() {
        assertEquals(IpvsError.SERVICE_EXISTS, KernelErrors.map(IpvsCommand.NEW_SERVICE, EEXIST));
        assertEquals(IpvsError.DESTINATION_EXISTS, KernelErrors.map(IpvsCommand.NEW_DEST, EEXIST));
    }

    @Test
    void esrchIsAMissingServiceForEveryCommand() {
        int checked = 0;
        for (IpvsCommand c : IpvsCommand.values()) {
            if (!c.name().endsWith("_DAEMON")) {
                assertEquals(IpvsError.SERVICE_NOT_FOUND, KernelErrors.map(c, ESRCH), c.label());
                checked++;
            }
        }
        assertEquals(14, checked);
    }

    @Test
    void enoentIsAnUnknownSchedulerForServicesAndAMissingDestinationOtherwise() {
        assertEquals(IpvsError.UNKNOWN_SCHEDULER, KernelErrors.map(IpvsCommand.NEW_SERVICE, ENOENT));
        assertEquals(IpvsError.UNKNOWN_SCHEDULER, KernelErrors.map(IpvsCommand.SET_SERVICE, ENOENT));
        assertEquals(IpvsError.DESTINATION_NOT_FOUND, KernelErrors.map(IpvsCommand.SET_DEST, ENOENT));
        assertEquals(IpvsError.DESTINATION_NOT_FOUND, KernelErrors.map(IpvsCommand.DEL_DEST, ENOENT));
    }

    @Test
    void argumentRangeAndPermissionErrors() {
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.NEW_SERVICE, EINVAL));
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.NEW_SERVICE, EAFNOSUPPORT));
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.NEW_DEST, EOPNOTSUPP));
        assertEquals(IpvsError.OUT_OF_RANGE, KernelErrors.map(IpvsCommand.NEW_DEST, ERANGE));
        assertEquals(IpvsError.PERMISSION_DENIED, KernelErrors.map(IpvsCommand.FLUSH, EPERM));
        assertEquals(IpvsError.PERMISSION_DENIED, KernelErrors.map(IpvsCommand.FLUSH, EACCES));
        assertEquals(IpvsError.UNAVAILABLE, KernelErrors.map(IpvsCommand.NEW_SERVICE, ENOMEM));
    }

    @Test
    void failureKeepsTheExceptionMessageAsDetail() {
        NativeException e = new NativeException("IPVS_CMD_FLUSH all services", EPERM, Capability.CAP_NET_ADMIN);
        IpvsResult.Failed f = KernelErrors.failure(IpvsCommand.FLUSH, e);
        assertEquals(IpvsError.PERMISSION_DENIED, f.error());
        assertEquals(e.getMessage(), f.detail());
        assertEquals(true, f.detail().contains("CAP_NET_ADMIN"), f.detail());
    }

    @Test
    void daemonErrorsDoNotPretendToBeAboutServices() {
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.NEW_DAEMON, EEXIST));
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.DEL_DAEMON, ESRCH));
        assertEquals(IpvsError.INVALID_ARGUMENT, KernelErrors.map(IpvsCommand.NEW_DAEMON, EINVAL));
        assertEquals(IpvsError.PERMISSION_DENIED, KernelErrors.map(IpvsCommand.GET_DAEMON, EPERM));
        assertEquals(IpvsError.UNAVAILABLE, KernelErrors.map(IpvsCommand.NEW_DAEMON, ENOMEM));
    }
}
