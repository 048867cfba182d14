package dev.vigil.ipvs.conn;

import static dev.vigil.ipvs.conn.TcpState.CLOSE;
import static dev.vigil.ipvs.conn.TcpState.CLOSE_WAIT;
import static dev.vigil.ipvs.conn.TcpState.ESTABLISHED;
import static dev.vigil.ipvs.conn.TcpState.FIN_WAIT;
import static dev.vigil.ipvs.conn.TcpState.LAST_ACK;
import static dev.vigil.ipvs.conn.TcpState.LISTEN;
import static dev.vigil.ipvs.conn.TcpState.SYN_RECV;
import static dev.vigil.ipvs.conn.TcpState.SYN_SENT;
import static dev.vigil.ipvs.conn.TcpState.TIME_WAIT;

/**
 * IPVS's TCP state transitions (the non-"secure_tcp" {@code tcp_states[]} of current
 * ip_vs_proto_tcp.c, where an ACK on a NONE connection means ESTABLISHED): next state by
 * (direction, flag row, current state). Connections without output packets (DR and TUN,
 * flag NOOUTPUT) use the INPUT-ONLY block until the director sees a packet from the real
 * server. {@link #isActive} is {@code tcp_state_active_table[]}: the states counted in a
 * destination's ActiveConn.
 */
final class TcpStateTable {

    /** Columns: current state NONE, ES, SS, SR, FW, TW, CL, CW, LA, LI, SA. Rows: syn, fin, ack, rst. */
    private static final TcpState[][] INPUT = {
        {SYN_RECV, ESTABLISHED, ESTABLISHED, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV},
        {CLOSE, CLOSE_WAIT, SYN_SENT, TIME_WAIT, TIME_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, TIME_WAIT},
        {ESTABLISHED, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, CLOSE, LISTEN,
            ESTABLISHED},
        {CLOSE, CLOSE, CLOSE, SYN_RECV, CLOSE, CLOSE, CLOSE, CLOSE, LAST_ACK, LISTEN, SYN_RECV},
    };
    private static final TcpState[][] OUTPUT = {
        {SYN_SENT, ESTABLISHED, SYN_SENT, SYN_RECV, SYN_SENT, SYN_SENT, SYN_SENT, SYN_SENT, SYN_SENT, LISTEN, SYN_RECV},
        {TIME_WAIT, FIN_WAIT, SYN_SENT, TIME_WAIT, FIN_WAIT, TIME_WAIT, CLOSE, TIME_WAIT, LAST_ACK, LISTEN, TIME_WAIT},
        {ESTABLISHED, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, ESTABLISHED,
            ESTABLISHED},
        {CLOSE, CLOSE, SYN_SENT, CLOSE, CLOSE, TIME_WAIT, CLOSE, CLOSE, CLOSE, CLOSE, CLOSE},
    };
    private static final TcpState[][] INPUT_ONLY = {
        {SYN_RECV, ESTABLISHED, ESTABLISHED, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV},
        {CLOSE, FIN_WAIT, SYN_SENT, TIME_WAIT, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, TIME_WAIT},
        {ESTABLISHED, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, CLOSE, LISTEN,
            ESTABLISHED},
        {CLOSE, CLOSE, CLOSE, SYN_RECV, CLOSE, CLOSE, CLOSE, CLOSE, LAST_ACK, LISTEN, CLOSE},
    };

    private TcpStateTable() {
    }

    /** SYN_SENT, SYN_RECV, ESTABLISHED and SYNACK count as active; every other state as inactive. */
    static boolean isActive(TcpState state) {
        return switch (state) {
            case ESTABLISHED, SYN_SENT, SYN_RECV, SYNACK -> true;
            default -> false;
        };
    }

    /**
     * The next state; a segment with none of SYN/FIN/ACK/RST moves the connection to CLOSE,
     * as {@code set_tcp_state} does.
     */
    static TcpState next(TcpState current, Direction direction, boolean inputOnly, TcpFlags flags) {
        int row = flags.row();
        if (row < 0) {
            return CLOSE;
        }
        TcpState[][] block = direction == Direction.OUTPUT ? OUTPUT : inputOnly ? INPUT_ONLY : INPUT;
        return block[row][current.ordinal()];
    }
}
