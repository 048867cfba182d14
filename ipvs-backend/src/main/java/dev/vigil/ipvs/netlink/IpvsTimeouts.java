package dev.vigil.ipvs.netlink;

/**
 * The connection timeouts {@code IPVS_CMD_SET_CONFIG} / {@code GET_CONFIG} carry, in
 * seconds ({@code ipvsadm --set tcp tcpfin udp}, keepalived's {@code lvs_timeouts}).
 * On SET_CONFIG a 0 leaves that timeout unchanged (ip_vs_set_timeout).
 *
 * @param tcp    TCP ESTABLISHED
 * @param tcpFin TCP FIN_WAIT
 * @param udp    UDP
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {

    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts cannot be negative: " + tcp + " " + tcpFin + " " + udp);
        }
    }
}
