package dev.vigil.ipvs.userspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real server for forwarding tests, on a loopback address and an ephemeral port, one
 * platform thread per connection.
 *
 * <ul>
 *   <li>{@link Mode#NAME_ECHO}: sends its name and a newline, echoes every byte, and on
 *       end of input sends {@code "bye\n"} and closes.</li>
 *   <li>{@link Mode#SOURCE}: sends {@code sourceBytes} of a known pattern as fast as the
 *       socket takes them, then closes.</li>
 *   <li>{@link Mode#PROXY_HEADER}: reads the first {@code headerBytes} bytes, keeps them
 *       ({@link #headers()}), then behaves like NAME_ECHO.</li>
 * </ul>
 */
final class LoopbackServer implements AutoCloseable {

    enum Mode { NAME_ECHO, SOURCE, PROXY_HEADER }

    private final String name;
    private final Mode mode;
    private final long sourceBytes;
    private final int headerBytes;
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final List<byte[]> headers = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackServer(String name, String address, Mode mode, long sourceBytes, int headerBytes)
            throws IOException {
        this.name = name;
        this.mode = mode;
        this.sourceBytes = sourceBytes;
        this.headerBytes = headerBytes;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        Thread.ofPlatform().daemon().name("server-" + name).start(this::acceptLoop);
    }

    static LoopbackServer nameEcho(String name, String address) throws IOException {
        return new LoopbackServer(name, address, Mode.NAME_ECHO, 0, 0);
    }

    static LoopbackServer source(String name, String address, long bytes) throws IOException {
        return new LoopbackServer(name, address, Mode.SOURCE, bytes, 0);
    }

    static LoopbackServer proxyHeader(String name, String address, int headerBytes) throws IOException {
        return new LoopbackServer(name, address, Mode.PROXY_HEADER, 0, headerBytes);
    }

    String address() {
        return socket.getInetAddress().getHostAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Bytes a SOURCE server has handed to its socket so far. */
    long written() {
        return written.get();
    }

    List<byte[]> headers() {
        return List.copyOf(headers);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread.ofPlatform().daemon().name("conn-" + name).start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (mode == Mode.SOURCE) {
                source(out);
                return;
            }
            if (mode == Mode.PROXY_HEADER) {
                headers.add(in.readNBytes(headerBytes));
            }
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client or the forwarder went away; nothing to report
        }
    }

    private void source(OutputStream out) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        while (sent < sourceBytes) {
            int n = (int) Math.min(chunk.length, sourceBytes - sent);
            for (int i = 0; i < n; i++) {
                chunk[i] = pattern(sent + i);
            }
            out.write(chunk, 0, n);
            sent += n;
            written.set(sent);
        }
    }

    /** The byte a SOURCE server sends at {@code offset}. */
    static byte pattern(long offset) {
        return (byte) (offset * 31 + (offset >>> 8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
