package dev.vigil.daemon.signal;

/**
 * The signals the daemon handles, with their Linux numbers and actions (keepalived
 * lib/signals.c; reference §1.7). The real-time numbers are glibc's: SIGRTMIN is 34 and
 * SIGRTMAX 64 for glibc programs on x86-64 and arm64 (the kernel's 32 and 33 are reserved by
 * glibc), so STATS_CLEAR is 63 and JSON is 36, as {@code keepalived --signum} prints.
 */
public enum DaemonSignal {
    HUP(1, "HUP", SignalAction.RELOAD),
    INT(2, "INT", SignalAction.STOP),
    TERM(15, "TERM", SignalAction.STOP),
    USR1(10, "USR1", SignalAction.DATA),
    USR2(12, "USR2", SignalAction.STATS),
    /** SIGRTMAX-1. */
    RTMAX_MINUS_1(63, "RTMAX-1", SignalAction.STATS_CLEAR),
    /** SIGRTMIN+2. */
    RTMIN_PLUS_2(36, "RTMIN+2", SignalAction.JSON);

    /** First real-time signal number (glibc's SIGRTMIN). */
    static final int FIRST_REALTIME = 34;

    private final int number;
    private final String name;
    private final SignalAction action;

    DaemonSignal(int number, String name, SignalAction action) {
        this.number = number;
        this.name = name;
        this.action = action;
    }

    /** The Linux signal number ({@code kill -NUMBER}). */
    public int number() {
        return number;
    }

    /** The name without "SIG" ({@code HUP}, {@code RTMAX-1}). */
    public String signalName() {
        return name;
    }

    public SignalAction action() {
        return action;
    }

    /** Whether this is a POSIX real-time signal, which the JDK's signal API does not name. */
    public boolean realtime() {
        return number >= FIRST_REALTIME;
    }
}
