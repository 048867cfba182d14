package dev.vigil.daemon.run;

import dev.vigil.conf.model.LvsTimeouts;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import dev.vigil.ipvs.conn.TcpState;
import dev.vigil.ipvs.netlink.IpvsTimeouts;
import dev.vigil.ipvs.netlink.KernelReply;
import dev.vigil.ipvs.netlink.NetlinkIpvsBackend;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code global_defs}' {@code lvs_timeouts tcp N tcpfin N udp N} on the IPVS backend, as
 * keepalived's checker applies it ({@code start_check()} in check_daemon.c,
 * {@code ipvs_set_timeout()} in libipvs.c): before the first change the backend's own timeouts
 * are read and kept as the originals; a configuration with timeouts sets all three, a part it
 * leaves out getting its original value; a reload whose configuration has none puts the
 * originals back, and so does {@link #restore} at stop. The kernel backend is set with
 * {@code IPVS_CMD_SET_CONFIG}, the userspace forwarder through its connection table; other
 * backends have no timeouts to set.
 *
 * <p>Thread-safe (one change at a time).
 */
final class IpvsTimeoutSetter {

    /** Guarded by this: the backend's timeouts before the first change, once read. */
    private Optional<IpvsTimeouts> original = Optional.empty();

    /**
     * The three timeouts to set for {@code configured}: each given part, else the original.
     * keepalived treats a part given as 0 as not given.
     */
    static IpvsTimeouts wanted(LvsTimeouts configured, IpvsTimeouts original) {
        return new IpvsTimeouts(seconds(configured.tcp()).orElse(original.tcp()),
                seconds(configured.tcpFin()).orElse(original.tcpFin()),
                seconds(configured.udp()).orElse(original.udp()));
    }

    /** Whether any part is set (keepalived: any of the three non-zero). */
    static boolean anySet(LvsTimeouts configured) {
        return seconds(configured.tcp()).isPresent() || seconds(configured.tcpFin()).isPresent()
                || seconds(configured.udp()).isPresent();
    }

    private static Optional<Integer> seconds(Optional<Duration> part) {
        return part.map(d -> (int) Math.min(d.toSeconds(), Integer.MAX_VALUE)).filter(s -> s > 0);
    }

    /**
     * Applies {@code configured} (empty: none in the configuration) to {@code backend}; returns
     * what was done for the log and the reload's answer, or why it failed, and empty when there
     * was nothing to do.
     */
    synchronized Optional<String> apply(IpvsBackend backend, Optional<LvsTimeouts> configured) {
        boolean set = configured.map(IpvsTimeoutSetter::anySet).orElse(false);
        if (!set) {
            return original.isEmpty() ? Optional.empty()
                    : Optional.of(write(backend, original.get(), "lvs_timeouts: removed, original timeouts "));
        }
        if (original.isEmpty()) {
            switch (read(backend)) {
                case Read.Timeouts(IpvsTimeouts now) -> original = Optional.of(now);
                case Read.Failed(String why) -> {
                    return Optional.of("lvs_timeouts not applied: " + why);
                }
            }
        }
        return Optional.of(write(backend, wanted(configured.get(), original.get()), "lvs_timeouts: "));
    }

    /** At stop: the originals back, if timeouts were ever changed; returns what was done. */
    synchronized Optional<String> restore(IpvsBackend backend) {
        return original.map(o -> write(backend, o, "lvs_timeouts: original timeouts "));
    }

    /** The backend's current timeouts ({@code ipvsadm -L --timeout}), or why they cannot be read. */
    static Read read(IpvsBackend backend) {
        return switch (backend) {
            case NetlinkIpvsBackend kernel -> switch (kernel.timeouts()) {
                case KernelReply.Value<IpvsTimeouts>(IpvsTimeouts t) -> new Read.Timeouts(t);
                case KernelReply.Failed<IpvsTimeouts> failed ->
                        new Read.Failed("cannot read the kernel's IPVS timeouts: " + failed.detail());
            };
            case UserspaceIpvsBackend forwarder -> {
                ConnectionTimeouts t = forwarder.timeouts();
                yield new Read.Timeouts(new IpvsTimeouts(t.seconds(TcpState.ESTABLISHED),
                        t.seconds(TcpState.FIN_WAIT), t.udpSeconds()));
            }
            default -> new Read.Failed("this IPVS backend has no connection timeouts");
        };
    }

    private static String write(IpvsBackend backend, IpvsTimeouts t, String what) {
        String text = what + "tcp " + t.tcp() + " tcpfin " + t.tcpFin() + " udp " + t.udp();
        return switch (backend) {
            case NetlinkIpvsBackend kernel -> {
                IpvsResult result = kernel.setTimeouts(t);
                yield result instanceof IpvsResult.Failed(var error, String detail)
                        ? text + " not set: " + error + " (" + detail + ")" : text + " set";
            }
            case UserspaceIpvsBackend forwarder -> {
                forwarder.setTimeouts(forwarder.timeouts().withSet(t.tcp(), t.tcpFin(), t.udp()));
                yield text + " set";
            }
            default -> text + " not set: this IPVS backend has no connection timeouts";
        };
    }

    /** The backend's timeouts, or why they could not be read. */
    sealed interface Read {
        record Timeouts(IpvsTimeouts timeouts) implements Read {
        }

        record Failed(String reason) implements Read {
        }
    }
}
