package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.ScriptUser;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptFile;
import dev.vigil.daemon.controller.ScriptSecurity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * keepalived's rules for every script it runs (notify.c {@code check_script_secure()},
 * {@code get_default_script_user()}), applied once when the configuration is adapted:
 * <ol>
 *   <li>the account: the script's own {@code user}, else the global {@code script_user}, else
 *       {@code keepalived_script} when the daemon is root and that account exists, else the
 *       daemon's own. With {@code enable_script_security} and neither a user nor a
 *       {@code keepalived_script} account, the script is refused (keepalived: "Unable to set
 *       default user keepalived_script"); an account that does not exist ("Invalid user") or
 *       that the daemon cannot switch to (it is not root) is refused too;</li>
 *   <li>the program must exist and be executable;</li>
 *   <li>run as root (user or group root, or a set-id-root program), a program a non-root user
 *       could change ({@link ScriptSecurity}) is refused under {@code enable_script_security},
 *       else allowed with a warning (keepalived: "Unsafe permissions found for script").</li>
 * </ol>
 * Refusals are {@link ScriptVerdict.Refused} values that the daemon logs once, counts in the
 * metrics and {@code vigil -t} prints with their file position ({@link ScriptAudit},
 * {@link ScriptReport}); nothing is dropped silently.
 *
 * <p>The file system is reached only through the injected inspector, whose answers are kept
 * per program, so every adapter sees the same verdict for the same script. Thread-safe.
 */
public final class ScriptPolicy {

    /** The account keepalived runs scripts as when no script_user is given, if it exists. */
    public static final String DEFAULT_ACCOUNT = "keepalived_script";

    private final Optional<ScriptUser> globalUser;
    private final boolean scriptSecurity;
    private final String currentUser;
    private final Predicate<String> accountExists;
    private final Optional<String> defaultAccount;
    private final Function<String, ScriptFile> inspector;
    private final Map<String, ScriptFile> inspected = new ConcurrentHashMap<>();

    /**
     * @param accountExists whether a user account of that name exists on this host
     * @param inspector     finds and inspects a program ({@link ScriptSecurity#inspect} for real)
     */
    public ScriptPolicy(Optional<ScriptUser> globalUser, boolean scriptSecurity, String currentUser,
                        Predicate<String> accountExists, Function<String, ScriptFile> inspector) {
        this.globalUser = Objects.requireNonNull(globalUser, "globalUser");
        this.scriptSecurity = scriptSecurity;
        this.currentUser = Objects.requireNonNull(currentUser, "currentUser");
        this.accountExists = Objects.requireNonNull(accountExists, "accountExists");
        this.defaultAccount = accountExists.test(DEFAULT_ACCOUNT) ? Optional.of(DEFAULT_ACCOUNT) : Optional.empty();
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /** The policy of {@code globals} on this host: the JVM's user, real accounts and files. */
    public static ScriptPolicy forHost(GlobalDefs globals) {
        return new ScriptPolicy(globals.scriptUser(), globals.enableScriptSecurity(),
                System.getProperty("user.name", ""), ScriptPolicy::accountExists, ScriptSecurity::inspect);
    }

    /** {@code enable_script_security}. */
    public boolean scriptSecurity() {
        return scriptSecurity;
    }

    /** The verdict for a script of {@code words} (program first) with its own account, if any. */
    public ScriptVerdict vet(List<String> words, Optional<ScriptUser> own) {
        Optional<ScriptUser> user = own.or(() -> globalUser);
        if (user.isEmpty() && "root".equals(currentUser)) {
            user = defaultAccount.map(account -> new ScriptUser(account, Optional.empty()));
            if (user.isEmpty() && scriptSecurity) {
                return new ScriptVerdict.Refused(RefusalReason.ACCOUNT, "enable_script_security is set, but no"
                        + " script_user is given and there is no " + DEFAULT_ACCOUNT + " account; set script_user in"
                        + " global_defs (or a user after the script)");
            }
        }
        if (user.isPresent() && !accountExists.test(user.get().user())) {
            return new ScriptVerdict.Refused(RefusalReason.ACCOUNT, "there is no user account "
                    + user.get().user());
        }
        ScriptCommand command = new ScriptCommand(words, user.map(ScriptUser::user), user.flatMap(ScriptUser::group));
        Optional<List<String>> line = command.commandLineFor(currentUser);
        if (line.isEmpty()) {
            return new ScriptVerdict.Refused(RefusalReason.ACCOUNT, "cannot run it as " + command.user().orElseThrow()
                    + ": the daemon runs as " + currentUser + ", not root");
        }
        if (isFileTest(words)) {
            return new ScriptVerdict.Allowed(command, line.get(), Optional.empty());
        }
        ScriptFile file = inspected.computeIfAbsent(words.getFirst(), inspector);
        return switch (file) {
            case ScriptFile.Missing missing -> new ScriptVerdict.Refused(RefusalReason.NOT_FOUND, missing.reason());
            case ScriptFile.Found found when !found.executable() ->
                    new ScriptVerdict.Refused(RefusalReason.NOT_EXECUTABLE, found.path() + " is not executable");
            case ScriptFile.Found found -> permissions(command, line.get(), found);
        };
    }

    /**
     * keepalived's {@code </path} form ("is the file openable", e.g. {@code </dev/tcp/127.0.0.1/80}):
     * no program is executed, so keepalived checks nothing (notify.c: {@code SC_SYSTEM}).
     */
    public static boolean isFileTest(List<String> words) {
        String first = words.getFirst();
        return first.startsWith("<") && first.substring(1).strip().startsWith("/");
    }

    private ScriptVerdict permissions(ScriptCommand command, List<String> line, ScriptFile.Found found) {
        boolean asRoot = command.user().map(u -> u.equals("root")).orElse("root".equals(currentUser))
                || command.group().map(g -> g.equals("root")).orElse(false) || found.rootSetId();
        if (!asRoot || found.unsafe().isEmpty()) {
            return new ScriptVerdict.Allowed(command, line, Optional.empty());
        }
        String unsafe = found.unsafe().get();
        if (scriptSecurity) {
            return new ScriptVerdict.Refused(RefusalReason.UNSAFE_PERMISSIONS, "it would run as root, but " + unsafe
                    + " (enable_script_security); make it root-owned and not writable by others, or run it as"
                    + " another user");
        }
        return new ScriptVerdict.Allowed(command, line, Optional.of("runs as root, but " + unsafe
                + " (keepalived: Unsafe permissions found; enable_script_security would refuse it)"));
    }

    /** Whether this host has a user account {@code name} (getpwnam through the JDK). */
    private static boolean accountExists(String name) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
