package dev.vigil.ipvs;

/**
 * What {@code IPVS_CMD_GET_INFO} reports and ipvsadm prints in its first line:
 * {@code IP Virtual Server version 1.2.1 (size=4096)}.
 *
 * @param versionCode     IP_VS_VERSION_CODE, e.g. 0x010201 for 1.2.1
 * @param connTableSize   connection hash table buckets (2^CONFIG_IP_VS_TAB_BITS)
 */
public record IpvsInfo(int versionCode, int connTableSize) {

    /**
     * What every kernel since 2.6 reports by default: version 1.2.1 and 2^12 buckets. The
     * userspace backend reports this too, so listings look like a stock kernel's.
     */
    public static final IpvsInfo DEFAULT = new IpvsInfo(0x010201, 4096);

    /** "1.2.1" from 0x010201 (ipvsadm's NVERSION macro). */
    public String versionText() {
        return ((versionCode >> 16) & 0xff) + "." + ((versionCode >> 8) & 0xff) + "." + (versionCode & 0xff);
    }
}
