package dev.vigil.linux.testing;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.RawIpv4Socket;

/**
 * A tiny program for the missing-capability test: opens a raw VRRP socket and prints
 * "opened", or prints the one-line error the way the daemon reports it and exits 3.
 */
public final class RawSocketProbeMain {

    private RawSocketProbeMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        try (RawIpv4Socket socket = RawIpv4Socket.open(112)) {
            System.out.println("opened");
        } catch (NativeException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
