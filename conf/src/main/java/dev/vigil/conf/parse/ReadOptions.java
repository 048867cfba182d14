package dev.vigil.conf.parse;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a configuration: the inputs that keepalived takes from its command line and
 * environment.
 *
 * @param configId keepalived's config id ({@code -i}): {@code @ID} lines and {@code ${_INSTANCE}};
 *     empty for none, when every {@code @ID} line is dropped and every {@code @^ID} line kept
 * @param environment the variables {@code ${_ENV NAME}} reads
 * @param randomSeed the seed of {@code ${_RANDOM}}; the same seed gives the same numbers
 * @param allConfig keepalived's {@code -e/--all-config}: every include problem is fatal
 * @param maxIncludeDepth how deeply includes may nest (keepalived has no limit and loops on
 *     a file that includes itself; Vigil reports cycles and refuses deeper nesting)
 * @param maxGeneratedLines how many lines {@code ~SEQ}/{@code ~LST} and multi-line definitions
 *     may produce in one read
 */
public record ReadOptions(String configId, Map<String, String> environment, long randomSeed, boolean allConfig,
        int maxIncludeDepth, int maxGeneratedLines) {

    /** Real configurations include two or three levels; 32 leaves room and still stops runaway nesting. */
    public static final int DEFAULT_MAX_INCLUDE_DEPTH = 32;
    /**
     * keepalived.conf(5)'s largest example makes 65,024 instances of about 14 lines each
     * (about 910,000 lines); twice that still fits in memory comfortably.
     */
    public static final int DEFAULT_MAX_GENERATED_LINES = 2_000_000;

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    public ReadOptions {
        Objects.requireNonNull(configId, "configId");
        environment = Map.copyOf(environment);
        if (maxIncludeDepth < 1 || maxGeneratedLines < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxIncludeDepth + ", " + maxGeneratedLines);
        }
    }

    /** Options with the given config id and environment, seed 0 and default limits (tests, tools). */
    public static ReadOptions of(String configId, Map<String, String> environment) {
        return new ReadOptions(configId, environment, 0, false, DEFAULT_MAX_INCLUDE_DEPTH, DEFAULT_MAX_GENERATED_LINES);
    }

    /** What keepalived uses without options: the host's config id, the process environment, a fresh seed. */
    public static ReadOptions defaults() {
        return new ReadOptions(defaultConfigId(), System.getenv(), new SecureRandom().nextLong(), false,
                DEFAULT_MAX_INCLUDE_DEPTH, DEFAULT_MAX_GENERATED_LINES);
    }

    /**
     * keepalived's default config id: the node name (uname; in Linux the UTS host name) up to
     * its first dot. Reads {@code /proc/sys/kernel/hostname}, falling back to the JDK's host
     * name; empty when neither is available.
     */
    public static String defaultConfigId() {
        String host;
        try {
            host = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).strip();
        } catch (IOException | SecurityException e) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException | SecurityException e2) {
                host = "";
            }
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    public ReadOptions withConfigId(String id) {
        return new ReadOptions(id, environment, randomSeed, allConfig, maxIncludeDepth, maxGeneratedLines);
    }

    public ReadOptions withRandomSeed(long seed) {
        return new ReadOptions(configId, environment, seed, allConfig, maxIncludeDepth, maxGeneratedLines);
    }

    public ReadOptions withAllConfig(boolean all) {
        return new ReadOptions(configId, environment, randomSeed, all, maxIncludeDepth, maxGeneratedLines);
    }

    public ReadOptions withLimits(int includeDepth, int generatedLines) {
        return new ReadOptions(configId, environment, randomSeed, allConfig, includeDepth, generatedLines);
    }
}
