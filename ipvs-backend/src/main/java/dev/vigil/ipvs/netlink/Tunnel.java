package dev.vigil.ipvs.netlink;

import java.util.Objects;
import java.util.Optional;

/**
 * How a TUNNEL destination encapsulates ({@code IPVS_DEST_ATTR_TUN_TYPE / TUN_PORT /
 * TUN_FLAGS}, kernel 5.3+; ipvsadm {@code --tun-type ipip|gue|gre}, keepalived
 * {@code lvs_method TUN type ...}).
 *
 * @param type  the encapsulation
 * @param port  the GUE destination port, 0 otherwise
 * @param flags IP_VS_TUNNEL_ENCAP_FLAG_*: 0 = no checksum, {@link #CSUM}, {@link #REMCSUM}
 */
public record Tunnel(Type type, int port, int flags) {

    /** IP_VS_TUNNEL_ENCAP_FLAG_CSUM. */
    public static final int CSUM = 1;
    /** IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM. */
    public static final int REMCSUM = 1 << 1;
    /** Plain IP-in-IP, what every kernel does without tunnel attributes. */
    public static final Tunnel IPIP = new Tunnel(Type.IPIP, 0, 0);

    public Tunnel {
        Objects.requireNonNull(type, "type");
        if (port < 0 || port > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("tunnel port and flags are 16-bit: " + port + ", " + flags);
        }
    }

    /** IP_VS_CONN_F_TUNNEL_TYPE_* values. */
    public enum Type {
        IPIP(0),
        GUE(1),
        GRE(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Type> fromCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
