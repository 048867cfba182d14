package dev.vigil.daemon.control;

import dev.vigil.common.text.FileName;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a daemon keeps its pid file and control socket when the command line names neither:
 * {@code /run/vigil[/NAMESPACE]/vigil[_INSTANCE].pid} and {@code .sock} beside it, keepalived's
 * layout of its pid files as the host sees them
 * ({@code /run/keepalived[/NAMESPACE]/keepalived[_INSTANCE].pid}). {@code vigil ctl} finds a
 * daemon's socket the same way.
 *
 * @param netNamespace the daemon's network namespace ({@code net_namespace} or {@code -s})
 * @param instance     the daemon's {@code instance} name
 */
public record DaemonPaths(Optional<String> netNamespace, Optional<String> instance) {

    /** The directory of the default pid files and control sockets. */
    public static final Path RUN_DIRECTORY = Path.of("/run/vigil");

    public DaemonPaths {
        Objects.requireNonNull(netNamespace, "netNamespace");
        Objects.requireNonNull(instance, "instance");
        netNamespace.ifPresent(name -> requireFileName("net_namespace", name));
        instance.ifPresent(name -> requireFileName("instance", name));
    }

    /** The default pid file. */
    public Path pidFile() {
        return directory().resolve(stem() + ".pid");
    }

    /** The default control socket. */
    public Path controlSocket() {
        return directory().resolve(stem() + ".sock");
    }

    private Path directory() {
        return netNamespace.map(RUN_DIRECTORY::resolve).orElse(RUN_DIRECTORY);
    }

    private String stem() {
        return "vigil" + instance.map(name -> "_" + name).orElse("");
    }

    private static void requireFileName(String keyword, String name) {
        if (!FileName.isPlain(name)) {
            throw new IllegalArgumentException(keyword + " '" + name + "': not usable as a file name");
        }
    }
}
