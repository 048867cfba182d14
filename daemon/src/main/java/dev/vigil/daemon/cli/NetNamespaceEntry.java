package dev.vigil.daemon.cli;

import dev.vigil.daemon.run.Daemon;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Puts the daemon inside keepalived's {@code net_namespace} (or {@code -s NAME}) before it
 * starts, as keepalived setns(2)s at start. A JVM has many threads by then and setns moves
 * only the calling one, so the process execs itself inside the namespace instead
 * ({@link NetNamespace#execInside}): the same pid, command line (plus {@link #ENTERED}) and
 * environment, every thread and {@code /proc/self/net} inside. The new process finds itself
 * inside and goes on.
 */
final class NetNamespaceEntry {

    /**
     * A system property of the JVM exec'd inside the namespace (on its command line, not in
     * its environment, which scripts inherit). If that process still finds itself outside, it
     * stops instead of exec'ing again.
     */
    static final String ENTERED = "vigil.enteredNetNamespace";

    private NetNamespaceEntry() {
    }

    /**
     * Empty when this process is inside namespace {@code name}. Otherwise execs this process
     * inside it, and returns only when that cannot be done: the exit code, after printing why
     * to {@code err}.
     */
    static OptionalInt ensureInside(String name, Map<String, String> environment, PrintWriter err) {
        try {
            if (NetNamespace.isCurrent(name)) {
                return OptionalInt.empty();
            }
        } catch (IOException e) {
            return failed(err, name, "cannot compare it with this process's namespace: " + e.getMessage());
        }
        if (!Files.exists(NetNamespace.path(name))) {
            return failed(err, name, NetNamespace.path(name) + " does not exist; create the namespace first"
                    + " (ip netns add " + name + ")");
        }
        if (name.equals(System.getProperty(ENTERED))) {
            return failed(err, name, "still outside it after entering it and executing again");
        }
        err.println("vigil: entering network namespace " + name);
        err.flush();
        System.out.flush();
        System.err.flush();
        try {
            NetNamespace.execInside(name, environment, List.of("-D" + ENTERED + "=" + name));
            return failed(err, name, "execve returned");
        } catch (NativeException | IOException e) {
            return failed(err, name, e.getMessage());
        }
    }

    private static OptionalInt failed(PrintWriter err, String name, String why) {
        err.println("vigil: net_namespace " + name + ": " + why);
        err.flush();
        return OptionalInt.of(Daemon.EXIT_FAILURE);
    }
}
