package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.ScriptUser;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptSecurity;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's rules for running a configured script as a user: the script's own
 * {@code user}, else the global {@code script_user}, else the daemon's own account. When the
 * script would run as root and {@code enable_script_security} is set, a script that a
 * non-root user could change is refused (keepalived: "Unsafe permissions found for script
 * … - disabling"); without script security, root-run scripts are allowed but reported once,
 * as keepalived's "SECURITY VIOLATION" warning is. Refusals are issues, never silent.
 */
record ScriptPolicy(Optional<ScriptUser> globalUser, boolean scriptSecurity, String currentUser) {

    /**
     * The argv to run for {@code words} (prefixed with {@code runuser} when another account is
     * wanted), or empty when the script must not run; the reason goes to {@code issues}.
     */
    Optional<List<String>> commandLine(List<String> words, Optional<ScriptUser> own, String subject,
                                       List<AdaptIssue> issues) {
        Optional<ScriptUser> user = own.or(() -> globalUser);
        ScriptCommand command = new ScriptCommand(words, user.map(ScriptUser::user), user.flatMap(ScriptUser::group));
        Optional<List<String>> line = command.commandLineFor(currentUser);
        if (line.isEmpty()) {
            issues.add(new AdaptIssue(subject, "cannot run it as " + user.map(ScriptUser::user).orElse("?")
                    + ": the daemon runs as " + currentUser + ", not root; refusing the script"));
            return Optional.empty();
        }
        boolean asRoot = user.map(u -> u.user().equals("root")).orElse("root".equals(currentUser));
        if (asRoot) {
            if (scriptSecurity) {
                Optional<String> problem = ScriptSecurity.problem(words.getFirst());
                if (problem.isPresent()) {
                    issues.add(new AdaptIssue(subject, problem.get() + " (enable_script_security); refusing the script"));
                    return Optional.empty();
                }
            } else {
                issues.add(new AdaptIssue(subject, "runs as root without enable_script_security"
                        + " (keepalived: SECURITY VIOLATION); consider enable_script_security and script_user"));
            }
        }
        return line;
    }
}
