package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.IpsecAh;
import dev.vigil.vrrp.codec.VrrpDecoder;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import dev.vigil.vrrp.runtime.PacketReceiver.RawPacket;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one {@link PacketReceiver}: blocks for a packet, decodes it with
 * {@link VrrpDecoder} (pure, so this costs the loop nothing) and hands the result to the event
 * loop. Ends when the receiver is closed.
 */
final class ReceiveThread {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveThread.class);
    /** Pause after a receive error, so a persistent failure cannot spin a core. */
    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Byte 1 of the VRRP header is the VRID (RFC 3768 §5.3.3). */
    private static final int VRID_OFFSET = 1;
    /** Byte 9 of the IPv4 header is the protocol; 51 puts the AH header before the VRRP one. */
    private static final int PROTOCOL_OFFSET = 9;

    private final SocketKey socket;
    private final PacketReceiver receiver;
    private final VrrpDecoder decoder;
    private final Executor loop;
    private final Consumer<Dispatch> sink;
    private final Thread thread;
    private volatile boolean closing;

    /** One decoded packet on its way to the loop. */
    record Dispatch(SocketKey socket, DecodeResult result, int vrid) {
    }

    ReceiveThread(SocketKey socket, PacketReceiver receiver, Executor loop, Consumer<Dispatch> sink) {
        this(socket, receiver, DecodeOptions.DEFAULT, loop, sink);
    }

    ReceiveThread(SocketKey socket, PacketReceiver receiver, DecodeOptions options, Executor loop,
                  Consumer<Dispatch> sink) {
        this.decoder = new VrrpDecoder(options);
        this.socket = socket;
        this.receiver = receiver;
        this.loop = loop;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("vrrp-rx-" + socket.interfaceName() + "-" + socket.family()
                        + (socket.ipsecAh() ? "-AH" : ""))
                .daemon(true).unstarted(this::run);
    }

    /** Opens the receiver {@code key} names: protocol 51 for IPsec AH sockets, else VRRP. */
    static PacketReceiver open(VrrpIo io, SocketKey key, Set<InetAddress> groups) throws NativeException {
        return key.ipsecAh() ? io.ipsecAhReceiver(key.interfaceName(), groups)
                : io.receiver(key.interfaceName(), key.family(), groups);
    }

    void start() {
        thread.start();
    }

    /** Closes the receiver and waits for the thread. */
    void close() throws InterruptedException {
        closing = true;
        receiver.close();
        thread.join();
    }

    private void run() {
        while (!closing) {
            Optional<RawPacket> packet;
            try {
                packet = receiver.receive();
            } catch (NativeException e) {
                if (!closing) {
                    LOG.warn("receive on {} {} failed: {}", socket.interfaceName(), socket.family(), e.getMessage());
                    LockSupport.parkNanos(ERROR_PAUSE_NANOS);
                }
                continue;
            }
            if (packet.isEmpty()) {
                return;
            }
            RawPacket raw = packet.get();
            DecodeResult result = decoder.decode(raw.bytes(), raw.meta());
            Dispatch dispatch = new Dispatch(socket, result, vrid(raw));
            loop.execute(() -> sink.accept(dispatch));
        }
    }

    /** The VRID byte, when the packet is long enough to carry one; else -1. */
    static int vrid(RawPacket raw) {
        byte[] bytes = raw.bytes();
        int offset = 0;
        if (raw.meta().ipHeaderIncluded()) {
            if (bytes.length == 0) {
                return -1;
            }
            offset = (bytes[0] & 0x0F) * 4;
            if (bytes.length > PROTOCOL_OFFSET && (bytes[PROTOCOL_OFFSET] & 0xFF) == VrrpWire.PROTOCOL_AH) {
                offset += IpsecAh.HEADER_LENGTH;
            }
        }
        return bytes.length > offset + VRID_OFFSET ? bytes[offset + VRID_OFFSET] & 0xFF : -1;
    }
}
