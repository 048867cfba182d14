package dev.vigil.linux.packet;

/** The EtherType values Vigil sends (IEEE 802 numbers, uapi {@code linux/if_ether.h}). */
public final class EtherType {

    /** ETH_P_IP. */
    public static final int IPV4 = 0x0800;
    /** ETH_P_ARP. */
    public static final int ARP = 0x0806;
    /** ETH_P_IPV6. */
    public static final int IPV6 = 0x86DD;

    private EtherType() {
    }
}
