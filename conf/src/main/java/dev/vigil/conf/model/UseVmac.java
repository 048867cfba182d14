package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code use_vmac [NAME] [MAC] [netlink_notify_msg] [group G]} with {@code vmac_xmit_base},
 * resolved as keepalived resolves it (vrrp_parser.c, vrrp.c).
 *
 * @param interfaceName    the macvlan's name: NAME, else {@code vmac_prefix} (default {@code vrrp})
 *                         {@code .VRID}, cut to 15 characters
 * @param mac              the configured MAC ({@code aa:bb:cc:dd:ee:ff}, a 5-octet one completed
 *                         with the VRID); empty = the RFC 5798 virtual router MAC
 * @param xmitBase         {@code vmac_xmit_base}: adverts on the base interface
 * @param group            {@code group G}: the macvlan's interface group; empty = the base interface's
 * @param netlinkNotifyMsg {@code netlink_notify_msg}
 */
public record UseVmac(String interfaceName, Optional<String> mac, boolean xmitBase, Optional<Integer> group,
                      boolean netlinkNotifyMsg) {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public UseVmac {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(group, "group");
        mac.ifPresent(m -> {
            if (!MAC.matcher(m).matches()) {
                throw new IllegalArgumentException("MAC " + m + " is not six lower-case hex octets");
            }
        });
    }
}
