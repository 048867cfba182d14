package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole keepalived.conf, bound and validated: what the daemon builds its engines from.
 * Immutable; lists keep the order of the file.
 *
 * @param noEffect keywords keepalived knows that Vigil accepts but does not act on
 */
public record KeepalivedConfig(
        GlobalDefs globalDefs,
        List<VrrpScript> vrrpScripts,
        List<TrackFile> trackFiles,
        List<VrrpSyncGroup> vrrpSyncGroups,
        List<VrrpInstance> vrrpInstances,
        List<VirtualIpAddress> staticIpAddresses,
        List<IpRoute> staticRoutes,
        List<IpRule> staticRules,
        Optional<SslContext> ssl,
        List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers,
        List<InertKeyword> noEffect) {

    public KeepalivedConfig {
        Objects.requireNonNull(globalDefs, "globalDefs");
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        staticIpAddresses = List.copyOf(staticIpAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        Objects.requireNonNull(ssl, "ssl");
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        noEffect = List.copyOf(noEffect);
    }
}
