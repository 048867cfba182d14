package dev.vigil.ipvs.conn;

/**
 * IPVS TCP connection states ({@code IP_VS_TCP_S_*}, ip_vs_proto_tcp.c) in kernel order,
 * with the kernel's default timeouts ({@code tcp_timeouts[]}).
 */
public enum TcpState {
    NONE(2),
    ESTABLISHED(15 * 60),
    SYN_SENT(2 * 60),
    SYN_RECV(60),
    FIN_WAIT(2 * 60),
    TIME_WAIT(2 * 60),
    CLOSE(10),
    CLOSE_WAIT(60),
    LAST_ACK(30),
    LISTEN(2 * 60),
    SYNACK(2 * 60);

    private final int defaultTimeoutSeconds;

    TcpState(int defaultTimeoutSeconds) {
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    public int defaultTimeoutSeconds() {
        return defaultTimeoutSeconds;
    }
}
