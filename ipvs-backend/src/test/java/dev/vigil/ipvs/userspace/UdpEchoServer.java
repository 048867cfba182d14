package dev.vigil.ipvs.userspace;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A UDP real server on loopback that answers every datagram with {@code "NAME:" + payload}. */
final class UdpEchoServer implements AutoCloseable {

    private final String name;
    private final DatagramSocket socket;

    UdpEchoServer(String name, String address) throws IOException {
        this.name = name;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        Thread.ofPlatform().daemon().name("udp-" + name).start(this::serve);
    }

    String address() {
        return socket.getLocalAddress().getHostAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                byte[] reply = (name + ":" + new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII))
                        .getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
