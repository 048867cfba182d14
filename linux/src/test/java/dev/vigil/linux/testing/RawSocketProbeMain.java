package dev.vigil.linux.testing;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.linux.socket.IcmpSocket;
import dev.vigil.linux.socket.RawIpv4Socket;
import java.net.InetAddress;

/**
 * A tiny program for the missing-capability tests: {@code raw} opens a raw VRRP socket,
 * {@code address} adds 10.205.0.1/32 to interface index 1 (loopback), {@code icmp} opens an
 * ICMP socket (ping socket, else raw) and prints its kind. It prints "done",
 * or prints the one-line error the way the daemon reports it and exits 3.
 */
public final class RawSocketProbeMain {

    private RawSocketProbeMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        try {
            if (args.length == 1 && args[0].equals("address")) {
                try (RtNetlink rt = RtNetlink.open()) {
                    rt.addAddress(InterfaceAddress.of(1, InetAddress.getByName("10.205.0.1"), 32));
                }
            } else if (args.length == 1 && args[0].equals("icmp")) {
                try (IcmpSocket icmp = IcmpSocket.open(IcmpSocket.Binding.any(false))) {
                    System.out.println(icmp.kind());
                }
            } else {
                RawIpv4Socket.open(112).close();
            }
            System.out.println("done");
        } catch (NativeException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
