package dev.vigil.daemon.cli;

import dev.vigil.daemon.run.Daemon;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Puts the daemon inside keepalived's {@code net_namespace} (or {@code -s NAME}) before it
 * starts, as keepalived setns(2)s at start. A JVM has many threads by then and setns moves
 * only the calling one, so the process execs itself inside the namespace instead
 * ({@link NetNamespace#execInside}): the same pid, command line and environment, every
 * thread and {@code /proc/self/net} inside. The new process finds itself inside and goes on.
 */
final class NetNamespaceEntry {

    /**
     * Set in the environment of the process exec'd inside the namespace. If that process
     * still finds itself outside, it stops instead of exec'ing again.
     */
    static final String ENTERED = "VIGIL_ENTERED_NET_NAMESPACE";

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
        if (name.equals(environment.get(ENTERED))) {
            return failed(err, name, "still outside it after entering it and executing again");
        }
        err.println("vigil: entering network namespace " + name);
        err.flush();
        System.out.flush();
        System.err.flush();
        Map<String, String> next = new HashMap<>(environment);
        next.put(ENTERED, name);
        try {
            NetNamespace.execInside(name, next);
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
