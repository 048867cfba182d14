package dev.vigil.ipvs;

/** The two address families IPVS serves, with their Linux {@code AF_*} numbers. */
public enum AddressFamily {
    /** AF_INET = 2. */
    INET(2, 32),
    /** AF_INET6 = 10. */
    INET6(10, 128);

    private final int code;
    private final int bits;

    AddressFamily(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    /** The kernel's address-family number (IPVS_SVC_ATTR_AF). */
    public int code() {
        return code;
    }

    /** Address length in bits; also the "no masking" prefix length. */
    public int bits() {
        return bits;
    }
}
