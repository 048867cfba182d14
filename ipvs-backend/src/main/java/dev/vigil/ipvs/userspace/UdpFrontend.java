package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.sched.Flow;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentMap;

/**
 * The handler of one UDP listener socket: finds the sender's association or schedules a
 * new one, and passes the datagram on. With SO_REUSEPORT the kernel sends a given client
 * to the same socket every time, so an association lives on one event loop.
 */
final class UdpFrontend extends SimpleChannelInboundHandler<DatagramPacket> {

    private final ForwardingContext context;
    private final ServiceState service;
    private final ConcurrentMap<InetSocketAddress, UdpSession> associations;

    UdpFrontend(ForwardingContext context, ServiceState service,
                ConcurrentMap<InetSocketAddress, UdpSession> associations) {
        super(false);
        this.context = context;
        this.service = service;
        this.associations = associations;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        UdpSession session = associations.get(sender);
        if (session == null) {
            session = open(ctx, sender);
            if (session == null) {
                packet.release();
                return;
            }
        }
        session.fromClient(packet.content());
    }

    private UdpSession open(ChannelHandlerContext ctx, InetSocketAddress sender) {
        ServiceKey.Inet key = (ServiceKey.Inet) service.service().key();
        IpAddress source = IpAddress.fromBytes(sender.getAddress().getAddress()).orElseThrow();
        Flow flow = new Flow(Protocol.UDP, source, sender.getPort(), key.address(), key.port());
        UdpSession session = new UdpSession(context, ctx.channel(), sender, associations);
        if (!context.state().open(service, flow, session)) {
            return null;
        }
        associations.put(sender, session);
        session.start();
        return session;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A listener socket error (e.g. an ICMP error for a reply) does not end the service.
    }
}
