package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Client-side helpers for loopback forwarding tests. */
final class Loopback {

    /** Read timeout of test clients: generous for a loaded 2-core machine. */
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private Loopback() {
    }

    /** A port that was free on {@code address} a moment ago. */
    static int freePort(String address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return probe.getLocalPort();
        }
    }

    /** Adds a TCP service ({@code rr}, a free port of {@code vip}) whose one real server is {@code server}. */
    static ServiceKey.Inet serviceTo(UserspaceIpvsBackend forwarder, String vip, LoopbackServer server)
            throws IOException {
        ServiceKey.Inet key = ServiceKey.tcp(vip, freePort(vip));
        assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
        assertTrue(forwarder.addDestination(key,
                Destination.of(server.address(), server.port(), ForwardMethod.MASQ, 1)).isOk());
        return key;
    }

    /** A TCP connection from {@code fromAddress} (any port) to {@code address:port}. */
    static Socket connect(String fromAddress, String address, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        s.connect(new InetSocketAddress(InetAddress.getByName(address), port), READ_TIMEOUT_MILLIS);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        return s;
    }

    /** Bytes up to a newline (excluded); null at end of stream before any byte. */
    static String readLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return b < 0 && line.isEmpty() ? null : line.toString();
    }

    /** Sends a line and reads the echo. */
    static String echo(Socket s, String text) throws IOException {
        s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return readLine(s);
    }

    /** Opens a connection, reads the server's name line, and closes. */
    static String nameOfServerFor(String from, String address, int port) throws IOException {
        try (Socket s = connect(from, address, port)) {
            return readLine(s);
        }
    }
}
