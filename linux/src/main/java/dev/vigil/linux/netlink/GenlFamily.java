package dev.vigil.linux.netlink;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved generic netlink family (reply to CTRL_CMD_GETFAMILY).
 *
 * @param id the dynamic family id to use as nlmsg_type
 * @param name the family name, e.g. "IPVS"
 * @param version the family's version, sent in every genlmsghdr
 * @param headerSize the family's extra header size after genlmsghdr (usually 0)
 * @param maxAttribute the highest top-level attribute type
 * @param multicastGroups group name to group id
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute,
        Map<String, Integer> multicastGroups) {

    /** Copies the map. */
    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /**
     * Decodes a controller reply; empty when the family id or name is missing.
     */
    public static Optional<GenlFamily> decode(GenlMessage reply) {
        NetlinkAttributes attributes = reply.attributes();
        Optional<Integer> id = attributes.u16(Netlink.CTRL_ATTR_FAMILY_ID);
        Optional<String> name = attributes.string(Netlink.CTRL_ATTR_FAMILY_NAME);
        if (id.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> groups = new HashMap<>();
        attributes.nested(Netlink.CTRL_ATTR_MCAST_GROUPS).ifPresent(list -> {
            for (NetlinkAttribute entry : list.attributes()) {
                NetlinkAttributes group = entry.asNested();
                Optional<String> groupName = group.string(Netlink.CTRL_ATTR_MCAST_GRP_NAME);
                Optional<Long> groupId = group.u32(Netlink.CTRL_ATTR_MCAST_GRP_ID);
                if (groupName.isPresent() && groupId.isPresent()) {
                    groups.put(groupName.get(), groupId.get().intValue());
                }
            }
        });
        return Optional.of(new GenlFamily(id.get(), name.get(),
                attributes.u32(Netlink.CTRL_ATTR_VERSION).orElse(0L).intValue(),
                attributes.u32(Netlink.CTRL_ATTR_HDRSIZE).orElse(0L).intValue(),
                attributes.u32(Netlink.CTRL_ATTR_MAXATTR).orElse(0L).intValue(), groups));
    }
}
