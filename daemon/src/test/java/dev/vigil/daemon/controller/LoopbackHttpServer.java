package dev.vigil.daemon.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.0 server for checker tests: answers every request with 200 and "ok", then
 * closes. Platform threads, so a busy virtual-thread scheduler cannot delay the answers. Binds with SO_REUSEADDR so a test can stop it and start it again on the same
 * address and port while earlier connections are in TIME_WAIT.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private static final byte[] RESPONSE =
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    /** Enough for any request line and headers a checker sends. */
    private static final int REQUEST_LIMIT = 8192;

    private final ServerSocket socket;
    private final AtomicLong requests = new AtomicLong();

    private LoopbackHttpServer(ServerSocket socket) {
        this.socket = socket;
        Thread.ofPlatform().daemon().name("test-http " + socket.getLocalSocketAddress()).start(this::serve);
    }

    /** Listens on {@code address}:{@code port} (0 = any free port). */
    static LoopbackHttpServer start(String address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.ofLiteral(address), port));
        return new LoopbackHttpServer(socket);
    }

    /** Sends one request itself, so the first checker attempt does not pay for class loading. */
    void warmUp() throws IOException {
        try (Socket client = new Socket(socket.getInetAddress(), socket.getLocalPort())) {
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getInputStream().readAllBytes();
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    long requests() {
        return requests.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofPlatform().daemon().start(() -> answer(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[REQUEST_LIMIT];
            int length = 0;
            while (length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return;
                }
                length += n;
                if (new String(buffer, 0, length, StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                    break;
                }
            }
            requests.incrementAndGet();
            out.write(RESPONSE);
            out.flush();
        } catch (IOException e) {
            // the checker went away; nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
