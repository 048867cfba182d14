package dev.vigil.ipvs.conn;

import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.DestinationView;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.RealServer;
import java.util.List;
import java.util.Optional;

/**
 * Creates the connection for the first packet of a flow, as {@code ip_vs_schedule} and
 * {@code ip_vs_sched_persist} (ip_vs_core.c) do.
 *
 * <p>Persistent services first look for a template keyed by the client's network (source
 * address masked to the persistence prefix): {@code <protocol, net, 0, vaddr, vport>} when
 * the packet's port is the service port (vport 0 for FTP, port 21, so its data connections
 * share the template), else {@code <IP, net, 0, fwmark, 0>} for fwmark services and
 * {@code <protocol, net, 0, vaddr, 0>} for port-zero services. A live template sends the
 * client to its server — even one quiesced with weight 0, unless
 * {@code expire_quiescent_template} is on — and restarts the template's timer; a template
 * whose server left (or, with that sysctl, was quiesced) is invalidated and the scheduler
 * picks again, creating a new template.
 *
 * <p>The new connection's port is the server's port, or the packet's when the server has
 * port 0. One-packet UDP services ({@code ops}) get a connection that is never entered in
 * the table. SCTP is not supported here (its state machine is not modelled): the result is
 * empty.
 */
public final class ConnectionScheduler {

    /** The FTP control port, whose templates use virtual port 0 (IPVS FTPPORT). */
    private static final int FTP_PORT = 21;

    private final ConnectionTable table;
    private final boolean expireQuiescentTemplate;

    /**
     * @param expireQuiescentTemplate sysctl {@code net.ipv4.vs.expire_quiescent_template}
     *                                (kernel default false)
     */
    public ConnectionScheduler(ConnectionTable table, boolean expireQuiescentTemplate) {
        this.table = table;
        this.expireQuiescentTemplate = expireQuiescentTemplate;
    }

    /**
     * The connection for a new flow to {@code service}, bound and (unless one-packet) in the
     * table; empty when no destination may take it. {@code destinations} is the service's
     * list in kernel order; {@code scheduler} belongs to the service.
     */
    public Optional<Connection> schedule(VirtualService service, List<RealServer> destinations,
                                         IpvsScheduler scheduler, Flow flow) {
        if (flow.protocol() == Protocol.SCTP) {
            return Optional.empty();
        }
        Connection template = null;
        RealServer dest;
        if (service.persistence().isPresent()) {
            template = persistentTemplate(service, destinations, scheduler, flow);
            if (template == null) {
                return Optional.empty();
            }
            dest = template.destination();
        } else {
            dest = (RealServer) scheduler.schedule(destinations, flow);
            if (dest == null) {
                return Optional.empty();
            }
        }
        int port = dest.port() != 0 ? dest.port() : flow.destinationPort();
        boolean noOutput = dest.settings().forward() != ForwardMethod.MASQ;
        if (service.onePacket() && flow.protocol() == Protocol.UDP) {
            return Optional.of(new Connection(flow.protocol().number(), flow.source(), flow.sourcePort(),
                    flow.destination(), flow.destinationPort(), dest, port, false, null));
        }
        Connection c = table.addConnection(flow.protocol().number(), flow.source(), flow.sourcePort(),
                flow.destination(), flow.destinationPort(), dest, port, noOutput, template);
        if (template != null) {
            table.rearm(template);
        }
        return Optional.of(c);
    }

    private Connection persistentTemplate(VirtualService service, List<RealServer> destinations,
                                          IpvsScheduler scheduler, Flow flow) {
        Persistence p = service.persistence().orElseThrow();
        IpAddress net = flow.source().masked(p.prefixLength());
        int protocol = flow.protocol().number();
        IpAddress vaddr = flow.destination();
        int vport = 0;
        if (service.key() instanceof ServiceKey.Inet inet && inet.port() == flow.destinationPort()) {
            vport = inet.port() == FTP_PORT ? 0 : flow.destinationPort();
        } else if (service.key() instanceof ServiceKey.Fwmark f) {
            protocol = Connection.PROTOCOL_IP;
            vaddr = IpAddress.ipv4(f.mark());
        }
        Optional<Connection> found = table.lookup(protocol, net, 0, vaddr, vport);
        if (found.isPresent() && stillValid(found.get())) {
            return found.get();
        }
        found.ifPresent(table::invalidate);
        DestinationView picked = scheduler.schedule(destinations, flow);
        if (picked == null) {
            return null;
        }
        RealServer dest = (RealServer) picked;
        return table.addTemplate(protocol, net, vaddr, vport, dest, dest.port(), p.timeoutSeconds());
    }

    /** {@code ip_vs_check_template}: the server is still in the service and, if asked, not quiesced. */
    private boolean stillValid(Connection template) {
        RealServer dest = template.destination();
        return dest.available() && !(expireQuiescentTemplate && dest.weight() == 0);
    }
}
