package dev.vigil.daemon.run;

import dev.vigil.conf.model.GlobalDefs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which daemon this is among several on one machine: keepalived's {@code net_namespace}
 * (or {@code -s/--namespace}, which overrides it) and {@code instance}. They decide the
 * default pid file and control socket, laid out as keepalived's pid files are seen from the
 * host: {@code /run/vigil[/NAMESPACE]/vigil[_INSTANCE].pid} and {@code .sock} beside it
 * (keepalived: {@code /run/keepalived[/NAMESPACE]/keepalived[_INSTANCE].pid}). keepalived
 * refuses a reload that changes either, and so does Vigil ({@link #reloadRefusals}).
 *
 * @param netNamespace the network namespace the daemon runs in ({@code ip netns} name)
 * @param instance     the instance name
 */
public record DaemonIdentity(Optional<String> netNamespace, Optional<String> instance) {

    /** The directory of the default pid files and control sockets. */
    public static final Path RUN_DIRECTORY = Path.of("/run/vigil");

    /** A daemon without a namespace or instance name: Vigil's plain default paths. */
    public static final DaemonIdentity PLAIN = new DaemonIdentity(Optional.empty(), Optional.empty());

    public DaemonIdentity {
        Objects.requireNonNull(netNamespace, "netNamespace");
        Objects.requireNonNull(instance, "instance");
        netNamespace.ifPresent(name -> requirePathSafe("net_namespace", name));
        instance.ifPresent(name -> requirePathSafe("instance", name));
    }

    /** The identity a configuration's {@code global_defs} gives, with {@code -s NAME} taking precedence. */
    public static DaemonIdentity of(GlobalDefs globals, Optional<String> namespaceOverride) {
        return new DaemonIdentity(namespaceOverride.or(globals::netNamespace), globals.instance());
    }

    /** The pid file when {@code -p} does not name one. */
    public Path pidFile() {
        return directory().resolve(stem() + ".pid");
    }

    /** The control socket when {@code --control-socket} does not name one. */
    public Path controlSocket() {
        return directory().resolve(stem() + ".sock");
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

    private Path directory() {
        return netNamespace.map(RUN_DIRECTORY::resolve).orElse(RUN_DIRECTORY);
    }

    private String stem() {
        return "vigil" + instance.map(name -> "_" + name).orElse("");
    }

    private static String describe(Optional<String> name) {
        return name.map(n -> "'" + n + "'").orElse("none");
    }

    private static void requirePathSafe(String keyword, String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(keyword + " '" + name + "': not usable as a file name");
        }
    }
}
