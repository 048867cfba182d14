package dev.vigil.daemon.cli;

import java.util.Map;
import java.util.Optional;

/**
 * keepalived's {@code --signum=NAME}: the signal number an operator sends for each action
 * (keepalived lib/signals.c), so {@code kill -s $(vigil --signum=RELOAD) PID} works the same.
 * Numbers are Linux x86-64/arm64 ones; SIGRTMIN is 34 and SIGRTMAX 64 for glibc programs.
 * Names are case-sensitive and TDUMP (thread-dump builds only) is unknown, as in Debian's
 * keepalived 2.2.7.
 */
public final class SignalNames {

    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    /** keepalived's names → signal numbers. */
    private static final Map<String, Integer> NUMBERS = Map.of(
            "STOP", 15,                   // SIGTERM
            "RELOAD", 1,                  // SIGHUP
            "DATA", 10,                   // SIGUSR1
            "STATS", 12,                  // SIGUSR2
            "STATS_CLEAR", SIGRTMAX - 1,
            "JSON", SIGRTMIN + 2);

    private SignalNames() {
    }

    /** The number for a keepalived signal name, if it is one. */
    public static Optional<Integer> number(String name) {
        return Optional.ofNullable(NUMBERS.get(name));
    }
}
