package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPVS connection-synchronisation daemon ({@code IPVS_CMD_NEW_DAEMON}; ipvsadm
 * {@code --start-daemon}, keepalived {@code lvs_sync_daemon}). The kernel runs at most one
 * master and one backup per network namespace. Zero / empty optional settings mean "the
 * kernel's default" on start (maximum message length from the interface MTU, group
 * 224.0.0.81 or ff02::81, port 8848, TTL 1) and are filled in by the kernel when it reports
 * a running daemon.
 *
 * @param state         master (sends) or backup (receives)
 * @param interfaceName the multicast interface (IPVS_DAEMON_ATTR_MCAST_IFN, at most 15 bytes)
 * @param syncId        the sync id (0..255 in practice; 0 on a backup accepts any)
 * @param maxLength     IPVS_DAEMON_ATTR_SYNC_MAXLEN, 0 = default
 * @param group         IPVS_DAEMON_ATTR_MCAST_GROUP / GROUP6
 * @param port          IPVS_DAEMON_ATTR_MCAST_PORT, 0 = default
 * @param ttl           IPVS_DAEMON_ATTR_MCAST_TTL, 0 = default
 */
public record SyncDaemon(State state, String interfaceName, int syncId, int maxLength, Optional<IpAddress> group,
                         int port, int ttl) {

    /** IP_VS_IFNAME_MAXLEN (16) includes the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(group, "group");
        if (maxLength < 0 || maxLength > 0xffff || port < 0 || port > 0xffff || ttl < 0 || ttl > 0xff) {
            throw new IllegalArgumentException("maxLength and port are 16-bit, ttl 8-bit: "
                    + maxLength + ", " + port + ", " + ttl);
        }
    }

    /** A daemon with the kernel's defaults for everything but state, interface and sync id. */
    public static SyncDaemon of(State state, String interfaceName, int syncId) {
        return new SyncDaemon(state, interfaceName, syncId, 0, Optional.empty(), 0, 0);
    }

    /** IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP. */
    public enum State {
        MASTER(1),
        BACKUP(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<State> fromCode(long code) {
            for (State s : values()) {
                if (s.code == code) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }
}
