package dev.vigil.daemon.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on loopback for dialogue tests. It records every byte each connection
 * sent, greets with {@code greeting} (null: never greets), answers each command line with
 * {@code script.apply(line)} (null: stalls, never answering again), swallows the DATA block up to
 * its terminating dot and answers it with {@code script.apply(".")}, and, when
 * {@code tls} is set, switches the connection to TLS after answering "STARTTLS".
 */
final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final String greeting;
    private final UnaryOperator<String> script;
    private final SSLContext tls;
    private final List<ByteArrayOutputStream> transcripts = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeSmtpServer(String greeting, UnaryOperator<String> script) throws IOException {
        this(greeting, script, null);
    }

    FakeSmtpServer(String greeting, UnaryOperator<String> script, SSLContext tls) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.greeting = greeting;
        this.script = script;
        this.tls = tls;
        this.acceptor = Thread.ofPlatform().daemon().name("fake-smtp-accept").start(this::acceptLoop);
    }

    /** keepalived's happy path: 250 for HELO/EHLO/MAIL/RCPT and the data, 354 for DATA, 221 for QUIT. */
    static String happyPath(String line) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        return switch (verb) {
            case "DATA" -> "354 End data with <CR><LF>.<CR><LF>\r\n";
            case "QUIT" -> "221 Bye\r\n";
            default -> "250 OK\r\n";
        };
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return transcripts.size();
    }

    /** What connection {@code index} (0-based) has sent so far. */
    String transcript(int index) {
        ByteArrayOutputStream bytes = transcripts.get(index);
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                sockets.add(socket);
                ByteArrayOutputStream transcript = new ByteArrayOutputStream();
                transcripts.add(transcript);
                Thread.ofPlatform().daemon().name("fake-smtp-conn").start(() -> serve(socket, transcript));
            }
        } catch (IOException closed) {
            // close() ends the loop.
        }
    }

    private void serve(Socket socket, ByteArrayOutputStream transcript) {
        try {
            Socket current = socket;
            if (greeting == null) {
                current.getInputStream().transferTo(recorder(transcript));
                return;
            }
            write(current, greeting);
            boolean inData = false;
            while (true) {
                String line = readLine(current.getInputStream(), transcript);
                if (line == null) {
                    return;
                }
                if (inData && !line.equals(".")) {
                    continue;
                }
                String answer = script.apply(inData ? "." : line);
                inData = !inData && answer != null && answer.startsWith("354");
                if (answer == null) {
                    current.getInputStream().transferTo(recorder(transcript));
                    return;
                }
                write(current, answer);
                if (tls != null && line.equalsIgnoreCase("STARTTLS") && answer.startsWith("220")) {
                    current = startTls(current);
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private Socket startTls(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        sockets.add(secure);
        return secure;
    }

    /** Keeps recording what a stalled connection still sends. */
    private static OutputStream recorder(ByteArrayOutputStream transcript) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (transcript) {
                    transcript.write(b);
                }
            }
        };
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** A CRLF-terminated line without its CRLF, or null at end of stream; every byte is recorded. */
    private static String readLine(InputStream in, ByteArrayOutputStream transcript) throws IOException {
        List<Byte> line = new ArrayList<>();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            synchronized (transcript) {
                transcript.write(b);
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = new byte[line.size() - 1];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = line.get(i);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            line.add((byte) b);
            previous = b;
        }
    }
}
