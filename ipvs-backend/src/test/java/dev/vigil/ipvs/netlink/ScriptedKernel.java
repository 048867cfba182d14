package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.NetlinkChannel;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NetlinkStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * A fake kernel that plays a script of exchanges: each request must equal the scripted bytes
 * (built with sequence 0), and gets the scripted replies or errno. Every request must carry
 * CAP_NET_ADMIN as its capability (all IPVS commands need it) except the family lookup.
 */
final class ScriptedKernel implements NetlinkChannel {

    private final Deque<KernelExchange> script;
    private final List<String> operations = new ArrayList<>();
    private boolean closed;

    ScriptedKernel(List<KernelExchange> script) {
        this.script = new ArrayDeque<>(script);
    }

    @Override
    public List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
            throws NativeException {
        assertFalse(closed, "request on a closed channel");
        KernelExchange next = script.poll();
        byte[] actual = message.build(0, 0);
        if (next == null) {
            throw new AssertionError("unscripted request " + operation + ": " + HexFormat.of().formatHex(actual));
        }
        assertEquals(HexFormat.of().formatHex(next.request()), HexFormat.of().formatHex(actual),
                "request bytes of " + operation + " (exchange " + (operations.size() + 1) + ")");
        boolean isLookup = operation.startsWith("CTRL_CMD_GETFAMILY");
        assertEquals(isLookup ? null : Capability.CAP_NET_ADMIN, capability, operation);
        operations.add(operation);
        if (next.errno() != 0) {
            throw new NetlinkException(operation, new NetlinkStatus(next.errno(), next.ack(), OptionalLong.empty()),
                    capability);
        }
        List<NetlinkMessage> replies = new ArrayList<>();
        for (byte[] reply : next.replies()) {
            replies.addAll(NetlinkMessage.split(reply, reply.length).messages());
        }
        return replies;
    }

    /** The operation names of the requests answered so far. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    /** True when every scripted exchange was used. */
    boolean finished() {
        return script.isEmpty();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
