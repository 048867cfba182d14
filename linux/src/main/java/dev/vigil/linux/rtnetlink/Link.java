package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.packet.MacAddress;
import java.util.Optional;

/**
 * A network interface as rtnetlink reports it (RTM_NEWLINK).
 *
 * @param index the interface index
 * @param name the interface name
 * @param mac the hardware address, when it is a 6-byte one
 * @param mtu the MTU
 * @param flags the IFF_* flags (uapi {@code linux/if.h})
 * @param operState the RFC 2863 operational state (IF_OPER_*; 6 = up)
 */
public record Link(int index, String name, Optional<MacAddress> mac, int mtu, int flags, int operState) {

    /** IFF_UP: administratively up. */
    public static final int IFF_UP = 0x1;
    /** IFF_BROADCAST. */
    public static final int IFF_BROADCAST = 0x2;
    /** IFF_LOOPBACK. */
    public static final int IFF_LOOPBACK = 0x8;
    /** IFF_RUNNING: operationally up. */
    public static final int IFF_RUNNING = 0x40;
    /** IFF_NOARP. */
    public static final int IFF_NOARP = 0x80;
    /** IFF_MULTICAST. */
    public static final int IFF_MULTICAST = 0x1000;
    /** IFF_LOWER_UP: carrier present. */
    public static final int IFF_LOWER_UP = 0x10000;
    /** IF_OPER_UP. */
    public static final int OPER_UP = 6;

    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Up and running (IFF_UP and IFF_RUNNING), the state VRRP tracks. */
    public boolean isRunning() {
        return isUp() && (flags & IFF_RUNNING) != 0;
    }

    /** Carrier present (IFF_LOWER_UP). */
    public boolean hasCarrier() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    /** The loopback interface. */
    public boolean isLoopback() {
        return (flags & IFF_LOOPBACK) != 0;
    }
}
