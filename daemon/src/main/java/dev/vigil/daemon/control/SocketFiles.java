package dev.vigil.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Facts about socket files: whether a path is a socket, whether something listens on it. */
final class SocketFiles {

    /** S_IFMT and S_IFSOCK from stat(2). */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FILE_TYPE_SOCKET = 0140000;

    private SocketFiles() {
    }

    /** Whether {@code path} is a socket (not following symbolic links). */
    static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE_MASK) == FILE_TYPE_SOCKET;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Whether a process accepts connections on the socket {@code path}. A refused connection
     * (ECONNREFUSED: nobody bound) means a stale file. A local connect completes at once while
     * the listener's backlog has room, which a daemon that accepts promptly always has.
     */
    static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            return false;
        }
    }
}
