package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome carried by an NLMSG_ERROR or NLMSG_DONE message: an errno (0 means
 * success, i.e. an acknowledgement) and the extended-ack attributes (NETLINK_EXT_ACK,
 * uapi {@code struct nlmsgerr} and {@code enum nlmsgerr_attrs}). Pure.
 *
 * <p>NLMSG_ERROR payload: {@code int error} (negative errno), the echoed request header
 * (only the header when NLM_F_CAPPED, else the whole request), then, when NLM_F_ACK_TLVS,
 * the attributes. NLMSG_DONE payload: {@code int error}, then the attributes.
 *
 * @param errno the positive errno, 0 for success
 * @param message the NLMSGERR_ATTR_MSG text, if the kernel gave one
 * @param offset the NLMSGERR_ATTR_OFFS offset of the offending attribute, if given
 */
public record NetlinkStatus(int errno, Optional<String> message, OptionalLong offset) {

    /** Decodes an NLMSG_ERROR or NLMSG_DONE message; empty for other types or a too-short payload. */
    public static Optional<NetlinkStatus> of(NetlinkMessage message) {
        byte[] payload = message.payload();
        if (message.isDone()) {
            if (payload.length < 4) {
                return Optional.of(new NetlinkStatus(0, Optional.empty(), OptionalLong.empty()));
            }
            return Optional.of(decode(payload, 4, message.flags()));
        }
        if (!message.isError() || payload.length < 4) {
            return Optional.empty();
        }
        int tlvStart = 4 + Netlink.HEADER_LENGTH;
        if ((message.flags() & Netlink.F_CAPPED) == 0 && payload.length >= 4 + Netlink.HEADER_LENGTH) {
            int echoedLength = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(4);
            tlvStart = 4 + Netlink.align(Math.max(echoedLength, Netlink.HEADER_LENGTH));
        }
        return Optional.of(decode(payload, tlvStart, message.flags()));
    }

    private static NetlinkStatus decode(byte[] payload, int tlvStart, int flags) {
        int error = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(0);
        int errno = error < 0 ? -error : error;
        if ((flags & Netlink.F_ACK_TLVS) == 0 || tlvStart >= payload.length) {
            return new NetlinkStatus(errno, Optional.empty(), OptionalLong.empty());
        }
        NetlinkAttributes attributes = NetlinkAttributes.parse(payload, tlvStart, payload.length - tlvStart);
        Optional<String> text = attributes.string(Netlink.NLMSGERR_ATTR_MSG).filter(s -> !s.isEmpty());
        Optional<Long> offset = attributes.u32(Netlink.NLMSGERR_ATTR_OFFS);
        return new NetlinkStatus(errno, text, offset.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /** True when this is an acknowledgement (errno 0). */
    public boolean isSuccess() {
        return errno == 0;
    }

}
