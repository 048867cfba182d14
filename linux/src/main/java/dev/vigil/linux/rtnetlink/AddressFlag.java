package dev.vigil.linux.rtnetlink;

import java.util.EnumSet;
import java.util.Set;

/** Address flags (uapi {@code linux/if_addr.h} IFA_F_*). */
public enum AddressFlag {
    /** IFA_F_SECONDARY (IPv4: not the primary address of its subnet; IPv6: temporary). */
    SECONDARY(0x01),
    /** IFA_F_NODAD: skip duplicate address detection (IPv6). */
    NODAD(0x02),
    /** IFA_F_OPTIMISTIC (IPv6). */
    OPTIMISTIC(0x04),
    /** IFA_F_DADFAILED (IPv6). */
    DADFAILED(0x08),
    /** IFA_F_HOMEADDRESS: a Mobile IPv6 home address ({@code home}). */
    HOMEADDRESS(0x10),
    /** IFA_F_DEPRECATED (IPv6). */
    DEPRECATED(0x20),
    /** IFA_F_TENTATIVE: DAD still running (IPv6). */
    TENTATIVE(0x40),
    /** IFA_F_PERMANENT: configured, not autoconfigured. */
    PERMANENT(0x80),
    /** IFA_F_MANAGETEMPADDR: the kernel manages temporary addresses from this prefix ({@code mngtmpaddr}). */
    MANAGETEMPADDR(0x100),
    /** IFA_F_NOPREFIXROUTE: add no prefix route for the address. */
    NOPREFIXROUTE(0x200),
    /** IFA_F_MCAUTOJOIN: join the multicast group of a multicast address ({@code autojoin}). */
    MCAUTOJOIN(0x400);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit. */
    public int bit() {
        return bit;
    }

    /** The bits of a set. */
    public static int toBits(Set<AddressFlag> flags) {
        int bits = 0;
        for (AddressFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    /** The known flags present in {@code bits}. */
    public static Set<AddressFlag> fromBits(int bits) {
        EnumSet<AddressFlag> flags = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag flag : values()) {
            if ((bits & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
