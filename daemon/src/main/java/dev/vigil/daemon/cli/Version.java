package dev.vigil.daemon.cli;

/** The version Maven stamped into the daemon jar's manifest. */
final class Version {

    private Version() {
    }

    static String current() {
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "(development build)";
    }
}
