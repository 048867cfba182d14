package dev.vigil.packaging;

import java.nio.file.Path;

/**
 * Where the build put what these tests check: the packaging pom passes each location to the
 * test JVM as a system property (see its surefire configuration).
 */
public final class Build {

    private Build() {
    }

    /** The project version, e.g. 0.1.0-SNAPSHOT. */
    public static String version() {
        return property("vigil.version");
    }

    /** The Debian version dpkg sees (jdeb writes a Maven "-SNAPSHOT" as "~SNAPSHOT", which sorts before the release). */
    public static String debianVersion() {
        return version().replace("-SNAPSHOT", "~SNAPSHOT");
    }

    public static Path deb() {
        return path("vigil.deb");
    }

    /** target/vigil/lib: every jar the distribution ships. */
    public static Path lib() {
        return path("vigil.lib");
    }

    public static Path tarball() {
        return path("vigil.tarball");
    }

    /** The tarball's top directory, vigil-VERSION. */
    public static String distributionName() {
        return property("vigil.dist.name");
    }

    /** packaging/src/main/dist: launcher, unit, man page, default file. */
    public static Path distributionSources() {
        return path("vigil.source");
    }

    /** packaging/src/deb/control: the control file and maintainer scripts. */
    public static Path controlSources() {
        return path("vigil.control");
    }

    /** The repository's docs folder. */
    public static Path docs() {
        return path("vigil.docs");
    }

    private static Path path(String key) {
        return Path.of(property(key)).toAbsolutePath().normalize();
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + key + " is not set: run these tests through Maven "
                    + "(mvn -pl packaging -am verify), whose packaging pom sets it");
        }
        return value;
    }
}
