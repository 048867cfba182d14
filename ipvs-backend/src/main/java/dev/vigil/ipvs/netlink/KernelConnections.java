package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.listing.ProcConnParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's IPVS connection table. The generic netlink family has no command that dumps
 * connections, so this reads {@code /proc/net/ip_vs_conn}, as ipvsadm {@code -L -c} does
 * (IPv4 and IPv6 entries share that file), and parses it with {@link ProcConnParser}.
 *
 * <p>The file shows the network namespace of the reading process; the daemon's threads all
 * live in one. The whole file is read at once (about 110 bytes per IPv4 entry).
 */
public final class KernelConnections {

    /** The file ipvsadm reads. */
    public static final Path PROC_FILE = Path.of("/proc/net/ip_vs_conn");

    private KernelConnections() {
    }

    /** The rows of {@link #PROC_FILE}, in the kernel's order. */
    public static KernelReply<List<ConnectionRow>> read() {
        return read(PROC_FILE);
    }

    /** The rows of a file in the kernel's format, or why it could not be read. */
    public static KernelReply<List<ConnectionRow>> read(Path file) {
        String text;
        // Not Files.readString: proc files report a size of 0, read to EOF instead.
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new KernelReply.Failed<>(IpvsError.UNAVAILABLE, file + " does not exist: the ip_vs module is not"
                    + " loaded in this kernel (or this network namespace has no IPVS)");
        } catch (IOException e) {
            return new KernelReply.Failed<>(IpvsError.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            return new KernelReply.Value<>(ProcConnParser.parse(text));
        } catch (IllegalArgumentException e) {
            return new KernelReply.Failed<>(IpvsError.UNAVAILABLE, e.getMessage());
        }
    }
}
