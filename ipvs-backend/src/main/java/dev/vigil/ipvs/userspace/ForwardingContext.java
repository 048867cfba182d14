package dev.vigil.ipvs.userspace;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;

/** What every session of one backend needs: shared state, transport, settings, buffers. */
record ForwardingContext(ForwarderState state, Transport transport, ForwarderSettings settings,
                         ByteBufAllocator allocator) {

    WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(settings.writeBufferLowWaterMark(), settings.writeBufferHighWaterMark());
    }
}
