package dev.vigil.linux.socket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sysctl {@code net.ipv4.ping_group_range} (ip-sysctl.rst): the groups whose members may
 * open unprivileged ICMP "ping" sockets, for IPv4 and IPv6 alike. The kernel lets a process
 * in when its effective gid or one of its supplementary groups lies within
 * [{@code low}, {@code high}] ({@code ping_init_sock()}, net/ipv4/ping.c); the default
 * "1 0" is empty, so nobody is let in, root included.
 *
 * @param low  the first group allowed
 * @param high the last group allowed; below {@code low} means nobody
 */
record PingGroupRange(long low, long high) {

    /** Where the namespace's value is read (each network namespace has its own). */
    static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/ping_group_range");

    /** Parses the sysctl's text: two decimal numbers separated by white space. */
    static Optional<PingGroupRange> parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PingGroupRange(Long.parseLong(words[0]), Long.parseLong(words[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when one of {@code groups} lies in the range. */
    boolean admitsAny(List<Long> groups) {
        return groups.stream().anyMatch(g -> g >= low && g <= high);
    }

    /**
     * The effective gid, then the supplementary groups, from the text of
     * {@code /proc/self/status} ("Gid:" real, effective, saved, fs; "Groups:" the list).
     */
    static List<Long> groupsFromStatus(String status) {
        List<Long> groups = new ArrayList<>();
        for (String line : status.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("Gid:") && words.length >= 3) {
                groups.addFirst(Long.parseLong(words[2]));
            } else if (words[0].equals("Groups:")) {
                for (int i = 1; i < words.length; i++) {
                    groups.add(Long.parseLong(words[i]));
                }
            }
        }
        return groups;
    }

    /**
     * Why the kernel refused a ping socket, in operator terms: the range and the groups it
     * excludes, and the two ways out. Reads the sysctl and this process's groups; when they
     * cannot be read, says which sysctl to look at.
     */
    static String explainRefusal() {
        try {
            String raw = read(SYSCTL);
            List<Long> groups = groupsFromStatus(read(Path.of("/proc/self/status")));
            Optional<PingGroupRange> range = parse(raw);
            if (range.isEmpty() || groups.isEmpty()) {
                return "check net.ipv4.ping_group_range";
            }
            String which = groups.size() == 1 ? "gid " + groups.getFirst()
                    : "gid " + groups.getFirst() + " and groups " + groups.subList(1, groups.size());
            String verdict = range.get().admitsAny(groups) ? "admits " + which + ", yet the socket was refused"
                    : "excludes " + which;
            return "net.ipv4.ping_group_range \"" + range.get().low() + " " + range.get().high() + "\" " + verdict
                    + " (widen it, e.g. sysctl -w net.ipv4.ping_group_range=\"0 2147483647\", or grant CAP_NET_RAW)";
        } catch (IOException | RuntimeException e) {
            return "check net.ipv4.ping_group_range";
        }
    }

    /**
     * A /proc file's whole text. Not {@code Files.readString}: for sysctl files it trusts a
     * size the kernel does not report and returns only the first byte.
     */
    private static String read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
