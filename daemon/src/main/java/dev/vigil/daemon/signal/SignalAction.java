package dev.vigil.daemon.signal;

/** What the daemon does for a signal: keepalived's signal functions (lib/signals.c, reference §1.7). */
public enum SignalAction {
    /** Stop the daemon (SIGTERM, SIGINT). */
    STOP,
    /** Reload the configuration (SIGHUP). */
    RELOAD,
    /** Write the data dump files (SIGUSR1). */
    DATA,
    /** Write the statistics file (SIGUSR2). */
    STATS,
    /** Write the statistics file, then reset the counters (SIGRTMAX-1). */
    STATS_CLEAR,
    /** Write keepalived.json (SIGRTMIN+2). */
    JSON
}
