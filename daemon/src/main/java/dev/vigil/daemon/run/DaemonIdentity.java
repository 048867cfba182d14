package dev.vigil.daemon.run;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.daemon.control.DaemonPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which daemon this is among several on one machine: keepalived's {@code net_namespace}
 * (or {@code -s/--namespace}, which overrides it) and {@code instance}. They decide the
 * default pid file and control socket ({@link DaemonPaths}). keepalived refuses a reload that
 * changes either, and so does Vigil ({@link #reloadRefusals}).
 *
 * @param netNamespace the network namespace the daemon runs in ({@code ip netns} name)
 * @param instance     the instance name
 */
public record DaemonIdentity(Optional<String> netNamespace, Optional<String> instance) {

    /** A daemon without a namespace or instance name: Vigil's plain default paths. */
    public static final DaemonIdentity PLAIN = new DaemonIdentity(Optional.empty(), Optional.empty());

    public DaemonIdentity {
        Objects.requireNonNull(netNamespace, "netNamespace");
        Objects.requireNonNull(instance, "instance");
        // Refuses names that cannot be part of a path (IllegalArgumentException).
        new DaemonPaths(netNamespace, instance);
    }

    /** The identity a configuration's {@code global_defs} gives, with {@code -s NAME} taking precedence. */
    public static DaemonIdentity of(GlobalDefs globals, Optional<String> namespaceOverride) {
        return new DaemonIdentity(namespaceOverride.or(globals::netNamespace), globals.instance());
    }

    /** The pid file when {@code -p} does not name one. */
    public Path pidFile() {
        return paths().pidFile();
    }

    /** The control socket when {@code --control-socket} does not name one. */
    public Path controlSocket() {
        return paths().controlSocket();
    }

    private DaemonPaths paths() {
        return new DaemonPaths(netNamespace, instance);
    }

    /**
     * Why a reload to a configuration of identity {@code next} must be refused, one line per
     * changed setting (keepalived: "Cannot change network namespace at a reload - please
     * restart"); empty when neither changed.
     */
    public List<String> reloadRefusals(DaemonIdentity next) {
        List<String> refusals = new ArrayList<>();
        if (!netNamespace.equals(next.netNamespace)) {
            refusals.add("net_namespace cannot change at a reload (" + describe(netNamespace) + " -> "
                    + describe(next.netNamespace) + "); restart Vigil to move it");
        }
        if (!instance.equals(next.instance)) {
            refusals.add("instance cannot change at a reload (" + describe(instance) + " -> "
                    + describe(next.instance) + "); restart Vigil to rename it");
        }
        return refusals;
    }

    private static String describe(Optional<String> name) {
        return name.map(n -> "'" + n + "'").orElse("none");
    }
}
