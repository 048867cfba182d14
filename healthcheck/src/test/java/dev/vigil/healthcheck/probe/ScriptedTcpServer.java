package dev.vigil.healthcheck.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server for tests: each accepted connection is handed to the session script
 * on its own virtual thread. Records what the sessions report through {@link #record}.
 */
final class ScriptedTcpServer implements AutoCloseable {

    /** What a test server does with one connection. */
    @FunctionalInterface
    interface Session {
        void run(Socket socket, ScriptedTcpServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    ScriptedTcpServer(Session session) throws IOException {
        this(InetAddress.getLoopbackAddress(), session);
    }

    ScriptedTcpServer(InetAddress address, Session session) throws IOException {
        socket = new ServerSocket(0, 50, address);
        acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            session.run(connection, this);
                        } catch (IOException | InterruptedException ignored) {
                            // the client went away; the test asserts on what it saw
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    void record(String text) {
        records.add(text);
    }

    List<String> records() {
        return List.copyOf(records);
    }

    /** Reads until CR LF CR LF (inclusive) or the end of the stream. */
    static String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            header.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        return header.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Reads one line up to and including LF. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * A loopback TCP port that refuses connections: bound but not listening, held until
     * closed, so no other socket can take the port meanwhile.
     */
    static Socket refusingPort() throws IOException {
        Socket holder = new Socket();
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return holder;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.interrupt();
    }
}
