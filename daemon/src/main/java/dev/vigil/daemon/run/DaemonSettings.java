package dev.vigil.daemon.run;

import dev.vigil.daemon.control.ControlServerSettings;
import dev.vigil.daemon.metrics.MetricsListen;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one daemon runs: the command line, resolved (DESIGN.md, command-line contract).
 *
 * @param configFile      {@code -f}
 * @param configId        {@code -i}
 * @param pidFile         {@code -p}
 * @param controlSocket   {@code --control-socket}
 * @param metrics         {@code --metrics}
 * @param backend         {@code --backend}
 * @param runVrrp         false with {@code -C} alone
 * @param runCheckers     false with {@code -P} alone
 * @param releaseVips     false with {@code -V/--dont-release-vrrp}
 * @param releaseIpvs     false with {@code -I/--dont-release-ipvs}
 * @param installSignals  handle TERM, INT, HUP, USR1, USR2 and the real-time signals (false in
 *                        tests that run a daemon inside the test JVM)
 * @param allConfig       {@code -e/--all-config}: a missing or unreadable included file stops
 *                        the load (at start and at every reload)
 * @param namespace       {@code -s/--namespace}: the network namespace, over the
 *                        configuration's {@code net_namespace} (at start and at every reload)
 */
public record DaemonSettings(Path configFile, Optional<String> configId, Path pidFile, Path controlSocket,
                             MetricsListen metrics, BackendChoice backend, boolean runVrrp, boolean runCheckers,
                             boolean releaseVips, boolean releaseIpvs, boolean installSignals,
                             boolean allConfig, Optional<String> namespace) {

    public DaemonSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(namespace, "namespace");
        if (metrics instanceof MetricsListen.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
    }

    /** Settings without {@code -s/--namespace}. */
    public DaemonSettings(Path configFile, Optional<String> configId, Path pidFile, Path controlSocket,
                          MetricsListen metrics, BackendChoice backend, boolean runVrrp, boolean runCheckers,
                          boolean releaseVips, boolean releaseIpvs, boolean installSignals, boolean allConfig) {
        this(configFile, configId, pidFile, controlSocket, metrics, backend, runVrrp, runCheckers, releaseVips,
                releaseIpvs, installSignals, allConfig, Optional.empty());
    }

    /** Defaults for {@code configFile}: both subsystems, keepalived's release rules, Vigil's default paths. */
    public static DaemonSettings defaults(Path configFile) {
        return new DaemonSettings(configFile, Optional.empty(), Path.of(PidFile.DEFAULT),
                ControlServerSettings.DEFAULT_SOCKET, MetricsListen.parse(MetricsListen.DEFAULT), BackendChoice.AUTO,
                true, true, true, true, true, false);
    }

    public DaemonSettings withPaths(Path newPidFile, Path newControlSocket) {
        return new DaemonSettings(configFile, configId, newPidFile, newControlSocket, metrics, backend, runVrrp,
                runCheckers, releaseVips, releaseIpvs, installSignals, allConfig, namespace);
    }

    public DaemonSettings withMetrics(MetricsListen newMetrics) {
        return new DaemonSettings(configFile, configId, pidFile, controlSocket, newMetrics, backend, runVrrp,
                runCheckers, releaseVips, releaseIpvs, installSignals, allConfig, namespace);
    }

    public DaemonSettings withSubsystems(boolean vrrp, boolean checkers) {
        return new DaemonSettings(configFile, configId, pidFile, controlSocket, metrics, backend, vrrp, checkers,
                releaseVips, releaseIpvs, installSignals, allConfig, namespace);
    }

    public DaemonSettings withSignals(boolean install) {
        return new DaemonSettings(configFile, configId, pidFile, controlSocket, metrics, backend, runVrrp,
                runCheckers, releaseVips, releaseIpvs, install, allConfig, namespace);
    }
}
