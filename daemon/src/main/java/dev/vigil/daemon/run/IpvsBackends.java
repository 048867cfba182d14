package dev.vigil.daemon.run;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.netlink.IpvsProbe;
import dev.vigil.ipvs.netlink.IpvsUnavailableException;
import dev.vigil.ipvs.netlink.NetlinkIpvsBackend;
import dev.vigil.ipvs.userspace.ForwarderSettings;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends of {@code --backend}: {@code kernel} is the kernel's IPVS over generic netlink,
 * {@code userspace} the Netty forwarder, and {@code auto} the kernel's when the IPVS family
 * answers (a real probe), else the forwarder, with one log line saying which and why.
 */
public final class IpvsBackends implements BackendFactory {

    private static final Logger LOG = LoggerFactory.getLogger(IpvsBackends.class);

    /** HotSpot's tier 4: code compiled by C2. */
    private static final int FULL_OPTIMIZATION = 4;

    private final ForwarderSettings forwarder;

    public IpvsBackends(ForwarderSettings forwarder) {
        this.forwarder = forwarder;
    }

    public IpvsBackends() {
        this(ForwarderSettings.defaults());
    }

    @Override
    public IpvsBackend open(BackendChoice choice) throws BackendUnavailableException {
        return switch (choice) {
            case KERNEL -> kernel();
            case USERSPACE -> new UserspaceIpvsBackend(forwarder);
            case AUTO -> {
                IpvsProbe probe = NetlinkIpvsBackend.probe();
                if (probe instanceof IpvsProbe.Unavailable unavailable) {
                    LOG.info("IPVS backend: userspace forwarder ({})", unavailable.message());
                    if (onlyTheFirstCompiler()) {
                        LOG.warn("the forwarder runs with the launcher's memory defaults (C1 compiler only, serial"
                                + " collector), which cost it about 10 % of its speed; start with --backend userspace"
                                + " to give it the JVM's full compilers and collector");
                    }
                    yield new UserspaceIpvsBackend(forwarder);
                }
                LOG.info("IPVS backend: kernel");
                yield kernel();
            }
        };
    }

    /** True when the JVM runs with {@code -XX:TieredStopAtLevel} below 4 (no C2), as the launcher's memory defaults ask. */
    private static boolean onlyTheFirstCompiler() {
        try {
            String level = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("TieredStopAtLevel").getValue();
            return Integer.parseInt(level) < FULL_OPTIMIZATION;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static IpvsBackend kernel() throws BackendUnavailableException {
        try {
            return NetlinkIpvsBackend.open();
        } catch (IpvsUnavailableException e) {
            throw new BackendUnavailableException("--backend kernel: " + e.getMessage(), e);
        }
    }
}
