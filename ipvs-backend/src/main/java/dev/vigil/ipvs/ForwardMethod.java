package dev.vigil.ipvs;

import java.util.Optional;

/**
 * How IPVS forwards to a real server ({@code IP_VS_CONN_F_FWD_MASK} values in uapi ip_vs.h),
 * with ipvsadm's list name ({@code fwd_name}) and save switch ({@code fwd_switch}; LOCALNODE
 * is saved as {@code -g}, like ipvsadm does).
 */
public enum ForwardMethod {
    MASQ(0, "Masq", "-m"),
    LOCALNODE(1, "Local", "-g"),
    TUNNEL(2, "Tunnel", "-i"),
    DROUTE(3, "Route", "-g");

    private final int code;
    private final String listName;
    private final String saveSwitch;

    ForwardMethod(int code, String listName, String saveSwitch) {
        this.code = code;
        this.listName = listName;
        this.saveSwitch = saveSwitch;
    }

    /** IPVS_DEST_ATTR_FWD_METHOD value. */
    public int code() {
        return code;
    }

    /** "Masq", "Local", "Tunnel" or "Route" as in {@code ipvsadm -L}. */
    public String listName() {
        return listName;
    }

    /** "-m", "-g" or "-i" as in {@code ipvsadm -S}. */
    public String saveSwitch() {
        return saveSwitch;
    }

    public static Optional<ForwardMethod> fromCode(int code) {
        for (ForwardMethod m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
