package dev.vigil.ipvs.conn;

import java.util.EnumMap;
import java.util.Map;

/**
 * Per-state timeouts in seconds: the kernel's defaults, changed by {@code ipvsadm --set
 * tcp tcpfin udp} (IPVS_CMD_SET_CONFIG sets ESTABLISHED, FIN_WAIT and the UDP timeout).
 */
public record ConnectionTimeouts(Map<TcpState, Integer> tcp, int udpSeconds) {

    /** UDP's single state timeout ({@code udp_timeouts[IP_VS_UDP_S_NORMAL]} = 5 min). */
    public static final int DEFAULT_UDP_SECONDS = 5 * 60;

    public ConnectionTimeouts {
        EnumMap<TcpState, Integer> copy = new EnumMap<>(TcpState.class);
        for (TcpState s : TcpState.values()) {
            copy.put(s, tcp.getOrDefault(s, s.defaultTimeoutSeconds()));
        }
        tcp = Map.copyOf(copy);
    }

    public static ConnectionTimeouts defaults() {
        return new ConnectionTimeouts(Map.of(), DEFAULT_UDP_SECONDS);
    }

    /** {@code ipvsadm --set tcp tcpfin udp}; 0 keeps the current value, as the kernel does. */
    public ConnectionTimeouts withSet(int tcpSeconds, int tcpFinSeconds, int udp) {
        Map<TcpState, Integer> next = new EnumMap<>(tcp);
        if (tcpSeconds > 0) {
            next.put(TcpState.ESTABLISHED, tcpSeconds);
        }
        if (tcpFinSeconds > 0) {
            next.put(TcpState.FIN_WAIT, tcpFinSeconds);
        }
        return new ConnectionTimeouts(next, udp > 0 ? udp : udpSeconds);
    }

    public int seconds(TcpState state) {
        return tcp.get(state);
    }
}
