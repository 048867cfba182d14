package dev.vigil.linux.netlink;

import java.util.Optional;

/**
 * A decoded generic netlink message: genlmsghdr fields and the attributes after the
 * family's extra header. Pure.
 *
 * @param familyId nlmsg_type
 * @param flags nlmsg_flags
 * @param command genlmsghdr.cmd
 * @param version genlmsghdr.version
 * @param attributes the top-level attributes
 */
public record GenlMessage(int familyId, int flags, int command, int version, NetlinkAttributes attributes) {

    /**
     * Decodes a netlink message as generic netlink.
     *
     * @param familyHeaderSize the family's extra header after genlmsghdr (GenlFamily.headerSize)
     * @return empty when the payload is shorter than genlmsghdr
     */
    public static Optional<GenlMessage> decode(NetlinkMessage message, int familyHeaderSize) {
        byte[] payload = message.payload();
        if (payload.length < Netlink.GENL_HEADER_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new GenlMessage(message.type(), message.flags(), payload[0] & 0xFF, payload[1] & 0xFF,
                message.attributes(Netlink.GENL_HEADER_LENGTH + Netlink.align(familyHeaderSize))));
    }

    /**
     * Starts a request to a family: nlmsghdr type = family id, genlmsghdr with the
     * command and the family's version. Add attributes, then pass it to
     * {@link GenericNetlink#request} or {@link NetlinkSocket#request}.
     *
     * @param flags extra NLM_F_* flags, e.g. {@link Netlink#F_DUMP}
     */
    public static NetlinkMessageBuilder request(GenlFamily family, int command, int flags) {
        NetlinkMessageBuilder builder = new NetlinkMessageBuilder(family.id(), Netlink.F_REQUEST | flags)
                .genlHeader(command, family.version());
        if (family.headerSize() > 0) {
            builder.familyHeader(new byte[family.headerSize()]);
        }
        return builder;
    }

    /** The CTRL_CMD_GETFAMILY request for {@code name}. */
    public static NetlinkMessageBuilder getFamily(String name) {
        return new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, Netlink.F_REQUEST)
                .genlHeader(Netlink.CTRL_CMD_GETFAMILY, Netlink.CTRL_VERSION)
                .string(Netlink.CTRL_ATTR_FAMILY_NAME, name);
    }
}
