package dev.vigil.ipvs.netlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.NetlinkChannel;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Passes requests to a real channel (a kernel socket) and records every exchange. */
final class RecordingChannel implements NetlinkChannel {

    private final NetlinkChannel kernel;
    private final List<KernelExchange> exchanges = new ArrayList<>();

    RecordingChannel(NetlinkChannel kernel) {
        this.kernel = kernel;
    }

    @Override
    public List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
            throws NativeException {
        byte[] request = message.build(0, 0);
        try {
            List<NetlinkMessage> replies = kernel.request(message, operation, capability);
            exchanges.add(KernelExchange.answered(request, replies.stream().map(RecordingChannel::bytes).toList()));
            return replies;
        } catch (NetlinkException e) {
            exchanges.add(KernelExchange.refused(request, e.errno(), e.extendedAck()));
            throw e;
        }
    }

    List<KernelExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() {
        kernel.close();
    }

    /** The message as it came off the wire (nlmsg_len without trailing padding). */
    static byte[] bytes(NetlinkMessage m) {
        return ByteBuffer.allocate(16 + m.payload().length).order(ByteOrder.nativeOrder())
                .putInt(16 + m.payload().length).putShort((short) m.type()).putShort((short) m.flags())
                .putInt(m.sequence()).putInt(m.portId()).put(m.payload()).array();
    }
}
