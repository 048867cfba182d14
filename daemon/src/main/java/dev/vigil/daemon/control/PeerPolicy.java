package dev.vigil.daemon.control;

import java.io.IOException;
import jdk.net.UnixDomainPrincipal;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * Who may use the control socket, decided from the peer's credentials (SO_PEERCRED, read with
 * {@code ExtendedSocketOptions.SO_PEERCRED}). The socket file's mode 0600 already keeps other
 * users out; this check also holds when an operator loosens the file mode.
 */
@FunctionalInterface
public interface PeerPolicy {

    /** Whether {@code peer} may send commands. */
    boolean allows(UnixDomainPrincipal peer);

    /**
     * Root, and the user the daemon runs as ({@code daemonUser}, the owner of the socket file
     * it created). Principals compare by numeric uid.
     */
    static PeerPolicy rootOrSelf(UserPrincipal daemonUser) {
        Optional<UserPrincipal> root = lookupRoot();
        return peer -> peer.user().equals(daemonUser) || root.map(peer.user()::equals).orElse(false);
    }

    private static Optional<UserPrincipal> lookupRoot() {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        } catch (IOException e) {
            // No passwd entry for root (minimal containers): only the daemon's own user is allowed.
            return Optional.empty();
        }
    }
}
