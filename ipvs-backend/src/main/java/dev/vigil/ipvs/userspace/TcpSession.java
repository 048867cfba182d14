package dev.vigil.ipvs.userspace;

import dev.vigil.common.text.InetText;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.conn.Direction;
import dev.vigil.ipvs.sched.Flow;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied TCP connection on Netty channels (the NIO fallback; with epoll the forwarder
 * uses {@link EpollTcpSession}): the accepted client channel and the channel to the real
 * server, both on the same event loop (no hand-off between threads).
 *
 * <ul>
 *   <li>Scheduling happens on accept; no destination → the client gets a RST.</li>
 *   <li>The client is read while the server connection is being made (as HAProxy does),
 *       up to the high water mark; once connected, the PROXY header (if configured) goes
 *       first, then what the client already sent.</li>
 *   <li>Back-pressure: when the channel being written to crosses its high water mark the
 *       other side stops reading; it resumes when that channel drains below the low mark.
 *       At most one read (plus the water mark) is buffered per direction.</li>
 *   <li>Half-close: a FIN read from one side is passed on as a shutdown of the other
 *       side's output once everything before it was written; the pair closes when both
 *       directions are finished, or as soon as either connection closes or fails.</li>
 * </ul>
 * Both sockets keep Netty's default TCP_NODELAY (on for Linux sockets): a relay must not
 * hold small segments back. Every method except {@link #close()} and
 * {@link #pendingWriteBytes()} runs on the loop.
 */
final class TcpSession extends Session {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSession.class);
    private static final String PROXY_ENCODER = "proxy-protocol";

    private final ForwardingContext context;
    private final ServiceState service;
    private volatile Channel client;
    private volatile Channel server;
    /** Client bytes read before the server connection was up; owned by the loop. */
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private long earlyBytes;
    private boolean connected;
    private boolean clientInputShut;
    private boolean serverInputShut;
    private boolean ended;

    TcpSession(ForwardingContext context, ServiceState service) {
        super(Protocol.TCP);
        this.context = context;
        this.service = service;
    }

    void accepted(Channel channel) {
        client = channel;
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        ServiceKey.Inet key = (ServiceKey.Inet) service.service().key();
        IpAddress source = IpAddress.fromBytes(remote.getAddress().getAddress()).orElseThrow();
        Flow flow = new Flow(Protocol.TCP, source, remote.getPort(), key.address(), key.port());
        if (!context.state().open(service, flow, this)) {
            reset(channel);
            return;
        }
        ForwarderSettings settings = context.settings();
        Bootstrap bootstrap = new Bootstrap().group(channel.eventLoop())
                .channel(context.transport().socketChannel())
                .resolver(NoopAddressResolverGroup.INSTANCE) // targets are literal addresses
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, context.waterMark())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new Relay(this, Relay.Side.SERVER));
        ChannelFuture connecting = bootstrap.connect(booking().target());
        server = connecting.channel();
        connecting.addListener(this::connected);
    }

    private void connected(io.netty.util.concurrent.Future<? super Void> future) {
        if (!future.isSuccess()) {
            LOG.debug("connect to {} failed: {}", booking().target(), future.cause().toString());
            reset(client);
            end();
            return;
        }
        if (ended) {
            server.close();
            return;
        }
        connected = true;
        context.state().established(this);
        booking().proxyProtocol().ifPresent(this::sendProxyHeader);
        ByteBuf data;
        while ((data = early.poll()) != null) {
            server.write(data, server.voidPromise());
        }
        earlyBytes = 0;
        server.flush();
        if (clientInputShut) {
            propagateShutdown(Relay.Side.CLIENT);
        } else if (server.isWritable()) {
            client.config().setAutoRead(true);
        }
    }

    private void sendProxyHeader(ProxyProtocol version) {
        InetSocketAddress source = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress vip = (InetSocketAddress) client.localAddress();
        HAProxyProxiedProtocol family = source.getAddress() instanceof Inet6Address
                ? HAProxyProxiedProtocol.TCP6 : HAProxyProxiedProtocol.TCP4;
        HAProxyMessage header = new HAProxyMessage(
                version == ProxyProtocol.V1 ? HAProxyProtocolVersion.V1 : HAProxyProtocolVersion.V2,
                HAProxyCommand.PROXY, family, InetText.format(source.getAddress()),
                InetText.format(vip.getAddress()), source.getPort(), vip.getPort());
        server.pipeline().addFirst(PROXY_ENCODER, HAProxyMessageEncoder.INSTANCE);
        server.writeAndFlush(header, server.voidPromise());
        server.pipeline().remove(PROXY_ENCODER);
    }

    void forward(Relay.Side from, ByteBuf data) {
        if (from == Relay.Side.CLIENT) {
            countIn(data.readableBytes());
            if (!connected) {
                early.add(data);
                earlyBytes += data.readableBytes();
                if (earlyBytes >= context.settings().writeBufferHighWaterMark()) {
                    client.config().setAutoRead(false);
                }
                return;
            }
        } else {
            countOut(data.readableBytes());
        }
        Channel to = from == Relay.Side.CLIENT ? server : client;
        to.write(data, to.voidPromise());
        if (!to.isWritable()) {
            own(from).config().setAutoRead(false);
        }
    }

    void flushTowardsPeer(Relay.Side from) {
        Channel to = from == Relay.Side.CLIENT ? server : client;
        if (to != null && connected) {
            to.flush();
        }
    }

    /** The channel of {@code side} drained (or filled): let the other side read again. */
    void writabilityChanged(Relay.Side side) {
        Channel drained = own(side);
        Channel reader = side == Relay.Side.CLIENT ? server : client;
        if (drained.isWritable() && reader != null && connected) {
            reader.config().setAutoRead(true);
        }
    }

    void inputShutdown(Relay.Side from) {
        if (from == Relay.Side.CLIENT) {
            clientInputShut = true;
            if (!connected) {
                return; // passed on once the server connection is up (see connected)
            }
        } else {
            serverInputShut = true;
        }
        propagateShutdown(from);
    }

    private void propagateShutdown(Relay.Side from) {
        context.state().finished(this, from == Relay.Side.CLIENT ? Direction.INPUT : Direction.OUTPUT);
        Channel to = from == Relay.Side.CLIENT ? server : client;
        if (to == null || !to.isActive()) {
            closeBoth();
            return;
        }
        if (clientInputShut && serverInputShut) {
            // Both directions are finished: write what is queued, then close the pair.
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> closeBoth());
            return;
        }
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> ((DuplexChannel) to).shutdownOutput());
    }

    /** One connection closed: what the other still has queued is written, then it closes too. */
    void inactive(Relay.Side side) {
        Channel other = side == Relay.Side.CLIENT ? server : client;
        if (other != null && other.isActive()) {
            other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (other != null) {
            other.close();
        }
        end();
    }

    void failed(Relay.Side side, Throwable cause) {
        LOG.debug("{} side of {} failed: {}", side, booking() == null ? "?" : booking().target(), cause.toString());
        closeBoth();
    }

    private void closeBoth() {
        close();
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            ByteBuf data;
            while ((data = early.poll()) != null) {
                data.release();
            }
            context.state().closed(this);
        }
    }

    private Channel own(Relay.Side side) {
        return side == Relay.Side.CLIENT ? client : server;
    }

    private static void reset(Channel channel) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    @Override
    long pendingWriteBytes() {
        return pending(client) + pending(server);
    }

    private static long pending(Channel channel) {
        if (channel == null) {
            return 0;
        }
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    void close() {
        Channel c = client;
        Channel s = server;
        if (c != null) {
            c.close();
        }
        if (s != null) {
            s.close();
        }
    }
}
