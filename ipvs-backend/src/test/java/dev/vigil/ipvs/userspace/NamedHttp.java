package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A small HTTP real server that answers every request with its name, and a one-request client. */
final class NamedHttp {

    private NamedHttp() {
    }

    /** Started on address:port (in the calling thread's network namespace). */
    static HttpServer serve(String address, int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        byte[] body = name.getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** One HTTP/1.0 GET on a fresh connection; returns the body (the answering server's name). */
    static String get(String address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), Loopback.READ_TIMEOUT_MILLIS);
            s.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: vip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
