package dev.vigil.ipvs.conn;

/** The TCP header flags that drive IPVS's state table. */
public record TcpFlags(boolean syn, boolean fin, boolean ack, boolean rst) {

    public static final TcpFlags SYN = new TcpFlags(true, false, false, false);
    public static final TcpFlags SYN_ACK = new TcpFlags(true, false, true, false);
    public static final TcpFlags ACK = new TcpFlags(false, false, true, false);
    public static final TcpFlags FIN_ACK = new TcpFlags(false, true, true, false);
    public static final TcpFlags RST = new TcpFlags(false, false, false, true);

    /** Row of the state table ({@code tcp_state_idx}): rst, then syn, fin, ack; -1 = none. */
    int row() {
        if (rst) {
            return 3;
        }
        if (syn) {
            return 0;
        }
        if (fin) {
            return 1;
        }
        return ack ? 2 : -1;
    }
}
