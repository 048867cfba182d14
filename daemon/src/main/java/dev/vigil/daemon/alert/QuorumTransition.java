package dev.vigil.daemon.alert;

/**
 * Why a virtual server's quorum state is being reported (check/ipwrapper.c,
 * {@code do_vs_notifies()}): the leading words of the mail body, or "Shutting down".
 */
public enum QuorumTransition {
    GAINED("Gained quorum", true),
    LOST("Lost quorum", false),
    STARTING_UP("Starting with quorum up", true),
    STARTING_DOWN("Starting with quorum down", false),
    /** The daemon stops with {@code omega} set; the quorum is reported DOWN. */
    SHUTTING_DOWN("Shutting down", false);

    private final String words;
    private final boolean up;

    QuorumTransition(String words, boolean up) {
        this.words = words;
        this.up = up;
    }

    /** The words keepalived puts after {@code "=> "}. */
    public String words() {
        return words;
    }

    /** The quorum state after the transition (keepalived's {@code quorum_state_up}). */
    public boolean up() {
        return up;
    }
}
