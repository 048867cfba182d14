package dev.vigil.linux.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.LinuxNative;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Builds throw-away network namespaces, veth pairs, bridges and addresses with
 * iproute2 for {@code @Tag("netns")} tests, and deletes every namespace it made on
 * {@link #close()} (use it in try-with-resources or close it in {@code @AfterEach}).
 *
 * <p>Names are {@code vgl-lx-<random>-<role>} so parallel runs and other modules' tests
 * never collide. Only 10.x and fd00::/8 addresses are used inside the namespaces.
 */
public final class NetnsLab implements AutoCloseable {

    private static final long COMMAND_TIMEOUT_SECONDS = 15;

    private final String prefix = "vgl-lx-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    private final List<String> namespaces = new ArrayList<>();
    /** What runs in the namespaces (daemons, runtimes, sockets): closed before they are deleted. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Why namespace tests cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        if (!LinuxNative.isAvailable()) {
            return Optional.of("native access unavailable: " + LinuxNative.unavailabilityCause().orElse("?"));
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("network namespace tests need root (running as " + System.getProperty("user.name") + ")");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return Optional.of("iproute2's ip command is not installed");
        }
        String probe = "vgl-lx-probe-" + ProcessHandle.current().pid();
        try {
            Result add = run(List.of("ip", "netns", "add", probe));
            if (add.exitCode() != 0) {
                return Optional.of("cannot create network namespaces: " + add.stderr().strip());
            }
            run(List.of("ip", "netns", "del", probe));
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            return Optional.of("cannot run ip: " + e);
        }
    }

    /** Skips the calling test, with the reason, when namespaces are unavailable. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipping network-namespace test: " + reason.orElse(""));
    }

    /** Creates a namespace with loopback up; returns its name. */
    public String namespace(String role) {
        String name = prefix + "-" + role;
        check("ip", "netns", "add", name);
        namespaces.add(name);
        exec(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /** A veth pair with one end in each namespace, both up. */
    public void veth(String namespaceA, String interfaceA, String namespaceB, String interfaceB) {
        check("ip", "link", "add", interfaceA, "netns", namespaceA, "type", "veth", "peer", "name", interfaceB,
                "netns", namespaceB);
        exec(namespaceA, "ip", "link", "set", interfaceA, "up");
        exec(namespaceB, "ip", "link", "set", interfaceB, "up");
    }

    /** A bridge in a namespace with the given member interfaces, all up. */
    public void bridge(String namespace, String bridge, String... members) {
        exec(namespace, "ip", "link", "add", bridge, "type", "bridge");
        for (String member : members) {
            exec(namespace, "ip", "link", "set", member, "master", bridge);
        }
        exec(namespace, "ip", "link", "set", bridge, "up");
    }

    /** Adds an address (e.g. "10.9.0.1/24", "fd00::1/64 nodad") to an interface. */
    public void address(String namespace, String interfaceName, String cidr, String... extra) {
        List<String> command = new ArrayList<>(List.of("ip", "addr", "add", cidr, "dev", interfaceName));
        command.addAll(List.of(extra));
        exec(namespace, command.toArray(String[]::new));
    }

    /** Sets a sysctl inside a namespace (e.g. net.ipv4.conf.all.arp_accept=1). */
    public void sysctl(String namespace, String key, String value) {
        exec(namespace, "sysctl", "-q", "-w", key + "=" + value);
    }

    /** Runs a command inside a namespace; returns stdout; fails the test on a non-zero exit. */
    public String exec(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return check(full.toArray(String[]::new));
    }

    /** Runs a host command; returns stdout; fails on a non-zero exit. */
    public static String check(String... command) {
        try {
            Result result = run(List.of(command));
            if (result.exitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
                        + result.stderr().strip());
            }
            return result.stdout();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** Exit code and output of a command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command with a timeout, capturing its output. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Has {@link #close()} close {@code resource} before it deletes the namespaces, the last
     * one registered first; returns it.
     */
    public <T extends AutoCloseable> T closeFirst(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Closes what {@link #closeFirst} registered, newest first (a failure is printed and the
     * rest still close), then deletes every namespace this lab created (their veths and
     * bridges go with them).
     */
    @Override
    public void close() {
        AutoCloseable resource;
        while ((resource = resources.poll()) != null) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("could not stop " + resource + ": " + e);
            }
        }
        for (String namespace : namespaces) {
            try {
                run(List.of("ip", "netns", "del", namespace));
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + namespace + ": " + e);
            }
        }
        namespaces.clear();
    }
}
