package dev.vigil.vrrp.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What {@link VrrpRuntime#reconfigure} did.
 *
 * @param instances      the instances kept (with their VIP diffs), removed and added
 * @param scriptsKept    tracked scripts that ran on with their rise/fall state
 * @param scriptsStarted tracked scripts started (new, or changed definition)
 * @param scriptsStopped tracked scripts stopped (no longer tracked, or changed definition)
 * @param filesStarted   tracked files set up and watched (new, or changed definition)
 * @param filesStopped   tracked files no longer watched
 * @param groupsBuilt    sync groups built (new, or with other members) and settled
 * @param groupsRemoved  sync groups taken apart (gone, or rebuilt with other members)
 */
public record Reconfiguration(InstanceDiff instances, List<String> scriptsKept, List<String> scriptsStarted,
                              List<String> scriptsStopped, List<String> filesStarted, List<String> filesStopped,
                              List<String> groupsBuilt, List<String> groupsRemoved) {

    public Reconfiguration {
        Objects.requireNonNull(instances, "instances");
        scriptsKept = List.copyOf(scriptsKept);
        scriptsStarted = List.copyOf(scriptsStarted);
        scriptsStopped = List.copyOf(scriptsStopped);
        filesStarted = List.copyOf(filesStarted);
        filesStopped = List.copyOf(filesStopped);
        groupsBuilt = List.copyOf(groupsBuilt);
        groupsRemoved = List.copyOf(groupsRemoved);
    }

    /** Whether the reload changed nothing at all. */
    public boolean isEmpty() {
        return instances.isEmpty() && scriptsStarted.isEmpty() && scriptsStopped.isEmpty() && filesStarted.isEmpty()
                && filesStopped.isEmpty() && groupsBuilt.isEmpty() && groupsRemoved.isEmpty();
    }
}
