package dev.vigil.linux.netlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import java.util.List;

/**
 * A request/response path to a netlink peer. {@link NetlinkSocket} is the real one; a
 * family's tests (e.g. the IPVS backend's) can pass a fake to {@link GenericNetlink#over}
 * that checks request bytes and answers with canned replies.
 */
public interface NetlinkChannel extends AutoCloseable {

    /**
     * Sends one request and returns its replies, without the final ACK or DONE (the
     * contract of {@link NetlinkSocket#request}).
     *
     * @throws NetlinkException when the peer answers with an error
     */
    List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
            throws NativeException;

    /** Releases the channel; idempotent. */
    @Override
    void close();
}
