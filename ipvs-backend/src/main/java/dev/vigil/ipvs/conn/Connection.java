package dev.vigil.ipvs.conn;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.sched.RealServer;

/**
 * One entry of the IPVS connection table ({@code struct ip_vs_conn}): a client connection
 * bound to a real server, or a persistence template (client network → real server). State,
 * timer and flags change only through {@link ConnectionTable}; this class exposes reads.
 */
public final class Connection {

    /** IPPROTO_IP: the protocol of fwmark persistence templates. */
    public static final int PROTOCOL_IP = 0;
    /** The port an invalidated template is rehashed under ({@code ip_vs_check_template}). */
    public static final int INVALID_PORT = 0xffff;

    private final int protocol;
    private final IpAddress client;
    private final int clientPort;
    private final IpAddress virtualAddress;
    private final RealServer destination;
    private final boolean template;
    private final Connection controller;
    private int virtualPort;
    private int destinationPort;
    private TcpState tcpState = TcpState.NONE;
    private boolean inactive = true;
    private boolean noOutput;
    private boolean hashed = true;
    private long timeoutNanos;
    private long expiresAt;
    /** The deadline this entry has in the table's timer heap; valid while {@code heapIndex >= 0}. */
    private long queuedAt;
    /** Position in {@link TimerHeap}, or -1 when not queued. */
    private int heapIndex = -1;
    /** Neighbours in the table's insertion-ordered list. */
    private Connection previous;
    private Connection next;
    private int controlled;
    private boolean assured;

    Connection(int protocol, IpAddress client, int clientPort, IpAddress virtualAddress, int virtualPort,
               RealServer destination, int destinationPort, boolean template, Connection controller) {
        this.protocol = protocol;
        this.client = client;
        this.clientPort = clientPort;
        this.virtualAddress = virtualAddress;
        this.virtualPort = virtualPort;
        this.destination = destination;
        this.destinationPort = destinationPort;
        this.template = template;
        this.controller = controller;
    }

    /** IP protocol number; {@link #PROTOCOL_IP} for fwmark templates. */
    public int protocol() {
        return protocol;
    }

    /** "TCP", "UDP", "SCTP" or "IP", as {@code ip_vs_proto_name()} prints it. */
    public String protocolLabel() {
        return switch (protocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            case PROTOCOL_IP -> "IP";
            default -> "IP_" + protocol;
        };
    }

    public IpAddress client() {
        return client;
    }

    public int clientPort() {
        return clientPort;
    }

    public IpAddress virtualAddress() {
        return virtualAddress;
    }

    public int virtualPort() {
        return virtualPort;
    }

    public RealServer destination() {
        return destination;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public boolean isTemplate() {
        return template;
    }

    /** The template that controls this connection, or null. */
    public Connection controller() {
        return controller;
    }

    /** Connections this template controls ({@code n_control}). */
    public int controlledCount() {
        return controlled;
    }

    /** TCP state; NONE for UDP connections and templates. */
    public TcpState tcpState() {
        return tcpState;
    }

    /** The state name /proc/net/ip_vs_conn shows (templates: NONE, then ASSURED). */
    public String stateName() {
        if (template) {
            return assured ? "ASSURED" : "NONE";
        }
        return protocol == 17 ? "UDP" : tcpState.name();
    }

    /** IP_VS_CONN_F_INACTIVE: counted in the destination's InActConn. */
    public boolean isInactive() {
        return inactive;
    }

    /** False once an invalidated template was moved out of the lookup table. */
    public boolean isHashed() {
        return hashed;
    }

    public long expiresAtNanos() {
        return expiresAt;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    void setTcpState(TcpState state) {
        this.tcpState = state;
    }

    void setInactive(boolean value) {
        this.inactive = value;
    }

    boolean noOutput() {
        return noOutput;
    }

    void setNoOutput(boolean value) {
        this.noOutput = value;
    }

    void setTimeout(long nanos) {
        this.timeoutNanos = nanos;
    }

    void armTimer(long now) {
        this.expiresAt = now + timeoutNanos;
    }

    boolean isQueued() {
        return heapIndex >= 0;
    }

    long queuedAt() {
        return queuedAt;
    }

    void setQueuedAt(long at) {
        this.queuedAt = at;
    }

    int heapIndex() {
        return heapIndex;
    }

    void setHeapIndex(int index) {
        this.heapIndex = index;
    }

    Connection previous() {
        return previous;
    }

    void setPrevious(Connection c) {
        this.previous = c;
    }

    Connection next() {
        return next;
    }

    void setNext(Connection c) {
        this.next = c;
    }

    void invalidate() {
        hashed = false;
        virtualPort = INVALID_PORT;
        destinationPort = INVALID_PORT;
    }

    /** {@code ip_vs_control_assure_ct}: a connection under this template got established. */
    void assure() {
        if (template) {
            assured = true;
        }
    }

    void addControlled(int delta) {
        controlled += delta;
    }
}
